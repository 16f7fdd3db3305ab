"""审计日志: every write, who and when, the value before and after (administrators only)."""

from __future__ import annotations

from typing import Any

from planwatch.services.actor import Actor
from planwatch.services.audit import audit_entries
from planwatch.store import Store


def audit_page(store: Store, actor: Actor, plan_id: int | None) -> dict[str, Any]:
    entries = audit_entries(store, actor, plan_id)
    return {
        "plan_filter": plan_id,
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
