"""Security headers on every response, and the one place unexpected errors are turned into a page.

The Content-Security-Policy allows scripts only from this site (`script-src 'self'`: no inline
script, so an injected `<script>` or `onerror=` never runs), no framing (`frame-ancestors 'none'`),
forms posting only here. Styles may be inline: ECharts positions its tooltips with them.
An error nobody foresaw is logged once, with its traceback, and answered with a Chinese 500 page:
the connection stays open and nothing of the traceback reaches the visitor.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Final

from fastapi import FastAPI, Request, Response

log = logging.getLogger("planwatch.web")

CSP: Final = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS: Final = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
)

Fallback = Callable[[Request], Response]


def install(app: FastAPI, unexpected: Fallback) -> None:
    """Add the headers to every response (cached ones too: this runs outermost)."""

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        try:
            response = await call_next(request)
        except Exception:
            log.exception("unexpected error on %s", request.url.path)
            response = unexpected(request)
        names = {name for name, _ in response.raw_headers}
        response.raw_headers.extend((name, value) for name, value in HEADERS if name not in names)
        return response
