"""Which department answers for which item (an indicator, prose target or project id) of a plan."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from planwatch.store.schema import assignments


def set_department(connection: Connection, plan_id: int, item_id: str, department: str | None) -> str | None:
    """Give the item to `department` (None takes it back); returns the department it had."""
    a = assignments.c
    old: str | None = connection.execute(
        select(a.department).where(a.plan_id == plan_id, a.item_id == item_id)
    ).scalar_one_or_none()
    if old == department:
        return old
    connection.execute(delete(assignments).where(a.plan_id == plan_id, a.item_id == item_id))
    if department is not None:
        connection.execute(
            insert(assignments).values(plan_id=plan_id, item_id=item_id, department=department)
        )
    return old


def departments_of(connection: Connection, plan_id: int, item_ids: list[str] | None = None) -> dict[str, str]:
    """item id → department, for one plan (only `item_ids` when given)."""
    a = assignments.c
    query = select(a.item_id, a.department).where(a.plan_id == plan_id)
    if item_ids is not None:
        query = query.where(a.item_id.in_(sorted(set(item_ids))))
    return {r.item_id: r.department for r in connection.execute(query)}


def has_any(connection: Connection, plan_id: int, department: str) -> bool:
    """Whether the department answers for anything in the plan (checked before reading an upload)."""
    a = assignments.c
    query = select(a.item_id).where(a.plan_id == plan_id, a.department == department).limit(1)
    return connection.execute(query).first() is not None
