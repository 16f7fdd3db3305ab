"""What a planner reads out of a plan, without line numbers: for comparing readings of one plan
in different formats (a PDF's lines are its paragraphs, a .txt's are Word's save-as-text lines)."""

from __future__ import annotations

import re
from typing import Any

from planwatch.model import ParsedPlan


def squeeze(value: Any) -> Any:
    """Whitespace out: a PDF keeps no trace of the double spaces a Word file holds (数字新建  智慧城区)."""
    if isinstance(value, str):
        return re.sub(r"\s+", "", value)
    if isinstance(value, tuple):
        return tuple(squeeze(v) for v in value)
    return value


def reading(plan: ParsedPlan) -> dict[str, list[Any]]:
    """What a planner reads out of a plan, without line numbers (a PDF's lines are its paragraphs)."""
    by_id = {s.id: s for s in plan.sections}

    def path(section_id: str | None) -> tuple[tuple[str, str, str], ...]:
        steps = []
        while section_id is not None:
            s = by_id[section_id]
            steps.append((s.kind.value, s.number, s.title))
            section_id = s.parent_id
        return tuple(reversed(steps))

    readings: dict[str, list[Any]] = {
        "indicators": [
            (
                i.id,
                i.box,
                i.category,
                i.name,
                i.unit,
                i.attribute,
                tuple((c.raw, c.kind, c.value) for c in i.cells),
            )
            for i in plan.indicators
        ],
        "outline": [path(s.id) for s in plan.sections],
        "targets": [
            (
                t.subject,
                t.value,
                t.value_min,
                t.value_max,
                t.unit,
                t.kind,
                t.qualifier,
                t.year,
                t.direction,
                t.quote,
            )
            for t in plan.targets
        ],
        "facts": [(t.subject, t.value, t.unit, t.kind, t.year, t.quote) for t in plan.facts],
        "projects": [
            (
                p.box,
                p.number,
                p.name,
                p.owner,
                p.investment_raw,
                p.investment_wan_yuan,
                p.land_mu,
                p.capacity_raw,
                tuple((e.year, e.text, e.investment_wan_yuan) for e in p.schedule),
                p.text,
            )
            for p in plan.projects
        ],
    }
    return {key: [squeeze(item) for item in items] for key, items in readings.items()}
