"""An illustrative data set for a plan (示例数据，非真实统计), so a new user sees a living plan.

Generated from the plan itself, never from real statistics: each evaluable indicator of
the plan's own period gets yearly figures for the first four years along its expected
path at a chosen pace, the paces rotating so that every status appears — ahead, on
track, roughly on track, behind, far behind, reached — plus a ceiling near its limit, a
growth rate below its target, a series whose latest year is missing, one with no data,
and a revised figure (a 初步 value later 核实) to show vintages.

Prose targets get figures too, the first `DEMO_TARGETS` of them that are about no row of the
table (a target about a row reads the row's figures): a base-year figure, since the prose states
none, and four years at rotating paces, so the 目标 page shows their statuses.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

from planwatch.evaluate import SeriesSpec, SpecKind, spec_from_indicator
from planwatch.evaluate.targets import linked_specs
from planwatch.model import Indicator, Observation, ObservationKind, ObservationStatus, ParsedPlan

SOURCE = "示例数据，非真实统计"
DEMO_USER = "planwatch demo"
# Paces for level targets: progress p = f × pace along the expected path.
_PACES = (Decimal("1.2"), Decimal("1.05"), Decimal("0.94"), Decimal("0.75"), Decimal("0.5"), Decimal("1.35"))
_GROWTH_SHARES = (Decimal("1.02"), Decimal("0.8"), Decimal("0.45"))  # realised rate / target rate
_CEILING_SHARES = (Decimal("0.97"), Decimal("0.8"))  # value / ceiling
_STABLE_SHIFTS = (Decimal("0.01"), Decimal("-0.04"))  # relative change from the base
_YEARS = 4
DEMO_TARGETS = 16
_COUNTS = frozenset({"家", "个", "座", "项", "名", "户", "所"})
_TARGET_KINDS = (SpecKind.LEVEL, SpecKind.FLOOR, SpecKind.APPROX)


def demo_observations(parsed: ParsedPlan, indicators: list[Indicator]) -> list[Observation]:
    start, end = parsed.period() or (2021, 2025)
    specs = [spec_from_indicator(i, end, period_start=start) for i in indicators]
    counters = {"level": 0, "growth": 0, "ceiling": 0, "stable": 0}
    observations: list[Observation] = []
    levels = [s for s in specs if s.kind in (SpecKind.LEVEL, SpecKind.FLOOR, SpecKind.APPROX)]
    no_data = levels[-1].id if len(levels) > 2 else None
    stale = levels[-2].id if len(levels) > 2 else None
    for spec in specs:
        if spec.id == no_data or spec.manual:
            continue  # a person judges the manual ones: invented figures would only mislead
        years = range(start, start + (_YEARS - 1 if spec.id == stale else _YEARS))
        observations.extend(_series(spec, years, counters))
    observations = _with_a_revision(observations)
    # the targets' paces rotate from the second, so the first target is not ahead like the first row
    target_counters = {"level": 1, "growth": 1, "ceiling": 0, "stable": 0}
    for spec in _target_specs(parsed, indicators, (start, end)):
        observations.extend(_series(spec, range(start, start + _YEARS), target_counters))
    return observations


def _target_specs(
    parsed: ParsedPlan, indicators: list[Indicator], period: tuple[int, int]
) -> list[SeriesSpec]:
    """The first DEMO_TARGETS prose targets about no row that set an amount or a count to reach after
    the demo's years (亿元, 家: invented figures rising towards a share or a ratio would mislead)."""
    chosen = []
    for spec, link in linked_specs(parsed.targets, indicators, period):
        if link is None and spec.kind in _TARGET_KINDS and spec.target_value is not None:
            small_count = spec.unit in _COUNTS and spec.target_value < 20  # 2～3家: steps of one say little
            late_enough = spec.target_year >= period[0] + _YEARS
            if late_enough and spec.path == "geometric" and spec.unit and not small_count:
                chosen.append(spec)
    return chosen[:DEMO_TARGETS]


