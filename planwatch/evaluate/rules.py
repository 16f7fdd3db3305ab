"""The rules for a value judged against a level: level targets (and cumulative ones once T is
known), ceilings and keep-stable. Each returns a `Judgement`; `engine` picks the rule.
"""

from __future__ import annotations

import math
from decimal import Decimal

from planwatch.evaluate import text
from planwatch.evaluate.mathx import decimals_for, power, round_half_up
from planwatch.evaluate.series import SeriesData
from planwatch.evaluate.settings import EvaluationSettings
from planwatch.evaluate.spec import SeriesSpec
from planwatch.evaluate.trend import (
    Judgement,
    Trend,
    geometric_trend,
    linear_trend,
    no_projection_text,
    project,
    projection_text,
)
from planwatch.model import Color, EvaluationStatus

S = EvaluationStatus
HUNDRED = Decimal(100)


def places(shown: str) -> int:
    """Decimal places of a figure as shown (plain text, never in exponent form), up to six."""
    point = shown.find(".")
    return min(len(shown) - point - 1, 6) if point >= 0 else 0  # six places at most


def value_places(geometric: bool, x: float, shown: str) -> int:
    """Places for computed values: four significant digits for amounts (472 → 472.8), the data's
    own places (at least one) for shares and rates (62.8% → 63.4%)."""
    own = places(shown)
    return decimals_for(x, own) if geometric else max(own, 1)


def reached_status(t: int, y1: int) -> EvaluationStatus:
    """A target reached: 提前实现 before its year, 已实现 in it."""
    return S.ACHIEVED_EARLY if t < y1 else S.ACHIEVED


def status_by_gap(gap: float, s: EvaluationSettings) -> tuple[EvaluationStatus, Color]:
    """EVALUATION.md: g ≥ +0.10 快于预期; ≥ 0 符合预期; ≥ −0.10 基本符合预期 (yellow);
    ≥ −0.30 滞后于预期 (yellow); below 严重滞后 (red)."""
    if gap >= s.ahead_gap:
        return S.AHEAD, Color.GREEN
    if gap >= s.on_track_gap:
        return S.ON_TRACK, Color.GREEN
    if gap >= s.roughly_gap:
        return S.ROUGHLY_ON_TRACK, Color.YELLOW
    if gap >= s.behind_gap:
        return S.BEHIND, Color.YELLOW
    return S.SERIOUSLY_BEHIND, Color.RED


def elapsed(t: int, y0: int, y1: int) -> float:
    """f = (t − y0) / (y1 − y0), within [0, 1]."""
    return min(max((t - y0) / (y1 - y0), 0.0), 1.0) if y1 > y0 else 1.0


