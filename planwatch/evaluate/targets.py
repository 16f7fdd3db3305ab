"""Prose targets judged by the indicators' method (docs/evaluation.md, "Prose targets").

A target's base is, in this order:
1. when it is linked to an indicator of the table (`link`), the row's base: the plan's base
   value (地区生产总值 2020年382亿元), else the row's base-year figure;
2. else the figure of the base year (period_start − 1) entered for the target itself (G015 2020);
3. else none. A ceiling, a growth target judged on reported rates and a period total need no
   base; a level target without one is 提前实现/已实现 once reached, and otherwise 需人工评估,
   with the latest figure, what is still needed and the trend of its own figures, and the
   explanation says which figure would let the method judge it.

A target that restates its row's target (`TargetLink.same_target`) is judged as that row: the
same spec, read under the target's id — the same answer as the indicator's, counted once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planwatch.evaluate.link import TargetLink, link_targets
from planwatch.evaluate.series import in_unit
from planwatch.evaluate.spec import (
    LEVEL_KINDS,
    SeriesSpec,
    SpecKind,
    cumulative_target,
    spec_from_indicator,
    spec_from_target,
)
from planwatch.model import Indicator, Target


def target_spec(
    target: Target,
    period: tuple[int, int],
    indicator: Indicator | None = None,
    link: TargetLink | None = None,
) -> SeriesSpec:
    """The spec of one prose target; with `indicator` and its `link`, on that row's series."""
    start, end = period
    own = spec_from_target(target, start, end)
    if indicator is None or link is None:
        return own
    if own.manual:  # a placeholder (达到**%): a person judges it, beside the row's figures
        return replace(own, data_id=indicator.id, note=f"{own.note}；{link.reason}")
    row = spec_from_indicator(indicator, end, period_start=start)
    if link.same_target:
        note = link.reason + (f"；{row.note}" if row.note else "")
        return replace(row, id=target.id, name=target.subject, data_id=indicator.id, note=note)
    linked = replace(
        own,
        data_id=indicator.id,
        unit=row.unit,
        base_year=row.base_year,
        base_value=row.base_value,
        values_are_rates=row.values_are_rates if own.kind is SpecKind.GROWTH else False,
        note=link.reason + (f"；{own.note}" if own.note else ""),
    )
    if own.kind in LEVEL_KINDS or own.kind is SpecKind.CEILING:
        assert own.target_value is not None
        return replace(linked, path=row.path, target_value=in_unit(own.target_value, target.unit, row.unit))
    if own.kind is SpecKind.CUMULATIVE and own.cumulative_mode != "additive":
        base = row.base_value
        return replace(linked, target_value=None if base is None else cumulative_target(linked, base))
    return linked


def linked_specs(
    targets: Sequence[Target], indicators: Sequence[Indicator], period: tuple[int, int]
) -> list[tuple[SeriesSpec, TargetLink | None]]:
    """Each target's spec and its link to a row of `indicators` (None when about no row)."""
    links = link_targets(targets, indicators, period)
    by_id = {indicator.id: indicator for indicator in indicators}
    pairs = []
    for target in targets:
        link = links.get(target.id)
        pairs.append((target_spec(target, period, by_id[link.indicator_id] if link else None, link), link))
    return pairs


def target_specs(
    targets: Sequence[Target], indicators: Sequence[Indicator], period: tuple[int, int]
) -> list[SeriesSpec]:
    """Specs of a plan's prose targets, linked to the evaluated indicators where they are about one.

    Build them once per plan and evaluate them at any date with `evaluate_specs`, handing in the
    figures by series id: a linked target reads its row's (`spec.data_id`)."""
    return [spec for spec, _ in linked_specs(targets, indicators, period)]
