"""Signing in and out, one's own password, and (administrators) the sessions that are open.

Each handler parses the form and calls one service (`planwatch.services.sessions`, `users`); the
sessions live in the database, so ending one here ends it for every copy of its cookie.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from planwatch.present.pages.sessions import sessions_data
from planwatch.present.web import auth
from planwatch.services import sessions, users

Render = Callable[..., Response]


def register(app: FastAPI, render: Render) -> None:

    @app.get("/login", include_in_schema=False)
    def login_page(request: Request, next: str = "/") -> Response:
        return render(request, "web/login.html", {"next": auth.safe_next(next), "error": None})

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await auth.read_form(request)
        name, password = auth.field(form, "name", 100), auth.field(form, "password", 1000)
        target = auth.safe_next(auth.field(form, "next", 2000) or "/")
        address = auth.client_address(request)
        agent = request.headers.get("user-agent", "")
        try:
            signed = await run_in_threadpool(
                sessions.sign_in, auth.store_of(request), name, password, address, agent
            )
        except sessions.TooManyAttempts as refused:
            data = {"next": target, "error": str(refused), "name": name}
            return render(request, "web/login.html", data, 429)
        if signed is None:
            data = {"next": target, "error": "用户名或密码错误", "name": name}
            return render(request, "web/login.html", data, 401)
        auth.sign_in(request, signed)
        return RedirectResponse(target, status_code=303)

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        await auth.read_form(request)
        token = auth.sign_out(request)
        if token:
            await run_in_threadpool(sessions.sign_out, auth.store_of(request), token)
        return RedirectResponse("/login", status_code=303)

    @app.get("/account", include_in_schema=False)
    @app.get("/account.json", include_in_schema=False)
    def account(request: Request) -> Response:
        actor = auth.require_user(request)
        data = {"user": {"name": actor.name, "role_label": actor.role_label, "department": actor.department}}
        return render(request, "web/account.html", data)

    @app.post("/account/password", include_in_schema=False)
    async def change_password(request: Request) -> Response:
        form = await auth.read_form(request)
        actor = auth.require_user(request)
        password, again = auth.field(form, "password", 1000), auth.field(form, "again", 1000)
        if password != again:
            raise auth.WebError("两次输入的新密码不一致")
        await run_in_threadpool(users.change_password, auth.store_of(request), actor, actor.name, password)
        auth.sign_out(request)  # every session of the user has ended, this one too: sign in again
        return RedirectResponse("/login", status_code=303)

    @app.get("/sessions", include_in_schema=False)
    @app.get("/sessions.json", include_in_schema=False)
    def open_sessions(request: Request) -> Response:
        actor = auth.require_user(request)
        return render(request, "web/sessions.html", sessions_data(auth.store_of(request), actor))

    @app.post("/sessions/{session_id}/end", include_in_schema=False)
    async def end_session(request: Request, session_id: int) -> Response:
        await auth.read_form(request)
        actor = auth.require_user(request)
        await run_in_threadpool(sessions.end_session, auth.store_of(request), actor, session_id)
        return RedirectResponse("/sessions", status_code=303)
