"""重大项目推进情况 and 重点任务落实情况: what the project books (issue 11) and the task books
(issue 13) hold for a report, as rows the Word and Excel writers lay out.

The books are not kept yet, so `projects_section` and `tasks_section` return their empty
sections, which the report states in one line. Wiring a book in is filling the rows from its page
data: every figure as the book's own judgement computed it (totals, 完成率, colours), never
recomputed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Final

from planwatch.store import Store

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
    deadline: date | None
    status: str  # 已完成/推进中/逾期/未报送
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
    """What the project books hold for `year`, as of `as_of`. There are no project books yet:
    the section is empty and the report says NO_PROJECT_DATA."""
    del store, plan_id, as_of  # read by the project books' page data once they exist
    return ProjectsSection(year)


def tasks_section(store: Store, plan_id: int, as_of: date, year: int) -> TasksSection:
    """What the task books hold for `year`, as of `as_of`. There are no task books yet: the
    section is empty and the report says NO_TASK_DATA."""
    del store, plan_id, as_of
    return TasksSection(year)
