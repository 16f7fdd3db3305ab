"""Is a quantified statement a commitment for the plan period or a result of the previous one?

Decided per quantity, nearest evidence first:
1. The last year written before it in its sentence: before the period → a fact of that year;
   in the period, or later (2035 outlook) → a target for that year. A year after 比/较/与/由 is a
   base of comparison (比2020年增长), not the statement's year, and is passed over.
2. Else the last period word before it: 十三五, 十二五, 五年来, 过去 → fact; 十四五, 今后五年, 到…,
   力争, 确保, 争取 → target. “十四五”末 states the end year.
3. Else the section: a heading saying 成就, 回顾, 发展基础, 完成情况 makes its lines facts, one saying
   目标 or 展望 targets (the nearest such heading wins, so 二〇三五年远景目标展望 inside chapter 1
   is targets). Anything else is a target: a plan's prose speaks of what is to be done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planwatch.parse.outline import Outline

_YEAR = re.compile(
    r"(?<![0-9.])(?P<y1>(?:19|20)\d\d)(?:\s*[-~至到—–]\s*(?P<y2>(?:19|20)\d\d))?(?![0-9.%])"
    r"(?=\s*(?:年|的|[^\s0-9个家条所座人户张床辆项台套只处栋名件亩吨元公米千平立万亿%‰]))"
)
_BASE = re.compile(r"(?:比|较|与|由|同比|相比)\s*$")
_PAST = re.compile(r"十[二三]五|五年来|过去五年|过去|上一个五年")
_FUTURE = re.compile(r"十四五|今后五年|未来五年|到\s*(?:“|20)|力争|确保|争取")
_PERIOD_END = re.compile(r"十四五”?末")
_FACT_TITLE = re.compile(r"(?:发展|工作|现实)基础(?!设施)|成就|回顾|完成情况|主要成效|取得的成效|基本情况")
_TARGET_TITLE = re.compile(r"目标|展望|预期")


@dataclass(frozen=True, slots=True)
class Timing:
    fact: bool
    year: int | None  # as stated, or the period end for “十四五”末


@dataclass
class Context:
    """The plan period and the section zones, cached per section."""

    outline: Outline
    period_start: int | None
    period_end: int | None
    _zones: dict[str, bool | None] = field(default_factory=dict)

    def fact_zone(self, section_id: str | None) -> bool | None:
        """True under a results heading, False under a goals heading, None when neither says."""
        if section_id is None:
            return None
        if section_id not in self._zones:
            self._zones[section_id] = self._zone(section_id)
        return self._zones[section_id]

    def _zone(self, section_id: str) -> bool | None:
        section = self.outline.section(section_id)
        while section is not None:
            if _TARGET_TITLE.search(section.title):
                return False
            if _FACT_TITLE.search(section.title):
                return True
            section = self.outline.section(section.parent_id)
        return None

    def timing(self, text: str, sentence_start: int, pos: int, section_id: str | None) -> Timing:
        """Fact or target, and the year stated for the quantity at `pos` of the sentence."""
        before = text[sentence_start:pos]
        year = self._last_year(before)
        if year is not None:
            return Timing(self._before_period(year), year)
        marker = None
        for m in _PAST.finditer(before):
            marker = (m.start(), True)
        for m in _FUTURE.finditer(before):
            if marker is None or m.start() > marker[0]:
                marker = (m.start(), False)
        end_year = self.period_end if _PERIOD_END.search(before) else None
        if marker is not None:
            return Timing(marker[1], None if marker[1] else end_year)
        return Timing(self.fact_zone(section_id) is True, end_year)

    def _before_period(self, year: int) -> bool:
        if self.period_start is not None:
            return year < self.period_start
        return False  # no period known: a year alone cannot make a fact; words and headings still can

    def _last_year(self, before: str) -> int | None:
        year = None
        for m in _YEAR.finditer(before):
            if _BASE.search(before, 0, m.start()):
                continue
            year = int(m["y2"] or m["y1"])
        return year
