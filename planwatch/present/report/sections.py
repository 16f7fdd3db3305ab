"""重大项目推进情况 and 重点任务落实情况: what the project books (issue 11) and the task books
(issue 13) hold for a report, as rows the Word and Excel writers lay out.

Every figure is the book's own judgement (totals, 完成率, colours), read through the same service
the 项目调度 and 任务 pages use; nothing is recomputed here. A section is empty, and the report
says so in one line, when the book holds nothing for the report's year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Final

from planwatch.model import Color
from planwatch.project_model import LibraryProject
from planwatch.schedule import periods
from planwatch.schedule.judge import ProjectJudgement, percent
from planwatch.schedule.settings import DEFAULT_SCHEDULE_SETTINGS
from planwatch.schedule.status import ScheduleStatus
from planwatch.schedule.totals import totals_by
from planwatch.services.project_reports import scheduled
from planwatch.services.task_status import board, by_unit
from planwatch.store import Store
from planwatch.tasking import Status

NO_PROJECT_DATA: Final = "本期尚无重大项目调度数据"
NO_TASK_DATA: Final = "本期尚无重点任务落实情况报送"


@dataclass(frozen=True, slots=True)
class BoxProgress:
    """One 专栏's projects: the year's planned investment against what was completed by the date."""

    box: str  # 专栏3-2 (or 其他项目)
    title: str  # the box's title
    projects: int
    planned_wan_yuan: Decimal | None  # the year's planned investment, 万元
    completed_wan_yuan: Decimal | None  # completed in the year by the as-of date, 万元
    completion_rate: Decimal | None  # 投资完成率 as the book computes it, a fraction (0.62)


@dataclass(frozen=True, slots=True)
class ProjectProgress:
    """A project the book flags (red or yellow), with the reason in the book's words."""

    box: str
    name: str
    owner: str | None  # 建设单位
    stage: str  # 签约/开工/在建/竣工/投产
    planned_wan_yuan: Decimal | None
    completed_wan_yuan: Decimal | None
    completion_rate: Decimal | None
    color: str  # red | yellow (the schedule judgement's colour)
    reason: str  # 投资完成率低于序时进度30个百分点…


@dataclass(frozen=True, slots=True)
class ProjectsSection:
    year: int
    boxes: list[BoxProgress] = field(default_factory=list)
    flagged: list[ProjectProgress] = field(default_factory=list)  # red first, then yellow
    source: str = ""  # where the figures come from (调度月报 through 2025-05), for the 来源 sheet

    @property
    def empty(self) -> bool:
        return not self.boxes


@dataclass(frozen=True, slots=True)
class UnitProgress:
    """One lead unit's tasks: how many, done, on schedule, overdue (the task book's counts)."""

    unit: str  # 牵头单位
    tasks: int
    done: int
    on_schedule: int
    overdue: int


@dataclass(frozen=True, slots=True)
class TaskProgress:
    """A task the book flags: overdue, or its report missing."""

    number: str  # the task's number in the 任务分工 (or its item key)
    task: str  # the commitment as written
    lead_unit: str
    deadline: str  # 完成时限 as the 任务分工 writes it: 2025, 长期 ("" when none)
    status: str  # 滞后/未报送/逾期未报 (the task book's status)
    color: str  # red | yellow
    note: str  # the latest report's words, or why it is flagged


@dataclass(frozen=True, slots=True)
class TasksSection:
    year: int
    units: list[UnitProgress] = field(default_factory=list)
    flagged: list[TaskProgress] = field(default_factory=list)
    source: str = ""

    @property
    def empty(self) -> bool:
        return not self.units


