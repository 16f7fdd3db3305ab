"""Which prose targets are about an indicator of the table, so a promise is not judged twice.

A target links to an indicator when its subject is the indicator's name (compared without
spaces, width, brackets or a leading 全区/我区…), or, for a growth target, the name of the
indicator that is that growth rate (固定资产投资 年均增速8%以上 → 固定资产投资增速), and their
units measure the same thing. Then:

- `same_target`: the prose restates the row's target (same rule, value and year: 地区生产总值
  超过545亿元 and the row 382 → 545). It is judged once, as the indicator.
- otherwise the prose says something else about the same series (年均增速7.5%左右 beside a
  level row, 降低至3.5%以下 against 5以内): it is judged on its own target, on the
  indicator's figures and base.

Pure: targets and indicators in, links out. Pass the indicators that are evaluated (the
plan's own period, not the previous period's review table).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planwatch.evaluate import text
from planwatch.evaluate.series import in_unit, unit_shift
from planwatch.evaluate.spec import LEVEL_KINDS, SeriesSpec, SpecKind, spec_from_indicator, spec_from_target
from planwatch.model import Indicator, Target, TargetKind

_BRACKETS = str.maketrans({"【": "(", "】": ")", "[": "(", "]": ")", "〔": "(", "〕": ")"})
_QUOTES = str.maketrans("", "", "“”‘’\"'•·")
_UNIT_SUFFIX = re.compile(r"\([^()]*\)$")
# "the district's …": how a prose subject often starts where the table's name does not
_REGION_PREFIXES = ("全区", "我区", "本区", "全市", "全县", "新建区")
_RATE_SUFFIXES = ("增速", "增长率", "增幅")


@dataclass(frozen=True, slots=True)
class TargetLink:
    target_id: str
    indicator_id: str
    same_target: bool  # the prose restates the row's target: judged once, as the indicator
    reason: str  # Chinese, for the planner: which indicator, and why it is (not) judged again


@functools.lru_cache(maxsize=4096)  # every target is compared with every row: each name keyed once
def name_key(name: str) -> str:
    """地区生产总值（亿元） → 地区生产总值; 全区高新技术企业数量 → 高新技术企业数量."""
    key = unicodedata.normalize("NFKC", name).translate(_BRACKETS).translate(_QUOTES)
    key = "".join(key.split())
    key = _UNIT_SUFFIX.sub("", key) if key.endswith(")") else key
    for prefix in _REGION_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            return key[len(prefix) :]
    return key


def _units_agree(target: Target, indicator: Indicator) -> bool:
    if target.kind is TargetKind.GROWTH:
        return True  # the % of a growth target is the rate's, whatever the series' unit
    mine, theirs = target.unit, indicator.unit
    if not mine or not theirs:
        return True
    mine, theirs = unicodedata.normalize("NFKC", mine), unicodedata.normalize("NFKC", theirs)
    return mine == theirs or unit_shift(mine, theirs) != 0


def _names(target: Target) -> set[str]:
    key = name_key(target.subject)
    if target.kind is TargetKind.GROWTH:
        return {key} | {key + suffix for suffix in _RATE_SUFFIXES}
    return {key}


def link_target(
    target: Target, indicators: Sequence[Indicator], period: tuple[int, int]
) -> TargetLink | None:
    """The indicator this target is about, with the reason; None when it is about no row."""
    names = _names(target)
    candidates = [i for i in indicators if name_key(i.name) in names and _units_agree(target, i)]
    if not candidates:
        return None
    start, end = period
    mine = spec_from_target(target, start, end)
    specs = [spec_from_indicator(i, end, period_start=start) for i in candidates]
    # several rows of that name (rare): the one of the same target year, then the table's order
    spec, indicator = min(
        zip(specs, candidates, strict=True), key=lambda p: p[0].target_year != mine.target_year
    )
    row = f"指标{indicator.id}“{indicator.name}”"
    if _same_target(mine, spec, target.unit, indicator.unit):
        goal = _goal(spec) or _goal(mine)
        return TargetLink(target.id, indicator.id, True, f"与{row}目标同为{goal}，按该指标评估，不重复计数")
    if mine.kind is SpecKind.PLACEHOLDER:
        return TargetLink(
            target.id, indicator.id, False, f"与{row}同名，正文目标值待补，需人工评估，数据取自该指标"
        )
    ours, theirs = _goal(mine), _goal(spec)
    versus = f"正文目标{ours}、指标表目标{theirs}" if ours and theirs else "目标不同"
    return TargetLink(
        target.id, indicator.id, False, f"与{row}同名，{versus}，按正文目标单独评估，数据取自该指标"
    )


def link_targets(
    targets: Iterable[Target], indicators: Sequence[Indicator], period: tuple[int, int]
) -> dict[str, TargetLink]:
    """Every target's link, by target id (targets about no row are absent)."""
    links = {}
    for target in targets:
        link = link_target(target, indicators, period)
        if link is not None:
            links[target.id] = link
    return links


def unlinked_targets(
    targets: Sequence[Target], indicators: Sequence[Indicator], period: tuple[int, int]
) -> list[Target]:
    """The targets about no row of the table: their figures are their own (the template's rows)."""
    links = link_targets(targets, indicators, period)
    return [t for t in targets if t.id not in links]


def _same_target(mine: SeriesSpec, theirs: SeriesSpec, unit: str | None, row_unit: str | None) -> bool:
    if mine.target_year != theirs.target_year:
        return False
    if (
        mine.kind in LEVEL_KINDS and theirs.kind in LEVEL_KINDS
    ) or mine.kind is theirs.kind is SpecKind.CEILING:
        if mine.target_value is None or theirs.target_value is None:
            return False
        return in_unit(mine.target_value, unit, row_unit) == theirs.target_value
    if mine.kind is theirs.kind is SpecKind.GROWTH:
        return (
            mine.growth_target is not None
            and theirs.growth_target is not None
            and abs(mine.growth_target) == abs(theirs.growth_target)
        )
    if mine.kind is theirs.kind is SpecKind.CUMULATIVE:
        return mine.cumulative_delta == theirs.cumulative_delta
    return False


def _goal(spec: SeriesSpec) -> str:
    """The target as a planner writes it: 545亿元, 5%以内, 年均增长7.5%左右, 累计[0.5]."""
    unit = spec.unit or ""
    if spec.kind is SpecKind.GROWTH and spec.growth_target is not None:
        return f"年均增长{text.plain(spec.growth_target)}%{'左右' if spec.growth_approx else ''}"
    if spec.kind is SpecKind.KEEP_STABLE:
        return "保持稳定"
    if spec.kind is SpecKind.CUMULATIVE and spec.cumulative_delta is not None:
        return f"累计{text.plain(spec.cumulative_delta)}{unit}"
    if spec.target_value is None:
        return ""
    value = f"{text.plain(spec.target_value)}{unit}"
    suffix = {SpecKind.CEILING: "以内", SpecKind.FLOOR: "以上", SpecKind.APPROX: "左右"}.get(spec.kind, "")
    return value + suffix
