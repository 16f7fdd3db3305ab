"""任务: the plan's tasks by chapter or by unit with their status; a task with its plan text, the
targets and projects it holds, its reports and 督办单; the task list (草稿 or 现行) as issued."""

from __future__ import annotations

from datetime import date
from typing import Any

from planwatch.errors import NotFoundError
from planwatch.present.pages.common import plan_header
from planwatch.present.pages.task_rows import (
    chapter_groups,
    list_header,
    notice_row,
    report_row,
    state_row,
    task_row,
)
from planwatch.services import tasks as task_lists
from planwatch.services.actor import Actor, Role
from planwatch.services.departments import list_departments
from planwatch.services.evaluation import evaluated
from planwatch.services.task_reports import reports_of
from planwatch.services.task_status import board, by_unit, status_counts
from planwatch.services.versions import version_in_force
from planwatch.store import Store
from planwatch.tasking import Status, Task
from planwatch.tasking.model import STATUS_COLORS
from planwatch.tasking.outline import candidates
from planwatch.tasking.periods import containing
from planwatch.tasking.relocate import HOW_LABELS, relocate
from planwatch.tasking.status import TaskState

VIEWS = ("chapter", "unit")


def tasks_page(
    store: Store,
    plan_id: int,
    as_of: date,
    by: str = "chapter",
    status: str | None = None,
    unit: str | None = None,
) -> dict[str, Any]:
    found = board(store, plan_id, as_of)
    parsed = store.load(version_in_force(store, plan_id, as_of))
    shown = [
        t
        for t in found.tasks
        if (not status or found.states[t.key].status.value == status) and (not unit or unit in t.units())
    ]
    rows = [{**task_row(t), **state_row(found.states[t.key], found.settings)} for t in shown]
    data: dict[str, Any] = {
        "plan": plan_header(plan_id, parsed),
        "as_of": as_of.isoformat(),
        "list": list_header(found.task_list),
        "by": by if by in VIEWS else "chapter",
        "filters": {"status": status or "", "unit": unit or ""},
        "statuses": [{"status": s.value, "color": STATUS_COLORS[s]} for s in Status],
        "status_counts": [
            {"status": s, "count": n, "color": STATUS_COLORS[Status(s)]}
            for s, n in status_counts(found.states.values()).items()
        ],
        "total": len(found.tasks),
        "shown": len(rows),
        "units": [_unit_summary(r) for r in by_unit(found)],
    }
    if data["by"] == "unit":
        data["groups"] = _by_unit(rows)
    else:
        data["groups"] = [
            {"heading": c["heading"], "tasks": c["tasks"]} for c in chapter_groups(rows) if c["tasks"]
        ]
    return data


def task_page(
    store: Store, plan_id: int, key: str, as_of: date, actor: Actor | None = None
) -> dict[str, Any]:
    found = board(store, plan_id, as_of)
    task = found.task(key)
    if task is None:
        draft = task_lists.current_draft(store, plan_id)
        task = next((t for t in draft.tasks if t.key == key), None)
        if task is None:
            raise NotFoundError(f"规划 {plan_id} 的任务清单中没有任务“{key}”")
    version = version_in_force(store, plan_id, as_of)
    parsed = store.load(version)
    state = found.states.get(key)
    reports = reports_of(store, plan_id, key)
    evaluation = evaluated(store, plan_id, as_of)
    judged = {e.series_id: e for e in evaluation.evaluations}
    return {
        "plan": plan_header(plan_id, parsed),
        "as_of": as_of.isoformat(),
        "list": list_header(found.task_list),
        "in_list": found.task(key) is not None,
        "task": task_row(task),
        "state": state_row(state, found.settings) if state else None,
        "text": _plan_text(store, task, version),
        "attached": [_item(i.kind, i.key, i.name, i.line, judged, parsed, plan_id) for i in task.items],
        "reports": [report_row(r) for r in reversed(reports)],
        "notices": [notice_row(n, as_of) for n in found.notices if n.task_key == key],
        "may": _may(actor, task, state, found.task(key) is not None),
        "period": _period_offered(task, state, as_of),
        "degrees": ["未启动", "推进中", "已完成", "持续推进"],
    }


def task_list_page(store: Store, plan_id: int, which: str | int = "in_force") -> dict[str, Any]:
    """The task list as issued (序号, 重点任务, 牵头单位 …), grouped by chapter: the 任务清单 page, the
    .docx and the .xlsx all use it. `which`: in_force, draft, or a list's number."""
    if which == "draft":
        view = task_lists.current_draft(store, plan_id)
        if view.task_list is None:
            view = task_lists.list_in_force(store, plan_id)
    elif isinstance(which, int):
        view = task_lists.list_numbered(store, plan_id, which)
    else:
        view = task_lists.list_in_force(store, plan_id)
    parsed = store.load(version_in_force(store, plan_id))
    header = list_header(view.task_list)
    rows = [task_row(t) for t in view.tasks]
    draft = header is not None and header["state"] == "draft"
    return {
        "plan": plan_header(plan_id, parsed),
        "list": header,
        "lists": [list_header(t) for t in task_lists.task_lists(store, plan_id)],
        "title": f"《{parsed.plan.title}》重点任务分工方案",
        "subtitle": _subtitle(header, draft),
        "chapters": chapter_groups(rows),
        "total": len(rows),
        "suggested": sum(1 for r in rows if r["lead_suggested"]),
        "without_lead": sum(1 for r in rows if not r["lead_unit"]),
        "flagged": [r for r in rows if r["flag"]],
        "units": [d.name for d in list_departments(store)],
    }