def judge_level(
    spec: SeriesSpec,
    data: SeriesData,
    t: int,
    base: Decimal,
    target: Decimal,
    s: EvaluationSettings,
    *,
    method: str = "level",
    reduction: bool = False,
) -> Judgement:
    """Progress p on the expected path's scale, gap g = p − f, status by g; once T is reached
    提前实现 before the target year, 已实现 in it.

    `reduction`: the figures are cumulative falls in % turned into an index (100 − v) by the
    caller; they are reported back as falls.
    """
    y0, y1 = spec.base_year, spec.target_year
    x_dec = data.levels[t]
    x, b, tt = data.values[t], float(base), float(target)
    f = elapsed(t, y0, y1)
    geometric = spec.path == "geometric" and b > 0.0 and tt > 0.0 and x > 0.0
    if geometric:
        progress = math.log(x / b) / math.log(tt / b)
        expected = b * power(tt / b, f)
    else:
        progress = (x - b) / (tt - b)
        expected = b + (tt - b) * f
    gap = round_half_up(progress - f, s.gap_decimals)
    reached = x >= tt if tt > b else x <= tt
    status, color = (reached_status(t, y1), Color.GREEN) if reached else status_by_gap(gap, s)
    red = spec.binding and not reached and gap < s.binding_red_gap
    shown = text.plain(x_dec)
    d = max(places(text.plain(HUNDRED - x_dec)), 1) if reduction else value_places(geometric, x, shown)
    j = Judgement(status, Color.RED if red else color, method, "", t, x_dec, f, progress, gap, expected)
    j.value_decimals = d
    j.latest_unit = "%" if reduction else spec.unit  # the spec may have taken the figures' unit
    m = y1 - t
    if m > 0:
        j.required = power(tt / x, 1.0 / m) - 1.0 if geometric else (tt - x) / m
    anchor = (y0, b)
    trend = geometric_trend(anchor, data.values, t) if geometric else linear_trend(anchor, data.values, t)
    j.realised = trend.pace
    project(j, trend, x, m, geometric, s.projection_band_sd)

    unit = spec.unit or ""
    if reduction:
        head = f"{t}年累计下降{text.plain(HUNDRED - x_dec)}%"
        goal = f"{y1}年累计下降{text.plain(HUNDRED - target)}%的目标"
        on_path = f"按序时进度应累计下降{text.number(100.0 - expected, d)}%"
        off_path = text.distance(expected - x, "%", d, "序时进度", ("多下降", "少下降"))
    else:
        head = f"{t}年实际{shown}{unit}"
        goal = f"{y1}年目标{text.plain(target)}{unit}"
        on_path = f"按序时进度应达{text.number(expected, d)}{unit}"
        off_path = text.distance(x - expected, spec.unit, d)
    if reached:
        body = f"，已达到{goal}"
    else:
        body = f"，{on_path}，{off_path}，{text.schedule_gap(gap)}"
        if j.required is not None:
            need = (
                text.change(j.required) if geometric else text.point_change(j.required, spec.unit, max(d, 2))
            )
            body += f"；{text.remaining(m)}{need}"
        else:
            body += f"，未达到{goal}"
    tail = _as_reductions(j, d) if reduction else _projection(j, trend, geometric, data, spec, m)
    if red:
        tail += "；约束性指标进度落后，红色预警"
    j.explanation = head + body + tail + note(spec) + "。"
    return j


def _as_reductions(j: Judgement, d: int) -> str:
    """Index figures (100 − fall) back to cumulative falls in %, and the projection sentence."""
    if j.latest_value is not None:
        j.latest_value = HUNDRED - j.latest_value
    if j.expected is not None:
        j.expected = 100.0 - j.expected
    low, high = j.low, j.high
    j.low = None if high is None else 100.0 - high
    j.high = None if low is None else 100.0 - low
    if j.projection is None or j.realised is None:
        return ""
    j.projection = 100.0 - j.projection
    band = ""
    if j.low is not None and j.high is not None:
        band = f"（{text.number(j.low, d)}%～{text.number(j.high, d)}%）"
    return f"；按已实现降速推算，期末累计可下降{text.number(j.projection, d)}%{band}"


def _projection(
    j: Judgement, trend: Trend, geometric: bool, data: SeriesData, spec: SeriesSpec, m: int
) -> str:
    """The projection sentence of a level; where the bureau's rates exist too, it says the pace
    is the level's own (总量), and when the levels alone give no pace, why there is none."""
    if m <= 0:
        return ""
    real_rates = geometric and bool(data.rates)
    if j.projection is None:
        return no_projection_text(spec.target_year) if real_rates else ""
    basis = "总量" if real_rates else ""
    return projection_text(j, trend, geometric, spec.target_year, spec.unit, basis=basis)


def note(spec: SeriesSpec) -> str:
    return f"（{spec.note}）" if spec.note else ""


def _latest_trend(spec: SeriesSpec, data: SeriesData, t: int, base: Decimal | None) -> tuple[Trend, bool]:
    """Pace of a series judged without a path (ceiling, keep-stable), for its projection."""
    anchor = (spec.base_year, float(base)) if base is not None else None
    geometric = (
        spec.path == "geometric" and min(data.values.values()) > 0.0 and (anchor is None or anchor[1] > 0.0)
    )
    if geometric:
        return geometric_trend(anchor, data.values, t), True
    return linear_trend(anchor, data.values, t), False


