"""A quantity found in a sentence: the unit of work of the target reader."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planwatch.document.vocabulary import THING_UNITS

# Count words (document.vocabulary, people left out): a count followed by a noun counts that noun
# (培育10家企业); any other unit followed by a noun is a threshold inside a name (10亿元以上项目,
# 2000人以上行政村).
COUNT_UNITS = frozenset(THING_UNITS)
SHARE_UNITS = frozenset({"%", "‰", "个百分点"})


@dataclass(frozen=True, slots=True)
class Quantity:
    """A value (or a range, or a placeholder) with its unit as written; offsets index the line."""

    start: int  # qualifier words before the number included (超过545亿元 starts at 超)
    end: int  # unit and trailing 左右/以上/以内 included
    num_start: int
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str | None  # as written: 万亩, 亿元, %
    qualifier: str | None  # approx | floor | ceiling, from the words around the number
    lead: str  # the qualifier word before the number as written: 超过, 控制在, 约
    value_raw: str
    placeholder: bool = False
    unitless: bool = False
    doubling: bool = False  # 翻一番: value is the multiple

    @property
    def is_count(self) -> bool:
        return self.unit is not None and self.unit.removeprefix("万") in COUNT_UNITS

    @property
    def is_share(self) -> bool:
        return self.unit in SHARE_UNITS
