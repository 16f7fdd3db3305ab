"""数据填报 and the other writes: figures entered or imported, assignments, the audit log.

Each handler parses the request, calls one service with the signed-in user, and renders: who may
write what, the checks of a figure, the audit entry and the revision bump all happen in the service.
A refused figure is shown next to its field.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from planwatch.observe import ImportProblem, ImportRefused
from planwatch.present.pages.audit import audit_page
from planwatch.present.pages.entry import entry_page
from planwatch.present.web import auth
from planwatch.present.web.uploads import saved_upload, uploaded_file
from planwatch.services import assignments, figures
from planwatch.services.actor import Actor
from planwatch.services.figures import FORM_FIELDS
from planwatch.store import Store

Render = Callable[..., Response]
_BY_LABEL: Final = {label: name for name, label in FORM_FIELDS.items()}
UPLOAD_SUFFIXES: Final = (".csv", ".xlsx")


def register(app: FastAPI, render: Render) -> None:

    def entry(request: Request, plan: str, notice: str = "") -> Response:
        store, actor = auth.store_of(request), auth.require_user(request)
        plan_id = store.resolve(plan)
        return render(request, "web/entry.html", entry_page(store, plan_id, actor, notice=notice))

    for path in ("/plans/{plan}/entry.json", "/plans/{plan}/entry"):  # the page and its JSON twin
        app.add_api_route(path, entry, methods=["GET"], include_in_schema=False)

    @app.post("/plans/{plan}/entry", include_in_schema=False)
    async def enter(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        series_id = auth.field(form, "series_id", 32)
        values = {name: auth.field(form, name) for name in FORM_FIELDS}
        try:
            result = await run_in_threadpool(figures.enter_figure, store, actor, plan_id, series_id, values)
        except ImportRefused as refused:
            errors = {series_id: _by_field(refused.problems)}
            data = await run_in_threadpool(
                lambda: entry_page(store, plan_id, actor, errors=errors, values={series_id: values})
            )
            return render(request, "web/entry.html", data, 400)
        return RedirectResponse(f"/plans/{plan_id}/entry?notice=saved-{result.added}", status_code=303)

    @app.post("/plans/{plan}/entry/import", include_in_schema=False)
    async def import_file(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan, auth.upload_limit())
        file_name, content = await uploaded_file(form, "请选择要导入的 .csv 或 .xlsx 文件")
        outcome = await run_in_threadpool(_import, store, actor, plan_id, file_name, content)
        if isinstance(outcome, list):
            data = await run_in_threadpool(lambda: entry_page(store, plan_id, actor, import_errors=outcome))
            return render(request, "web/entry.html", data, 400)
        return RedirectResponse(f"/plans/{plan_id}/entry?notice=imported-{outcome}", status_code=303)

    @app.post("/plans/{plan}/assign", include_in_schema=False)
    async def assign_item(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        item_id, department = auth.field(form, "item_id", 32), auth.field(form, "department", 100)
        await run_in_threadpool(assignments.assign, store, actor, plan_id, item_id, department or None)
        return RedirectResponse(f"/plans/{plan_id}/entry?notice=assigned-1", status_code=303)

    def audit(request: Request, plan: int | None = None) -> Response:
        actor = auth.require_user(request)
        if plan is not None and not 0 < plan < 2**31:  # no plan has it: not an overflow in the database
            raise auth.WebError("请求参数无法识别：没有这样的规划编号")
        return render(request, "web/audit.html", audit_page(auth.store_of(request), actor, plan))

    for path in ("/audit.json", "/audit"):
        app.add_api_route(path, audit, methods=["GET"], include_in_schema=False)


def _import(store: Store, actor: Actor, plan_id: int, file_name: str, content: bytes) -> list[str] | str:
    """Import an uploaded file: `added-unchanged`, or every problem (nothing stored)."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return ["只能导入 .csv 或 .xlsx 文件"]
    with saved_upload(content, suffix) as path:
        try:
            outcome = figures.import_figures(store, actor, plan_id, path, file_name=file_name)
        except ImportRefused as refused:
            return refused.messages() or [refused.one_line()]
    return f"{outcome.result.added}-{outcome.result.unchanged}"


def _by_field(problems: list[ImportProblem]) -> dict[str, list[str]]:
    """Each problem under its field (期间 → period), or under "" when about the row as a whole."""
    shown: dict[str, list[str]] = {}
    for problem in problems:
        name = _BY_LABEL.get(problem.column or "", "")
        shown.setdefault(name, []).append(
            problem.reason if name else problem.message().removeprefix("第1行：")
        )
    return shown
