"""Stated totals against their parts, inside the project boxes.

- A project's multi-year figure (`三年内完成投资41.81亿元`) against the investment its
  year targets list (`2021年…完成投资7.24亿元` …).
- A part larger than its whole: the parts listed after 其中 summing above the area they
  divide, or any site area above the project's whole land (`用地规模约80平方米` beside
  `考古发掘面积约50万平方米`). Floor areas (建筑面积) may exceed the land and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from planwatch.document.numbers import Amount, find_amounts, to_wan_yuan
from planwatch.formatting import plain
from planwatch.lint.context import LintContext
from planwatch.model import Finding, FindingKind, Project, Severity

INCONSISTENCY = FindingKind.INCONSISTENCY
_PERIOD_TOTAL = re.compile(r"(?:[两三四五\d]+年内?|累计|期内)(?:共|计划|预计)?完成(?:建设)?投资")
_FLOOR_AREA = re.compile(r"建筑|建设面积|车间|仓库|办公|楼|厂房|营业")
_TOLERANCE = Decimal("0.005")
_ROUNDING = Decimal(100)  # 万元: 0.01亿元
_WAN_PER_YI = Decimal(10000)


def check(context: LintContext) -> Iterator[Finding]:
    for project in context.plan.projects:
        yield from _schedule_total(context, project)
        yield from _land_parts(context, project)


def _schedule_total(context: LintContext, project: Project) -> Iterator[Finding]:
    amounts = [(e.year, e.investment_wan_yuan) for e in project.schedule if e.investment_wan_yuan is not None]
    if len({year for year, _ in amounts}) < 2:
        return
    head = project.text.split("年目标")[0]
    m = _PERIOD_TOTAL.search(head)
    if not m:
        return
    stated = next((a for a in find_amounts(head[m.end() :]) if to_wan_yuan(a) is not None), None)
    if stated is None or (total := to_wan_yuan(stated)) is None:
        return
    listed = sum((value for _, value in amounts), Decimal(0))
    if abs(listed - total) < _ROUNDING:
        return  # stated to the 0.01亿元: the parts must add up to the cent of a 亿
    line, column = _locate(context, project, m.group() + stated.raw)
    parts = "+".join(_yi(value) for _, value in amounts)
    yield context.finding(
        "schedule-total", INCONSISTENCY, Severity.ERROR, line, m.group() + stated.raw,
        f"“{project.name}”称{m.group()}{stated.raw}，但各年度目标的完成投资合计 {parts} = {_yi(listed)}亿元，"
        f"{'多' if listed > total else '少'}{_yi(abs(listed - total))}亿元",
        lines=tuple(e.line for e in project.schedule), column=column,
    )  # fmt: skip


def _land_parts(context: LintContext, project: Project) -> Iterator[Finding]:
    if project.land_mu is None or not project.land_mu:
        return
    areas = [a for a in find_amounts(project.text) if a.base_unit == "亩" and a.base_value is not None]
    site = [a for a in areas if not _FLOOR_AREA.search(project.text[max(0, a.start - 8) : a.start])]
    site = [a for a in site if a.raw not in (project.land_raw or "")]
    for area in site:
        assert area.base_value is not None
        if area.base_value > project.land_mu * (1 + _TOLERANCE):
            # Reported at the whole: one of the two figures is wrong, and the whole is the suspect.
            land = project.land_raw or ""
            line, column = _locate(context, project, land)
            yield context.finding(
                "part-exceeds-whole", INCONSISTENCY, Severity.ERROR, line, land,
                f"“{project.name}”的{land}（{_mu(project.land_mu)}亩）小于其中的面积{area.raw}：部分大于整体",
                column=column,
            )  # fmt: skip
            return
    yield from _parts_after_qizhong(context, project, site)


def _parts_after_qizhong(context: LintContext, project: Project, site: list[Amount]) -> Iterator[Finding]:
    at = project.text.find("其中")
    if at < 0 or project.land_mu is None:
        return
    before = [a for a in site if a.end <= at]
    whole = before[-1].base_value if before else project.land_mu
    sentence_end = project.text.find("。", at)
    parts = [a for a in site if a.start > at and (sentence_end < 0 or a.start < sentence_end or not before)]
    if len(parts) < 2 or whole is None:
        return
    total = sum((a.base_value or Decimal(0) for a in parts), Decimal(0))
    if total <= whole:
        return  # written figures: the parts may not add up to more than the whole at all
    stated = before[-1].raw if before else (project.land_raw or parts[0].raw)
    line, column = _locate(context, project, stated)
    listed = "+".join(a.raw for a in parts)
    yield context.finding(
        "parts-exceed-total", INCONSISTENCY, Severity.ERROR, line, stated,
        f"“{project.name}”其中各部分 {listed} = {_mu(total)}亩，大于总面积{_mu(whole)}亩",
        column=column,
    )  # fmt: skip


def _locate(context: LintContext, project: Project, text: str) -> tuple[int, int | None]:
    """The line of the project where `text` is written, and its column there."""
    for number in range(project.line, project.last_line + 1):
        column = context.document.line(number).raw.find(text)
        if column >= 0:
            return number, column
    return project.line, None


def _yi(wan_yuan: Decimal) -> str:
    return plain(wan_yuan / _WAN_PER_YI)


def _mu(value: Decimal) -> str:
    return plain(value, 2)
