"""The plan as planwatch understands it: frozen dataclasses, no I/O.

Every extracted value keeps its raw text and 1-based source line. Amounts are
`Decimal`. This module imports nothing of ours, so every stage can share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class SectionKind(StrEnum):
    CHAPTER = "chapter"  # 第一章 / 第7章
    SECTION = "section"  # 第一节
    SUBSECTION = "subsection"  # （一）
    ITEM = "item"  # 1、 / （1） / 一、 inside a box
    BOX = "box"  # 专栏3-1


class CellKind(StrEnum):
    NUMBER = "number"
    APPROX = "approx"  # 7.5%左右
    FLOOR = "floor"  # 8以上, >43.3, 超过, 不少于
    CEILING = "ceiling"  # 5以内, 不超过
    CUMULATIVE = "cumulative"  # [10], 【2.5】 — over the whole period, not annual
    STRUCTURE = "structure"  # 19.4:46.7:33.9
    KEEP_STABLE = "keep_stable"  # 保持稳定
    ASSIGNED = "assigned"  # 下达目标 — set later by the level above
    QUALITATIVE = "qualitative"  # 全市领先, 达到功能区标准
    RELATIVE = "relative"  # 与经济增长同步
    NOT_APPLICABLE = "not_applicable"  # --, ——
    EMPTY = "empty"
    PLACEHOLDER = "placeholder"  # **, [] — a defect of the draft
    LABEL = "label"  # a category, name or attribute cell: text by nature
    TEXT = "text"  # anything else: kept verbatim, reported as a problem where a value is expected


class Attribute(StrEnum):
    EXPECTED = "expected"  # 预期性
    BINDING = "binding"  # 约束性


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    sha256: str
    line_count: int
    format: str = "txt"


@dataclass(frozen=True, slots=True)
class Plan:
    id: str | None  # assigned by the store; None straight out of the parser
    title: str
    region: str | None
    period_start: int | None
    period_end: int | None
    source: Source
    stage: str | None = None  # 征求意见2稿, 送审稿… as the cover says
    version: int = 1


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    kind: SectionKind
    number: str  # as written: 第一章, 第7章, （一）, 1、, 专栏3-1
    title: str
    line: int
    parent_id: str | None
    ordinal: int | None = None  # the number as an integer where it has one (第7章 → 7, （三） → 3)


@dataclass(frozen=True, slots=True)
class Cell:
    header: str  # the column header as written, wrapped header lines joined
    raw: str  # the cell verbatim, without a flattened cell's leading tab
    line: int
    kind: CellKind
    value: Decimal | None
    year: int | None
    qualifier: str | None = None  # "approx" for [10]左右
    parts: tuple[Decimal, ...] = ()  # the parts of a structure a:b:c


@dataclass(frozen=True, slots=True)
class ValueRef:
    """A base or target value: which year, the typed value and its raw text."""

    year: int | None
    value: Decimal | None
    raw: str
    kind: CellKind
    line: int


@dataclass(frozen=True, slots=True)
class Growth:
    raw: str
    value: Decimal | None
    kind: CellKind
    line: int


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    box: str | None  # 专栏2-1, 表1
    table_title: str
    category: str | None
    name: str
    unit: str | None
    attribute: Attribute | None
    line: int
    cells: tuple[Cell, ...]
    base: ValueRef | None
    target: ValueRef | None
    growth: Growth | None
    section_id: str | None = None


class TargetKind(StrEnum):
    LEVEL = "level"  # 达到192.2公里
    GROWTH = "growth"  # 年均增长8.5%
    CUMULATIVE = "cumulative"  # 累计完成投资100亿元, 五年新增…
    FLOOR = "floor"  # 超过, 突破, 不少于, 以上
    CEILING = "ceiling"  # 控制在…以内, 不超过
    RANGE = "range"  # 5-7家
    APPROX = "approx"  # 约…, …左右 (for a level; a growth with 左右 stays growth, qualifier approx)
    COUNT = "count"  # a counted action: 新开工改造城镇老旧小区5.3万个, 新建学校12所
    DOUBLE = "double"  # 比2010年翻一番: value is the multiple (2, 4 for 翻两番)
    INCREMENT = "increment"  # 再提高1岁, 再增加30元: a change on top of today's level


@dataclass(frozen=True, slots=True)
class Target:
    """A quantified statement of the prose: a commitment (target) or a past result (fact).

    `quote` is the shortest exact substring of line `line` holding subject, value, unit and
    qualifier; `value_raw` the number as written.
    """

    id: str
    subject: str
    value: Decimal | None
    value_min: Decimal | None
    value_max: Decimal | None
    unit: str | None
    kind: TargetKind
    qualifier: str | None  # approx | floor | ceiling
    year: int | None  # as stated (到2025年); None when not stated
    year_implied: int | None  # the plan's end year for targets when not stated
    direction: str | None  # 上升 | 下降 where stated (提高, 增长 / 下降, 降低, 减少)
    line: int
    quote: str
    section_id: str | None
    value_raw: str = ""


@dataclass(frozen=True, slots=True)
class ScheduleEntry:
    """A year's target of a project (`2021年目标：开工建设14条道路…完成投资7.24亿元`)."""

    year: int
    text: str
    line: int
    investment_wan_yuan: Decimal | None = None
    investment_raw: str | None = None


