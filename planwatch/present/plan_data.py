"""The plan as plain data: the JSON contract (docs/json.md, docs/plan.schema.json).

One function shapes a ParsedPlan for every consumer — `parse`, `export`, the
Excel writer and later the web API — so they cannot drift apart.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from planwatch.lint.duplicates import repeated_projects
from planwatch.model import (
    Cell,
    Growth,
    Indicator,
    ParsedPlan,
    Problem,
    Project,
    ScheduleEntry,
    Section,
    Target,
    ValueRef,
)

SCHEMA_VERSION = "1"


def plan_data(parsed: ParsedPlan) -> dict[str, Any]:
    plan = parsed.plan
    return {
        "schema_version": SCHEMA_VERSION,
        "plan": {
            "id": plan.id,
            "title": plan.title,
            "region": plan.region,
            "period_start": plan.period_start,
            "period_end": plan.period_end,
            "stage": plan.stage,
            "version": plan.version,
            "source": {
                "path": plan.source.path,
                "sha256": plan.source.sha256,
                "line_count": plan.source.line_count,
                "format": plan.source.format,
            },
        },
        "sections": [section_data(s) for s in parsed.sections],
        "indicators": [indicator_data(i) for i in parsed.indicators],
        "targets": [target_data(t) for t in parsed.targets],
        "facts": [target_data(t) for t in parsed.facts],
        "projects": [project_data(p) for p in parsed.projects],
        "problems": [problem_data(p) for p in parsed.problems],
    }


def section_data(section: Section) -> dict[str, Any]:
    return {
        "id": section.id,
        "kind": section.kind.value,
        "number": section.number,
        "title": section.title,
        "line": section.line,
        "parent_id": section.parent_id,
        "ordinal": section.ordinal,
    }


def indicator_data(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.id,
        "box": indicator.box,
        "table_title": indicator.table_title,
        "category": indicator.category,
        "name": indicator.name,
        "unit": indicator.unit,
        "attribute": indicator.attribute.value if indicator.attribute else None,
        "line": indicator.line,
        "section_id": indicator.section_id,
        "cells": [cell_data(c) for c in indicator.cells],
        "base": _ref(indicator.base),
        "target": _ref(indicator.target),
        "growth": _growth(indicator.growth),
    }


def cell_data(cell: Cell) -> dict[str, Any]:
    return {
        "header": cell.header,
        "raw": cell.raw,
        "line": cell.line,
        "kind": cell.kind.value,
        "value": cell.value,
        "year": cell.year,
        "qualifier": cell.qualifier,
        "parts": list(cell.parts) if cell.parts else None,
    }


def target_data(target: Target) -> dict[str, Any]:
    return {
        "id": target.id,
        "subject": target.subject,
        "value": target.value,
        "value_min": target.value_min,
        "value_max": target.value_max,
        "value_raw": target.value_raw,
        "unit": target.unit,
        "kind": target.kind.value,
        "qualifier": target.qualifier,
        "year": target.year,
        "year_implied": target.year_implied,
        "direction": target.direction,
        "line": target.line,
        "quote": target.quote,
        "section_id": target.section_id,
    }


def project_data(project: Project) -> dict[str, Any]:
    return {
        "id": project.id,
        "box": project.box,
        "box_title": project.box_title,
        "number": project.number,
        "name": project.name,
        "owner": project.owner,
        "investment_raw": project.investment_raw,
        "investment_wan_yuan": project.investment_wan_yuan,
        "investment_qualifier": project.investment_qualifier,
        "land_mu": project.land_mu,
        "land_raw": project.land_raw,
        "capacity_raw": project.capacity_raw,
        "schedule": [_schedule(e) for e in project.schedule],
        "line": project.line,
        "last_line": project.last_line,
        "text": project.text,
        "section_id": project.section_id,
    }


def _schedule(entry: ScheduleEntry) -> dict[str, Any]:
    return {
        "year": entry.year,
        "text": entry.text,
        "line": entry.line,
        "investment_wan_yuan": entry.investment_wan_yuan,
        "investment_raw": entry.investment_raw,
    }


def problem_data(problem: Problem) -> dict[str, Any]:
    return {"line": problem.line, "field": problem.field, "reason": problem.reason, "raw": problem.raw}


def _ref(ref: ValueRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"year": ref.year, "value": ref.value, "raw": ref.raw, "kind": ref.kind.value, "line": ref.line}


def _growth(growth: Growth | None) -> dict[str, Any] | None:
    if growth is None:
        return None
    return {"raw": growth.raw, "value": growth.value, "kind": growth.kind.value, "line": growth.line}


def project_totals(projects: tuple[Project, ...]) -> dict[str, Any]:
    """Investment per box and overall, in 万元, with how many projects state an amount.

    A project listed twice (the linter's repeated-project: P146 in 专栏11-4 is P008 of 专栏3-2) is
    counted once: the repeat stays in its box's list, marked (`repeats`), and its amount counts
    only when the earlier listing states none. A box that states no amount has no investment
    (None, shown 未列明), not 0.
    """
    repeats = repeat_of(projects)
    counted = {p.id: p.investment_wan_yuan for p in projects}
    for project in projects:
        twin = repeats.get(project.id)
        if twin is not None and twin.investment_wan_yuan is not None:
            counted[project.id] = None  # already in the earlier listing's box
    boxes: dict[tuple[str | None, str], list[Project]] = {}
    for project in projects:
        boxes.setdefault((project.box, project.box_title), []).append(project)

    def summary(items: list[Project]) -> dict[str, Any]:
        amounts = [a for p in items if (a := counted[p.id]) is not None]
        repeated = sum(1 for p in items if p.id in repeats)
        return {
            "count": len(items),
            "repeats": repeated,
            "with_investment": len(amounts),
            "investment_wan_yuan": sum(amounts, Decimal(0)) if amounts else None,
        }

    overall = summary(list(projects))
    return {
        "boxes": [
            {"box": box, "box_title": title, **summary(items)} for (box, title), items in boxes.items()
        ],
        "overall": {**overall, "count": overall["count"] - overall["repeats"]},
    }


def repeat_of(projects: tuple[Project, ...]) -> dict[str, Project]:
    """Each project listed again (by id) → its first listing."""
    return {repeat.id: first for repeat, first in repeated_projects(projects)}
