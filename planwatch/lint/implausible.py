"""Targets that move the wrong way, or by an absurd factor, from their base.

An intensity (能耗, 排放 per unit of GDP) or a rate to be reduced (降低, 下降, 贫困发生率)
must fall; any level rising or falling more than `_ABSURD`-fold over one plan period
is more likely a typing slip (0.79 for 0.279) than a plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from planwatch.lint.context import LintContext
from planwatch.model import CellKind, Finding, FindingKind, Indicator, Severity

IMPLAUSIBLE = FindingKind.IMPLAUSIBLE
# Per-unit intensities and the poverty rate must fall; 排放达标率 is a compliance rate that rises.
_MUST_FALL = re.compile(r"^(?:单位|万元)[^率]*(?:能耗|排放|用水|消耗)|能耗强度|排放强度|贫困发生率")
_ABSURD = Decimal(3)
_LEVEL_KINDS = (CellKind.NUMBER, CellKind.APPROX, CellKind.FLOOR, CellKind.CEILING)


def check(context: LintContext) -> Iterator[Finding]:
    for indicator in context.plan.indicators:
        yield from _direction_and_scale(context, indicator)


def _direction_and_scale(context: LintContext, indicator: Indicator) -> Iterator[Finding]:
    base, target = indicator.base, indicator.target
    if base is None or target is None or base.kind not in _LEVEL_KINDS or target.kind not in _LEVEL_KINDS:
        return
    if base.value is None or target.value is None or base.value <= 0 or target.value <= 0:
        return
    if re.search(r"降低|下降|降幅", indicator.name):
        return  # a reduction rate rising is the plan working
    factor = target.value / base.value
    unit = indicator.unit or ""
    if _MUST_FALL.search(indicator.name) and factor > 1:
        yield context.finding(
            "wrong-direction", IMPLAUSIBLE, Severity.ERROR, target.line, target.raw,
            f"“{indicator.name}”应当下降，但目标{target.raw}{unit}高于基期{base.raw}{unit}"
            f"（为基期的{factor:.2f}倍）",
            lines=(base.line,),
        )  # fmt: skip
    elif factor > _ABSURD or factor < 1 / _ABSURD:
        yield context.finding(
            "absurd-change", IMPLAUSIBLE, Severity.WARNING, target.line, target.raw,
            f"“{indicator.name}”目标{target.raw}{unit}是基期{base.raw}{unit}的{factor:.2f}倍，变化幅度异常",
            lines=(base.line,),
        )  # fmt: skip