def projects_section(store: Store, plan_id: int, as_of: date, year: int) -> ProjectsSection:
    """The 调度 book's `year` as known on `as_of`: judged on the day the year's last report was due
    (10 January after it) when `as_of` is later, so a report on a past year reads that year whole."""
    year_end = periods.due_date(f"{year}-12", DEFAULT_SCHEDULE_SETTINGS.report_due_day)
    schedule = scheduled(store, plan_id, min(as_of, year_end))
    judged = [(p, j) for p, j in schedule.judged if j.planned_wan_yuan is not None]
    if schedule.year != year or not judged:
        return ProjectsSection(year)
    titles = {p.box: p.box_title for p in store.load(schedule.library.version_id).projects if p.box}
    boxes = [
        BoxProgress(
            box=t.label,
            title=titles.get(t.label, ""),
            projects=t.count,
            planned_wan_yuan=t.planned_wan_yuan,
            completed_wan_yuan=t.cumulative_wan_yuan,
            completion_rate=t.rate,
        )
        for t in totals_by(judged, lambda project: project.box)
    ]
    flagged = [_project(p, j) for color in (Color.RED, Color.YELLOW) for p, j in judged if j.color is color]
    source = f"项目调度（截至{schedule.as_of.isoformat()}，{periods.label(schedule.due_period)}应已报送）"
    return ProjectsSection(year, boxes, flagged, source)


def _project(project: LibraryProject, judged: ProjectJudgement) -> ProjectProgress:
    return ProjectProgress(
        box=project.box or "其他项目",
        name=project.name,
        owner=project.owner,
        stage=project.status or "—",
        planned_wan_yuan=judged.planned_wan_yuan,
        completed_wan_yuan=judged.cumulative_wan_yuan,
        completion_rate=judged.rate,
        color=judged.color.value,
        reason=_reason(judged),
    )


def _reason(judged: ProjectJudgement) -> str:
    """The judgement in a table cell: its status, the date missed, the book's 完成率 and 序时进度
    (the page's sentence, `judged.explanation`, is too long for a column of a report)."""
    parts = [judged.status.value]
    if judged.status is ScheduleStatus.OVERDUE_FINISH and judged.planned_finish is not None:
        parts[0] += f"（计划{judged.planned_finish.isoformat()}竣工）"
    elif judged.status is ScheduleStatus.OVERDUE_START and judged.planned_start is not None:
        parts[0] += f"（计划{judged.planned_start.isoformat()}开工）"
    elif judged.status is ScheduleStatus.UNREPORTED:
        parts[0] += f"（{periods.label(judged.due_period)}）"
    if judged.rate is not None and judged.elapsed is not None:
        parts.append(f"完成率{percent(judged.rate)}，序时{percent(judged.elapsed)}")
    return "；".join(parts)


_FLAGGED_TASKS: Final = {Status.LAGGING: "red", Status.OVERDUE: "red", Status.UNREPORTED: "yellow"}


def tasks_section(store: Store, plan_id: int, as_of: date, year: int) -> TasksSection:
    """The task book as of `as_of` (a task's status is cumulative: what is owed by that day), per
    lead unit, and the tasks lagging or with a report missing."""
    found = board(store, plan_id, as_of)
    if found.task_list is None or not found.states:
        return TasksSection(year)
    units = [  # the 催办 board's own rows (an accepted list names every task's lead unit)
        UnitProgress(
            row.unit,
            row.tasks,
            row.by_status.get(Status.DONE.value, 0),
            row.by_status.get(Status.ON_TRACK.value, 0),
            sum(row.by_status.get(status.value, 0) for status in _FLAGGED_TASKS),
        )
        for row in by_unit(found)
        if row.tasks
    ]
    flagged = [
        TaskProgress(
            number=task.number,
            task=task.heading,
            lead_unit=task.lead_unit or "",
            deadline=task.deadline,
            status=state.status.value,
            color=_FLAGGED_TASKS[state.status],
            note=_task_note(state.missing, state.lagging),
        )
        for task in found.tasks
        if (state := found.states.get(task.key)) is not None and state.status in _FLAGGED_TASKS
    ]
    flagged.sort(key=lambda t: t.color != "red")  # red first, each in the list's order
    listed = found.task_list
    source = f"任务分工方案第{listed.number}版及各单位进展报告（截至{as_of.isoformat()}）"
    return TasksSection(year, units, flagged, source)


def _task_note(missing: tuple[str, ...], lagging: bool) -> str:
    parts = []
    if lagging:
        parts.append("已过完成时限，尚未完成")
    if missing:
        parts.append(f"未报送：{'、'.join(missing)}")
    return "；".join(parts)
