"""项目调度: every project of the library judged as of a date, filtered by box, category, 责任单位, 镇街,
status and colour; totals by each; the year's completed investment beside the plan's 固定资产投资
indicator; and the overview's project card."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from planwatch.model import ParsedPlan, SeriesKind
from planwatch.present.amounts import yi_yuan
from planwatch.present.pages.common import plan_header
from planwatch.present.pages.schedule_data import (
    COLOR_LABELS,
    bands,
    percent,
    project_row,
    status_choices,
    totals_data,
)
from planwatch.project_model import CATEGORIES, LibraryProject
from planwatch.schedule import ProjectJudgement, totals, totals_by
from planwatch.schedule import periods as schedule_periods
from planwatch.schedule.status import STATUS_ORDER, ScheduleStatus
from planwatch.services.actor import Actor
from planwatch.services.permissions import PLANNERS
from planwatch.services.project_demo import schedule_demo_as_of
from planwatch.services.project_reports import Schedule, scheduled
from planwatch.store import Store
from planwatch.store.vintages import observations_as_of

FILTERS = ("box", "category", "department", "location", "status", "color")
_GROUPS = (
    ("by_box", "box"),
    ("by_category", "category"),
    ("by_department", "department"),
    ("by_location", "location"),
)
_FIXED_ASSETS = "固定资产投资"


def schedule_page(
    store: Store,
    plan_id: int,
    as_of: date,
    filters: dict[str, str | None] | None = None,
    viewer: Actor | None = None,
) -> dict[str, Any]:
    chosen = {name: (filters or {}).get(name) or None for name in FILTERS}
    result = scheduled(store, plan_id, as_of)
    parsed = store.load(result.library.version_id)
    judged = result.judged
    shown = [(p, j) for p, j in judged if _matches(p, j, chosen)]
    unit = viewer.department if viewer is not None else None
    shown.sort(key=lambda pair: _order(pair, unit))
    return {
        "plan": plan_header(plan_id, parsed),
        "as_of": as_of.isoformat(),
        "demo_as_of": _iso(schedule_demo_as_of(store, plan_id)),
        **_period_data(result),
        "viewer_department": unit,
        "can_edit": viewer is not None and viewer.role in PLANNERS,
        "filters": chosen,
        "choices": _choices(judged),
        "bands": bands(),
        "totals": totals_data(totals([*shown])),
        **{name: [totals_data(t) for t in totals_by(shown, _key(field))] for name, field in _GROUPS},
        "investment": investment_link(store, plan_id, parsed, result),
        "count": {"shown": len(shown), "total": len(judged)},
        "projects": [project_row(plan_id, p, j) for p, j in shown],
    }


def _period_data(result: Schedule) -> dict[str, Any]:
    due = result.due_period
    return {
        "year": result.year,
        "due_period": due,
        "due_label": schedule_periods.label(due),
        "elapsed": percent(schedule_periods.elapsed_share(due)),
        "frequency": {"code": result.library.frequency.value, "label": result.library.frequency.label},
        "version": result.library.version,
    }


def _matches(project: LibraryProject, judged: ProjectJudgement, chosen: dict[str, str | None]) -> bool:
    wanted = {
        "box": project.box,
        "category": project.category,
        "department": project.department,
        "location": project.location,
        "status": judged.status.code,
        "color": judged.color.value,
    }
    return all(value is None or wanted[name] == value for name, value in chosen.items())


def _order(pair: tuple[LibraryProject, ProjectJudgement], unit: str | None) -> tuple[int, int, int]:
    """The viewer's own 未报送 first, then worst first (STATUS_ORDER), then as the plan lists them."""
    project, judged = pair
    mine_unreported = (
        unit is not None and project.department == unit and judged.status is ScheduleStatus.UNREPORTED
    )
    return (0 if mine_unreported else 1, STATUS_ORDER.index(judged.status), 0)


def _key(field: str) -> Any:
    return lambda project: getattr(project, field)


def _choices(judged: Sequence[tuple[LibraryProject, ProjectJudgement]]) -> dict[str, Any]:
    def distinct(field: str) -> list[str]:
        return list(dict.fromkeys(getattr(p, field) for p, _ in judged if getattr(p, field)))

    return {
        "box": distinct("box"),
        "category": [c for c in CATEGORIES if any(p.category == c for p, _ in judged)],
        "department": sorted(distinct("department")),
        "location": sorted(distinct("location")),
        "status": status_choices(),
        "color": [{"code": code, "label": label} for code, label in COLOR_LABELS.items()],
    }


def investment_link(store: Store, plan_id: int, parsed: ParsedPlan, result: Schedule) -> dict[str, Any]:
    """The year's completed investment of the plan's projects beside the plan's 固定资产投资 indicator:
    its growth and level for that year when known on the date, else its latest year before."""
    completed = sum((j.cumulative_wan_yuan or Decimal(0) for _, j in result.judged if j.period), Decimal(0))
    series = [s for s in parsed.series() if s.current and _FIXED_ASSETS in s.name]
    known = observations_as_of(store, plan_id, result.as_of, [s.id for s in series])
    rows = []
    level_yi: Decimal | None = None
    for s in series:
        years = [o.year for o in known.get(s.id, []) if o.period.isdigit() and o.year <= result.year]
        year = max(years, default=None)
        of_year = [o for o in known.get(s.id, []) if year is not None and o.period == str(year)]
        level = next((o for o in of_year if o.kind.value == "level"), None)
        growth = next((o for o in of_year if o.kind.value == "growth"), None)
        is_rate = s.unit == "%"
        rows.append(
            {
                "id": s.id,
                "kind": "indicator" if s.kind is SeriesKind.INDICATOR else "target",
                "name": s.name,
                "unit": s.unit,
                "year": year,
                "growth": growth.value if growth else (level.value if level and is_rate else None),
                "level": level.value if level and not is_rate else None,
            }
        )
        if level is not None and year == result.year and s.unit in ("亿元", "万元") and level_yi is None:
            level_yi = level.value if s.unit == "亿元" else level.value / 10000
    completed_yi = yi_yuan(completed)
    share = percent(completed_yi / level_yi) if completed_yi is not None and level_yi else None
    return {"year": result.year, "completed_yi_yuan": completed_yi, "series": rows, "share_of_level": share}


def schedule_card(store: Store, plan_id: int, as_of: date) -> dict[str, Any]:
    """The overview's project card: the year's completion against 序时, red and yellow counts."""
    result = scheduled(store, plan_id, as_of)
    overall = totals(result.judged)
    return {
        **_period_data(result),
        "rate": percent(overall.rate),
        "planned_yi_yuan": yi_yuan(overall.planned_wan_yuan),
        "cumulative_yi_yuan": yi_yuan(overall.cumulative_wan_yuan),
        "red": overall.by_color["red"],
        "yellow": overall.by_color["yellow"],
        "unreported": overall.unreported,
        "judged": overall.count - overall.by_status.get(ScheduleStatus.NO_PLAN.value, 0),
        "demo_as_of": _iso(schedule_demo_as_of(store, plan_id)),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
