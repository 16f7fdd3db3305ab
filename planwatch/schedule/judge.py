"""One project as of a date: 投资完成率 against 序时进度, 逾期 milestones, 未报送 — with the numbers.

Pure: the caller hands over the library entry, the latest version of each report known on the
date (`reports`, at least those of the judged year) and the 开工/竣工 dates reported by then
(`events`). The judged year is the year of the latest period due on the date, so on 2024-01-05 a
monthly book still judges 2023 (its December report is due on 10 January).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from operator import attrgetter
from typing import Any

from planwatch.formatting import plain
from planwatch.model import Color
from planwatch.project_model import PAUSED, LibraryProject, MilestoneKind, ProjectReport, ReportFrequency
from planwatch.schedule import periods
from planwatch.schedule.settings import DEFAULT_SCHEDULE_SETTINGS, ScheduleSettings
from planwatch.schedule.status import ScheduleStatus

WAN_PER_YI = Decimal(10000)
_START, _FINISH = MilestoneKind.START, MilestoneKind.FINISH  # an enum member looked up once, not per project
_STARTED_STATUSES = ("在建", "竣工")


@dataclass(frozen=True, slots=True)
class Events:
    """开工 and 竣工 as reported (the earliest date of each among the reports known)."""

    started_on: date | None = None
    finished_on: date | None = None


@dataclass(frozen=True, slots=True)
class ProjectJudgement:
    key: str
    as_of: date
    year: int  # the judged year
    due_period: str  # the latest period due on `as_of`
    period: str | None  # the report judged (the latest of the year), None without one
    status: ScheduleStatus
    planned_wan_yuan: Decimal | None  # 年度计划投资
    cumulative_wan_yuan: Decimal | None  # 自年初累计完成投资 of `period`
    rate: Decimal | None  # 投资完成率 = cumulative / planned
    elapsed: Decimal | None  # 序时进度 of `period`
    gap: Decimal | None  # rate − elapsed
    planned_start: date | None
    planned_finish: date | None
    started_on: date | None
    finished_on: date | None
    started: bool  # 开工 reported, or 在建/竣工 set, or a 续建 project
    finished: bool  # 竣工 reported, or 竣工 set
    flags: tuple[str, ...]  # accepted but to be checked by a person (a jump, 本期 and 累计 apart…)
    deadline: date  # when the report of `due_period` was due

    @property
    def color(self) -> Color:
        return self.status.color

    @property
    def explanation(self) -> str:
        """The judgement in one Chinese sentence, with its numbers (made when asked for: judging
        20,000 projects for their totals needs none of them)."""
        return explain(self)


def events_of(reports: Iterable[ProjectReport]) -> Events:
    """The earliest 开工 and 竣工 dates among `reports` (the latest version of each period)."""
    starts = [r.started_on for r in reports if r.started_on is not None]
    finishes = [r.finished_on for r in reports if r.finished_on is not None]
    return Events(min(starts, default=None), min(finishes, default=None))


def judged_year(as_of: date, frequency: ReportFrequency, settings: ScheduleSettings) -> tuple[int, str]:
    """(the year judged on `as_of`, the latest period due then)."""
    due = periods.latest_due(as_of, frequency, settings.report_due_day)
    return int(due[:4]), due


def judge_project(
    project: LibraryProject,
    reports: Sequence[ProjectReport],
    events: Events,
    as_of: date,
    frequency: ReportFrequency,
    settings: ScheduleSettings = DEFAULT_SCHEDULE_SETTINGS,
) -> ProjectJudgement:
    year, due = judged_year(as_of, frequency, settings)
    of_year = [
        r for r in reports if r.year == year and r.reported_on <= as_of and periods.is_period(r.period)
    ]
    if len(of_year) > 1:
        of_year.sort(key=_period_key(of_year))
    latest = of_year[-1] if of_year else None
    plan = project.year_plan(year)
    planned = plan.amount_wan_yuan if plan is not None and plan.amount_wan_yuan > 0 else None
    started = events.started_on if events.started_on and events.started_on <= as_of else None
    finished = events.finished_on if events.finished_on and events.finished_on <= as_of else None
    planned_start = project.planned(_START)
    planned_finish = project.planned(_FINISH)
    grace = timedelta(days=settings.overdue_grace_days)
    has_started = started is not None or project.status in _STARTED_STATUSES or project.nature == "续建"
    overdue_start = planned_start is not None and planned_start + grace < as_of and not has_started
    overdue_finish = (
        planned_finish is not None
        and planned_finish + grace < as_of
        and finished is None
        and project.status != "竣工"
    )
    rate = elapsed = gap = None
    if planned is not None and latest is not None:
        rate = _rounded(latest.cumulative_wan_yuan / planned, settings)
        elapsed = _rounded(periods.elapsed_share(latest.period), settings)
        gap = rate - elapsed
    unreported = planned is not None and (
        latest is None or periods.end_month(latest.period) < periods.end_month(due)
    )
    status = _status(project, finished, unreported, overdue_finish, overdue_start, gap, settings)
    flags = _flags(of_year, planned, settings)
    if status is ScheduleStatus.UNREPORTED:
        flags = _overdue_notes(overdue_start, overdue_finish, planned_start, planned_finish) + flags
    return ProjectJudgement(
        key=project.key,
        as_of=as_of,
        year=year,
        due_period=due,
        period=latest.period if latest is not None else None,
        status=status,
        planned_wan_yuan=planned,
        cumulative_wan_yuan=latest.cumulative_wan_yuan if latest is not None else None,
        rate=rate,
        elapsed=elapsed,
        gap=gap,
        planned_start=planned_start,
        planned_finish=planned_finish,
        started_on=started,
        finished_on=finished,
        started=has_started,
        finished=finished is not None or project.status == "竣工",
        flags=tuple(flags),
        deadline=periods.due_date(due, settings.report_due_day),
    )


def _period_key(reports: Sequence[ProjectReport]) -> Callable[[ProjectReport], Any]:
    """Periods of one kind (all months) sort as text; months and quarters mixed, by the months they end."""
    if len({len(r.period) for r in reports}) == 1:
        return _BY_PERIOD
    return lambda r: periods.order(r.period)


_BY_PERIOD = attrgetter("period")


def _status(
    project: LibraryProject,
    finished: date | None,
    unreported: bool,
    overdue_finish: bool,
    overdue_start: bool,
    gap: Decimal | None,
    settings: ScheduleSettings,
) -> ScheduleStatus:
    """The first that holds, in the order of docs/projects.md."""
    if project.status in PAUSED:
        return ScheduleStatus.CANCELLED if project.status == "取消" else ScheduleStatus.SUSPENDED
    if finished is not None or project.status == "竣工":
        return ScheduleStatus.COMPLETED
    if unreported:
        return ScheduleStatus.UNREPORTED
    if overdue_finish:
        return ScheduleStatus.OVERDUE_FINISH
    if overdue_start:
        return ScheduleStatus.OVERDUE_START
    if gap is None:
        return ScheduleStatus.NO_PLAN
    return band(gap, settings)


def band(gap: Decimal, settings: ScheduleSettings = DEFAULT_SCHEDULE_SETTINGS) -> ScheduleStatus:
    """正常 / 关注 / 滞后 / 严重滞后 for a gap between 投资完成率 and 序时进度."""
    if gap >= settings.watch_gap:
        return ScheduleStatus.NORMAL
    if gap >= settings.behind_gap:
        return ScheduleStatus.WATCH
    if gap >= settings.seriously_behind_gap:
        return ScheduleStatus.BEHIND
    return ScheduleStatus.SERIOUSLY_BEHIND


def _rounded(value: Decimal, settings: ScheduleSettings) -> Decimal:
    return value.quantize(_quantum(settings.rate_decimals))


@functools.cache
def _quantum(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def _flags(
    of_year: Sequence[ProjectReport], planned: Decimal | None, settings: ScheduleSettings
) -> list[str]:
    """What a person should check: a jump of more than `jump_share` of the plan in one period, and a
    本期 that does not join the previous period's 累计 to this one's."""
    flags = []
    previous: ProjectReport | None = None
    for report in of_year:
        shown = periods.label(report.period)
        if planned is not None and report.completed_wan_yuan > planned * settings.jump_share:
            share = plain(settings.jump_share * 100)
            flags.append(
                f"{shown}完成投资{yi(report.completed_wan_yuan)}亿元，超过年度计划的{share}%，请核实"
            )
        before: Decimal | None = None
        if _first(report.period):
            before = Decimal(0)
        elif previous is not None and _follows(previous.period, report.period):
            before = previous.cumulative_wan_yuan
        if before is not None and before + report.completed_wan_yuan != report.cumulative_wan_yuan:
            flags.append(
                f"{shown}本期完成{yi(report.completed_wan_yuan)}亿元与累计{yi(report.cumulative_wan_yuan)}"
                f"亿元不衔接（上期累计{yi(before)}亿元），请核实"
            )
        previous = report
    return flags


def _first(period: str) -> bool:
    return periods.parts(period)[2] == 1


def _follows(earlier: str, later: str) -> bool:
    return periods.previous(later) == earlier


def _overdue_notes(
    overdue_start: bool, overdue_finish: bool, planned_start: date | None, planned_finish: date | None
) -> list[str]:
    notes = []
    if overdue_finish and planned_finish is not None:
        notes.append(f"计划{planned_finish.isoformat()}竣工，尚未报告竣工")
    if overdue_start and planned_start is not None:
        notes.append(f"计划{planned_start.isoformat()}开工，尚未报告开工")
    return notes


def yi(wan_yuan: Decimal) -> str:
    """万元 → 亿元 as written in an explanation: 72400 → 7.24."""
    return plain(wan_yuan / WAN_PER_YI, 4)


def percent(fraction: Decimal) -> str:
    return plain(fraction * 100, 1) + "%"


def explain(j: ProjectJudgement) -> str:
    """The judgement in one Chinese sentence, with the numbers that produced it."""
    status = j.status
    progress = _progress(j)
    if status is ScheduleStatus.CANCELLED:
        return "项目已取消，不再调度"
    if status is ScheduleStatus.SUSPENDED:
        return "项目暂缓，暂停调度"
    if status is ScheduleStatus.COMPLETED:
        when = f"已于{j.finished_on.isoformat()}竣工" if j.finished_on else "状态为竣工"
        return when + (f"；{progress}" if progress else "")
    if status is ScheduleStatus.UNREPORTED:
        deadline = j.deadline.isoformat()
        last = f"，最近一次报送为{periods.label(j.period)}" if j.period else "，本年尚无报送"
        due = periods.label(j.due_period)
        return f"{due}的调度情况应于{deadline}前报送，截至{j.as_of.isoformat()}未报送{last}"
    if status is ScheduleStatus.OVERDUE_FINISH and j.planned_finish is not None:
        head = f"计划{j.planned_finish.isoformat()}竣工，截至{j.as_of.isoformat()}尚未竣工"
        return head + (f"；{progress}" if progress else "")
    if status is ScheduleStatus.OVERDUE_START and j.planned_start is not None:
        head = f"计划{j.planned_start.isoformat()}开工，截至{j.as_of.isoformat()}尚未开工"
        return head + (f"；{progress}" if progress else "")
    if status is ScheduleStatus.NO_PLAN:
        done = f"，{progress}" if progress else ""
        return f"{j.year}年未安排年度计划投资{done}"
    return progress


def _progress(j: ProjectJudgement) -> str:
    """`2024年1—5月累计完成投资2.1亿元，为年度计划5亿元的42%，序时进度41.7%，快0.3个百分点`."""
    if j.period is None or j.cumulative_wan_yuan is None:
        return ""
    done = f"{periods.span_label(j.period)}累计完成投资{yi(j.cumulative_wan_yuan)}亿元"
    if j.planned_wan_yuan is None or j.rate is None or j.elapsed is None or j.gap is None:
        return done
    if j.gap == 0:
        pace = "与序时持平"
    else:
        pace = f"{'快' if j.gap > 0 else '慢'}{plain(abs(j.gap) * 100, 1)}个百分点"
    return (
        f"{done}，为年度计划{yi(j.planned_wan_yuan)}亿元的{percent(j.rate)}，"
        f"序时进度{percent(j.elapsed)}，{pace}"
    )
