"""Signing in: a CSRF token per visitor, and the signed-in user's session, kept in the database.

The cookie holds the visitor's CSRF token and, once signed in, a random session token, signed
(itsdangerous) with `PLANWATCH_SECRET_KEY` or a random key kept in the data directory; it is HttpOnly,
SameSite=Lax and, when served over https, Secure. The session itself lives in the database
(`planwatch.services.sessions`): logging out, a password change, an account disabled or an
administrator ends it at once, and so does its idle or absolute timeout — a copied cookie is then
worth nothing. Every POST carries the CSRF token (`csrf_token`); `read_form` checks it.

Who may write what is decided by the services (`planwatch.services.permissions`), for the web and
the CLI alike; here a request only gets its acting user. The staff app always requires signing in:
anonymous visitors of its pages are sent to /login and its JSON twins answer 401. The public sees the
portal under /public/ (approved figures only, `present.web.public`), open to anyone.
"""

from __future__ import annotations

import hmac
import io
import os
import secrets
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, MutableHeaders, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from planwatch import config
from planwatch.errors import PlanwatchError
from planwatch.services.actor import Actor
from planwatch.services.sessions import SignedIn, session_actor
from planwatch.store import Store

COOKIE: Final = "planwatch_session"
CSRF_FIELD: Final = "csrf_token"
FORM_LIMIT: Final = 64 * 1024  # a form without a file
SECRET_FILE: Final = "secret_key"


class WebError(PlanwatchError):
    """An error with its HTTP status, shown in Chinese."""

    status = 400


class SignInRequired(WebError):
    status = 401


class Forbidden(WebError):
    status = 403


class TooLarge(WebError):
    status = 413


@dataclass(slots=True)
class Session:
    token: str | None  # the database session's token, once signed in
    csrf: str
    dirty: bool = False  # the cookie must be (re)sent


def upload_limit() -> int:
    """Bytes an upload may have (PLANWATCH_UPLOAD_MB)."""
    return config.UPLOAD_MB.integer(minimum=1) * 1024 * 1024


def session_seconds() -> int:
    return config.SESSION_HOURS.integer(minimum=1) * 3600


def secret_key() -> str:
    """`PLANWATCH_SECRET_KEY`, else a random key made once and kept (mode 600) in the data directory."""
    if configured := config.SECRET_KEY.value():
        return configured
    path = config.data_home() / SECRET_FILE
    if not path.exists():
        # Written aside and linked into place: several server workers starting at once all read
        # one complete key, never an empty file another worker is still writing.
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{SECRET_FILE}.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(secrets.token_urlsafe(48))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another worker published its key first: use that one
        finally:
            draft.unlink(missing_ok=True)
    return Path(path).read_text(encoding="utf-8").strip()