@dataclass(frozen=True, slots=True)
class Project:
    id: str
    box: str | None  # 专栏3-2
    box_title: str
    number: str  # as written: 2、, （1）
    name: str  # as written before the first colon
    owner: str | None  # …投资建设, 项目单位为…, …建设投资
    investment_raw: str | None  # 总投资25亿元
    investment_wan_yuan: Decimal | None  # 亿元 × 10000
    investment_qualifier: str | None  # 约 → approx, 拟/计划 → plan
    land_mu: Decimal | None
    land_raw: str | None  # 占地295.86亩, 6821.25平方米
    capacity_raw: str | None  # 2X100MW, 年产6000万只, 4.95万千瓦
    schedule: tuple[ScheduleEntry, ...]
    line: int
    last_line: int  # an item may run over several lines
    text: str  # the item's whole text, for search and review
    section_id: str | None


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the parser could not read. Reported, never guessed around."""

    line: int
    field: str
    reason: str  # Chinese, for the planner
    raw: str = ""


class SeriesKind(StrEnum):
    INDICATOR = "indicator"  # a row of an indicator table (T2.01)
    TARGET = "target"  # a quantified target of the prose (G012)


@dataclass(frozen=True, slots=True)
class Series:
    """Something of a plan that figures are kept for: the one definition that matching an import,
    the template and the evaluation all use."""

    id: str
    kind: SeriesKind
    name: str
    unit: str | None
    current: bool  # False for a row of the previous period's review table (十三五完成情况)


@dataclass(frozen=True, slots=True)
class ParsedPlan:
    plan: Plan
    sections: tuple[Section, ...]
    indicators: tuple[Indicator, ...]
    problems: tuple[Problem, ...] = field(default=())
    targets: tuple[Target, ...] = field(default=())
    facts: tuple[Target, ...] = field(default=())
    projects: tuple[Project, ...] = field(default=())

    def period(self) -> tuple[int, int] | None:
        """The plan's first and last year (2021, 2025): as the cover states it; otherwise from the
        indicator tables (the latest target year, from the year after the base year of the rows that
        target it, else the five years ending then); None when nothing says. The previous period's
        review table (base 2015, target 2020) does not stretch the period back."""
        plan = self.plan
        if plan.period_start is not None and plan.period_end is not None:
            return plan.period_start, plan.period_end
        targets = [i.target.year for i in self.indicators if i.target and i.target.year]
        if not targets:
            return None
        end = max(targets)
        bases = [
            i.base.year
            for i in self.indicators
            if i.target and i.target.year == end and i.base and i.base.year and i.base.year < end
        ]
        return (min(bases) + 1 if bases else end - 4), end

    def is_current(self, indicator: Indicator) -> bool:
        """An indicator of the plan's own period, not of the previous period's review table (its target
        year before the plan starts)."""
        period = self.period()
        target_year = indicator.target.year if indicator.target else None
        return period is None or target_year is None or target_year >= period[0]

    def monitored_indicators(self) -> list[Indicator]:
        """The indicators whose figures are kept and judged: those of the plan's own period."""
        return [i for i in self.indicators if self.is_current(i)]

    def series(self) -> list[Series]:
        """Every series a figure may belong to: each indicator (the review table's too, marked not
        current) and each quantified target of the prose."""
        found = [
            Series(i.id, SeriesKind.INDICATOR, i.name, i.unit, self.is_current(i)) for i in self.indicators
        ]
        found += [Series(t.id, SeriesKind.TARGET, t.subject, t.unit, True) for t in self.targets]
        return found


