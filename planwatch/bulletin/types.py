"""What reading a statistics bulletin produces: statements of the text, proposals for a plan's series."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from planwatch.model import ObservationKind, ObservationStatus


class Match(StrEnum):
    EXACT = "exact"  # the bulletin writes the series' name
    SYNONYM = "synonym"  # a name of the synonym table
    DERIVED = "derived"  # computed from figures the bulletin gives (the arithmetic is shown)


@dataclass(frozen=True, slots=True)
class Statement:
    """One figure the bulletin states: a level (472.3亿元) or a growth rate (增长4.1%, 下降1.5%, 持平)."""

    subject: str  # the name it is stated for, fillers removed (全年、全区、实现…)
    value: Decimal  # a fall is negative: 下降1.5% → −1.5
    unit: str | None  # as written (canonical spelling); % for a growth rate
    kind: ObservationKind
    year: int
    status: ObservationStatus  # 初步 for the bulletin's year; 核实 or 最终 for a revised earlier year
    line: int
    quote: str  # an exact substring of the line (a table figure: its row, cells joined by ｜)
    raw: str  # the figure as written: 410.52亿元, 下降1.5%, 持平


@dataclass(frozen=True, slots=True)
class Candidate:
    """A series of the plan a bulletin figure may belong to."""

    id: str
    name: str
    unit: str | None
    is_indicator: bool  # a monitored indicator (listed as 公报未发布 when not mentioned)


@dataclass(frozen=True, slots=True)
class SynonymPair:
    name: str
    synonym: str
    relation: str  # same | different
    note: str = ""


@dataclass(frozen=True, slots=True)
class Proposal:
    series_id: str
    series_name: str
    period: str
    kind: ObservationKind
    value: Decimal  # in the series' unit when converted; as written when the unit is a problem
    unit: str | None
    raw: str
    line: int
    quote: str
    match: Match
    match_note: str  # the name or synonym matched, the conversion, the arithmetic
    status: ObservationStatus
    unit_problem: str | None = None
    conflict: int = 0  # > 0: a group of disagreeing figures for one series, period and kind


@dataclass(frozen=True, slots=True)
class OtherMeasure:
    """A figure for a like-sounding other measure: shown beside the series, never matched."""

    series_id: str
    series_name: str
    subject: str
    raw: str
    line: int
    note: str


@dataclass(frozen=True, slots=True)
class BulletinReading:
    title: str
    year: int
    published_on: date | None
    region: str | None
    statements: int  # figures read from the text and tables
    proposals: tuple[Proposal, ...]
    unmentioned: tuple[Candidate, ...]  # monitored indicators the bulletin gives nothing for, that year
    other_measures: tuple[OtherMeasure, ...] = field(default=())