class Sessions:
    """The cookie: the CSRF token and the session token, signed; it outlives no session."""

    def __init__(self, key: str) -> None:
        self._serializer = URLSafeTimedSerializer(key, salt="planwatch-session")
        self._seconds = session_seconds()

    def load(self, request: Request) -> Session:
        raw = request.cookies.get(COOKIE)
        if raw:
            try:
                data = self._serializer.loads(raw, max_age=self._seconds)
            except BadSignature:  # also an expired one
                data = None
            if isinstance(data, dict) and isinstance(data.get("c"), str):
                token = data.get("t")
                return Session(token if isinstance(token, str) else None, data["c"])
        return Session(None, secrets.token_urlsafe(32), dirty=True)

    def cookie(self, request: Request, session: Session) -> str:
        """The Set-Cookie header's value for this session."""
        carrier = Response()
        carrier.set_cookie(
            COOKIE,
            self._serializer.dumps({"t": session.token, "c": session.csrf}),
            max_age=self._seconds,
            path="/",
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
        return carrier.headers["set-cookie"]


def sign_in(request: Request, signed: SignedIn) -> None:
    """The new session in the cookie, with a new CSRF token: a token seen before signing in is worthless."""
    session = session_of(request)
    session.token, session.csrf, session.dirty = signed.token, secrets.token_urlsafe(32), True
    request.state.user = signed.actor


def sign_out(request: Request) -> str | None:
    """Forget the session in the cookie; returns its token, for the service to end it."""
    session = session_of(request)
    token = session.token
    session.token, session.csrf, session.dirty = None, secrets.token_urlsafe(32), True
    request.state.user = None
    return token


def session_of(request: Request) -> Session:
    session: Session = request.state.session
    return session


def user_of(request: Request) -> Actor | None:
    """The signed-in user as the actor every service takes; None for an anonymous visitor."""
    user: Actor | None = getattr(request.state, "user", None)
    return user


def csrf_token(request: Request) -> str:
    session: Session | None = getattr(request.state, "session", None)
    return session.csrf if session is not None else ""


def require_user(request: Request) -> Actor:
    user = user_of(request)
    if user is None:
        raise SignInRequired("请先登录")
    return user


def require_role(request: Request, *roles: str) -> Actor:
    user = require_user(request)
    if user.role not in roles:
        raise Forbidden("您的账号没有进行此操作的权限")
    return user


# ---- forms -----------------------------------------------------------------------------------------------


def store_of(request: Request) -> Store:
    """The app's store (one per app, opened by create_app)."""
    store: Store = request.app.state.store
    return store


async def plan_form(
    request: Request, plan: str, limit: int = FORM_LIMIT, max_fields: int = 50
) -> tuple[FormData, Store, Actor, int]:
    """What every write on a plan starts with: the form read (size, fields, CSRF token checked), the
    signed-in user, and the plan the path names."""
    form = await read_form(request, limit, max_fields)
    store, actor = store_of(request), require_user(request)
    plan_id = await run_in_threadpool(store.resolve, plan)
    return form, store, actor, plan_id


async def read_form(request: Request, limit: int = FORM_LIMIT, max_fields: int = 50) -> FormData:
    """The POSTed form, read up to `limit` bytes (413 beyond) and `max_fields` fields (a selection of
    many figures needs more), with its CSRF token checked (403)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(_too_large(limit))
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise TooLarge(_too_large(limit))
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        try:
            form = await MultiPartParser(
                request.headers, _replay(bytes(body)), max_files=1, max_fields=max_fields, max_part_size=limit
            ).parse()
        except MultiPartException as error:  # two files, thousands of fields, a broken boundary
            raise WebError(f"表单格式有误：{_form_problem(str(error))}") from None
        form = await _in_memory(form)
    elif content_type.startswith("application/x-www-form-urlencoded"):
        try:
            form = await FormParser(request.headers, _replay(bytes(body)), max_fields=max_fields).parse()
        except MultiPartException as error:
            raise WebError(f"表单格式有误：{_form_problem(str(error))}") from None
    else:
        form = FormData()
    sent = form.get(CSRF_FIELD)
    expected = csrf_token(request)
    if not isinstance(sent, str) or not expected or not hmac.compare_digest(sent, expected):
        raise Forbidden("表单已失效或来源不明（CSRF 校验失败），请刷新页面后重试")
    return form


async def _in_memory(form: FormData) -> FormData:
    """The form with each uploaded file read into memory and its spooled temporary file closed."""
    items: list[tuple[str, str | UploadFile]] = []
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            content = await value.read()
            await value.close()
            value = UploadFile(io.BytesIO(content), size=len(content), filename=value.filename)
        items.append((name, value))
    return FormData(items)


def _form_problem(message: str) -> str:
    """Starlette's reason in Chinese: only its numbers are kept, never its English."""
    if "files" in message:
        return "一次只能上传一个文件"
    if "fields" in message:
        return "字段过多"
    return "无法解析提交的表单"


def _too_large(limit: int) -> str:
    return f"提交的内容过大：上传文件不能超过 {limit // (1024 * 1024) or 1} MB"


async def _replay(body: bytes) -> AsyncGenerator[bytes, None]:
    yield body
    yield b""


def field(form: FormData, name: str, limit: int = 500) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def client_address(request: Request) -> str:
    """The visitor's address as the server saw it. `planwatch serve` lets uvicorn replace it from
    X-Forwarded-For only for requests from PLANWATCH_TRUSTED_PROXIES (by default nobody)."""
    return request.client.host if request.client else ""


def safe_next(target: str) -> str:
    """Where to go after signing in: a path of this site only (no `//evil.example`)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


# ---- the middleware ------------------------------------------------------------------------------------

Denied = Callable[[Request], Response]


class SessionMiddleware:
    """Loads the session and its user into the request's state; sends anonymous visitors of the staff
    app to `denied`; (re)sends the cookie when the request changed it. Plain ASGI: one middleware
    layer of Starlette's `BaseHTTPMiddleware` costs every request a task group and a stream."""

    def __init__(self, app: ASGIApp, store: Store, sessions: Sessions, denied: Denied) -> None:
        self.app = app
        self.store = store
        self.sessions = sessions
        self.denied = denied

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        session = self.sessions.load(request)
        request.state.session = session  # scope["state"]: every Request made of this scope sees it
        user = await run_in_threadpool(session_actor, self.store, session.token) if session.token else None
        if session.token and user is None:  # ended: logged out, timed out, revoked, account disabled
            session.token, session.dirty = None, True
        request.state.user = user

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start" and session.dirty:  # read when the answer starts
                headers = MutableHeaders(scope=message)
                headers.append("set-cookie", self.sessions.cookie(request, session))
            await send(message)

        if user is None and not is_open(scope["path"]):
            await self.denied(request)(scope, receive, sending)
        else:
            await self.app(scope, receive, sending)


def install(app: FastAPI, store: Store, *, key: str, denied: Denied) -> None:
    """Load the session and user for every request; send anonymous visitors of the staff app to `denied`."""
    app.add_middleware(SessionMiddleware, store=store, sessions=Sessions(key), denied=denied)


def is_open(path: str) -> bool:
    """Paths anyone may open: signing in, the static files, the home page (it sends an anonymous
    visitor to the portal) and the public portal."""
    return (
        path in ("/", "/login", "/login.json", "/public", "/public.json")
        or path.startswith("/static/")
        or path.startswith("/public/")
    )


def login_redirect(request: Request) -> str:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?next=" + quote(target, safe="")