class FindingKind(StrEnum):
    PLACEHOLDER = "placeholder"
    INCONSISTENCY = "inconsistency"
    IMPLAUSIBLE = "implausible"
    NUMBERING = "numbering"
    DUPLICATE = "duplicate"
    SPELLING = "spelling"
    TYPO = "typo"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """A defect of a draft: where it is, the exact text, and a Chinese message with any arithmetic."""

    rule: str
    kind: FindingKind
    severity: Severity
    line: int
    lines: tuple[int, ...]
    evidence: str  # an exact substring of line `line`
    message: str
    column: int | None = None  # offset of `evidence` in the raw line, for highlighting in place


class ObservationKind(StrEnum):
    LEVEL = "level"  # the value itself (472 亿元, 58.3 %)
    GROWTH = "growth"  # a reported growth rate in % (real, at comparable prices for GDP-like series)


class ObservationStatus(StrEnum):
    PRELIMINARY = "preliminary"  # 初步
    VERIFIED = "verified"  # 核实
    FINAL = "final"  # 最终


class ApprovalState(StrEnum):
    """Where a stored figure is on its way to counting: 填报 → 审核 → 审批 (or returned to its enterer).

    A different axis from `ObservationStatus` (the statistical vintage): a 初步 figure can be approved,
    a 最终 one can wait for review."""

    ENTERED = "entered"  # 已填报，待审核
    REVIEWED = "reviewed"  # 已审核，待审批
    APPROVED = "approved"  # 已审批: counts from the day it was approved (and known)
    RETURNED = "returned"  # 已退回 to the one who entered it, with a reason


@dataclass(frozen=True, slots=True)
class Observation:
    """One published figure of one series for one period. A revision is a new Observation.

    `as_of` is when the figure became known (the bulletin's date); asking "as of D" sees
    the latest figure per period whose `as_of` ≤ D.
    """

    series_id: str  # an indicator id (T2.01) or a prose target id (G012)
    period: str  # "2023", "2023Q2" or "2023-05"
    value: Decimal
    unit: str | None
    kind: ObservationKind
    as_of: date
    source: str = ""  # 2022年统计公报
    status: ObservationStatus = ObservationStatus.PRELIMINARY
    entered_by: str = ""
    entered_at: datetime | None = None
    id: int | None = None  # assigned by the store
    approval: ApprovalState | None = None  # as stored now; None for a figure not yet stored
    approved_on: date | None = None  # the day it was approved: it counts from max(as_of, approved_on)

    @property
    def year(self) -> int:
        return int(self.period[:4])


class EvaluationStatus(StrEnum):
    """The national 中期评估 words, one idea each (EVALUATION.md), in the method's order.

    The value is the label people read (and the JSON `status`); `code` is the stable machine
    name (the JSON `status_code`), which does not change when a wording does.
    """

    ACHIEVED_EARLY = "提前实现"  # target reached before the target year
    ACHIEVED = "已实现"  # reached in the target year
    AHEAD = "快于预期"  # schedule gap g ≥ +0.10
    ON_TRACK = "符合预期"
    ROUGHLY_ON_TRACK = "基本符合预期"  # yellow watch
    NEEDS_SPEEDING_UP = "需加快"  # growth ratio
    BEHIND = "滞后于预期"
    SERIOUSLY_BEHIND = "严重滞后"
    WITHIN_CEILING = "控制在目标内"  # a ceiling kept
    KEPT_STABLE = "保持稳定"  # keep-stable kept
    STALE = "数据缺失"
    NO_DATA = "无数据"
    MANUAL = "需人工评估"
    TARGET_PENDING = "目标待定"

    @property
    def code(self) -> str:
        """ahead, on_track, within_ceiling…: the member's name, stable across wordings."""
        return self.name.lower()


class Color(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"


@dataclass(frozen=True, slots=True)
class Evaluation:
    """How one indicator stands as of a date, with the numbers that produced the judgement."""

    series_id: str
    name: str
    status: EvaluationStatus
    color: Color
    as_of: date
    binding: bool
    explanation: str  # Chinese, with its numbers
    latest_year: int | None = None
    latest_value: Decimal | None = None
    elapsed: Decimal | None = None  # f
    progress: Decimal | None = None  # p
    schedule_gap: Decimal | None = None  # g = p − f
    expected_value: Decimal | None = None  # E(t)
    realised_growth: Decimal | None = None  # r, as a fraction (0.075)
    required_growth: Decimal | None = None  # per year still needed, fraction (or points for linear)
    projection: Decimal | None = None
    projection_low: Decimal | None = None
    projection_high: Decimal | None = None
    method: str = ""  # which rule judged it: level, growth, ceiling, keep_stable, cumulative, manual
    latest_unit: str | None = None  # the unit latest_value is in (a growth rate: %; 吨/万元 for a % target)
