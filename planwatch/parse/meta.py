"""The plan's identity from its cover: title, region, period, drafting stage.

The cover is the run of short lines before the first heading or body paragraph.
A title may wrap (`…二〇三五年远景` / `目标纲要`); a parenthesised line is the
stage (`（征求意见2稿）`). The period follows from the five-year plan's number
(第十四个五年规划, “十四五”) or from an explicit `（2021—2025年）`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.document.model import Document
from planwatch.document.numbers import NumberError, parse_decimal

_MAX_COVER_LINES = 12
_MAX_TITLE_LINE = 60
_STAGE = re.compile(r"^[(（]\s*(.*?(稿|草案|讨论|意见|审议|送审).*?)\s*[)）]$")
_HEADING = re.compile(r"^(第[一二三四五六七八九十\d]+[章节]|专栏|一、|[(（]一[)）])")
_FYP_NUMBER = re.compile(r"第([一二三四五六七八九十]+)个五年")
_FYP_SHORT = re.compile(
    r"[“\"]([一二三四五六七八九十]{1,3})五[”\"]|([一二三四五六七八九十]{2,3})五(?=规划|时期|期间)"
)
_PERIOD = re.compile(r"((?:19|20)\d\d)\s*[-—–～~至到]+\s*((?:19|20)\d\d)\s*年")
_REGION = re.compile(
    r"^(.*?[省市县区州盟旗镇乡])(?=国民经济|“|\"|第[一二三四五六七八九十]+个五年|[一二三四五六七八九十]{2,3}五)"
)


@dataclass(frozen=True, slots=True)
class Cover:
    title: str
    title_line: int | None
    region: str | None
    period_start: int | None
    period_end: int | None
    stage: str | None


def read_cover(document: Document) -> Cover:
    title_parts: list[str] = []
    title_line: int | None = None
    stage: str | None = None
    for line in document.lines[:_MAX_COVER_LINES]:
        text = line.raw.strip()
        if not text:
            continue
        if m := _STAGE.match(text):
            stage = m[1]
            continue
        if _HEADING.match(text) or len(text) > _MAX_TITLE_LINE or text.startswith(("《", "\t")):
            break
        if title_line is None:
            title_line = line.number
        title_parts.append(text)
    title = "".join(title_parts)
    if not title:
        title = _fallback_title(document)
    start, end = plan_period(title)
    return Cover(title, title_line, plan_region(title), start, end, stage)


def _fallback_title(document: Document) -> str:
    name = document.path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def fyp_period(number: int) -> tuple[int, int]:
    """The years of the n-th five-year plan: the 3rd began in 1966 after the 1963–65 adjustment."""
    start = 1953 + 5 * (number - 1) if number <= 2 else 1966 + 5 * (number - 3)
    return start, start + 4


def plan_period(title: str) -> tuple[int | None, int | None]:
    text = title.replace("〇", "0")
    if m := _PERIOD.search(text):
        return int(m[1]), int(m[2])
    for pattern in (_FYP_NUMBER, _FYP_SHORT):
        if m := pattern.search(title):
            try:
                return fyp_period(int(parse_decimal(m[1] or m[2])))
            except NumberError:
                continue
    return None, None


def plan_region(title: str) -> str | None:
    m = _REGION.match(title.strip())
    return m[1] if m else None