def _series(spec: SeriesSpec, years: range, counters: dict[str, int]) -> list[Observation]:
    base = spec.base_value if spec.base_value is not None else _invented_base(spec)
    figures: list[Observation] = []
    if spec.base_value is None and not spec.manual:
        figures.append(_figure(spec, str(spec.base_year), base))  # the base the plan left empty
    if spec.kind is SpecKind.GROWTH or spec.values_are_rates:
        share = _GROWTH_SHARES[counters["growth"] % len(_GROWTH_SHARES)]
        counters["growth"] += 1
        rate = (spec.growth_target or Decimal(8)) * share
        return figures + [
            _figure(spec, str(y), rate.quantize(Decimal("0.1")), ObservationKind.GROWTH) for y in years
        ]
    if spec.kind is SpecKind.CEILING and spec.target_value is not None:
        share = _CEILING_SHARES[counters["ceiling"] % len(_CEILING_SHARES)]
        counters["ceiling"] += 1
        return figures + [_figure(spec, str(y), _round(spec.target_value * share, spec)) for y in years]
    if spec.kind is SpecKind.KEEP_STABLE:
        shift = _STABLE_SHIFTS[counters["stable"] % len(_STABLE_SHIFTS)]
        counters["stable"] += 1
        return figures + [_figure(spec, str(y), _round(base * (1 + shift), spec)) for y in years]
    target = _target(spec, base)
    if target is None or base is None:
        return figures + [_figure(spec, str(y), _round(base or Decimal(100), spec)) for y in years]
    pace = _PACES[counters["level"] % len(_PACES)]
    counters["level"] += 1
    span = spec.target_year - spec.base_year
    return figures + [
        _figure(
            spec,
            str(y),
            _round(
                _on_path(
                    spec, base, target, min(Decimal(1) * pace * (y - spec.base_year) / span, Decimal("1.05"))
                ),
                spec,
            ),
        )
        for y in years
    ]


def _invented_base(spec: SeriesSpec) -> Decimal:
    """A base for a row whose base cell is empty: a plausible share or level for its unit."""
    if spec.target_value is not None and spec.kind in (SpecKind.APPROX, SpecKind.LEVEL, SpecKind.FLOOR):
        return _round(spec.target_value * Decimal("0.8"), spec)
    if spec.path == "linear":
        return Decimal(2) if "比重" in spec.name else Decimal(90)  # a share of GDP is small; a rate is high
    return Decimal(100)


def _target(spec: SeriesSpec, base: Decimal | None) -> Decimal | None:
    if spec.target_value is not None:
        return spec.target_value
    if spec.cumulative_delta is not None and base is not None:
        return (
            base + spec.cumulative_delta
            if spec.path == "linear"
            else base * (1 + spec.cumulative_delta / 100)
        )
    return None


def _on_path(spec: SeriesSpec, base: Decimal, target: Decimal, progress: Decimal) -> Decimal:
    if spec.path == "linear" or base <= 0 or target <= 0:
        return base + (target - base) * progress
    ratio = float(target / base) ** float(progress)  # float for the power; rounded back below
    return base * Decimal(repr(ratio))


def _round(value: Decimal, spec: SeriesSpec) -> Decimal:
    if spec.unit in _COUNTS:
        return value.quantize(Decimal(1))  # 9.91家 would not be a count
    places = Decimal("0.01") if spec.path == "linear" or abs(value) < 100 else Decimal(1)
    return value.quantize(places)


def _figure(
    spec: SeriesSpec, period: str, value: Decimal, kind: ObservationKind = ObservationKind.LEVEL
) -> Observation:
    year = int(period[:4])
    return Observation(
        series_id=spec.id,
        period=period,
        value=value,
        unit="%" if kind is ObservationKind.GROWTH else spec.unit,
        kind=kind,
        as_of=date(year + 1, 3, 15),  # the statistical bulletin of the next spring
        source=SOURCE,
        status=ObservationStatus.VERIFIED,
        entered_by=DEMO_USER,
    )


def _with_a_revision(observations: list[Observation]) -> list[Observation]:
    """The first series' second year: published 初步, revised (核实) in the autumn."""
    if len(observations) < 2:
        return observations
    first = observations[0].series_id
    second_year = sorted({o.period for o in observations if o.series_id == first})[1:2]
    revised = []
    for o in observations:
        if o.series_id == first and [o.period] == second_year:
            preliminary = Observation(
                o.series_id, o.period, _round_like(o.value * Decimal("0.985"), o.value), o.unit, o.kind,
                o.as_of, o.source, ObservationStatus.PRELIMINARY, o.entered_by,
            )  # fmt: skip
            final = Observation(
                o.series_id, o.period, o.value, o.unit, o.kind, date(o.as_of.year, 9, 30), o.source,
                ObservationStatus.VERIFIED, o.entered_by,
            )  # fmt: skip
            revised.extend([preliminary, final])
        else:
            revised.append(o)
    return revised


def _round_like(value: Decimal, like: Decimal) -> Decimal:
    exponent = like.as_tuple().exponent
    return value.quantize(Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0))


def fingerprint(observations: list[Observation]) -> str:
    """Identifies the data set, so loading the demo twice changes nothing."""
    text = "\n".join(
        f"{o.series_id}|{o.period}|{o.kind}|{o.value}|{o.as_of}|{o.status}" for o in observations
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
