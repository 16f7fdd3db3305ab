"""Chart data: actual levels beside the expected path (from `evaluate`, in Decimal) and the target,
and the projection band. The overview's small cards and the indicator page draw the same series."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from planwatch.evaluate import spec_from_indicator
from planwatch.evaluate.path import expected_path
from planwatch.model import Indicator, Observation
from planwatch.services.evaluation import PlanEvaluation, plan_period

_CENT = Decimal("0.01")


def indicator_chart(
    indicator: Indicator, observations: list[Observation], period: tuple[int, int]
) -> dict[str, Any]:
    """Actual annual levels (latest vintage of each year), the path from base to target the method
    expects, and the target itself."""
    actual: dict[int, Decimal] = {}
    for o in observations:  # ordered by period then as_of: the last one of a year is its latest vintage
        if o.kind.value == "level" and o.period.isdigit():
            actual[int(o.period)] = o.value
    spec = spec_from_indicator(indicator, period[1], period_start=period[0])
    expected = expected_path(spec)
    start, end = spec.base_year, spec.target_year
    target = indicator.target
    years = sorted({*actual, *expected, *range(start, end + 1)})
    return {
        "unit": indicator.unit,
        "years": [str(y) for y in years],
        "actual": [actual.get(y) for y in years],
        "expected": [expected.get(y) for y in years],
        "target": target.value if target else None,
        "target_year": end,
    }


def counted_chart(result: PlanEvaluation, indicator_id: str) -> dict[str, Any]:
    """The chart of what the evaluation counted: a figure entered after its date, or not yet
    approved (unless the evaluation counts pending figures), is not drawn as an actual level."""
    indicator = result.indicators[indicator_id]
    observed = result.counted.get(indicator_id, [])
    return indicator_chart(indicator, observed, plan_period(result.parsed, result.as_of))


def card_chart(result: PlanEvaluation, indicator_id: str) -> dict[str, Any] | None:
    """A key indicator card's small chart: the series of its detail page without the band; None when
    there are not two levels to draw (a series judged on its growth rates alone)."""
    chart = counted_chart(result, indicator_id)
    return chart if sum(1 for value in chart["actual"] if value is not None) >= 2 else None


def with_projection_band(chart: dict[str, Any], evaluation: dict[str, Any] | None) -> dict[str, Any]:
    """Add the evaluation's projection range for the target year as `band_low` / `band_high`, aligned
    with `years`: both start at the latest actual level and open out to the range at the target year.
    Both are all None when there is no projection (or no actual level to start it from)."""
    years = [int(y) for y in chart["years"]]
    low: list[Any] = [None] * len(years)
    high: list[Any] = [None] * len(years)
    chart = {**chart, "band_low": low, "band_high": high}
    if not evaluation or evaluation.get("projection_low") is None:
        return chart
    p_low, p_high = evaluation["projection_low"], evaluation.get("projection_high")
    if p_high is None or chart["target_year"] not in years:
        return chart
    end = years.index(chart["target_year"])
    start, actual = _band_start(chart, evaluation, years, end)
    if start is None or start >= end:
        low[end], high[end] = p_low, p_high
        return chart
    s_value, s_year = Decimal(str(actual[start])), years[start]
    span = Decimal(years[end] - s_year)
    for i in range(start, end + 1):
        f = Decimal(years[i] - s_year) / span
        low[i] = (s_value + (Decimal(str(p_low)) - s_value) * f).quantize(_CENT)
        high[i] = (s_value + (Decimal(str(p_high)) - s_value) * f).quantize(_CENT)
    return chart


def _band_start(
    chart: dict[str, Any], evaluation: dict[str, Any], years: list[int], end: int
) -> tuple[int | None, list[Any]]:
    """Where the band starts: the latest year's actual level (or the evaluation's latest value in the
    chart's unit); for a growth rule, the latest actual level drawn."""
    actual = chart["actual"]
    latest_year = evaluation.get("latest_year")
    if latest_year in years and actual[years.index(latest_year)] is not None:
        return years.index(latest_year), actual
    if (
        latest_year in years
        and evaluation.get("latest_value") is not None
        and (evaluation.get("latest_unit") or None) == (chart["unit"] or None)
    ):
        start = years.index(latest_year)
        actual = [*actual]
        actual[start] = evaluation["latest_value"]
        return start, actual
    drawn = [i for i, v in enumerate(actual) if v is not None and i < end]
    return (drawn[-1] if drawn else None), actual
