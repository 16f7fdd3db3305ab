"""The 调度表 to fill in: one row per project the acting user reports on (a department: those whose
责任单位 is its unit), for one period, with the projects' current values pre-filled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from planwatch.errors import PlanwatchError
from planwatch.observe.values import CellError, parse_period
from planwatch.project_model import PAUSED, ReportFrequency
from planwatch.schedule import DEFAULT_SCHEDULE_SETTINGS, events_of, judged_year
from planwatch.services.actor import Actor
from planwatch.services.permissions import WRITERS, require_role, writable_projects
from planwatch.services.project_library import library
from planwatch.services.project_reports import reports_known
from planwatch.store import Store


@dataclass(frozen=True, slots=True)
class TemplateOutcome:
    path: Path
    period: str
    rows: int


def write_template(
    store: Store,
    actor: Actor,
    plan_id: int,
    path: str | Path,
    *,
    period: str | None = None,
    today: date | None = None,
) -> TemplateOutcome:
    """The 调度表 for `period` (default: the latest period due today)."""
    from planwatch.observe.schedule_template import TemplateRow, write_schedule_template  # openpyxl on use

    require_role(actor, *WRITERS, doing="填报项目调度")
    day = today or date.today()
    current = library(store, plan_id, day)
    due = judged_year(day, current.frequency, DEFAULT_SCHEDULE_SETTINGS)[1]
    chosen = _period(period, current.frequency) if period else due
    units = {p.key: p.department for p in current.projects}
    listed = [p for p in current.projects if p.in_force and p.status not in PAUSED]
    mine = set(writable_projects(actor, units, [p.key for p in listed]))
    known = reports_known(store, plan_id, date.max, sorted(mine))
    rows = []
    for project in listed:
        if project.key not in mine:
            continue
        reports = known.get(project.key, [])
        events = events_of(reports)
        report = next((r for r in reports if r.period == chosen), None)
        rows.append(TemplateRow(project, report, events.started_on, events.finished_on))
    target = Path(path)
    write_schedule_template(target, current.title, chosen, current.frequency, rows)
    return TemplateOutcome(target, chosen, len(rows))


def _period(text: str, frequency: ReportFrequency) -> str:
    try:
        period = parse_period(text)
    except CellError as error:
        raise PlanwatchError(str(error), field="--period") from None
    monthly = len(period) == 7 and period[4] == "-"
    if monthly != (frequency is ReportFrequency.MONTH) or len(period) == 4:
        shape = "2024-05" if frequency is ReportFrequency.MONTH else "2024Q2"
        raise PlanwatchError(f"本规划按{frequency.label}调度，期间应写作{shape}", field="--period")
    return period
