"""Is a quantified statement a commitment for the plan period or a result of the previous one?

Decided per quantity, nearest evidence first:
1. The last year written before it in its sentence: before the period → a fact of that year;
   in the period, or later (2035 outlook) → a target for that year. A year after 比/较/与/由 is a
   base of comparison (比2020年增长), not the statement's year, and is passed over.
2. Else the last period word before it: 十三五, 十二五, 五年来, 过去 → fact; 十四五, 今后五年, 到…,
   力争, 确保, 争取 → target. “十四五”末 states the end year.
   A period word after 比/较 (较“十二五”下降30%) is a base of comparison too. When the sentence has
   neither, the period words earlier in its paragraph decide (过去五年，…。…增加到超过100万亿元).
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
# Results reported: an earlier period, the estimate of the year just ended (预计实现), what a report
# shows (报告显示), and verbs in the completed aspect (实现了, 完成了).
_PAST = re.compile(
    r"十[二三]五|五年来|过去五年|过去|上一个五年|预计(?:全年)?(?:实现|完成)|显示\s*[,:]|截至|截止"
    r"|(?:实现|完成|取得|达到)了|刚刚过去|过去一年|去年|初步核算"
)
_FUTURE = re.compile(r"十四五|今后五年|未来五年|到\s*(?:“|20)|力争|确保|争取|今年")
_PERIOD_END = re.compile(r"十四五”?末")
_FACT_TITLE = re.compile(r"(?:发展|工作|现实)基础(?!设施)|成就|回顾|完成情况|主要成效|取得的成效|基本情况")
_TARGET_TITLE = re.compile(r"目标|展望|预期")


@dataclass(frozen=True, slots=True)
class Timing:
    fact: bool
    year: int | None  # as stated, or the period end for “十四五”末


def _marker(before: str) -> bool | None:
    """True (past) or False (future) for the last period word of `before`; None when it has none."""
    found = _marker_at(before)
    return None if found is None else found[1]


def _marker_at(before: str) -> tuple[int, bool] | None:
    """(offset, past) of the last period word of `before`.

    A period word right after 比/较/与 is the base of a comparison (较“十二五”下降30%), not the time.
    """
    marker: tuple[int, bool] | None = None
    for pattern, past in ((_PAST, True), (_FUTURE, False)):
        for m in pattern.finditer(before):
            if _BASE.search(before, 0, m.start()) or re.search(
                r"(?:比|较|与|相比)\s*[“\"]?$", before[: m.start()]
            ):
                continue
            if marker is None or m.start() > marker[0]:
                marker = (m.start(), past)
    return marker


_REPORT_YEAR = re.compile(
    r"((?:19|20)\d\d)\s*年\s*(?:[^\s，。,]{0,8})?(?:(?:政府)?工作报告|国民经济和社会发展计划)"
    r"|提出了?\s*((?:19|20)\d\d)年|((?:19|20)\d\d)年[^，。,;；]{0,12}(?:主要)?预期目标"
)
_YEAR_OPENING = re.compile(r"(?:^|[。;,:，；：\s])((?:19|20)\d\d)\s*年\s*[,，]")


def report_year(lines: list[str]) -> int | None:
    """The year a work report plans for (今年): its title's year (2021年政府工作报告), a year it says
    it sets targets for (提出了2025年目标), or else the year after the latest year that opens a
    sentence (2021年，我国…) where the report speaks of 今年."""
    head = "\n".join(lines[:40])
    if m := _REPORT_YEAR.search(head):
        return int(m[1] or m[2] or m[3])
    text = "\n".join(lines)
    if "今年" not in text:
        return None
    years = [int(m[1]) for m in _YEAR_OPENING.finditer(text)]
    return max(years) + 1 if years else None


@dataclass
class Context:
    """The plan period and the section zones, cached per section."""

    outline: Outline
    period_start: int | None
    period_end: int | None
    report_year: int | None = None  # a work report's year (今年): earlier years are results
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
        end_year = self.period_end if _PERIOD_END.search(before) else None
        marker = _marker(before)
        if marker is not None:
            return Timing(marker, None if marker else end_year)
        # Neither in the sentence: the paragraph so far decides, by its last year or period word.
        paragraph = text[:sentence_start]
        year_at = self._last_year_at(paragraph)
        marker_at = _marker_at(paragraph)
        if year_at is not None and (marker_at is None or year_at[0] > marker_at[0]):
            return Timing(self._before_period(year_at[1]), None)
        if marker_at is not None:
            return Timing(marker_at[1], None if marker_at[1] else end_year)
        return Timing(self.fact_zone(section_id) is True, end_year)

    def _before_period(self, year: int) -> bool:
        if self.period_start is not None:
            return year < self.period_start
        if self.report_year is not None:
            return year < self.report_year
        return False  # no period known: a year alone cannot make a fact; words and headings still can

    def _last_year(self, before: str) -> int | None:
        found = self._last_year_at(before)
        return found[1] if found else None

    def _last_year_at(self, before: str) -> tuple[int, int] | None:
        """(offset, year) of the last year stated in `before`, bases of comparison passed over."""
        found = None
        for m in _YEAR.finditer(before):
            if _BASE.search(before, 0, m.start()):
                continue
            found = (m.start(), int(m["y2"] or m["y1"]))
        return found
