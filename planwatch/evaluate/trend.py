"""What the figures so far say about the rest of the period: realised pace, spread, projection.

Geometric series (amounts, counts, intensities): the realised rate r is the geometric mean of
the reported annual growth rates when there are any (they are at comparable prices), else
the compound rate (x/B)^(1/(t − y0)) − 1; the spread s is the standard deviation of the
annual rates (reported, else year-on-year ratios of consecutive levels); the projection is
x·(1 + r)^(y1 − t), band x·(1 + r ∓ k·s)^(y1 − t).

Linear series (shares, rates): the pace is the slope (x − B)/(t − y0) in points per year, the
spread the standard deviation of the year-on-year differences, the projection
x + slope·(y1 − t), band x + (slope ∓ k·s)·(y1 − t).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planwatch.evaluate import text
from planwatch.evaluate.mathx import cagr, geometric_mean_rate, power, stdev
from planwatch.model import Color, EvaluationStatus


@dataclass(slots=True)
class Judgement:
    """A rule's verdict and the numbers behind it, before they are rounded into an Evaluation."""

    status: EvaluationStatus
    color: Color
    method: str
    explanation: str
    latest_year: int | None = None
    latest_value: Decimal | None = None
    elapsed: float | None = None
    progress: float | None = None
    gap: float | None = None
    expected: float | None = None
    realised: float | None = None  # fraction per year (geometric) or points per year (linear)
    required: float | None = None
    projection: float | None = None
    low: float | None = None
    high: float | None = None
    value_decimals: int = 2  # how many places the value-like numbers are reported with


@dataclass(slots=True)
class Trend:
    pace: float | None  # r (geometric) or slope (linear)
    spread: float | None  # standard deviation of the annual rates or differences
    reported: bool  # r from reported growth rates


def _start(anchor: tuple[int, float] | None, values: dict[int, float]) -> tuple[int, float]:
    """Where the pace is measured from: the plan's base value, else the earliest figure."""
    if anchor is not None:
        return anchor
    first = min(values)
    return first, values[first]


def _annual(start: tuple[int, float], values: dict[int, float], t: int, ratio: bool) -> list[float]:
    """Year-on-year rates (ratio) or differences between consecutive years with figures."""
    out: list[float] = []
    previous: float | None = start[1]
    for year in range(start[0] + 1, t + 1):
        value = values.get(year)
        if value is not None and previous is not None:
            if not ratio:
                out.append(value - previous)
            elif previous > 0.0:
                out.append(value / previous - 1.0)
        previous = value
    return out


def geometric_trend(
    anchor: tuple[int, float] | None, values: dict[int, float], rates: dict[int, Decimal], t: int
) -> Trend:
    if not values and anchor is None:
        return Trend(None, None, False)
    start = _start(anchor, values)
    if rates:
        reported = [float(rates[year]) / 100.0 for year in sorted(rates) if start[0] < year <= t]
        if reported:
            return Trend(geometric_mean_rate(reported), stdev(reported), True)
    last = values.get(t, start[1]) if t != start[0] else start[1]
    return Trend(cagr(start[1], last, t - start[0]), stdev(_annual(start, values, t, True)), False)


def linear_trend(anchor: tuple[int, float] | None, values: dict[int, float], t: int) -> Trend:
    if not values and anchor is None:
        return Trend(None, None, False)
    start = _start(anchor, values)
    if start[0] >= t:
        return Trend(None, None, False)
    pace = (values[t] - start[1]) / (t - start[0])
    return Trend(pace, stdev(_annual(start, values, t, False)), False)


def project(judgement: Judgement, trend: Trend, x: float, m: int, geometric: bool, band_sd: float) -> None:
    """Fill projection and band for the target year, m years after the latest figure."""
    pace = trend.pace
    judgement.realised = pace
    if m <= 0:
        judgement.projection = x
        return
    if pace is None:
        return
    spread = trend.spread
    if geometric:
        judgement.projection = x * power(1.0 + pace, m)
        if spread is not None:
            judgement.low = x * power(1.0 + pace - band_sd * spread, m)
            judgement.high = x * power(1.0 + pace + band_sd * spread, m)
    else:
        judgement.projection = x + pace * m
        if spread is not None:
            judgement.low = x + (pace - band_sd * spread) * m
            judgement.high = x + (pace + band_sd * spread) * m


def projection_text(judgement: Judgement, trend: Trend, geometric: bool, y1: int, unit: str | None) -> str:
    """；按年均增长7.3%推算，2025年可达543.5亿元（530.1～557.2）"""
    if judgement.projection is None or trend.pace is None:
        return ""
    d = judgement.value_decimals
    if geometric:
        source = "统计公报增速" if trend.reported else ""
        pace = f"{source}年均{text.change(trend.pace)}"
    else:
        pace = "年均" + text.point_change(trend.pace, unit, max(d, 2))
    band = ""
    if judgement.low is not None and judgement.high is not None:
        band = f"（{text.number(judgement.low, d)}～{text.number(judgement.high, d)}）"
    return f"；按{pace}推算，{y1}年可达{text.number(judgement.projection, d)}{unit or ''}{band}"
