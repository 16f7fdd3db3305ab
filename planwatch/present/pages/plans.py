"""The list of plans (规划列表), by region and kind, each with its versions and the one in force."""

from __future__ import annotations

from typing import Any

from planwatch.parse.kinds import KIND_LABELS, LEVEL_LABELS
from planwatch.present.times import local_iso
from planwatch.services.versions import version_in_force, versions_of
from planwatch.store import Store

_LEVEL_ORDER = ("national", "province", "city", "county", "unknown")
_KIND_ORDER = ("outline", "sector", "work_report", "other")


def plans_page(store: Store) -> dict[str, Any]:
    rows = []
    for plan in store.plans():
        versions = versions_of(store, plan.id)
        in_force = version_in_force(store, plan.id)
        current = next(v for v in versions if v.id == in_force)
        rows.append(
            {
                "id": plan.id,
                "title": plan.title,
                "region": plan.region,
                "kind": plan.kind,
                "kind_label": KIND_LABELS.get(plan.kind, plan.kind),
                "level": plan.level,
                "level_label": LEVEL_LABELS.get(plan.level, plan.level),
                "period_start": current.period_start,
                "period_end": current.period_end,
                "version": current.version,
                "versions": len(versions),
                "stage": current.stage,
                "line_count": current.line_count,
                "indicator_count": current.indicator_count,
                "ingested_at": local_iso(versions[-1].ingested_at),
            }
        )
    rows.sort(
        key=lambda r: (
            _LEVEL_ORDER.index(r["level"]),
            r["region"] or "",
            _KIND_ORDER.index(r["kind"]),
            r["id"],
        )
    )
    groups: list[dict[str, Any]] = []
    for row in rows:
        label = f"{row['region'] or '未识别地区'}（{row['level_label']}）"
        if not groups or groups[-1]["label"] != label:
            groups.append({"label": label, "plan_ids": []})
        groups[-1]["plan_ids"].append(row["id"])
    return {"plans": rows, "groups": groups}


def latest_plan_id(store: Store) -> int | None:
    """The plan `/` opens: the most recently created one."""
    plans = store.plans()
    return max(p.id for p in plans) if plans else None
