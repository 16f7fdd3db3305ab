"""数据填报: what the signed-in user may enter, the history of each, and (for planners) assignments."""

from __future__ import annotations

from typing import Any

from planwatch.present.times import local_iso
from planwatch.services.actor import Actor
from planwatch.services.assignments import assignments_of
from planwatch.services.figures import FORM_FIELDS
from planwatch.services.permissions import PLANNERS, writable
from planwatch.services.users import departments
from planwatch.services.versions import working_plan
from planwatch.store import Store
from planwatch.store.observations import entries_by, history


def entry_page(
    store: Store,
    plan_id: int,
    actor: Actor,
    *,
    errors: dict[str, dict[str, list[str]]] | None = None,
    values: dict[str, dict[str, str]] | None = None,
    import_errors: list[str] | None = None,
    notice: str = "",
) -> dict[str, Any]:
    parsed = working_plan(store, plan_id)
    assigned = assignments_of(store, plan_id)
    monitored = parsed.monitored_indicators()
    mine = set(writable(actor, assigned, [i.id for i in monitored]))
    planner = actor.role in PLANNERS
    return {
        "plan": {"id": plan_id, "title": parsed.plan.title, "stage": parsed.plan.stage},
        "user": {
            "name": actor.name,
            "role": actor.role.value,
            "role_label": actor.role_label,
            "department": actor.department,
        },
        "notice": notice_text(notice),
        "fields": FORM_FIELDS,
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
            for i in monitored
            if i.id in mine
        ],
        "import_errors": import_errors or [],
        "mine": [
            {**row, "entered_at": local_iso(row["entered_at"])}
            for row in entries_by(store, plan_id, actor.name)
        ],
        "can_assign": planner,
        "assignable": [{"id": i.id, "name": i.name} for i in monitored] if planner else [],
        "assignments": assigned if planner else {},
        "departments": departments(store) if planner else [],
    }


def notice_text(code: str) -> str | None:
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
