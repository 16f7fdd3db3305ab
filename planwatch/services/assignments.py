"""Giving a plan's items to departments: only that department's users may then write their figures."""

from __future__ import annotations

from planwatch.errors import NotFoundError
from planwatch.model import ParsedPlan
from planwatch.services.actor import Actor
from planwatch.services.departments import require_known
from planwatch.services.permissions import PLANNERS, require_role
from planwatch.services.versions import working_plan
from planwatch.store import Store, assignments, audit


def item_ids(parsed: ParsedPlan) -> set[str]:
    """What can be assigned: indicators, prose targets and projects."""
    return (
        {i.id for i in parsed.indicators} | {t.id for t in parsed.targets} | {p.id for p in parsed.projects}
    )


def assign(store: Store, actor: Actor, plan_id: int, item_id: str, department: str | None) -> bool:
    """Give an item of a plan to a department (None or "" takes it back); False when nothing changed."""
    require_role(actor, *PLANNERS, doing="分配指标")
    department = (department or "").strip() or None
    if item_id not in item_ids(working_plan(store, plan_id)):
        raise NotFoundError(f"规划 {plan_id} 中没有编号为“{item_id}”的指标、目标或项目")
    with store.transaction() as connection:
        if department is not None:
            department = require_known(connection, department, field="部门")
        old = assignments.set_department(connection, plan_id, item_id, department)
        if old == department:
            return False
        audit.record(connection, actor.name, "assign", plan_id, item_id, old, department)
    return True


def assignments_of(store: Store, plan_id: int) -> dict[str, str]:
    """item id → department, for one plan."""
    with store.reading() as connection:
        return assignments.departments_of(connection, plan_id)
