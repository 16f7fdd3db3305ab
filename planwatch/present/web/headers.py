"""Security headers on every response, and the one place unexpected errors are turned into a page.

The Content-Security-Policy allows scripts only from this site (`script-src 'self'`: no inline
script, so an injected `<script>` or `onerror=` never runs), no framing (`frame-ancestors 'none'`),
forms posting only here. Styles may be inline: ECharts positions its tooltips with them.
An error nobody foresaw is logged once, with its traceback, and answered with a Chinese 500 page:
the connection stays open and nothing of the traceback reaches the visitor.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Final

from fastapi import FastAPI, Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


class SecurityHeaders:
    """Plain ASGI, outermost: the headers go on every answer, a kept portal page's too."""

    def __init__(self, app: ASGIApp, unexpected: Fallback) -> None:
        self.app = app
        self.unexpected = unexpected

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers.extend((name, value) for name, value in HEADERS if name not in names)
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception:
            log.exception("unexpected error on %s", scope["path"])
            if started:  # half an answer is out: nothing to replace it with but a dropped connection
                raise
            await self.unexpected(Request(scope))(scope, receive, sending)


def install(app: FastAPI, unexpected: Fallback) -> None:
    """Add the headers to every response (cached ones too: this runs outermost)."""
    app.add_middleware(SecurityHeaders, unexpected=unexpected)
