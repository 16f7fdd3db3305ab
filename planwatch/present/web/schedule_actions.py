"""The 调度 writes of the web app: 调度填报 (a period typed into a form, a 调度表 uploaded), the 调度表
to download, the Excel export, and the library's edits (planners). Each handler parses the request,
calls one service with the signed-in user, and renders; who may write what, the checks, the audit
entry and the revision bump happen in the service. A refused report is shown next to its project.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from planwatch.dates import date_or_today, parse_date
from planwatch.observe import ImportRefused
from planwatch.present.pages.library import library_page
from planwatch.present.pages.schedule import schedule_page
from planwatch.present.pages.schedule_entry import schedule_entry_page
from planwatch.present.web import auth
from planwatch.present.web.uploads import saved_upload, uploaded_file
from planwatch.services import project_library, project_reports, project_sheets
from planwatch.services.actor import Actor
from planwatch.services.project_fields import LABELS, NODE_PREFIX, PLAN_PREFIX, ProjectRefused
from planwatch.store import Store

Render = Callable[..., Response]
UPLOAD_SUFFIXES: Final = (".csv", ".xlsx")
XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def register(app: FastAPI, render: Render) -> None:

    def entry(request: Request, plan: str, notice: str = "") -> Response:
        store, actor = auth.store_of(request), auth.require_user(request)
        plan_id = store.resolve(plan)
        return render(
            request, "web/schedule_entry.html", schedule_entry_page(store, plan_id, actor, notice=notice)
        )

    for path in ("/plans/{plan}/schedule/entry.json", "/plans/{plan}/schedule/entry"):  # page and twin
        app.get(path, include_in_schema=False)(entry)

    @app.post("/plans/{plan}/schedule/entry", include_in_schema=False)
    async def report(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        key = auth.field(form, "project", 32)
        values = {name: auth.field(form, name, 2000) for name in project_reports.FORM_FIELDS}
        try:
            outcome = await run_in_threadpool(
                project_reports.report_period, store, actor, plan_id, key, values
            )
        except ImportRefused as refused:
            errors = {key: [_reason(p.column, p.reason) for p in refused.problems]}
            data = await run_in_threadpool(
                lambda: schedule_entry_page(store, plan_id, actor, errors=errors, values={key: values})
            )
            return render(request, "web/schedule_entry.html", data, 400)
        target = f"/plans/{plan_id}/schedule/entry?notice=reported-{outcome.added}#item-{key}"
        return RedirectResponse(target, status_code=303)

    @app.post("/plans/{plan}/schedule/import", include_in_schema=False)
    async def import_file(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan, auth.upload_limit())
        file_name, content = await uploaded_file(form, "请选择要导入的调度表（.xlsx 或 .csv）")
        outcome = await run_in_threadpool(_import, store, actor, plan_id, file_name, content)
        if isinstance(outcome, list):
            data = await run_in_threadpool(
                lambda: schedule_entry_page(store, plan_id, actor, import_errors=outcome)
            )
            return render(request, "web/schedule_entry.html", data, 400)
        return RedirectResponse(f"/plans/{plan_id}/schedule/entry?notice=imported-{outcome}", status_code=303)

    @app.get("/plans/{plan}/schedule/template.xlsx", include_in_schema=False)
    def template(request: Request, plan: str, period: str | None = None) -> Response:
        store, actor = auth.store_of(request), auth.require_user(request)
        plan_id = store.resolve(plan)
        with tempfile.TemporaryDirectory(prefix="planwatch-template-") as folder:
            path = Path(folder) / "template.xlsx"
            outcome = project_sheets.write_template(store, actor, plan_id, path, period=period)
            body = path.read_bytes()
        return _download(body, f"项目调度表-{outcome.period}.xlsx")

    @app.get("/plans/{plan}/schedule/export.xlsx", include_in_schema=False)
    def export(request: Request, plan: str, as_of: str | None = None) -> Response:
        from planwatch.present.report.schedule_xlsx import write_schedule_xlsx  # openpyxl on use

        store = auth.store_of(request)
        plan_id = store.resolve(plan)
        day = date_or_today(as_of, field="as_of")
        with tempfile.TemporaryDirectory(prefix="planwatch-export-") as folder:
            path = Path(folder) / "export.xlsx"
            write_schedule_xlsx(schedule_page(store, plan_id, day), library_page(store, plan_id), path)
            body = path.read_bytes()
        return _download(body, f"重大项目调度-{day.isoformat()}.xlsx")

    @app.post("/plans/{plan}/schedule/add", include_in_schema=False)
    async def add(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        values = {name: auth.field(form, name, 2000) for name in LABELS if auth.field(form, name, 2000)}
        key = await run_in_threadpool(project_library.add_project, store, actor, plan_id, values)
        return RedirectResponse(f"/plans/{plan_id}/schedule/{key}?notice=added-1", status_code=303)

    @app.post("/plans/{plan}/schedule/{key}/edit", include_in_schema=False)
    async def edit(request: Request, plan: str, key: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        values = _edits(form)
        set_on = parse_date(auth.field(form, "set_on", 20), field="生效日期")
        changes = await run_in_threadpool(
            lambda: project_library.edit_project(store, actor, plan_id, key, values, set_on=set_on)
        )
        return RedirectResponse(
            f"/plans/{plan_id}/schedule/{key}?notice=edited-{len(changes)}", status_code=303
        )


def _edits(form: FormData) -> dict[str, str]:
    """The fields a form sends: only those present (an absent field is left as it is, a blank one cleared);
    planned dates as `plan_start`/`plan_finish` (blank: unchanged), a year plan as `plan_year` +
    `plan_amount`, a node as `node_name` + `node_date`."""
    values = {name: auth.field(form, name, 2000) for name in LABELS if name in form}
    for name in ("start", "finish"):
        planned = auth.field(form, f"plan_{name}", 20)
        if planned:
            values[name] = planned
    year = auth.field(form, "plan_year", 8)
    if year:
        values[PLAN_PREFIX + year] = auth.field(form, "plan_amount", 40)
    node = auth.field(form, "node_name", 40)
    if node:
        values[NODE_PREFIX + node] = auth.field(form, "node_date", 20)
    if not values:
        raise ProjectRefused([("表单", "没有要修改的字段")])
    return values


def _reason(column: str | None, reason: str) -> str:
    return f"{column}：{reason}" if column else reason


def _import(store: Store, actor: Actor, plan_id: int, file_name: str, content: bytes) -> list[str] | str:
    """Import an uploaded 调度表: `added-unchanged`, or every problem (nothing stored)."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return ["只能导入 .xlsx 调度表或 .csv 文件"]
    with saved_upload(content, suffix) as path:
        try:
            outcome = project_reports.import_schedule(store, actor, plan_id, path, file_name=file_name)
        except ImportRefused as refused:
            return refused.details() or [refused.one_line()]
    return f"{outcome.added}-{outcome.unchanged}"


def _download(body: bytes, name: str) -> Response:
    from urllib.parse import quote

    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    return Response(body, media_type=XLSX, headers={"Content-Disposition": disposition})
