"""A task of a plan (one row of the 任务分工方案) and the words its follow-up uses.

A task has a stable key (R001, R002 …) given when it is first proposed; its key survives new
versions of its list and of the plan. It keeps the lines it was drafted from, in the version it
was drafted from, so it always points at the plan text it stands for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Final


class Level(StrEnum):
    SECTION = "节"  # 第一节
    ENTRY = "条目"  # （一） / 一、
    ITEM = "事项"  # 1、 / （1）


class Cycle(StrEnum):
    """How often the lead unit reports on a task."""

    QUARTER = "季度"
    HALF = "半年"
    YEAR = "年度"


class Degree(StrEnum):
    """完成程度, as the reporting unit states it."""

    NOT_STARTED = "未启动"
    UNDERWAY = "推进中"
    DONE = "已完成"
    ONGOING = "持续推进"


class Status(StrEnum):
    """A task's status as of a date (tasking.status decides it)."""

    DONE = "已完成"
    ON_TRACK = "正常推进"
    LAGGING = "滞后"  # past its 完成时限 and not done
    UNREPORTED = "未报送"  # a report is past its deadline and missing
    OVERDUE = "逾期未报"  # … and a reminder (催办) was sent for it


# A 完成时限 that is not a year: the task never falls behind a deadline.
LONG_TERM: Final = ("长期", "持续")

STATUS_COLORS: Final = {
    Status.DONE: "blue",
    Status.ON_TRACK: "green",
    Status.UNREPORTED: "yellow",
    Status.OVERDUE: "orange",
    Status.LAGGING: "red",
}


@dataclass(frozen=True, slots=True)
class AttachedItem:
    """A quantified target (indicator or prose target) or a project inside a task's lines."""

    kind: str  # indicator | target | project
    key: str  # its stable key in the plan
    name: str
    line: int


@dataclass(frozen=True, slots=True)
class Task:
    key: str  # R001: stable across versions of the list and of the plan
    number: str  # 序号 as issued: 3.1.2 (chapter 3, its first 节, that 节's second entry)
    level: Level
    parent_key: str | None  # the 节 or 条目 it belongs to, when that is a task too
    path: tuple[str, ...]  # the headings from the chapter down to its parent: 第三章 …, 第一节 …
    heading: str  # as written, with its number: （一）夯实“3+3+X”产业发展体系
    summary: str  # the first sentence of its text, verbatim ("" when it has none)
    source_version: int  # the version (plan_versions.id) its lines are in
    first_line: int
    last_line: int
    items: tuple[AttachedItem, ...] = ()
    lead_unit: str | None = None  # 牵头单位
    lead_suggested: bool = False  # a keyword suggestion no person has confirmed yet
    lead_keyword: str | None = None  # the keyword that suggested it
    co_units: tuple[str, ...] = ()  # 责任单位 / 配合单位
    deadline: str = ""  # 完成时限: a year (2025) or 长期 / 持续
    cycle: Cycle = Cycle.HALF
    note: str = ""  # where it came from when not simply proposed: 由R003、R004合并, 由R003拆分
    flag: str | None = None  # unmatched (its text was not found in a new version) | new

    @property
    def chapter(self) -> str:
        return self.path[0] if self.path else self.heading

    @property
    def deadline_year(self) -> int | None:
        return int(self.deadline) if self.deadline.isdigit() else None

    def units(self) -> tuple[str, ...]:
        """Every unit the task is assigned to: the lead first."""
        lead = (self.lead_unit,) if self.lead_unit else ()
        return lead + tuple(u for u in self.co_units if u != self.lead_unit)


@dataclass(frozen=True, slots=True)
class Review:
    decision: str  # pass (通过) | return (退回)
    reason: str
    reviewed_by: str
    reviewed_on: date
    reviewed_at: datetime


@dataclass(frozen=True, slots=True)
class Evidence:
    id: int
    file_name: str  # as uploaded: the download's name, never a path
    media_type: str  # from the content
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Report:
    """A 进展 report of one unit on one task for one period. Never changed: a report sent back is
    answered by a new one."""

    id: int
    plan_id: int
    task_key: str
    period: str
    unit: str
    progress: str  # 进展情况
    degree: Degree  # 完成程度
    problems: str  # 存在问题
    next_steps: str  # 下步打算
    filed_by: str
    filed_on: date
    filed_at: datetime
    review: Review | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class NoticeEvent:
    kind: str  # reply | close
    text: str
    by: str
    on: date
    at: datetime


@dataclass(frozen=True, slots=True)
class Notice:
    """A 督办单: a numbered notice to a unit about a lagging task, closed (办结) by 发改 after a reply."""

    id: int
    plan_id: int
    number: str  # 新发改督〔2025〕3号
    year: int
    serial: int
    task_key: str
    unit: str
    problem: str
    reply_by: date
    issued_by: str
    issued_on: date
    issued_at: datetime
    events: tuple[NoticeEvent, ...] = ()

    def closed_on(self, as_of: date | None = None) -> date | None:
        return next(
            (e.on for e in self.events if e.kind == "close" and (as_of is None or e.on <= as_of)), None
        )

    def replies(self, as_of: date | None = None) -> list[NoticeEvent]:
        return [e for e in self.events if e.kind == "reply" and (as_of is None or e.on <= as_of)]

    def state(self, as_of: date | None = None) -> str:
        """已办结, 已回复, 逾期未回复 (past its reply date without a reply) or 待回复."""
        if self.closed_on(as_of) is not None:
            return "已办结"
        if self.replies(as_of):
            return "已回复"
        if as_of is not None and as_of > self.reply_by:
            return "逾期未回复"
        return "待回复"
