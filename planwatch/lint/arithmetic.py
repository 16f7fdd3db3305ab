"""Arithmetic in the indicator tables: growth that does not lead from base to target,
structures that do not sum to 100, percentage-point changes that do not match, and a
part larger than its whole (工业化率 above the secondary industry's share).

Each message shows the computation, so the planner can check it by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from planwatch.formatting import plain as _n
from planwatch.lint.compounding import HUNDRED, compound, percent_change
from planwatch.lint.context import LintContext
from planwatch.model import Cell, CellKind, Finding, FindingKind, Indicator, Severity

INCONSISTENCY = FindingKind.INCONSISTENCY
_LEVEL_KINDS = (CellKind.NUMBER, CellKind.APPROX)
_GROWTH_KINDS = (CellKind.NUMBER, CellKind.APPROX, CellKind.FLOOR)
_APPROX_POINTS = Decimal("0.5")  # `[10]左右` allows half a point either way
# (part, whole, index of the part within the whole's structure a:b:c)
_PART_OF_STRUCTURE = ((re.compile(r"工业化率"), re.compile(r"三次产业结构|产业结构"), 1, "第二产业比重"),)


def check(context: LintContext) -> Iterator[Finding]:
    for indicator in context.plan.indicators:
        yield from _growth(context, indicator)
        yield from _points(context, indicator)
        yield from _structure_sums(context, indicator)
    yield from _parts_of_structures(context)


def _growth(context: LintContext, indicator: Indicator) -> Iterator[Finding]:
    base, target, growth = indicator.base, indicator.target, indicator.growth
    if base is None or target is None or growth is None:
        return
    if base.kind not in _LEVEL_KINDS or target.kind not in _LEVEL_KINDS or growth.kind not in _GROWTH_KINDS:
        return
    if indicator.unit in ("%", "‰") or None in (
        base.value,
        target.value,
        growth.value,
        base.year,
        target.year,
    ):
        return  # a share's growth column states points, judged by _points
    assert base.value is not None and target.value is not None and growth.value is not None
    assert base.year is not None and target.year is not None
    years = target.year - base.year
    if years <= 0 or base.value <= 0:
        return
    result = compound(base.value, growth.value, years, target.value)
    tolerance = context.settings.growth_tolerance
    if not result.off(tolerance, indicator.name):
        return
    unit = indicator.unit or ""
    yield context.finding(
        "growth-mismatch", INCONSISTENCY, Severity.WARNING, target.line, target.raw,
        f"“{indicator.name}”：基期{_n(base.value)}{unit}按年均增长{_n(growth.value)}%计算{years}年后应为"
        f"{_n(result.expected, 1)}{unit}，目标为{_n(target.value)}{unit}，相差{percent_change(result.gap)}"
        f"（由基期到目标的年均增速为{_n(result.implied_rate, 2)}%，容差±{_n(tolerance * HUNDRED)}%）",
        lines=(base.line, growth.line),
    )  # fmt: skip


def _points(context: LintContext, indicator: Indicator) -> Iterator[Finding]:
    """A share whose cumulative change [Δ] does not take the base to the target."""
    base, target, growth = indicator.base, indicator.target, indicator.growth
    if indicator.unit != "%" or base is None or target is None or growth is None:
        return
    if (
        growth.kind is not CellKind.CUMULATIVE
        or base.kind not in _LEVEL_KINDS
        or target.kind not in _LEVEL_KINDS
    ):
        return
    if base.value is None or target.value is None or growth.value is None:
        return
    change = target.value - base.value
    allowed = _APPROX_POINTS if "左右" in growth.raw or target.kind is CellKind.APPROX else Decimal("0.05")
    if abs(abs(change) - growth.value) <= allowed:
        return
    yield context.finding(
        "points-mismatch", INCONSISTENCY, Severity.WARNING, growth.line, growth.raw,
        f"“{indicator.name}”：由{_n(base.value)}%到{_n(target.value)}%变化{_n(change)}个百分点，"
        f"与所列累计变化“{growth.raw}”不符",
        lines=(base.line, target.line),
    )  # fmt: skip


def _structure_sums(context: LintContext, indicator: Indicator) -> Iterator[Finding]:
    for cell in indicator.cells:
        if cell.kind is not CellKind.STRUCTURE or not cell.parts:
            continue
        total = sum(cell.parts, Decimal(0))
        if abs(total - HUNDRED) > context.settings.structure_tolerance:
            sums = "+".join(_n(p) for p in cell.parts)
            yield context.finding(
                "structure-sum", INCONSISTENCY, Severity.ERROR, cell.line, cell.raw,
                f"“{indicator.name}”{cell.header}的各部分之和 {sums} = {_n(total)}，应为100",
            )  # fmt: skip


def _parts_of_structures(context: LintContext) -> Iterator[Finding]:
    indicators = context.plan.indicators
    for part_name, whole_name, index, part_label in _PART_OF_STRUCTURE:
        for part in (i for i in indicators if part_name.search(i.name)):
            whole = next((i for i in indicators if i.box == part.box and whole_name.search(i.name)), None)
            if whole is None:
                continue
            for part_cell, whole_cell in zip(part.cells, whole.cells, strict=False):
                share = _share(whole_cell, index)
                if part_cell.value is None or share is None or part_cell.kind not in _LEVEL_KINDS:
                    continue
                if part_cell.value > share:
                    yield context.finding(
                        "part-exceeds-whole", INCONSISTENCY, Severity.ERROR, part_cell.line, part_cell.raw,
                        f"“{part.name}”{_header(part_cell)}为{_n(part_cell.value)}%，高于同列三次产业结构中的"
                        f"{part_label}{_n(share)}%（{whole_cell.raw}，第{whole_cell.line}行）：部分不能大于整体",
                        lines=(whole_cell.line,),
                    )  # fmt: skip


def _share(cell: Cell, index: int) -> Decimal | None:
    if cell.kind is not CellKind.STRUCTURE or len(cell.parts) <= index:
        return None
    return cell.parts[index]


def _header(cell: Cell) -> str:
    return re.sub(r"\s+", "", cell.header)
