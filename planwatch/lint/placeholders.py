"""Placeholders a draft still carries: `**`, `[]`, `【】`, `X个`, `%` with no number, empty cells.

A placeholder is a number someone must still supply. Brackets that a table note uses
to explain notation (`【 】为五年累计数`) are not placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from planwatch.lint.context import LintContext, spans
from planwatch.model import CellKind, Finding, FindingKind, Severity

_STARS = re.compile(r"\*{2,}[^\s，。；、,;]{0,4}")
_EMPTY_BRACKETS = re.compile(r"[\[【]\s*[\]】](?!\s*为)")
_X_COUNT = re.compile(r"(?<![A-Za-z0-9+])[Xx×]{1,3}(?=[个家条所项座处亿万元%])[个家条所项座处亿万元%]{1,2}")
_BARE_PERCENT = re.compile(r"(?<![\d.*%])%")
_VALUE_COLUMNS_EXPECTED = (CellKind.EMPTY,)

PLACEHOLDER = FindingKind.PLACEHOLDER


def check(context: LintContext) -> Iterator[Finding]:
    yield from _prose(context)
    yield from _cells(context)


def _prose(context: LintContext) -> Iterator[Finding]:
    for line in context.prose_lines():
        for _, _, raw in spans(_STARS, line):
            yield context.finding(
                "placeholder-stars",
                PLACEHOLDER,
                Severity.ERROR,
                line.number,
                raw,
                f"占位符“{raw}”尚未填写数值",
            )
        for _, _, raw in spans(_EMPTY_BRACKETS, line):
            yield context.finding(
                "placeholder-brackets",
                PLACEHOLDER,
                Severity.ERROR,
                line.number,
                raw,
                f"空括号“{raw}”尚未填写",
            )
        for _, _, raw in spans(_X_COUNT, line):
            yield context.finding(
                "placeholder-x", PLACEHOLDER, Severity.ERROR, line.number, raw, f"“{raw}”中的数字尚未填写"
            )
        for start, end, _ in spans(_BARE_PERCENT, line):
            evidence = line.raw[max(0, start - 6) : end]
            yield context.finding(
                "placeholder-percent", PLACEHOLDER, Severity.ERROR, line.number, evidence, "百分号前没有数字"
            )


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
            elif cell.kind in _VALUE_COLUMNS_EXPECTED and cell.year is not None:
                yield context.finding(
                    "placeholder-empty-cell",
                    PLACEHOLDER,
                    Severity.WARNING,
                    cell.line,
                    "",
                    f"指标“{indicator.name}”的“{_header(cell.header)}”为空，应填写数值或“--”",
                )


def _header(header: str) -> str:
    return re.sub(r"\s+", "", header)
