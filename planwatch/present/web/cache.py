"""The public portal's answers (/public/…), kept whole while the database has not changed.

Every visitor of the portal sees the same answer for the same address: its pages name no one and
hold no form. An answer changes only when something is written, so the store's revision (raised by
every write transaction, whatever it changes) and the day (a page is evaluated as of today) are
its version: the ETag, and the key of the kept answers. A kept answer is sent without touching the
rest of the app (no session, no rendering); a browser or proxy that sends the ETag back gets 304.
Answers carry `Cache-Control: public, max-age=PLANWATCH_PORTAL_MAX_AGE` and never a cookie.

An answer is kept under its path and the query parameters some route reads, nothing else: `?y=1`,
`?y=2`, … are one answer, not thousands. The kept answers are bounded in bytes
(PLANWATCH_PAGE_CACHE_MB), the least recently used going first; one answer larger than an eighth
of the bound is sent but not kept, so it cannot push out all the others.

A plain ASGI middleware, installed outermost: the portal's hot path is one revision query.
The staff app's pages carry the user's name and forms and are always rendered afresh.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from urllib.parse import parse_qsl

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from planwatch import config
from planwatch.store import Store

PREFIX = "/public"
_OVERHEAD = 512  # bytes a kept answer costs beyond its body: key, headers, bookkeeping
_Key = tuple[str, tuple[tuple[str, str], ...], bytes, date, int]
_Answer = tuple[int, list[tuple[bytes, bytes]], bytes]


class KeptAnswers:
    """Least recently used answers, bounded in bytes. Used from the event loop only."""

    def __init__(self, limit_bytes: int) -> None:
        self.limit = limit_bytes
        self.answers: OrderedDict[_Key, _Answer] = OrderedDict()
        self.size = 0

    def get(self, key: _Key) -> _Answer | None:
        answer = self.answers.get(key)
        if answer is not None:
            self.answers.move_to_end(key)
        return answer

    def put(self, key: _Key, answer: _Answer) -> None:
        cost = _cost(answer)
        if cost > self.limit // 8:
            return
        old = self.answers.pop(key, None)
        if old is not None:
            self.size -= _cost(old)
        self.answers[key] = answer
        self.size += cost
        while self.size > self.limit and self.answers:
            _, evicted = self.answers.popitem(last=False)
            self.size -= _cost(evicted)


def _cost(answer: _Answer) -> int:
    _, headers, body = answer
    return len(body) + sum(len(k) + len(v) for k, v in headers) + _OVERHEAD


class PortalCache:
    def __init__(self, app: ASGIApp, store: Store) -> None:
        self.app = app
        self.store = store
        self.kept = KeptAnswers(config.PAGE_CACHE_MB.integer(minimum=1) * 1024 * 1024)
        self._known: frozenset[str] | None = None  # routes are added after the middleware

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
        key = (scope["path"], self._parameters(scope), headers.get(b"accept", b""), today, revision)
        kept = self.kept.get(key)
        if kept is None:
            kept = await self._answer(scope, receive, common)
            if kept[0] == 200:
                self.kept.put(key, kept)
        await _send(send, *kept)

    def _parameters(self, scope: Scope) -> tuple[tuple[str, str], ...]:
        """The query parameters some route reads, sorted: the only ones that make answers differ."""
        if self._known is None:
            self._known = known_parameters(scope["app"]) if "app" in scope else frozenset()
        query = scope["query_string"].decode("latin-1")
        return tuple(sorted((k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k in self._known))

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


def known_parameters(app: FastAPI) -> frozenset[str]:
    """The query parameters some GET route reads."""
    names: set[str] = set()
    for route in app.routes:
        if isinstance(route, APIRoute) and route.methods and "GET" in route.methods:
            names |= {p.alias for p in route.dependant.query_params}
    return frozenset(names)


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    length = [(b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + length})
    await send({"type": "http.response.body", "body": body})


def _max_age() -> int:
    return config.PORTAL_MAX_AGE.integer()


def install(app: FastAPI, store: Store) -> None:
    """Outermost: add it after every other middleware."""
    app.add_middleware(PortalCache, store=store)