def judge_ceiling(
    spec: SeriesSpec, data: SeriesData, t: int, base: Decimal | None, s: EvaluationSettings
) -> Judgement:
    """x ≤ c → 控制在目标内 (yellow within `ceiling_watch_fraction` below c); x > c → 滞后于预期
    (red if binding)."""
    ceiling = spec.target_value
    assert ceiling is not None
    x_dec = data.levels[t]
    x, c = data.values[t], float(ceiling)
    unit = spec.unit or ""
    shown = text.plain(x_dec)
    head = f"{t}年实际{shown}{unit}，上限{text.plain(ceiling)}{unit}"
    margin = round_half_up((c - x) / abs(c), s.ratio_decimals) if c != 0.0 else None
    if x_dec > ceiling:
        status, color = S.BEHIND, (Color.RED if spec.binding else Color.YELLOW)
        body = f"，超出上限{text.percent(-margin)}" if margin is not None else "，超出上限"
        body += "；约束性指标超限，红色预警" if spec.binding else ""
    elif margin is not None and margin <= s.ceiling_watch_fraction:
        status, color = S.WITHIN_CEILING, Color.YELLOW
        body = f"，距上限仅{text.percent(margin)}，需关注"
    else:
        status, color = S.WITHIN_CEILING, Color.GREEN
        body = f"，低于上限{text.percent(margin)}" if margin is not None else "，未超过上限"
    j = Judgement(status, color, "ceiling", "", t, x_dec)
    trend, geometric = _latest_trend(spec, data, t, base)
    j.value_decimals = value_places(geometric, x, shown)
    j.realised = trend.pace
    project(j, trend, x, spec.target_year - t, geometric, s.projection_band_sd)
    tail = _projection(j, trend, geometric, data, spec, spec.target_year - t)
    if tail and status is not S.BEHIND and j.projection is not None and j.projection > c:
        tail += "，将超过上限"
    j.explanation = head + body + tail + note(spec) + "。"
    return j


def judge_keep_stable(
    spec: SeriesSpec, data: SeriesData, t: int, base: Decimal, s: EvaluationSettings
) -> Judgement:
    """|x − B| / |B| ≤ `keep_stable_fraction` → 保持稳定; else 滞后于预期 (red if binding)."""
    x_dec = data.levels[t]
    x, b = data.values[t], float(base)
    unit = spec.unit or ""
    if b != 0.0:
        deviation = round_half_up((x - b) / abs(b), s.ratio_decimals)
        stable = abs(deviation) <= s.keep_stable_fraction
        moved = f"，较基期{text.plain(base)}{unit}变动{text.signed(deviation * 100.0, 1)}%"
    else:
        stable = x_dec == base
        moved = f"，基期{text.plain(base)}{unit}"
    allowed = f"（保持稳定允许±{text.percent(s.keep_stable_fraction)}）"
    if stable:
        status, color = S.KEPT_STABLE, Color.GREEN
    else:
        status, color = S.BEHIND, (Color.RED if spec.binding else Color.YELLOW)
    j = Judgement(status, color, "keep_stable", "", t, x_dec)
    trend, geometric = _latest_trend(spec, data, t, base)
    shown = text.plain(x_dec)
    j.value_decimals = value_places(geometric, x, shown)
    j.realised = trend.pace
    project(j, trend, x, spec.target_year - t, geometric, s.projection_band_sd)
    red = "；约束性指标未保持稳定，红色预警" if color is Color.RED else ""
    tail = _projection(j, trend, geometric, data, spec, spec.target_year - t)
    j.explanation = f"{t}年实际{shown}{unit}{moved}{allowed}{red}{tail}{note(spec)}。"
    return j
