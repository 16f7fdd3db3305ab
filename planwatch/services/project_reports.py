"""调度: a period's report typed into a form, a filled 调度表 imported, and the projects judged as of a date.

Each write is permitted (a department user reports only on the projects whose 责任单位 is its unit),
checked by the same code for a form and a file (`observe.schedule_rows`), stored with an audit entry
per report (old → new), and bumps the revision — in one transaction. A refused file changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from planwatch.observe import schedule_layout as layout
from planwatch.observe.schedule_rows import check_rows
from planwatch.observe.schedule_sheet import ScheduleRow, read_schedule
from planwatch.project_model import LibraryProject, ProjectReport
from planwatch.schedule import (
    DEFAULT_SCHEDULE_SETTINGS,
    ProjectJudgement,
    ScheduleSettings,
    judge_project,
    judged_year,
)
from planwatch.schedule.judge import events_of
from planwatch.services.actor import Actor
from planwatch.services.permissions import (
    PLANNERS,
    WRITERS,
    PermissionDenied,
    require_project_write,
    require_role,
)
from planwatch.services.project_library import Library, library
from planwatch.store import Store, audit
from planwatch.store import project_library as library_rows
from planwatch.store import project_reports as store_reports
from planwatch.store.kept import kept_per_revision

FORM_SOURCE = "填报"
# The form's fields, as the 调度表 names them, with their labels (used in messages too).
FORM_FIELDS = {
    layout.PERIOD: "期间",
    layout.COMPLETED: "本期完成投资（万元）",
    layout.CUMULATIVE: "自年初累计完成投资（万元）",
    layout.STARTED: "开工日期",
    layout.FINISHED: "竣工日期",
    layout.PROGRESS: "形象进度",
    layout.ISSUES: "存在问题",
    layout.COORDINATION: "需协调事项",
    layout.REPORTED: "填报日期",
}


@dataclass(frozen=True, slots=True)
class ReportOutcome:
    file: str
    rows: int  # rows with something filled in
    added: int  # new reports (a correction counts as one)
    unchanged: int  # rows the book already held as they are

    def summary(self) -> str:
        added = f"新增{self.added}份报送（含更正）"
        return f"{self.file}：共{self.rows}行，{added}，与已有报送相同{self.unchanged}行"


def report_period(
    store: Store,
    actor: Actor,
    plan_id: int,
    reference: str,
    values: Mapping[str, str],
    *,
    today: date | None = None,
) -> ReportOutcome:
    """One project's period typed into the 调度填报 form (`values` by FORM_FIELDS name)."""
    day = today or date.today()
    current = library(store, plan_id, day)
    project = current.find(reference)
    with store.reading() as connection:
        require_project_write(connection, actor, plan_id, [project.key])
    cells = {name: (values.get(name) or "").strip() for name in FORM_FIELDS}
    row = ScheduleRow(1, {layout.CODE: project.key, **cells}, dict(FORM_FIELDS), {})
    return _check_and_store(store, actor, current, [row], day, FORM_SOURCE, "调度填报")


def import_schedule(
    store: Store,
    actor: Actor,
    plan_id: int,
    path: str | Path,
    *,
    file_name: str | None = None,
    today: date | None = None,
) -> ReportOutcome:
    """A filled 调度表 (.xlsx) or long CSV; ImportRefused (database untouched) lists every problem.
    A department user with no project of its unit is refused before the file is read."""
    require_role(actor, *WRITERS, doing="填报项目调度")
    day = today or date.today()
    current = library(store, plan_id, day)
    if not _writable_somewhere(actor, current):
        raise _nothing_assigned(actor, plan_id)
    shown = file_name or Path(path).name
    rows = read_schedule(path, shown_name=shown)
    return _check_and_store(store, actor, current, rows, day, shown, shown)


def _writable_somewhere(actor: Actor, current: Library) -> bool:
    """Cheap check before reading an upload: a department user needs at least one project of its unit."""
    if actor.role in PLANNERS:
        return True
    return actor.department is not None and any(p.department == actor.department for p in current.projects)


def _nothing_assigned(actor: Actor, plan_id: int) -> PermissionDenied:
    unit = actor.department or "（未指定部门）"
    return PermissionDenied(f"规划 {plan_id} 中没有责任单位为“{unit}”的项目")


