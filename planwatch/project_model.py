"""The project library (项目库) and its 调度 book as frozen dataclasses: no I/O.

A leaf module beside `model` (the plan as read): what the office keeps about each major project
(its library entry, yearly plans, milestones) and the periodic reports of its progress. The store
returns these, the judgement (`planwatch.schedule`) reads them, the pages show them.

Amounts are `Decimal` in 万元. A report is never updated: a correction is a new report with a
later `reported_on`, so every question can be asked "as of" a date, exactly like `Observation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Final

# The office's words, in the order a 调度表 lists them.
CATEGORIES: Final = ("产业", "基础设施", "社会民生", "生态环保", "其他")  # 项目类别
NATURES: Final = ("新建", "续建", "前期")  # 建设性质
STATUSES: Final = ("谋划", "前期", "在建", "竣工", "暂缓", "取消")  # 状态 as the office sets it
PAUSED: Final = ("暂缓", "取消")  # not judged, not due to report
MANUAL_PREFIX: Final = "H"  # keys of projects added by hand (H001…); the parser's are P001…


class ReportFrequency(StrEnum):
    MONTH = "month"  # 月报: periods 2024-05
    QUARTER = "quarter"  # 季报: periods 2024Q2

    @property
    def label(self) -> str:
        return "月报" if self is ReportFrequency.MONTH else "季报"


class MilestoneKind(StrEnum):
    START = "start"  # 开工
    FINISH = "finish"  # 竣工
    NODE = "node"  # a named 节点 (主体封顶, 设备安装…)


@dataclass(frozen=True, slots=True)
class PlanSource:
    """Where a project was read: the version it was last read from, its lines and its text."""

    version: int
    line: int
    last_line: int
    quote: str  # the item as written
    box_title: str


@dataclass(frozen=True, slots=True)
class YearPlan:
    """年度计划投资 of one year: read from the plan's schedule lines, or entered by a person."""

    year: int
    amount_wan_yuan: Decimal
    origin: str  # "plan" | "set"
    lines: tuple[int, ...] = ()  # the plan's lines it was read from
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Milestone:
    kind: MilestoneKind
    label: str  # 开工, 竣工, or the node's name
    planned_on: date


@dataclass(frozen=True, slots=True)
class LibraryProject:
    """A library entry as known on a date: the plan's reading, with what the office entered over it.

    `set_fields` names the fields a person entered (the others are the plan's, or empty);
    `in_force` is False for a project the version in force no longer carries (不在现行规划中).
    """

    key: str  # the stable key (P001 read from the plan, H001 added by hand)
    code: str  # 项目编号: the key until the office gives its own
    name: str
    box: str | None
    category: str | None
    nature: str | None
    location: str | None  # 建设地点 (镇街/园区)
    content: str | None  # 建设内容
    start_year: int | None
    end_year: int | None
    investment_wan_yuan: Decimal | None  # 总投资
    owner: str | None  # 项目单位
    department: str | None  # 责任单位 (a unit of the department directory)
    status: str | None  # 状态 as set (None: not set)
    manual: bool
    in_force: bool
    source: PlanSource | None = None
    year_plans: tuple[YearPlan, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    set_fields: frozenset[str] = field(default_factory=frozenset)
    category_from_box: bool = False  # the category is the box's (docs/projects.md), not entered

    def year_plan(self, year: int) -> YearPlan | None:
        for plan in self.year_plans:  # a loop, not next(…): read for every project on every judgement
            if plan.year == year:
                return plan
        return None

    def planned(self, kind: MilestoneKind) -> date | None:
        """The planned 开工 or 竣工 date."""
        for milestone in self.milestones:
            if milestone.kind is kind:
                return milestone.planned_on
        return None


@dataclass(frozen=True, slots=True)
class ProjectReport:
    """One period's report of one project. A correction is a new report of the same period."""

    project_key: str
    period: str  # 2024-05 (monthly) or 2024Q2 (quarterly)
    completed_wan_yuan: Decimal  # 本期完成投资
    cumulative_wan_yuan: Decimal  # 自年初累计完成投资
    reported_on: date  # when it became known: asking "as of D" sees reports with reported_on ≤ D
    started_on: date | None = None  # 开工, as it happened
    finished_on: date | None = None  # 竣工
    progress: str = ""  # 形象进度
    issues: str = ""  # 存在问题
    coordination: str = ""  # 需协调事项
    entered_by: str = ""
    entered_at: datetime | None = None
    source: str = ""  # the file it came from, 填报 (a form), or the demo's label
    id: int | None = None  # assigned by the store

    @property
    def year(self) -> int:
        return int(self.period[:4])
