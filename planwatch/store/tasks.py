"""A plan's task lists (任务分工): one draft at a time, accepted lists numbered, and their tasks."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from planwatch.store.audit import utc
from planwatch.store.schema import task_entries, task_lists
from planwatch.tasking.model import AttachedItem, Cycle, Level, Task

DRAFT, ACCEPTED, REPLACED = "draft", "accepted", "replaced"


@dataclass(frozen=True, slots=True)
class TaskList:
    id: int
    plan_id: int
    number: int
    state: str  # draft | accepted | replaced
    drafted_from: int  # the version id the proposal was drafted from
    based_on: int | None
    in_force_from: date | None
    document_no: str | None
    created_by: str
    created_at: datetime
    accepted_by: str | None
    accepted_at: datetime | None


def lists_of(connection: Connection, plan_id: int) -> list[TaskList]:
    c = task_lists.c
    rows = connection.execute(select(task_lists).where(c.plan_id == plan_id).order_by(c.number))
    return [_list(r) for r in rows]


def draft_of(connection: Connection, plan_id: int) -> TaskList | None:
    return next((t for t in lists_of(connection, plan_id) if t.state == DRAFT), None)


def in_force(lists: Sequence[TaskList], on: date) -> TaskList | None:
    """The accepted list in force on `on`: the latest accepted whose date has come."""
    taken = [
        t for t in lists if t.state == ACCEPTED and t.in_force_from is not None and t.in_force_from <= on
    ]
    return max(taken, key=lambda t: (t.in_force_from or on, t.number), default=None)


def create_list(
    connection: Connection, plan_id: int, drafted_from: int, based_on: int | None, created_by: str
) -> TaskList:
    c = task_lists.c
    number = connection.execute(select(func.max(c.number)).where(c.plan_id == plan_id)).scalar() or 0
    values = {
        "plan_id": plan_id,
        "number": number + 1,
        "state": DRAFT,
        "drafted_from": drafted_from,
        "based_on": based_on,
        "created_by": created_by,
        "created_at": datetime.now(UTC),
    }
    new_id = connection.execute(insert(task_lists).values(**values)).inserted_primary_key
    assert new_id is not None
    return _list(connection.execute(select(task_lists).where(c.id == new_id[0])).one())


def set_replaced(connection: Connection, list_id: int) -> None:
    connection.execute(update(task_lists).where(task_lists.c.id == list_id).values(state=REPLACED))


def accept(
    connection: Connection, list_id: int, in_force_from: date, document_no: str | None, by: str
) -> None:
    connection.execute(
        update(task_lists)
        .where(task_lists.c.id == list_id)
        .values(
            state=ACCEPTED,
            in_force_from=in_force_from,
            document_no=document_no,
            accepted_by=by,
            accepted_at=datetime.now(UTC),
        )
    )


def entries(connection: Connection, list_id: int) -> list[Task]:
    c = task_entries.c
    rows = connection.execute(select(task_entries).where(c.list_id == list_id).order_by(c.position))
    return [_task(r) for r in rows]


def replace_entries(connection: Connection, list_id: int, tasks: Sequence[Task]) -> None:
    """The list's tasks become `tasks`, in their order."""
    connection.execute(delete(task_entries).where(task_entries.c.list_id == list_id))
    if tasks:
        connection.execute(insert(task_entries), [_row(list_id, n, t) for n, t in enumerate(tasks)])


def highest_key(connection: Connection, plan_id: int) -> int:
    """The highest number of any task key the plan's lists ever used (R027 → 27)."""
    rows = connection.execute(
        select(task_entries.c.task_key)
        .join(task_lists, task_lists.c.id == task_entries.c.list_id)
        .where(task_lists.c.plan_id == plan_id)
        .distinct()
    )
    numbers = [int(r.task_key[1:]) for r in rows if r.task_key[1:].isdigit()]
    return max(numbers, default=0)


def _list(row: Any) -> TaskList:
    return TaskList(
        row.id,
        row.plan_id,
        row.number,
        row.state,
        row.drafted_from,
        row.based_on,
        row.in_force_from,
        row.document_no,
        row.created_by,
        utc(row.created_at),
        row.accepted_by,
        utc(row.accepted_at) if row.accepted_at is not None else None,
    )


def _row(list_id: int, position: int, task: Task) -> dict[str, Any]:
    return {
        "list_id": list_id,
        "task_key": task.key,
        "position": position,
        "number": task.number,
        "level": task.level.value,
        "parent_key": task.parent_key,
        "path": json.dumps(list(task.path), ensure_ascii=False),
        "heading": task.heading,
        "summary": task.summary,
        "source_version": task.source_version,
        "first_line": task.first_line,
        "last_line": task.last_line,
        "items": json.dumps([[i.kind, i.key, i.name, i.line] for i in task.items], ensure_ascii=False),
        "lead_unit": task.lead_unit,
        "lead_suggested": 1 if task.lead_suggested else 0,
        "lead_keyword": task.lead_keyword,
        "co_units": json.dumps(list(task.co_units), ensure_ascii=False),
        "deadline": task.deadline,
        "cycle": task.cycle.value,
        "note": task.note,
        "flag": task.flag,
    }


def _task(row: Any) -> Task:
    return Task(
        key=row.task_key,
        number=row.number,
        level=Level(row.level),
        parent_key=row.parent_key,
        path=tuple(json.loads(row.path)),
        heading=row.heading,
        summary=row.summary,
        source_version=row.source_version,
        first_line=row.first_line,
        last_line=row.last_line,
        items=tuple(AttachedItem(k, key, name, line) for k, key, name, line in json.loads(row.items)),
        lead_unit=row.lead_unit,
        lead_suggested=bool(row.lead_suggested),
        lead_keyword=row.lead_keyword,
        co_units=tuple(json.loads(row.co_units)),
        deadline=row.deadline,
        cycle=Cycle(row.cycle),
        note=row.note,
        flag=row.flag,
    )


def in_force_everywhere(
    connection: Connection, on: date, plan_ids: list[int] | None = None
) -> list[TaskList]:
    """The list in force on `on` of every plan that has one (of `plan_ids` when given)."""
    query = select(task_lists).where(task_lists.c.state == ACCEPTED, task_lists.c.in_force_from <= on)
    if plan_ids is not None:
        query = query.where(task_lists.c.plan_id.in_(plan_ids))
    by_plan: dict[int, list[TaskList]] = {}
    for row in connection.execute(query):
        by_plan.setdefault(row.plan_id, []).append(_list(row))
    return [chosen for found in by_plan.values() if (chosen := in_force(found, on)) is not None]


def terms_of(connection: Connection, list_ids: list[int]) -> list[tuple[int, str, str, str]]:
    """(list id, task key, cycle, deadline) of every task of the lists: what the status needs."""
    e = task_entries.c
    query = select(e.list_id, e.task_key, e.cycle, e.deadline).where(e.list_id.in_(list_ids))
    return [(r.list_id, r.task_key, r.cycle, r.deadline) for r in connection.execute(query)]
