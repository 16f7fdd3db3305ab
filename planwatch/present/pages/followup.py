"""督查督办 pages: 我的任务 (a unit's tasks and what it owes), 催办 (due and overdue, by unit), the
督办单 list and one 督办单; and the tasks card of the overview."""

from __future__ import annotations

from datetime import date
from typing import Any

from planwatch.errors import NotFoundError
from planwatch.present.pages.common import plan_header
from planwatch.present.pages.task_rows import list_header, notice_row, state_row, task_row
from planwatch.services.actor import Actor
from planwatch.services.task_status import DueItem, board, by_unit, due_items, status_counts
from planwatch.services.versions import version_in_force
from planwatch.store import Store
from planwatch.tasking import Status
from planwatch.tasking.model import STATUS_COLORS
from planwatch.tasking.periods import name

TOP_UNITS = 5


def my_tasks_page(
    store: Store, plan_id: int, actor: Actor | None, as_of: date, unit: str | None = None
) -> dict[str, Any]:
    """A department user's unit (or `unit`, for 发改 looking at one): its tasks, what it owes."""
    chosen = unit or (actor.department if actor else None)
    found = board(store, plan_id, as_of)
    mine = [t for t in found.tasks if chosen and chosen in t.units()]
    return {
        "plan": _header(store, plan_id, as_of),
        "as_of": as_of.isoformat(),
        "list": list_header(found.task_list),
        "unit": chosen,
        "units": sorted({u for t in found.tasks for u in t.units()}),
        "tasks": [
            {
                **task_row(t),
                **state_row(found.states[t.key], found.settings),
                "role": "牵头" if t.lead_unit == chosen else "责任",
            }
            for t in mine
        ],
        "due": [_due(i) for i in due_items(found, chosen)] if chosen else [],
        "counts": status_counts(found.states[t.key] for t in mine),
    }


def due_page(store: Store, plan_id: int, as_of: date, unit: str | None = None) -> dict[str, Any]:
    """催办: every unit's overdue items, and the items of one unit (all when None)."""
    found = board(store, plan_id, as_of)
    return {
        "plan": _header(store, plan_id, as_of),
        "as_of": as_of.isoformat(),
        "list": list_header(found.task_list),
        "unit": unit or "",
        "grace_days": found.settings.report_grace_days,
        "units": [
            {
                "unit": r.unit,
                "tasks": r.tasks,
                "missing": r.missing,
                "reminded": r.reminded,
                "lagging": r.lagging,
                "notices_open": r.notices_open,
                "notices_overdue": r.notices_overdue,
                "overdue": r.overdue,
            }
            for r in by_unit(found)
        ],
        "due_items": [_due(i, found) for i in due_items(found, unit or None)],
    }


def notices_page(store: Store, plan_id: int, as_of: date) -> dict[str, Any]:
    found = board(store, plan_id, as_of)
    rows = []
    for notice in found.notices:
        task = found.task(notice.task_key)
        rows.append({**notice_row(notice, as_of), "heading": task.heading if task else notice.task_key})
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["state"]] = counts.get(row["state"], 0) + 1
    return {
        "plan": _header(store, plan_id, as_of),
        "as_of": as_of.isoformat(),
        "notices": rows,
        "counts": counts,
        "followed": [
            {"key": t.key, "heading": t.heading, "status": found.states[t.key].status.value}
            for t in found.tasks
            if found.states[t.key].status in (Status.LAGGING, Status.UNREPORTED, Status.OVERDUE)
        ],
    }


def notice_page(
    store: Store, plan_id: int, notice_id: int, as_of: date, actor: Actor | None = None
) -> dict[str, Any]:
    found = board(store, plan_id, as_of)
    notice = next((n for n in found.notices if n.id == notice_id), None)
    if notice is None:
        raise NotFoundError(f"规划 {plan_id} 中没有编号为 {notice_id} 的督办单（或签发于{as_of}之后）")
    task = found.task(notice.task_key)
    row = notice_row(notice, as_of)
    planner = actor is not None and actor.role.value in ("admin", "planner")
    own = actor is not None and actor.department == notice.unit
    return {
        "plan": _header(store, plan_id, as_of),
        "as_of": as_of.isoformat(),
        "notice": row,
        "task": task_row(task) if task else None,
        "state": state_row(found.states[task.key], found.settings) if task else None,
        "may": {
            "reply": row["state"] != "已办结" and (planner or own),
            "close": row["state"] == "已回复" and planner,
        },
    }


def tasks_card(store: Store, plan_id: int, as_of: date) -> dict[str, Any]:
    """The overview's tasks card: counts by status and the units with the most overdue items."""
    found = board(store, plan_id, as_of)
    counts = status_counts(found.states.values())
    return {
        "has_list": found.task_list is not None,
        "total": len(found.tasks),
        "by_status": [
            {"status": s, "count": n, "color": STATUS_COLORS[Status(s)]} for s, n in counts.items()
        ],
        "top_units": [
            {"unit": r.unit, "overdue": r.overdue, "missing": r.missing, "lagging": r.lagging}
            for r in by_unit(found)[:TOP_UNITS]
            if r.overdue
        ],
        "notices_open": sum(1 for n in found.notices if n.state(as_of) != "已办结"),
    }


def _header(store: Store, plan_id: int, as_of: date) -> dict[str, Any]:
    return plan_header(plan_id, store.load(version_in_force(store, plan_id, as_of)))


def _due(item: DueItem, found: Any = None) -> dict[str, Any]:
    row = {
        "kind": item.kind,
        "task_key": item.task_key,
        "heading": item.heading,
        "period": item.period,
        "period_name": name(item.period) if item.period else None,
        "deadline": item.deadline.isoformat(),
        "state": item.state,
        "color": {
            "待报送": "blue",
            "未报送": "yellow",
            "逾期未报": "orange",
            "待回复": "blue",
            "逾期未回复": "red",
        }[item.state],
        "notice_id": item.notice_id,
        "notice_number": item.notice_number,
    }
    if found is not None:
        task = found.task(item.task_key)
        row["unit"] = task.lead_unit if task else None
    return row
