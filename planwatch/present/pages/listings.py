"""目标 and 项目: the plan's quantified prose targets, and its projects with totals by box in 亿元."""

from __future__ import annotations

from typing import Any

from planwatch.present.amounts import yi_yuan
from planwatch.present.labels import target_kind_label
from planwatch.present.pages.common import box_in_yi, plan_header, version_of
from planwatch.present.plan_data import project_data, project_totals, target_data
from planwatch.store import Store


def targets_page(store: Store, plan_id: int, version: int | None = None) -> dict[str, Any]:
    _, parsed = version_of(store, plan_id, version)
    return {
        "plan": plan_header(plan_id, parsed),
        "targets": [
            {**target_data(t), "kind_label": target_kind_label(t.kind.value)} for t in parsed.targets
        ],
    }


def projects_page(store: Store, plan_id: int, version: int | None = None) -> dict[str, Any]:
    _, parsed = version_of(store, plan_id, version)
    totals = project_totals(parsed.projects)
    return {
        "plan": plan_header(plan_id, parsed),
        "boxes": [box_in_yi(box) for box in totals["boxes"]],
        "overall": box_in_yi(totals["overall"]),
        "projects": [
            {**project_data(p), "investment_yi_yuan": yi_yuan(p.investment_wan_yuan)} for p in parsed.projects
        ],
    }