def _subtitle(header: dict[str, Any] | None, draft: bool) -> str:
    if header is None:
        return ""
    if draft:
        return f"（第{header['number']}版 草稿）"
    return f"（{header['document_no']}）" if header.get("document_no") else f"（第{header['number']}版）"


def _plan_text(store: Store, task: Task, version_in_force_id: int) -> dict[str, Any]:
    """The task's lines in the version it was drafted from, and where it is in the version in force."""
    source_lines = store.lines(task.source_version)
    shown = {
        "source_version": _version_number(store, task.source_version),
        "first_line": task.first_line,
        "last_line": task.last_line,
        "lines": _numbered(source_lines, task.first_line, task.last_line),
        "current": None,
    }
    if task.source_version == version_in_force_id:
        return shown
    current_lines = store.lines(version_in_force_id)
    located = relocate(task, candidates(store.load(version_in_force_id), current_lines))
    current: dict[str, Any] = {
        "version": _version_number(store, version_in_force_id),
        "found": located is not None,
    }
    if located is not None:
        first, last = located.candidate.first_line, located.candidate.last_line
        current |= {
            "how": HOW_LABELS[located.how],
            "first_line": first,
            "last_line": last,
            "lines": _numbered(current_lines, first, last),
        }
    shown["current"] = current
    return shown


def _version_number(store: Store, version_id: int) -> int:
    return store.load(version_id).plan.version


def _numbered(lines: list[str], first: int, last: int) -> list[dict[str, Any]]:
    """The lines `first`…`last` that hold text, with their numbers (blank lines are left out)."""
    return [
        {"number": n, "text": lines[n - 1]}
        for n in range(first, min(last, len(lines)) + 1)
        if lines[n - 1].strip()
    ]


def _item(
    kind: str, key: str, name: str, line: int, judged: dict[str, Any], parsed: Any, plan_id: int
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "kind": kind,
        "key": key,
        "name": name,
        "line": line,
        "status": None,
        "color": None,
    }
    evaluation = judged.get(key)
    if evaluation is not None:
        row |= {
            "status": evaluation.status.value,
            "color": evaluation.color.value,
            "explanation": evaluation.explanation,
        }
    if kind == "indicator":
        row["link"] = f"/plans/{plan_id}/indicators/{key}"
    elif kind == "project":
        project = next((p for p in parsed.projects if p.id == key), None)
        row["detail"] = project.investment_raw if project and project.investment_raw else ""
        row["link"] = f"/plans/{plan_id}/projects#{key}"
    else:
        target = next((t for t in parsed.targets if t.id == key), None)
        row["detail"] = target.quote if target else ""
        row["link"] = f"/plans/{plan_id}/targets#{key}"
    return row


def _period_offered(task: Task, state: TaskState | None, as_of: date) -> str:
    """The period a report form offers: the oldest owed, else the one under way."""
    owed = [*state.missing, *state.waiting] if state else []
    return owed[0] if owed else containing(task.cycle, as_of)


def _may(actor: Actor | None, task: Task, state: TaskState | None, in_list: bool) -> dict[str, bool]:
    """What the visitor may do here (the services decide; this only offers the forms)."""
    planner = actor is not None and actor.role in (Role.ADMIN, Role.PLANNER)
    own = actor is not None and actor.role is Role.DEPARTMENT and actor.department in task.units()
    status = state.status if state else None
    unreminded = state is not None and any(p not in state.reminded for p in state.missing)
    return {
        "report": in_list and (planner or own),
        "review": in_list and planner,
        "issue": in_list and planner and status in (Status.LAGGING, Status.UNREPORTED, Status.OVERDUE),
        "remind": in_list and planner and unreminded,
    }


def _unit_summary(row: Any) -> dict[str, Any]:
    return {
        "unit": row.unit,
        "tasks": row.tasks,
        "by_status": row.by_status,
        "missing": row.missing,
        "reminded": row.reminded,
        "lagging": row.lagging,
        "notices_open": row.notices_open,
        "notices_overdue": row.notices_overdue,
        "overdue": row.overdue,
    }


def _by_unit(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["lead_unit"] or "（未定牵头单位）", []).append(row)
    return [{"heading": unit, "tasks": tasks} for unit, tasks in sorted(groups.items())]
