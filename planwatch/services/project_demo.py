"""The illustrative 调度 book of a stored plan (示例数据，非真实统计), loaded by `planwatch demo`:
责任单位 and 建设地点 from the directory's suggestions, year plans, milestones and monthly reports for
2021–2024 (`planwatch.schedule.demo`), and one project added by hand. Loading it again changes nothing;
values a person already entered are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from planwatch.errors import PlanwatchError
from planwatch.schedule.demo import DEMO_AS_OF, SETUP_DAY, SOURCE, demo_book
from planwatch.services.actor import Actor
from planwatch.services.departments import require_known
from planwatch.services.permissions import PLANNERS, require_role
from planwatch.services.project_library import entry, library
from planwatch.services.project_suggestions import suggestions
from planwatch.store import Store, audit
from planwatch.store import project_library as rows
from planwatch.store import project_reports as store_reports

FALLBACK_UNIT = "区发改委"
_MANUAL = {
    "name": "示例：智慧停车场建设项目（手工添加）",
    "department": "区城管局",
    "category": "基础设施",
    "investment": "12000",
}


@dataclass(frozen=True, slots=True)
class DemoOutcome:
    projects: int
    reports: int
    already_loaded: bool = False

    def summary(self) -> str:
        if self.already_loaded:
            return f"项目调度示例数据（{SOURCE}）此前已载入，未作改动"
        return f"已载入项目调度示例数据（{SOURCE}）：{self.projects}个项目，{self.reports}份报送"


def schedule_demo_as_of(store: Store, plan_id: int) -> date | None:
    """The date the demo 调度 book is best seen on, when the plan holds it; else None."""
    with store.reading() as connection:
        return DEMO_AS_OF if store_reports.has_source(connection, plan_id, SOURCE) else None


def load_schedule_demo(store: Store, actor: Actor, plan_id: int) -> DemoOutcome:
    require_role(actor, *PLANNERS, doing="载入示例数据")
    with store.reading() as connection:
        loaded = store_reports.has_source(connection, plan_id, SOURCE)
    if loaded:
        return DemoOutcome(0, 0, already_loaded=True)
    current = library(store, plan_id, date.max)
    suggested = suggestions(store, current.projects)
    units = {key: s.department for key, s in suggested.items() if s.department}
    places = {key: s.location for key, s in suggested.items() if s.location}
    added = 0
    with store.transaction() as connection:
        for unit in {*units.values(), FALLBACK_UNIT, _MANUAL["department"]}:
            try:
                require_known(connection, unit)
            except PlanwatchError:
                raise PlanwatchError(
                    f"单位名录中没有“{unit}”：请先载入单位名录（planwatch department starter）"
                ) from None
        key = rows.add_manual(connection, plan_id, actor.name)
        rows.write_fields(connection, plan_id, key, _MANUAL, SETUP_DAY, actor.name)
        manual = replace(
            entry(key, {}, None, in_force=True), name=_MANUAL["name"], investment_wan_yuan=Decimal(12000)
        )
        projects = [*current.projects, manual]
        units[key] = _MANUAL["department"]
        by_key = {p.key: p for p in projects}
        for book in demo_book(projects, units, places):
            kept = by_key[book.key].set_fields if book.key != key else frozenset(_MANUAL)
            fields = [(f, v, day) for f, v, day in book.fields if f not in kept]
            for field, value, day in fields:
                rows.write_fields(connection, plan_id, book.key, {field: value}, day, actor.name)
            store_reports.write_reports(
                connection, plan_id, book.reports, entered_by=actor.name, source=SOURCE
            )
            added += len(book.reports)
            new = {"fields": len(fields), "reports": len(book.reports), "source": SOURCE}
            audit.record(connection, actor.name, "project.demo", plan_id, book.key, None, new)
    return DemoOutcome(len(projects), added)
