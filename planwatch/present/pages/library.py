"""项目库: every library entry with its fields, year plans, planned milestones and source, as data for
the CLI table, the JSON and the Excel export."""

from __future__ import annotations

from datetime import date
from typing import Any

from planwatch.present.amounts import yi_yuan
from planwatch.present.pages.schedule_data import NOT_IN_FORCE
from planwatch.project_model import MilestoneKind
from planwatch.services.project_library import library
from planwatch.store import Store


def library_page(store: Store, plan_id: int, on: date | None = None) -> dict[str, Any]:
    current = library(store, plan_id, on)
    years = sorted({p.year for project in current.projects for p in project.year_plans})
    return {
        "plan": {"id": plan_id, "title": current.title, "version": current.version},
        "on": current.on.isoformat(),
        "frequency": {"code": current.frequency.value, "label": current.frequency.label},
        "years": years,
        "projects": [
            {
                "key": p.key,
                "code": p.code,
                "name": p.name,
                "box": p.box,
                "category": p.category,
                "category_from_box": p.category_from_box,
                "nature": p.nature,
                "location": p.location,
                "start_year": p.start_year,
                "end_year": p.end_year,
                "investment_yi_yuan": yi_yuan(p.investment_wan_yuan),
                "owner": p.owner,
                "department": p.department,
                "status": p.status,
                "manual": p.manual,
                "in_force": p.in_force,
                "in_force_label": None if p.in_force else NOT_IN_FORCE,
                "planned_start": _day(p.planned(MilestoneKind.START)),
                "planned_finish": _day(p.planned(MilestoneKind.FINISH)),
                "nodes": [
                    {"label": m.label, "planned_on": m.planned_on.isoformat()}
                    for m in p.milestones
                    if m.kind is MilestoneKind.NODE
                ],
                "year_plans": {
                    str(y.year): {"amount_yi_yuan": yi_yuan(y.amount_wan_yuan), "origin": y.origin}
                    for y in p.year_plans
                },
                "source": None
                if p.source is None
                else {"version": p.source.version, "line": p.source.line, "last_line": p.source.last_line},
                "set_fields": sorted(p.set_fields),
            }
            for p in current.projects
        ],
    }


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
