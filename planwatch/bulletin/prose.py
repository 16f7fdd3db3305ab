"""Figures in a bulletin's sentences: the level and the growth rate of each subject.

A sentence is cut into clauses at ，；：. In each clause, each number with a unit (document.numbers)
is a level (全年社会消费品零售总额156.80亿元) or, after 增长/下降/提高… and in %, a growth rate
(比上年增长17.6%, 下降1.5% → −1.5); 与上年持平 is a growth rate of 0. A clause with no name of its
own speaks of the last subject named (…156.80亿元，比上年增长17.6%). What is not a figure of the
subject is skipped: a change in 个百分点 (提高1.27个百分点) and an absolute change (增加0.56万人).
A unitless ratio is read where the name ends in 比 (城乡居民人均可支配收入比为2.00).

A sentence that revises an earlier year (经最终核实，2022年…) gives that year's figures, 最终 or 核实.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from planwatch.bulletin.names import clean_subject
from planwatch.bulletin.settings import BulletinSettings
from planwatch.bulletin.types import Statement
from planwatch.document import Line
from planwatch.document.numbers import find_amounts
from planwatch.model import ObservationKind, ObservationStatus

_SENTENCE_END = re.compile(r"[。!?！？]")
_CLAUSE_END = re.compile(r"[,;:，；：]")
_RISE = r"增长|增加|提高|上升|提升|扩大"
_FALL = r"下降|降低|减少|回落|下滑|收窄"
# the verb (with its comparison) that ends the text before a number: …比上年增长 / 下降 / 同比增长
_VERB = re.compile(rf"(?:比上年末?|比去年|同比|较上年|比年初)?(?P<verb>{_RISE}|{_FALL})了?$")
_COMPARISON_ONLY = re.compile(r"(?:比上年末?|比去年|同比|较上年|比年初)$")
# 提高到61.7%, 降至3.5, 缩小至1.93: the new level, not the change
_TO_LEVEL = re.compile(rf"(?:比上年末?|同比|较上年)?(?:{_RISE}|{_FALL}|缩小|扩大|增|降)(?:到|至)$")
_FLAT = re.compile(r"(?P<subject>.*?)(?:比上年|与上年|同比|与去年)?(?:基本)?持平")
_RATIO = re.compile(
    r"(?P<subject>[^,;:，；：]*?比)(?:为|是|达到|达|(?:缩小|扩大|下降|降低|提高|上升)(?:到|至))?"
    r"(?P<value>[0-9]+(?:\.[0-9]+)?)(?![0-9.%‰:])"
)
_REVISED = re.compile(r"最终核实|核实|修订|核定")
_YEAR = re.compile(r"(?P<year>(?:19|20)[0-9]{2})年")
_PERCENT_POINTS = "个百分点"


@dataclass(frozen=True, slots=True)
class _Figure:
    start: int  # offsets in the sentence
    end: int
    value: Decimal
    unit: str | None
    kind: ObservationKind
    raw: str


def read_prose(
    lines: list[Line], year: int, settings: BulletinSettings, region: str | None
) -> Iterator[Statement]:
    """Every figure of the lines that are prose (not table cells), in the order written."""
    for line in lines:
        if not line.text.strip() or line.raw.startswith("\t"):
            continue
        start = 0
        for match in [*_SENTENCE_END.finditer(line.text), None]:
            end = match.start() if match else len(line.text)
            if end > start:
                yield from _sentence(line, start, end, year, settings, region)
            start = end + 1


def _sentence(
    line: Line, start: int, end: int, year: int, settings: BulletinSettings, region: str | None
) -> Iterator[Statement]:
    text = line.text[start:end]
    figure_year, status = _revision(text, year)
    if figure_year is None:
        return
    subject: str | None = None
    subject_at = 0
    clause_start = 0
    for match in [*_CLAUSE_END.finditer(text), None]:
        clause_end = match.start() if match else len(text)
        clause = text[clause_start:clause_end]
        position = 0
        for figure in _figures(clause):
            before = clause[position : figure.start]
            named, verb = _split_verb(before)
            name = clean_subject(named, region)
            if name and len(name) <= settings.max_subject_chars:
                subject, subject_at = name, clause_start + position + max(named.find(name[:1]), 0)
            position = figure.end
            if subject is None or not _is_figure(figure, verb):
                continue
            value = -figure.value if verb and re.fullmatch(_FALL, verb) else figure.value
            quote_from = (
                subject_at
                if clause_start + figure.end - subject_at <= settings.max_quote_chars
                else clause_start
            )
            yield Statement(
                subject=subject,
                value=value,
                unit=figure.unit,
                kind=figure.kind if verb is None else ObservationKind.GROWTH,
                year=figure_year,
                status=status,
                line=line.number,
                quote=line.raw[start + quote_from : start + clause_start + figure.end],
                raw=figure.raw if verb is None else verb + figure.raw,
            )
        clause_start = clause_end + 1


def _revision(text: str, year: int) -> tuple[int | None, ObservationStatus]:
    """The year a sentence's figures are for, and their status; None when it states another year's
    figures without revising them (比2020年…, a history)."""
    first_number = re.search(r"[0-9](?!(?:[0-9]{0,3})年)", text)
    head = text[: first_number.start()] if first_number else text
    years = [int(m["year"]) for m in _YEAR.finditer(head)]
    stated = years[0] if years else year
    if stated == year:
        return year, ObservationStatus.PRELIMINARY
    if stated < year and _REVISED.search(text):
        final = "最终核实" in text or "最终" in text
        return stated, ObservationStatus.FINAL if final else ObservationStatus.VERIFIED
    return None, ObservationStatus.PRELIMINARY


def _figures(clause: str) -> list[_Figure]:
    found = [
        _Figure(a.start, a.end, a.value, a.unit, ObservationKind.LEVEL, a.raw.strip())
        for a in find_amounts(clause)
        if a.qualifier is None  # 约…, 突破…, …以上: not a figure the bulletin states exactly
    ]
    taken = [(f.start, f.end) for f in found]
    if not found and (flat := _FLAT.fullmatch(clause)):
        at = flat.end("subject")
        return [_Figure(at, len(clause), Decimal(0), "%", ObservationKind.GROWTH, "持平")]
    for ratio in _RATIO.finditer(clause):
        at = ratio.start("value")
        if not any(a <= at < b for a, b in taken):
            value = ratio["value"]
            found.append(_Figure(at, ratio.end("value"), Decimal(value), None, ObservationKind.LEVEL, value))
    return sorted(found, key=lambda f: f.start)


def _split_verb(before: str) -> tuple[str, str | None]:
    """(the name part, the growth verb) of the text before a number; a verb that says where the
    figure went (提高到, 降至) leaves a level."""
    if to_level := _TO_LEVEL.search(before):
        return before[: to_level.start()], None
    match = _VERB.search(before)
    if match is None:
        comparison = _COMPARISON_ONLY.search(before)
        return (before[: comparison.start()] if comparison else before), None
    return before[: match.start()], match["verb"]


def _is_figure(figure: _Figure, verb: str | None) -> bool:
    """A level of the subject, or its growth rate in %; not a change in points or in its own unit."""
    if figure.unit == _PERCENT_POINTS:
        return False
    if verb is not None or figure.kind is ObservationKind.GROWTH:
        return figure.unit == "%"
    return True
