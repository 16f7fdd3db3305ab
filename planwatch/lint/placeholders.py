"""Placeholders a draft still carries: `**`, `[]`, `【】`, `X个`, `%` with no number, empty cells.

A placeholder is a number someone must still supply. Brackets that a table note uses
to explain notation (`【 】为五年累计数`) are not placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from planwatch.lint.context import LintContext, spans
from planwatch.model import CellKind, Finding, FindingKind, Indicator, Severity

_STARS = re.compile(r"(?:\*{2,}|□+|■+)[^\s，。；、,;*□■]{0,4}")
# Empty brackets, unless a note explains the notation with them: `【 】为五年累计数`, `[ ]内为…`.
_EMPTY_BRACKETS = re.compile(r"(?:[\[【]\s*[\]】]|[(（]\s+[)）])(?!\s*(?:内|中)?\s*(?:为|表示))")
_X_COUNT = re.compile(r"(?<![A-Za-z0-9+])[Xx×]{1,3}(?=[个家条所项座处亿万元%])[个家条所项座处亿万元%]{1,2}")
_BARE_PERCENT = re.compile(r"(?<![\d.*%Xx×□■\s])(?<!\d )%")  # `70 %` from a PDF has its number
_VALUE_COLUMNS_EXPECTED = (CellKind.EMPTY,)

PLACEHOLDER = FindingKind.PLACEHOLDER


def check(context: LintContext) -> Iterator[Finding]:
    yield from _prose(context)
    yield from _cells(context)


_PROSE_RULES = (
    ("placeholder-stars", _STARS, "占位符“{}”尚未填写数值"),
    ("placeholder-brackets", _EMPTY_BRACKETS, "空括号“{}”尚未填写"),
    ("placeholder-x", _X_COUNT, "“{}”中的数字尚未填写"),
)


def _prose(context: LintContext) -> Iterator[Finding]:
    for line in context.prose_lines():
        for rule, pattern, message in _PROSE_RULES:
            for start, _, raw in spans(pattern, line):
                yield context.finding(
                    rule, PLACEHOLDER, Severity.ERROR, line.number, raw, message.format(raw), column=start
                )
        for start, end, _ in spans(_BARE_PERCENT, line):
            begin = max(0, start - 6)
            yield context.finding(
                "placeholder-percent", PLACEHOLDER, Severity.ERROR, line.number, line.raw[begin:end],
                "百分号前没有数字", column=begin,
            )  # fmt: skip


def _cells(context: LintContext) -> Iterator[Finding]:
    """Placeholder cells, and empty value cells in a row that has a target to measure against."""
    for indicator in context.plan.indicators:
        for cell in indicator.cells:
            if cell.kind is CellKind.PLACEHOLDER:
                yield context.finding(
                    "placeholder-cell",
                    PLACEHOLDER,
                    Severity.ERROR,
                    cell.line,
                    cell.raw,
                    f"指标“{indicator.name}”的“{_header(cell.header)}”是占位符“{cell.raw}”，尚未填写",
                )
            elif cell.kind in _VALUE_COLUMNS_EXPECTED and (
                cell.year is not None or _nothing_to_judge(indicator)
            ):
                yield context.finding(
                    "placeholder-empty-cell",
                    PLACEHOLDER,
                    Severity.WARNING,
                    cell.line,
                    "",
                    f"指标“{indicator.name}”的“{_header(cell.header)}”为空，应填写数值或“--”",
                )


def _nothing_to_judge(indicator: Indicator) -> bool:
    """A row whose target is missing too: its empty growth cell is also a gap to fill."""
    return indicator.target is None or indicator.target.kind is CellKind.EMPTY


def _header(header: str) -> str:
    return re.sub(r"\s+", "", header)
