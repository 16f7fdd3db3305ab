"""目标 and 项目: the plan's quantified prose targets with their status, and its projects with
totals by box in 亿元."""

from __future__ import annotations

from datetime import date
from typing import Any

from planwatch.model import Project
from planwatch.present import evaluation_data
from planwatch.present.amounts import yi_yuan
from planwatch.present.labels import target_kind_label, target_link_label
from planwatch.present.pages.common import box_in_yi, plan_header, version_of
from planwatch.present.plan_data import project_data, project_totals, repeat_of, target_data
from planwatch.services.evaluation import evaluated
from planwatch.services.figures import demo_as_of
from planwatch.store import Store


def targets_page(store: Store, plan_id: int, as_of: date, version: int | None = None) -> dict[str, Any]:
    """The targets of the version in force on `as_of`, each judged as of then; a version asked for
    by number is listed without statuses when it is not that one (it is not what is monitored)."""
    result = evaluated(store, plan_id, as_of)
    chosen, parsed = (
        (result.version_id, result.parsed) if version is None else version_of(store, plan_id, version)
    )
    judged = chosen == result.version_id
    section = evaluation_data.target_data(result.targets)
    by_id = {row["target_id"]: row for row in section["results"]} if judged else {}
    return {
        "plan": plan_header(plan_id, parsed),
        "as_of": as_of.isoformat(),
        "demo_as_of": _iso(demo_as_of(store, plan_id)),
        "judged": judged,
        "summary": section["summary"] if judged else None,
        "targets": [_target_row(t, by_id.get(t.id)) for t in parsed.targets],
    }


def _target_row(target: Any, judgement: dict[str, Any] | None) -> dict[str, Any]:
    row = {**target_data(target), "kind_label": target_kind_label(target.kind.value)}
    if judgement is None:
        return {**row, "status": None, "status_code": None, "color": "grey", "explanation": None}
    keys = ("status", "status_code", "color", "explanation", "latest_year", "latest_value", "latest_unit")
    return {
        **row,
        **{key: judgement[key] for key in keys},
        "indicator_id": judgement["indicator_id"],
        "counted_with_indicator": judgement["counted_with_indicator"],
        "link_label": target_link_label(judgement["indicator_id"], judgement["counted_with_indicator"]),
    }


def projects_page(store: Store, plan_id: int, version: int | None = None) -> dict[str, Any]:
    _, parsed = version_of(store, plan_id, version)
    totals = project_totals(parsed.projects)
    repeats = repeat_of(parsed.projects)
    return {
        "plan": plan_header(plan_id, parsed),
        "boxes": [box_in_yi(box) for box in totals["boxes"]],
        "overall": box_in_yi(totals["overall"]),
        "projects": [
            {
                **project_data(p),
                "investment_yi_yuan": yi_yuan(p.investment_wan_yuan),
                "repeat_of": _repeat(repeats.get(p.id)),
            }
            for p in parsed.projects
        ],
    }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _repeat(first: Project | None) -> dict[str, Any] | None:
    """The earlier listing a project repeats (counted there, not again)."""
    return None if first is None else {"id": first.id, "box": first.box, "name": first.name}
