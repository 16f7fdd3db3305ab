"""The version actions of the web app: adopting a version and pairing an item (planners), each a
form that calls one service with the signed-in user."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from planwatch.dates import parse_date
from planwatch.present.web import auth
from planwatch.services import versions


def register(app: FastAPI) -> None:

    @app.post("/plans/{plan}/adopt", include_in_schema=False)
    async def adopt(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        number = _number(auth.field(form, "version", 8), "版本")
        day = parse_date(auth.field(form, "in_force_from", 20), field="施行日期")
        if day is None:
            raise auth.WebError("请填写施行日期")
        document_no = auth.field(form, "document_no", 200) or None
        await run_in_threadpool(
            lambda: versions.adopt(store, actor, plan_id, number, day, document_no=document_no)
        )
        return RedirectResponse(f"/plans/{plan_id}/versions", status_code=303)

    @app.post("/plans/{plan}/pair", include_in_schema=False)
    async def pair(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        number = _number(auth.field(form, "version", 8), "版本")
        kind, local_id = auth.field(form, "kind", 16), auth.field(form, "local_id", 32)
        key = auth.field(form, "key", 32) if auth.field(form, "decision", 8) == "pair" else None
        if kind not in ("indicator", "target", "project"):
            raise auth.WebError("条目类别无法识别")
        await run_in_threadpool(versions.pair, store, actor, plan_id, number, kind, local_id, key or None)
        return RedirectResponse(f"/plans/{plan_id}/versions", status_code=303)


def _number(text: str, label: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise auth.WebError(f"{label}应为数字")
    return int(text)
