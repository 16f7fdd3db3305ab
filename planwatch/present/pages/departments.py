"""单位名录: the directory of units that users, figures, projects and tasks are assigned to."""

from __future__ import annotations

from typing import Any

from planwatch.services.departments import KINDS, list_departments
from planwatch.store import Store


def departments_page(store: Store) -> dict[str, Any]:
    units = list_departments(store, active_only=False)
    return {
        "kinds": list(KINDS),
        "departments": [
            {
                "name": u.name,
                "short_name": u.short_name,
                "kind": u.kind,
                "keywords": list(u.keywords),
                "active": u.active,
            }
            for u in units
        ],
        "count": sum(1 for u in units if u.active),
    }
