"""数据填报 and the other writes: signing in and out, figures entered or imported, assignments, audit.

A figure typed into the form is checked by the import's own code (`match_rows` on one `ImportRow`),
so the web and the CLI accept and refuse the same things; each problem is shown next to its field.
Every write is stored with its audit entry in one transaction. Who may write what: `auth`.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from planwatch.errors import NotFoundError
from planwatch.model import ParsedPlan
from planwatch.monitor import current_indicators
from planwatch.observe import ImportProblem, ImportRefused, ImportRow, layout, match_rows, read_import
from planwatch.present.web import auth
from planwatch.store import Store
from planwatch.store.observations import history
from planwatch.store.users import (
    ROLE_LABELS,
    User,
    add_observations_logged,
    assign,
    assignments_of,
    audit_entries,
    entries_by,
    list_users,
    verify_password,
)

Render = Callable[..., Response]
# The form's fields, as ImportRow names them, with the labels shown (and used in messages).
FIELDS: Final = {
    layout.PERIOD: "期间",
    layout.VALUE: "数值",
    layout.UNIT: "单位",
    layout.KIND: "类型",
    layout.SOURCE: "来源",
    layout.STATUS: "状态",
    layout.AS_OF: "发布日期",
}
_BY_LABEL: Final = {label: name for name, label in FIELDS.items()}
UPLOAD_SUFFIXES: Final = (".csv", ".xlsx")


def register(app: FastAPI, render: Render) -> None:
    def store_of(request: Request) -> Store:
        store: Store = request.app.state.store
        return store

    @app.get("/login", include_in_schema=False)
    def login_page(request: Request, next: str = "/") -> Response:
        return render(request, "web/login.html", {"next": auth.safe_next(next), "error": None})

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await auth.read_form(request)
        name, password = auth.field(form, "name", 100), auth.field(form, "password", 1000)
        target = auth.safe_next(auth.field(form, "next", 2000) or "/")
        address = request.client.host if request.client else ""
        limiter: auth.LoginLimiter = request.app.state.login_limiter
        limiter.check(name, address)
        user = await run_in_threadpool(verify_password, store_of(request), name, password)
        if user is None:
            limiter.failed(name, address)
            data = {"next": target, "error": "用户名或密码错误", "name": name}
            return render(request, "web/login.html", data, 401)
        limiter.succeeded(name, address)
        auth.sign_in(request, user)
        return RedirectResponse(target, status_code=303)

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        await auth.read_form(request)
        auth.sign_out(request)
        return RedirectResponse("/login", status_code=303)

    @app.get("/plans/{plan}/entry", include_in_schema=False)
    def entry(request: Request, plan: str, notice: str = "") -> Response:
        store, user = store_of(request), auth.require_user(request)
        plan_id = store.resolve(plan)
        return render(request, "web/entry.html", entry_page(store, plan_id, user, notice=notice))

    @app.post("/plans/{plan}/entry", include_in_schema=False)
    async def enter(request: Request, plan: str) -> Response:
        form = await auth.read_form(request)
        store, user = store_of(request), auth.require_role(request, *auth.WRITERS)
        plan_id = await run_in_threadpool(store.resolve, plan)
        series_id = auth.field(form, "series_id", 32)
        await run_in_threadpool(auth.require_write, store, user, plan_id, [series_id])
        values = {name: auth.field(form, name) for name in FIELDS}
        row = ImportRow(row=1, series_id=series_id, name="", columns=FIELDS, **values)
        parsed = await run_in_threadpool(store.load, plan_id)
        try:
            found = match_rows([row], parsed)
        except ImportRefused as refused:
            errors = {series_id: _by_field(refused.problems)}
            data = await run_in_threadpool(
                entry_page, store, plan_id, user, errors=errors, values={series_id: values}
            )
            return render(request, "web/entry.html", data, 400)
        await run_in_threadpool(auth.require_write, store, user, plan_id, [o.series_id for o in found])
        result = await run_in_threadpool(
            lambda: add_observations_logged(store, plan_id, found, user=user.name, action="entry")
        )
        return RedirectResponse(f"/plans/{plan_id}/entry?notice=saved-{result.added}", status_code=303)

    @app.post("/plans/{plan}/entry/import", include_in_schema=False)
    async def import_file(request: Request, plan: str) -> Response:
        form = await auth.read_form(request, auth.upload_limit())
        store, user = store_of(request), auth.require_role(request, *auth.WRITERS)
        plan_id = await run_in_threadpool(store.resolve, plan)
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise auth.WebError("请选择要导入的 .csv 或 .xlsx 文件")
        content = await upload.read()
        outcome = await run_in_threadpool(_import, store, user, plan_id, upload.filename, content)
        if isinstance(outcome, list):
            data = await run_in_threadpool(entry_page, store, plan_id, user, import_errors=outcome)
            return render(request, "web/entry.html", data, 400)
        return RedirectResponse(f"/plans/{plan_id}/entry?notice=imported-{outcome}", status_code=303)

    @app.post("/plans/{plan}/assign", include_in_schema=False)
    async def assign_item(request: Request, plan: str) -> Response:
        form = await auth.read_form(request)
        store, user = store_of(request), auth.require_role(request, "admin", "planner")
        plan_id = await run_in_threadpool(store.resolve, plan)
        item_id, department = auth.field(form, "item_id", 32), auth.field(form, "department", 100)
        parsed = await run_in_threadpool(store.load, plan_id)
        if item_id not in _item_ids(parsed):
            raise NotFoundError(f"规划 {plan_id} 中没有编号为“{item_id}”的指标、目标或项目")
        await run_in_threadpool(lambda: assign(store, plan_id, item_id, department or None, by=user.name))
        return RedirectResponse(f"/plans/{plan_id}/entry?notice=assigned-1", status_code=303)

    @app.get("/audit", include_in_schema=False)
    def audit(request: Request, plan: int | None = None) -> Response:
        auth.require_role(request, "admin")
        entries = audit_entries(store_of(request), plan)
        data = {
            "plan_filter": plan,
            "entries": [
                {
                    "id": e.id,
                    "at": e.at.isoformat(timespec="seconds"),
                    "user": e.user,
                    "action": e.action,
                    "plan_id": e.plan_id,
                    "target": e.target,
                    "old": e.old,
                    "new": e.new,
                }
                for e in entries
            ],
        }
        return render(request, "web/audit.html", data)


def _import(store: Store, user: User, plan_id: int, file_name: str, content: bytes) -> list[str] | str:
    """Read, check and store an uploaded file: `added-unchanged`, or every problem (nothing stored)."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in UPLOAD_SUFFIXES:
        return ["只能导入 .csv 或 .xlsx 文件"]
    with tempfile.TemporaryDirectory(prefix="planwatch-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"  # never the visitor's name as a path
        path.write_bytes(content)
        try:
            rows = read_import(path)
            found = match_rows(rows, store.load(plan_id), file=file_name)
        except ImportRefused as refused:
            return refused.messages() or [refused.one_line()]
    auth.require_write(store, user, plan_id, [o.series_id for o in found])
    sha256 = hashlib.sha256(content).hexdigest()
    result = add_observations_logged(
        store, plan_id, found, user=user.name, action="import", source_sha256=sha256, file_name=file_name
    )
    return f"{result.added}-{result.unchanged}"


def _by_field(problems: list[ImportProblem]) -> dict[str, list[str]]:
    """Each problem under its field (期间 → period), or under "" when about the row as a whole."""
    shown: dict[str, list[str]] = {}
    for problem in problems:
        name = _BY_LABEL.get(problem.column or "", "")
        shown.setdefault(name, []).append(
            problem.reason if name else problem.message().removeprefix("第1行：")
        )
    return shown


def _item_ids(parsed: ParsedPlan) -> set[str]:
    return (
        {i.id for i in parsed.indicators} | {t.id for t in parsed.targets} | {p.id for p in parsed.projects}
    )


def entry_page(
    store: Store,
    plan_id: int,
    user: User,
    *,
    errors: dict[str, dict[str, list[str]]] | None = None,
    values: dict[str, dict[str, str]] | None = None,
    import_errors: list[str] | None = None,
    notice: str = "",
) -> dict[str, Any]:
    parsed = store.load(plan_id)
    assigned = assignments_of(store, plan_id)
    writable = [
        i
        for i in current_indicators(parsed)
        if user.role in ("admin", "planner")
        or (user.role == "department" and assigned.get(i.id) == user.department)
    ]
    planner = user.role in ("admin", "planner")
    departments = sorted({u.department for u in list_users(store) if u.department} | set(assigned.values()))
    return {
        "plan": {"id": plan_id, "title": parsed.plan.title, "stage": parsed.plan.stage},
        "user": {
            "name": user.name,
            "role": user.role,
            "role_label": ROLE_LABELS[user.role],
            "department": user.department,
        },
        "notice": _notice(notice),
        "fields": FIELDS,
        "indicators": [
            {
                "id": i.id,
                "name": i.name,
                "unit": i.unit,
                "department": assigned.get(i.id),
                "errors": (errors or {}).get(i.id, {}),
                "values": (values or {}).get(i.id, {}),
                "history": [
                    {
                        "period": o.period,
                        "kind": o.kind.value,
                        "value": o.value,
                        "unit": o.unit,
                        "status": o.status.value,
                        "as_of": o.as_of.isoformat(),
                        "source": o.source,
                        "entered_by": o.entered_by,
                    }
                    for o in history(store, plan_id, i.id)
                ],
            }
            for i in writable
        ],
        "import_errors": import_errors or [],
        "mine": entries_by(store, plan_id, user.name),
        "can_assign": planner,
        "assignable": [{"id": i.id, "name": i.name} for i in current_indicators(parsed)] if planner else [],
        "assignments": assigned if planner else {},
        "departments": departments if planner else [],
    }


def _notice(code: str) -> str | None:
    """The message of a redirect after a write: codes only, never text from the query."""
    kind, _, numbers = code.partition("-")
    counts = [int(n) for n in numbers.split("-") if n.isdigit()]
    if kind == "saved" and len(counts) == 1:
        return "已保存" if counts[0] else "与已有数值相同，未作改动"
    if kind == "imported" and len(counts) == 2:
        return f"导入完成：新增{counts[0]}个数值，与已有数值相同{counts[1]}个"
    if kind == "assigned":
        return "已更新指标分配"
    return None
