"""What the figures so far say about the rest of the period: realised pace, spread, projection.

A level is projected from its own levels, never from the bureau's growth rates: levels of
amounts (GDP 亿元, 社零, income) are published at current prices, the growth rates at
comparable prices, and a real rate applied to a nominal level undershoots it by the price
rise (EVALUATION.md, "Always"). The real rates judge growth targets only (`growth`).

Geometric series (amounts, counts, intensities): the pace r is the compound rate of the levels
from the plan's base, (x/B)^(1/(t − y0)) − 1 (from the earliest figure when there is no base);
the spread s is the standard deviation of the year-on-year ratios of consecutive levels; the
projection is x·(1 + r)^(y1 − t), band x·(1 + r ∓ k·s)^(y1 − t). A value on the expected path
B·(T/B)^f thus projects to T exactly, and one above it projects above T.

Linear series (shares, rates): the pace is the slope (x − B)/(t − y0) in points per year, the
spread the standard deviation of the year-on-year differences, the projection
x + slope·(y1 − t), band x + (slope ∓ k·s)·(y1 − t).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planwatch.evaluate import text
from planwatch.evaluate.mathx import cagr, stdev
from planwatch.evaluate.mathx import power as _power
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
    latest_unit: str | None = None  # where latest_value is not in the spec's unit (a rate, a fall in %)


@dataclass(slots=True)
class Trend:
    pace: float | None  # r (geometric) or slope (linear), of the levels themselves
    spread: float | None  # standard deviation of the annual ratios or differences of the levels


_NO_TREND = Trend(None, None)


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


def geometric_trend(anchor: tuple[int, float] | None, values: dict[int, float], t: int) -> Trend:
    """The compound pace of the levels from the anchor (or the earliest level) to year t."""
    if not values and anchor is None:
        return _NO_TREND
    start = _start(anchor, values)
    if start[0] >= t:
        return _NO_TREND
    return Trend(cagr(start[1], values[t], t - start[0]), stdev(_annual(start, values, t, True)))


def linear_trend(anchor: tuple[int, float] | None, values: dict[int, float], t: int) -> Trend:
    if not values and anchor is None:
        return _NO_TREND
    start = _start(anchor, values)
    if start[0] >= t:
        return _NO_TREND
    pace = (values[t] - start[1]) / (t - start[0])
    return Trend(pace, stdev(_annual(start, values, t, False)))


def project(judgement: Judgement, trend: Trend, x: float, m: int, geometric: bool, band_sd: float) -> None:
    """Fill projection and band for the target year, m years after the latest figure."""
    if m <= 0:
        judgement.projection = x
        return
    pace = trend.pace
    if pace is None:
        return
    spread = trend.spread
    if geometric:
        judgement.projection = x * _power(1.0 + pace, m)
        if spread is not None:
            judgement.low = x * _power(1.0 + pace - band_sd * spread, m)
            judgement.high = x * _power(1.0 + pace + band_sd * spread, m)
    else:
        judgement.projection = x + pace * m
        if spread is not None:
            judgement.low = x + (pace - band_sd * spread) * m
            judgement.high = x + (pace + band_sd * spread) * m


def projection_text(
    judgement: Judgement, trend: Trend, geometric: bool, y1: int, unit: str | None, *, basis: str = ""
) -> str:
    """；按年均增长7.3%推算，2025年可达543.5亿元（530.1～557.2）

    `basis` names what the pace is of (总量) where a reader would otherwise take it for the
    bureau's growth rate shown elsewhere.
    """
    if judgement.projection is None or trend.pace is None:
        return ""
    d = judgement.value_decimals
    if geometric:
        pace = f"{basis}年均{text.change(trend.pace)}"
    else:
        pace = "年均" + text.point_change(trend.pace, unit, max(d, 2))
    band = ""
    if judgement.low is not None and judgement.high is not None:
        band = f"（{text.number(judgement.low, d)}～{text.number(judgement.high, d)}）"
    return f"；按{pace}推算，{y1}年可达{text.number(judgement.projection, d)}{unit or ''}{band}"


def no_projection_text(y1: int) -> str:
    """Why a level with only the bureau's (real) growth rates gets no projection."""
    return f"；总量数据不足以测算自身增速，不作{y1}年推算（统计公报增速按可比价格计算，不能用于推算现价总量）"
