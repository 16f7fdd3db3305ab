"""The plan as planwatch understands it: frozen dataclasses, no I/O.

Every extracted value keeps its raw text and 1-based source line. Amounts are
`Decimal`. This module imports nothing of ours, so every stage can share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the parser could not read. Reported, never guessed around."""

    line: int
    field: str
    reason: str  # Chinese, for the planner
    raw: str = ""


@dataclass(frozen=True, slots=True)
class ParsedPlan:
    plan: Plan
    sections: tuple[Section, ...]
    indicators: tuple[Indicator, ...]
    problems: tuple[Problem, ...] = field(default=())
