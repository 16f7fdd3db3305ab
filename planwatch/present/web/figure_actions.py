"""The year's figures on the web: 统计公报 (read a bulletin, accept / edit / reject its proposals),
审核审批 (review, approve, return, resubmit), locking and unlocking a year. Pages are registered with
the app's `page` helper (HTML and `.json` twin); each form calls one service with the signed-in user
and redirects with a notice code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from planwatch.present.pages.approval import approval_page
from planwatch.present.pages.bulletins import bulletin_page, bulletins_page
from planwatch.present.web import auth
from planwatch.present.web.uploads import uploaded_file
from planwatch.services import approval, bulletins, locks

Page = Callable[[str, str], Callable[..., Any]]
BULLETIN_SUFFIXES: Final = (".txt", ".docx", ".pdf", ".html", ".htm")
MOST_IDS: Final = 10_000


def register(app: FastAPI, page: Page) -> None:

    @page("/plans/{plan}/bulletins", "web/bulletins.html")
    def bulletin_list(request: Request, plan: str, notice: str = "") -> dict[str, Any]:
        store, actor = auth.store_of(request), auth.require_user(request)
        return bulletins_page(store, store.resolve(plan), actor, notice)

    @page("/plans/{plan}/bulletins/{bulletin_id}", "web/bulletin.html")
    def bulletin(request: Request, plan: str, bulletin_id: int) -> dict[str, Any]:
        store, actor = auth.store_of(request), auth.require_user(request)
        return bulletin_page(store, store.resolve(plan), bulletin_id, actor)

    @page("/plans/{plan}/approval", "web/approval.html")
    def approval_queue(
        request: Request, plan: str, year: int | None = None, notice: str = ""
    ) -> dict[str, Any]:
        store, actor = auth.store_of(request), auth.require_user(request)
        return approval_page(store, store.resolve(plan), actor, year, notice)

    @app.post("/plans/{plan}/bulletins", include_in_schema=False)
    async def read_bulletin(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan, auth.upload_limit())
        name, content = await uploaded_file(form, "请选择统计公报文件（.txt、.docx、.pdf 或 .html）")
        if Path(name).suffix.lower() not in BULLETIN_SUFFIXES:
            raise auth.WebError("统计公报应为 .txt、.docx、.pdf 或 .html 文件")
        outcome = await run_in_threadpool(
            bulletins.read_bulletin_upload, store, actor, plan_id, content, name
        )
        code = f"known-{outcome.bulletin_id}" if outcome.already_read else f"read-{outcome.proposals}"
        return RedirectResponse(
            f"/plans/{plan_id}/bulletins/{outcome.bulletin_id}?notice={code}", status_code=303
        )

    @app.post("/plans/{plan}/proposals/{proposal_id}", include_in_schema=False)
    async def decide(request: Request, plan: str, proposal_id: int) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        decision = auth.field(form, "decision", 10)
        if decision == "reject":
            reason = auth.field(form, "reason", 500)
            done = await run_in_threadpool(bulletins.reject, store, actor, plan_id, proposal_id, reason)
        elif decision == "accept":
            value, unit = auth.field(form, "value", 40) or None, auth.field(form, "unit", 20) or None
            done = await run_in_threadpool(
                lambda: bulletins.accept(store, actor, plan_id, proposal_id, value=value, unit=unit)
            )
        else:
            raise auth.WebError("请选择接受或拒绝")
        bulletin_id = auth.field(form, "bulletin_id", 12)
        back = (
            f"/plans/{plan_id}/bulletins/{bulletin_id}"
            if bulletin_id.isdigit()
            else f"/plans/{plan_id}/bulletins"
        )
        return RedirectResponse(f"{back}#p{done.proposal_id}", status_code=303)

    @app.post("/plans/{plan}/approval", include_in_schema=False)
    async def step(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(
            request, plan, 1024 * 1024, max_fields=MOST_IDS + 10
        )
        action, ids, year = auth.field(form, "step", 10), _ids(form), _year(auth.field(form, "year", 8))
        chosen = ids or None
        if action == "review":
            outcome = await run_in_threadpool(
                lambda: approval.review(store, actor, plan_id, chosen, year=year)
            )
        elif action == "approve":
            outcome = await run_in_threadpool(
                lambda: approval.approve(store, actor, plan_id, chosen, year=year)
            )
        elif action == "return":
            reason = auth.field(form, "reason", 500)
            outcome = await run_in_threadpool(approval.return_figures, store, actor, plan_id, ids, reason)
        elif action == "resubmit":
            outcome = await run_in_threadpool(approval.resubmit, store, actor, plan_id, ids)
        else:
            raise auth.WebError("请选择审核、审批、退回或重新提交")
        where = f"year={year}&" if year else ""
        return RedirectResponse(
            f"/plans/{plan_id}/approval?{where}notice={outcome.step}-{outcome.figures}", status_code=303
        )

    @app.post("/plans/{plan}/locks", include_in_schema=False)
    async def lock(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        year = _year(auth.field(form, "year", 8))
        if year is None:
            raise auth.WebError("请填写要锁定或解锁的年份")
        reason = auth.field(form, "reason", 500)
        if auth.field(form, "action", 8) == "unlock":
            await run_in_threadpool(locks.unlock_year, store, actor, plan_id, year, reason)
            code = f"unlocked-{year}"
        else:
            await run_in_threadpool(locks.lock_year, store, actor, plan_id, year, reason or None)
            code = f"locked-{year}"
        return RedirectResponse(f"/plans/{plan_id}/approval?notice={code}", status_code=303)


def _ids(form: FormData) -> list[int]:
    values = [v for v in form.getlist("id") if isinstance(v, str)]
    if len(values) > MOST_IDS:
        raise auth.WebError(f"一次最多选择{MOST_IDS}个数值")
    if not all(v.isascii() and v.isdigit() for v in values):
        raise auth.WebError("所选数值的编号无法识别")
    return [int(v) for v in values]


def _year(text: str) -> int | None:
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise auth.WebError("年份应为四位数字")
    return int(text)