def _check_and_store(
    store: Store,
    actor: Actor,
    current: Library,
    rows: Sequence[ScheduleRow],
    day: date,
    source: str,
    file: str,
) -> ReportOutcome:
    plan_id = current.plan_id
    with store.reading() as connection:
        known = store_reports.reports_as_of(connection, date.max, [plan_id]).get(plan_id, {})
    checked = check_rows(
        rows,
        current.projects,
        known,
        frequency=current.frequency,
        years=current.period,
        today=day,
        file=file,
    )
    with store.transaction() as connection:
        require_project_write(connection, actor, plan_id, [r.project_key for r in checked.reports])
        stored = store_reports.write_reports(
            connection, plan_id, checked.reports, entered_by=actor.name, source=source
        )
        for report in stored:
            old = next((r for r in known.get(report.project_key, ()) if r.period == report.period), None)
            target = f"{report.project_key} {report.period}"
            new = report_values(report)
            audit.record(connection, actor.name, "project.report", plan_id, target, _old(old), new)
    return ReportOutcome(file, checked.rows, len(stored), checked.unchanged)


def _old(report: ProjectReport | None) -> dict[str, Any] | None:
    return None if report is None else report_values(report)


def report_values(report: ProjectReport) -> dict[str, Any]:
    """A report as its audit entry records it."""
    values: dict[str, Any] = {
        "completed": str(report.completed_wan_yuan),
        "cumulative": str(report.cumulative_wan_yuan),
        "reported_on": report.reported_on.isoformat(),
    }
    for name in ("started_on", "finished_on"):
        day = getattr(report, name)
        if day is not None:
            values[name] = day.isoformat()
    for name in ("progress", "issues", "coordination", "source"):
        if getattr(report, name):
            values[name] = getattr(report, name)
    return values


# ---- judging ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Schedule:
    library: Library
    as_of: date
    year: int
    due_period: str
    judged: list[tuple[LibraryProject, ProjectJudgement]]


def schedule_as_of(
    store: Store, plan_id: int, as_of: date, settings: ScheduleSettings = DEFAULT_SCHEDULE_SETTINGS
) -> Schedule:
    """Every project of the library judged on `as_of`, with what was known then. The library and the
    reports are read at once, on two connections: the database works on one while Python builds the
    other (a judgement of 20,000 projects waits on both about equally)."""
    with store.reading() as connection:
        frequency = library_rows.frequency_of(connection, plan_id)
    year, due = judged_year(as_of, frequency, settings)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="planwatch-reports") as pool:
        reading = pool.submit(_reports_of, store, plan_id, as_of, year)
        current = library(store, plan_id, as_of)
        of_year, events = reading.result()
    judged = judge_library(current, of_year, events, as_of, settings)
    return Schedule(current, as_of, year, due, judged)


def _reports_of(
    store: Store, plan_id: int, as_of: date, year: int
) -> tuple[dict[str, list[ProjectReport]], dict[str, list[ProjectReport]]]:
    """The year's reports and those with a 开工/竣工 date (any year), as known on `as_of`."""
    with store.reading() as connection:
        of_year = store_reports.reports_as_of(connection, as_of, [plan_id], year=year, judged_only=True)
        events = store_reports.reports_as_of(connection, as_of, [plan_id], events_only=True, judged_only=True)
    return of_year.get(plan_id, {}), events.get(plan_id, {})


def judge_library(
    current: Library,
    of_year: Mapping[str, Sequence[ProjectReport]],
    events: Mapping[str, Sequence[ProjectReport]],
    as_of: date,
    settings: ScheduleSettings = DEFAULT_SCHEDULE_SETTINGS,
) -> list[tuple[LibraryProject, ProjectJudgement]]:
    return [
        (
            project,
            judge_project(
                project,
                of_year.get(project.key, ()),
                events_of(events.get(project.key, ())),
                as_of,
                current.frequency,
                settings,
            ),
        )
        for project in current.projects
    ]


@kept_per_revision
def scheduled(store: Store, plan_id: int, as_of: date) -> Schedule:
    """`schedule_as_of` with the default settings, kept while the database's revision is unchanged."""
    return schedule_as_of(store, plan_id, as_of)


def reports_known(
    store: Store, plan_id: int, as_of: date, keys: Sequence[str] | None = None
) -> dict[str, list[ProjectReport]]:
    """Project key → the latest version of each of its periods known on `as_of` (every year)."""
    with store.reading() as connection:
        return store_reports.reports_as_of(connection, as_of, [plan_id], keys=keys).get(plan_id, {})


def report_history(store: Store, plan_id: int, key: str) -> list[ProjectReport]:
    """Every version of every period of one project."""
    with store.reading() as connection:
        return store_reports.history(connection, plan_id, key)
