"""审计日志: every write, who and when, the value before and after (administrators only).

Each entry keeps its codes (`action`, `user`, `old`, `new`: what scripts match on) beside the
words a person reads (`action_label`, `user_label`, `changes`, `at_shown` in the local zone).
"""

from __future__ import annotations

from typing import Any

from planwatch.present import audit_labels as labels
from planwatch.present.times import local_iso, shown_time, zone_name
from planwatch.services.actor import Actor
from planwatch.services.audit import audit_entries
from planwatch.store import Store

# The one field an action's plain (non-dict) old → new stands for.
_WHOLE = {"assign": "department"}


def audit_page(store: Store, actor: Actor, plan_id: int | None) -> dict[str, Any]:
    entries = audit_entries(store, actor, plan_id)
    return {
        "plan_filter": plan_id,
        "zone": zone_name(),
        "entries": [
            {
                "id": e.id,
                "at": local_iso(e.at),
                "at_shown": shown_time(e.at),
                "user": e.user,
                "user_label": labels.user_label(e.user),
                "action": e.action,
                "action_label": labels.action_label(e.action),
                "plan_id": e.plan_id,
                "target": e.target,
                "target_label": labels.target_label(e.target),
                "old": e.old,
                "new": e.new,
                "changes": labels.changes(e.old, e.new, _WHOLE.get(e.action, "value")),
            }
            for e in entries
        ],
    }
