"""The task writes of the web app: the task list (propose, edit, merge, split, drop, confirm, import,
accept), reports and their review, 催办, 督办单, the department directory; and the downloads (the
任务分工方案 as .docx/.xlsx, evidence files). Each handler parses the form, calls one service with
the signed-in user, and redirects; the permission, the audit entry and the revision are the service's.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from planwatch import config
from planwatch.dates import parse_date
from planwatch.errors import NotFoundError
from planwatch.observe import ImportRefused
from planwatch.present.pages.tasks import task_list_page
from planwatch.present.report.task_docx import write_task_docx
from planwatch.present.report.task_xlsx import write_task_xlsx
from planwatch.present.web import auth
from planwatch.present.web.uploads import saved_upload, uploaded_file
from planwatch.services import departments, task_edits, task_notices, task_reports, tasks
from planwatch.services.actor import Actor
from planwatch.services.task_edits import Changes
from planwatch.services.task_reports import ReportForm
from planwatch.store import Store

Render = Callable[..., Response]
MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def register(app: FastAPI, render: Render) -> None:

    def back(target: str) -> RedirectResponse:
        return RedirectResponse(target, status_code=303)

    # ---- the task list ------------------------------------------------------------------------------

    @app.post("/plans/{plan}/tasks/draft", include_in_schema=False)
    async def draft(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        replace = auth.field(form, "replace", 8) == "1"
        made = await run_in_threadpool(lambda: tasks.draft(store, actor, plan_id, replace_draft=replace))
        return back(f"/plans/{plan_id}/tasks/list?notice=drafted-{len(made.tasks)}")

    @app.post("/plans/{plan}/tasks/edit", include_in_schema=False)
    async def edit(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        key = auth.field(form, "key", 16).upper()
        co = auth.field(form, "co_units", 1000)
        changes = Changes(
            heading=auth.field(form, "heading", 500),
            summary=auth.field(form, "summary", 2000),
            lead_unit=auth.field(form, "lead_unit", 100),
            co_units=tuple(u for u in co.replace("，", "、").replace(",", "、").split("、")),
            deadline=auth.field(form, "deadline", 10),
            cycle=auth.field(form, "cycle", 4),
        )
        await run_in_threadpool(task_edits.edit_task, store, actor, plan_id, key, changes)
        return back(f"/plans/{plan_id}/tasks/list?notice=saved-{key}#{key}")

    @app.post("/plans/{plan}/tasks/confirm", include_in_schema=False)
    async def confirm(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        keys = [k.upper() for k in form.getlist("key") if isinstance(k, str) and k] or None
        count = await run_in_threadpool(task_edits.confirm_suggestions, store, actor, plan_id, keys)
        return back(f"/plans/{plan_id}/tasks/list?notice=confirmed-{count}")

    @app.post("/plans/{plan}/tasks/merge", include_in_schema=False)
    async def merge(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        keys = [k.upper() for k in form.getlist("key") if isinstance(k, str) and k]
        merged = await run_in_threadpool(task_edits.merge_tasks, store, actor, plan_id, keys)
        return back(f"/plans/{plan_id}/tasks/list?notice=merged-{merged.key}#{merged.key}")

    @app.post("/plans/{plan}/tasks/split", include_in_schema=False)
    async def split(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        key, heading = auth.field(form, "key", 16).upper(), auth.field(form, "heading", 500)
        line = auth.field(form, "at_line", 8)
        if not line.isascii() or not line.isdigit():
            raise auth.WebError("拆分行应为行号（数字）")
        made = await run_in_threadpool(task_edits.split_task, store, actor, plan_id, key, int(line), heading)
        return back(f"/plans/{plan_id}/tasks/list?notice=split-{made.key}#{made.key}")

    @app.post("/plans/{plan}/tasks/drop", include_in_schema=False)
    async def drop(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        key = auth.field(form, "key", 16).upper()
        await run_in_threadpool(task_edits.drop_task, store, actor, plan_id, key)
        return back(f"/plans/{plan_id}/tasks/list?notice=dropped-{key}")

    @app.post("/plans/{plan}/tasks/accept", include_in_schema=False)
    async def accept(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        day = parse_date(auth.field(form, "in_force_from", 20), field="施行日期")
        if day is None:
            raise auth.WebError("请填写施行日期")
        document_no = auth.field(form, "document_no", 200) or None
        made = await run_in_threadpool(
            lambda: tasks.accept(store, actor, plan_id, day, document_no=document_no)
        )
        return back(f"/plans/{plan_id}/tasks/list?which=in_force&notice=accepted-{made.number}")

    @app.post("/plans/{plan}/tasks/discard", include_in_schema=False)
    async def discard(request: Request, plan: str) -> Response:
        _, store, actor, plan_id = await auth.plan_form(request, plan)
        number = await run_in_threadpool(tasks.discard_draft, store, actor, plan_id)
        return back(f"/plans/{plan_id}/tasks/list?which=in_force&notice=discarded-{number}")

    @app.post("/plans/{plan}/tasks/import", include_in_schema=False)
    async def import_sheet(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan, auth.upload_limit())
        file_name, content = await uploaded_file(form, "请选择要导入的任务清单 .xlsx 文件")
        outcome = await run_in_threadpool(_import, store, actor, plan_id, file_name, content)
        if isinstance(outcome, list):
            data = await run_in_threadpool(task_list_page, store, plan_id, "draft")
            return render(
                request, "web/task_list.html", {**data, "notice": "", "import_errors": outcome}, 400
            )
        return back(f"/plans/{plan_id}/tasks/list?notice=imported-{outcome}")

    @app.get("/plans/{plan}/tasks/export", include_in_schema=False)
    def export(request: Request, plan: str, format: str = "docx", which: str = "in_force") -> Response:
        store = auth.store_of(request)
        plan_id = store.resolve(plan)
        if format not in MEDIA:
            raise auth.WebError("导出格式应为 docx 或 xlsx")
        chosen: str | int = int(which) if which.isascii() and which.isdigit() else which
        data = task_list_page(
            store,
            plan_id,
            chosen if chosen in ("draft", "in_force") or isinstance(chosen, int) else "in_force",
        )
        if data["list"] is None:
            raise auth.WebError("还没有任务清单")
        with tempfile.TemporaryDirectory(prefix="planwatch-export-") as folder:
            path = Path(folder) / f"export.{format}"
            (write_task_docx if format == "docx" else write_task_xlsx)(data, path)
            content = path.read_bytes()
        return _download(content, MEDIA[format], f"任务分工方案.{format}")

    # ---- reports, review, 催办 ------------------------------------------------------------------------

    @app.post("/plans/{plan}/tasks/{key}/report", include_in_schema=False)
    async def report(request: Request, plan: str, key: str) -> Response:
        limit = config.size(config.EVIDENCE_MAX_SIZE) + auth.FORM_LIMIT
        form, store, actor, plan_id = await auth.plan_form(request, plan, limit)
        entry = ReportForm(
            period=auth.field(form, "period", 20),
            progress=auth.field(form, "progress", 4000),
            degree=auth.field(form, "degree", 8),
            problems=auth.field(form, "problems", 4000),
            next_steps=auth.field(form, "next_steps", 4000),
        )
        files = []
        upload = form.get("evidence")
        if isinstance(upload, UploadFile) and upload.filename:
            files.append((upload.filename, await upload.read()))
        await run_in_threadpool(task_reports.file_report, store, actor, plan_id, key.upper(), entry, files)
        return back(f"/plans/{plan_id}/tasks/{key.upper()}?notice=reported")

    @app.post("/plans/{plan}/reports/{report_id}/review", include_in_schema=False)
    async def review(request: Request, plan: str, report_id: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        number = _number(report_id, "报告")
        decision, reason = auth.field(form, "decision", 8), auth.field(form, "reason", 4000)
        done = await run_in_threadpool(
            task_reports.review_report, store, actor, plan_id, number, decision, reason
        )
        return back(f"/plans/{plan_id}/tasks/{done.task_key}?notice=reviewed")

    @app.post("/plans/{plan}/tasks/remind", include_in_schema=False)
    async def remind(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        unit, key = auth.field(form, "unit", 100) or None, auth.field(form, "key", 16).upper() or None
        sent = await run_in_threadpool(
            lambda: task_reports.remind(store, actor, plan_id, unit=unit, task_key=key)
        )
        target = f"/plans/{plan_id}/tasks/{key}" if key else f"/plans/{plan_id}/tasks/due"
        return back(f"{target}?notice=reminded-{len(sent)}")

    @app.get("/plans/{plan}/evidence/{evidence_id}", include_in_schema=False)
    def evidence(request: Request, plan: str, evidence_id: int) -> Response:
        store = auth.store_of(request)
        info, content = task_reports.evidence_download(store, auth.user_of(request), evidence_id)
        return _download(content, info.media_type, info.file_name)

    # ---- 督办单 -----------------------------------------------------------------------------------------

    @app.post("/plans/{plan}/notices", include_in_schema=False)
    async def issue(request: Request, plan: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        key, problem = auth.field(form, "key", 16).upper(), auth.field(form, "problem", 4000)
        reply_by = parse_date(auth.field(form, "reply_by", 20), field="回复期限")
        if reply_by is None:
            raise auth.WebError("请填写回复期限")
        made = await run_in_threadpool(task_notices.issue, store, actor, plan_id, key, problem, reply_by)
        return back(f"/plans/{plan_id}/notices/{made.id}")

    @app.post("/plans/{plan}/notices/{notice_id}/reply", include_in_schema=False)
    async def reply(request: Request, plan: str, notice_id: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        number, text = _number(notice_id, "督办单"), auth.field(form, "text", 4000)
        await run_in_threadpool(task_notices.reply, store, actor, plan_id, number, text)
        return back(f"/plans/{plan_id}/notices/{number}")

    @app.post("/plans/{plan}/notices/{notice_id}/close", include_in_schema=False)
    async def close(request: Request, plan: str, notice_id: str) -> Response:
        form, store, actor, plan_id = await auth.plan_form(request, plan)
        number, text = _number(notice_id, "督办单"), auth.field(form, "text", 4000)
        await run_in_threadpool(task_notices.close, store, actor, plan_id, number, text)
        return back(f"/plans/{plan_id}/notices/{number}")

    # ---- the department directory ----------------------------------------------------------------------

    @app.post("/departments", include_in_schema=False)
    async def save_department(request: Request) -> Response:
        form = await auth.read_form(request)
        store, actor = auth.store_of(request), auth.require_user(request)
        name = auth.field(form, "name", 100)
        await run_in_threadpool(
            lambda: departments.add_department(
                store,
                actor,
                name,
                short_name=auth.field(form, "short_name", 50) or None,
                kind=auth.field(form, "kind", 20) or "区直部门",
                keywords=auth.field(form, "keywords", 1000),
                active=auth.field(form, "active", 4) != "0",
            )
        )
        return back(f"/departments?notice=saved#{quote(name)}")


def _number(text: str, what: str) -> int:
    """A numeric id from the path, read after the form's CSRF check (a bad one is a 404)."""
    if not text.isascii() or not text.isdigit():
        raise NotFoundError(f"没有编号为“{text}”的{what}")
    return int(text)


def _import(store: Store, actor: Actor, plan_id: int, file_name: str, content: bytes) -> list[str] | int:
    suffix = Path(file_name).suffix.lower()
    if suffix != ".xlsx":
        return ["任务清单只能从 .xlsx 文件导入"]
    with saved_upload(content, suffix) as path:
        try:
            return task_edits.import_list(store, actor, plan_id, path, file_name=file_name)
        except ImportRefused as refused:
            return refused.messages() + (
                [f"……另有{refused.unlisted}个问题未列出"] if refused.unlisted else []
            )


def _download(content: bytes, media_type: str, file_name: str) -> Response:
    """A file to save, never to render: attachment, and no content sniffing by the browser."""
    ascii_name = (
        "".join(c if (c.isascii() and c.isalnum()) or c in "._-" else "_" for c in file_name) or "download"
    )
    headers = {
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(file_name)}",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
    }
    return Response(content, media_type=media_type, headers=headers)
