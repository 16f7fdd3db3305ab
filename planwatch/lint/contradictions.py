"""The same measure given different values in different places.

Statements are matched by subject, ignoring the region prefix (全区, 我区) and the order
of characters (a transposition like 农村居民可人均支配收入 is still the same measure),
and compared only for the same year, unit and kind of statement. Growth rates stated in
the prose are also compounded from the table's base year and checked against the level
the prose states for the end year.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from planwatch.formatting import plain as _n
from planwatch.lint.compounding import compound, percent_change
from planwatch.lint.context import LintContext
from planwatch.model import CellKind, Finding, FindingKind, Indicator, Severity, Target, TargetKind

INCONSISTENCY = FindingKind.INCONSISTENCY
_PREFIX = re.compile(r"^(?:全区|我区|全县|本区|全市|新建区)")
_LEVELS = (TargetKind.LEVEL, TargetKind.FLOOR, TargetKind.CEILING, TargetKind.APPROX)


def subject_key(subject: str) -> str:
    return "".join(sorted(_PREFIX.sub("", re.sub(r"\s+", "", subject))))


def check(context: LintContext) -> Iterator[Finding]:
    yield from _conflicting_statements(context, context.plan.targets, "目标")
    yield from _conflicting_statements(context, context.plan.facts, "完成情况")
    yield from _compounded_growth(context)


def _year(statement: Target) -> int | None:
    return statement.year or statement.year_implied


def _conflicting_statements(
    context: LintContext, statements: tuple[Target, ...], noun: str
) -> Iterator[Finding]:
    groups: dict[tuple[str, str | None, int | None, bool], list[Target]] = defaultdict(list)
    for statement in statements:
        if statement.value is None or len(subject_key(statement.subject)) < 4:
            continue
        level = statement.kind in _LEVELS
        groups[(subject_key(statement.subject), statement.unit, _year(statement), level)].append(statement)
    for group in groups.values():
        first = group[0]
        for later in group[1:]:
            assert later.value is not None and first.value is not None
            if later.value == first.value or later.line == first.line:
                continue
            unit = later.unit or ""
            yield context.finding(
                "conflicting-values", INCONSISTENCY, Severity.ERROR, later.line, later.quote,
                f"“{later.subject}”的{noun}此处为{_n(later.value)}{unit}，第{first.line}行为{_n(first.value)}{unit}"
                f"（“{first.quote}”），前后不一致",
                lines=(first.line,),
            )  # fmt: skip


def _compounded_growth(context: LintContext) -> Iterator[Finding]:
    """`财政总收入年均增长10.3%，2020年可完成85亿元` against the table's 2015 base of 40.05."""
    indicators: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in context.plan.indicators:
        indicators[subject_key(indicator.name)].append(indicator)
    for statements in (context.plan.facts, context.plan.targets):
        levels = {
            (subject_key(s.subject), _year(s)): s
            for s in statements
            if s.kind in _LEVELS and s.value is not None
        }
        for growth in (s for s in statements if s.kind is TargetKind.GROWTH and s.value is not None):
            key = subject_key(growth.subject)
            end = levels.get((key, _year(growth)))
            if end is None:
                continue
            # The table whose base year precedes the stated end year (专栏1-1's 2015 for a 2020 result).
            for indicator in indicators.get(key, []):
                finding = _check_compounding(context, indicator, growth, end)
                if finding is not None:
                    yield finding
                    break


def _check_compounding(
    context: LintContext, indicator: Indicator, growth: Target, end: Target
) -> Finding | None:
    base = indicator.base
    end_year = _year(end)
    if (
        base is None
        or base.kind is not CellKind.NUMBER
        or base.value is None
        or base.year is None
        or end_year is None
    ):
        return None
    if end.unit != indicator.unit or growth.value is None or end.value is None:
        return None
    years = end_year - base.year
    if years <= 0 or base.value <= 0:
        return None
    result = compound(base.value, growth.value, years, end.value)
    if not result.off(context.settings.growth_tolerance, indicator.name):
        return None
    unit = end.unit or ""
    return context.finding(
        "growth-vs-levels", INCONSISTENCY, Severity.WARNING, growth.line, growth.quote,
        f"“{growth.subject}”年均增长{_n(growth.value)}%：{base.year}年{_n(base.value)}{unit}（第{base.line}行）"
        f"按此增速{years}年后应为{_n(result.expected, 1)}{unit}，而文中{end_year}年为{_n(end.value)}{unit}，"
        f"相差{percent_change(result.gap)}（两者对应的年均增速为{_n(result.implied_rate, 1)}%）",
        lines=(base.line, end.line),
    )  # fmt: skip
