"""Whole responses of the public portal, kept while the database has not changed.

Every visitor of the public portal (/public/) sees the same page for the same address,
and a page changes only when something is written, so the store's revision (raised by every write
transaction, whatever it changes) is the version. The staff app's pages carry the user's name
and forms and are always rendered afresh. The cache sits inside the session middleware:
a cached body never holds a cookie, and each visitor still gets their own session.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import date

from fastapi import FastAPI, Request, Response
from starlette.concurrency import run_in_threadpool

from planwatch.store import Store

_KEPT = 512
_Key = tuple[str, str, bool, date, int]


class PageCache:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.pages: OrderedDict[_Key, tuple[bytes, int, list[tuple[bytes, bytes]]]] = OrderedDict()

    def version(self) -> int:
        return self.store.revision()


def install(app: FastAPI, store: Store, wants_json: Callable[[Request], bool]) -> None:
    cache = PageCache(store)

    @app.middleware("http")
    async def anonymous_pages(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # The portal's pages name no one and hold no form: the same for every visitor, signed in or not.
        if request.method != "GET" or not request.url.path.startswith("/public"):
            return await call_next(request)
        version = await run_in_threadpool(cache.version)
        # today's date too: a page without ?as_of= is evaluated as of today
        key = (request.url.path, request.url.query, wants_json(request), date.today(), version)
        kept = cache.pages.get(key)
        if kept is not None:
            return _replay(*kept)
        response = await call_next(request)
        if response.status_code != 200 or "set-cookie" in response.headers:
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
        headers = [(k, v) for k, v in response.raw_headers if k.lower() != b"content-length"]
        cache.pages[key] = (body, response.status_code, headers)
        if len(cache.pages) > _KEPT:
            cache.pages.popitem(last=False)
        return _replay(body, response.status_code, headers)


def _replay(body: bytes, status: int, headers: list[tuple[bytes, bytes]]) -> Response:
    response = Response(content=body, status_code=status)
    response.raw_headers = [*headers, (b"content-length", str(len(body)).encode())]
    return response
