"""Whole responses for anonymous readers, kept while the database has not changed.

Every anonymous visitor of a public site sees the same page for the same address, and a
page changes only when something is written, so the store's revision (raised by every write
transaction, whatever it changes) is the version. Signed-in users' pages carry their name
and forms and are always rendered afresh. The cache sits inside the session middleware:
a cached body never holds a cookie, and each visitor still gets their own session.

A page is kept under its path and the query parameters its route reads, nothing else: `?y=1`,
`?y=2`, … are one page, not thousands. The cache is bounded in bytes (PLANWATCH_PAGE_CACHE_MB),
the least recently used pages going first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import date

from fastapi import FastAPI, Request, Response
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from planwatch import config
from planwatch.present.web import auth
from planwatch.store import Store

_Key = tuple[str, tuple[tuple[str, str], ...], bool, date, int]
_Page = tuple[bytes, int, list[tuple[bytes, bytes]]]
_OVERHEAD = 512  # bytes a kept page costs beyond its body: key, headers, bookkeeping


class PageCache:
    def __init__(self, store: Store, limit_bytes: int) -> None:
        self.store = store
        self.limit = limit_bytes
        self.pages: OrderedDict[_Key, _Page] = OrderedDict()
        self.size = 0
        self._lock = threading.Lock()

    def version(self) -> int:
        return self.store.revision()

    def get(self, key: _Key) -> _Page | None:
        with self._lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: _Key, page: _Page) -> None:
        cost = _cost(page)
        if cost > self.limit // 8:  # one huge page must not push out all the others
            return
        with self._lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.size -= _cost(old)
            self.pages[key] = page
            self.size += cost
            while self.size > self.limit and self.pages:
                _, evicted = self.pages.popitem(last=False)
                self.size -= _cost(evicted)


def _cost(page: _Page) -> int:
    body, _, headers = page
    return len(body) + sum(len(k) + len(v) for k, v in headers) + _OVERHEAD


def known_parameters(app: FastAPI) -> frozenset[str]:
    """The query parameters some page reads: the only ones that make a page differ."""
    names: set[str] = set()
    for route in app.routes:
        if isinstance(route, APIRoute) and route.methods and "GET" in route.methods:
            names |= {p.alias for p in route.dependant.query_params}
    return frozenset(names)


def install(app: FastAPI, store: Store, wants_json: Callable[[Request], bool]) -> None:
    cache = PageCache(store, config.PAGE_CACHE_MB.integer(minimum=1) * 1024 * 1024)
    known: list[frozenset[str]] = []  # filled on first use: routes are added after the middleware

    @app.middleware("http")
    async def anonymous_pages(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.method != "GET" or not request.url.path.startswith("/plans") or auth.user_of(request):
            return await call_next(request)
        if not known:
            known.append(known_parameters(request.app))
        version = await run_in_threadpool(cache.version)
        parameters = tuple(sorted((k, v) for k, v in request.query_params.multi_items() if k in known[0]))
        # today's date too: a page without ?as_of= is evaluated as of today
        key = (request.url.path, parameters, wants_json(request), date.today(), version)
        kept = cache.get(key)
        if kept is not None:
            return _replay(*kept)
        response = await call_next(request)
        if response.status_code != 200 or "set-cookie" in response.headers:
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
        headers = [(k, v) for k, v in response.raw_headers if k.lower() != b"content-length"]
        cache.put(key, (body, response.status_code, headers))
        return _replay(body, response.status_code, headers)


def _replay(body: bytes, status: int, headers: list[tuple[bytes, bytes]]) -> Response:
    response = Response(content=body, status_code=status)
    response.raw_headers = [*headers, (b"content-length", str(len(body)).encode())]
    return response
