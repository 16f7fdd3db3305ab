"""The list of plans (规划列表) and the plan `/` opens."""

from __future__ import annotations

from typing import Any

from planwatch.store import Store


def plans_page(store: Store) -> dict[str, Any]:
    return {
        "plans": [
            {
                "id": p.id,
                "title": p.title,
                "region": p.region,
                "period_start": p.period_start,
                "period_end": p.period_end,
                "version": p.version,
                "stage": p.stage,
                "line_count": p.line_count,
                "indicator_count": p.indicator_count,
                "ingested_at": p.ingested_at.isoformat(timespec="seconds"),
            }
            for p in store.plans()
        ]
    }


def latest_plan_id(store: Store) -> int | None:
    """The plan `/` opens: the most recently stored one."""
    summaries = store.plans()
    return summaries[-1].id if summaries else None
