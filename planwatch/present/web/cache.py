"""The public portal's answers (/public/…), kept whole while the database has not changed.

Every visitor of the portal sees the same answer for the same address: its pages name no one and
hold no form. An answer changes only when something is written, so the store's revision (raised by
every write transaction, whatever it changes) and the day (a page is evaluated as of today) are
its version: the ETag, and the key of the kept answers. A kept answer is sent without touching the
rest of the app (no session, no rendering); a browser or proxy that sends the ETag back gets 304.
Answers carry `Cache-Control: public, max-age=PLANWATCH_PORTAL_MAX_AGE` and never a cookie.

A plain ASGI middleware, installed outermost: the portal's hot path is one revision query.
The staff app's pages carry the user's name and forms and are always rendered afresh.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from planwatch import config
from planwatch.store import Store

_KEPT = 512
PREFIX = "/public"
_Key = tuple[str, bytes, bytes, date, int]
_Answer = tuple[int, list[tuple[bytes, bytes]], bytes]


class PortalCache:
    def __init__(self, app: ASGIApp, store: Store) -> None:
        self.app = app
        self.store = store
        self.kept: OrderedDict[_Key, _Answer] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(PREFIX) or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        revision = await run_in_threadpool(self.store.revision)
        today = date.today()
        etag = f'W/"{revision}-{today.isoformat()}"'.encode()
        headers = dict(scope["headers"])
        common = [(b"etag", etag), (b"cache-control", f"public, max-age={_max_age()}".encode())]
        if headers.get(b"if-none-match") == etag:
            await _send(send, 304, common, b"")
            return
        key = (scope["path"], scope["query_string"], headers.get(b"accept", b""), today, revision)
        kept = self.kept.get(key)
        if kept is None:
            kept = await self._answer(scope, receive, common)
            if kept[0] == 200:
                self.kept[key] = kept
                if len(self.kept) > _KEPT:
                    self.kept.popitem(last=False)
        await _send(send, *kept)

    async def _answer(self, scope: Scope, receive: Receive, common: list[tuple[bytes, bytes]]) -> _Answer:
        """The app's answer, whole, without its cookies; the caching headers on a 200."""
        status, kept_headers, body = 500, [], bytearray()

        async def collect(message: Message) -> None:
            nonlocal status, kept_headers
            if message["type"] == "http.response.start":
                status = message["status"]
                kept_headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in (b"set-cookie", b"content-length")
                ]
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))

        await self.app(scope, receive, collect)
        return status, kept_headers + (common if status == 200 else []), bytes(body)


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    length = [(b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + length})
    await send({"type": "http.response.body", "body": body})


def _max_age() -> int:
    return config.PORTAL_MAX_AGE.integer()


def install(app: FastAPI, store: Store) -> None:
    """Outermost: add it after every other middleware."""
    app.add_middleware(PortalCache, store=store)
