"""The rules for paces rather than levels: average-growth targets (年均增长 g*) and additive
cumulative flows (城镇新增就业人数【2.5】万人: a period total of yearly additions).
"""

from __future__ import annotations

from decimal import Decimal

from planwatch.evaluate import text
from planwatch.evaluate.mathx import cagr, decimals_for, geometric_mean_rate, power, round_half_up, stdev
from planwatch.evaluate.rules import elapsed, note, places, reached_status, status_by_gap
from planwatch.evaluate.series import SeriesData
from planwatch.evaluate.settings import EvaluationSettings
from planwatch.evaluate.spec import SeriesSpec
from planwatch.evaluate.trend import Judgement, geometric_trend, no_projection_text, project, projection_text
from planwatch.model import Color, EvaluationStatus

S = EvaluationStatus


def status_by_ratio(q: float, s: EvaluationSettings) -> tuple[EvaluationStatus, Color]:
    """EVALUATION.md: q ≥ 0.95 符合预期; 0.60 ≤ q < 0.95 需加快 (yellow); 0 ≤ q < 0.60 滞后于预期
    (red); q < 0 严重滞后 (red)."""
    if q >= s.growth_on_track_ratio:
        return S.ON_TRACK, Color.GREEN
    if q >= s.growth_speed_up_ratio:
        return S.NEEDS_SPEEDING_UP, Color.YELLOW
    if q >= s.growth_behind_ratio:
        return S.BEHIND, Color.RED
    return S.SERIOUSLY_BEHIND, Color.RED


def judge_growth(
    spec: SeriesSpec, data: SeriesData, base: Decimal | None, s: EvaluationSettings
) -> Judgement | None:
    """Realised average growth r against g*: ratio q = r / bar, bar = g* (− 0.5 pp for 左右).

    r is the geometric mean of the reported annual rates when there are any, else the compound
    rate of the levels from B. For a series that is itself a growth rate (`values_are_rates`) the
    level figures are the reported rates. None when nothing can be measured.
    """
    assert spec.growth_target is not None
    g_star = float(spec.growth_target) / 100.0
    y0, y1 = spec.base_year, spec.target_year
    rates = data.rates or (data.levels if spec.values_are_rates else data.rates)
    levels = {} if spec.values_are_rates else data.values
    reported = [(year, float(rates[year]) / 100.0) for year in sorted(rates) if year > y0]
    later = [year for year in levels if year > y0]
    b = float(base) if base is not None else 0.0
    if reported:
        t = reported[-1][0]
        values = [rate for _, rate in reported]
        r = geometric_mean_rate(values)
        done = len(values)
        index = power(1.0 + r, done)
        source = f"{text.years(reported[0][0], t)}年均{text.change(r)}"
        # the latest level when there is one for that year, else the rate itself (in %)
        latest_is_rate = not (levels and t in data.levels)
        latest = rates[t] if latest_is_rate else data.levels[t]
    elif later and b > 0.0 and base is not None:
        t = max(later)
        latest = data.levels[t]
        latest_is_rate = False
        done = t - y0
        measured = cagr(b, levels[t], done)
        r = -1.0 if measured is None else measured
        index = levels[t] / b
        unit = spec.unit or (data.units[-1] if data.units else "") or ""
        source = (
            f"{text.years(y0 + 1, t)}按总量测算年均{text.change(r)}"
            f"（{y0}年{text.plain(base)}{unit}→{t}年{text.plain(latest)}{unit}）"
        )
    else:
        return None

    tolerance = s.approx_growth_tolerance_points / 100.0 if spec.growth_approx else 0.0
    bar = g_star - tolerance if g_star > 0 else g_star + tolerance
    goal = f"目标{text.plain(spec.growth_target or Decimal(0))}%{'左右' if spec.growth_approx else ''}"
    if spec.growth_approx:
        goal += f"（按{text.percent(bar)}衡量）"
    q: float | None = None
    if bar != 0.0 and (bar > 0) == (g_star > 0):
        q = round_half_up(r / bar, s.ratio_decimals)
        status, color = status_by_ratio(q, s)
        versus = f"，为{goal}的{text.percent(q)}"
    else:  # a bar of zero or across zero: no ratio, only whether the pace clears it
        status, color = (S.ON_TRACK, Color.GREEN) if r >= bar else (S.BEHIND, Color.RED)
        versus = f"，{goal}"
    if spec.binding and color is not Color.GREEN:
        color = Color.RED
    j = Judgement(status, color, "growth", "", t, latest)
    j.latest_unit = "%" if latest_is_rate else (spec.unit or (data.units[-1] if data.units else None))
    j.realised = r
    j.progress = q
    if b > 0.0:
        j.expected = b * power(1.0 + g_star, t - y0)
    left = (y1 - y0) - done
    need = ""
    if left > 0 and index > 0.0:
        j.required = power(power(1.0 + g_star, y1 - y0) / index, 1.0 / left) - 1.0
        need = f"；{text.remaining(left)}{text.change(j.required)}"
    tail = ""
    if levels:  # the level is projected from its own levels, never with the (real) rates r
        t_level = max(levels)
        x = levels[t_level]
        j.value_decimals = decimals_for(x, places(text.plain(data.levels[t_level])))
        if x > 0.0 and t_level < y1:
            anchor = (y0, b) if b > 0.0 else None
            trend = geometric_trend(anchor, levels, t_level)
            project(j, trend, x, y1 - t_level, True, s.projection_band_sd)
            level_unit = spec.unit or (data.units[-1] if data.units else None)
            if j.projection is None:
                tail = no_projection_text(y1) if reported else ""
            else:
                tail = projection_text(j, trend, True, y1, level_unit, basis="总量" if reported else "")
        elif t_level >= y1:
            j.projection = x
    red = "；约束性指标增速不足，红色预警" if spec.binding and color is Color.RED else ""
    j.explanation = source + versus + need + tail + red + note(spec) + "。"
    return j


def judge_flow(spec: SeriesSpec, data: SeriesData, s: EvaluationSettings) -> Judgement | None:
    """Additive cumulative target Δ: progress p = Σ yearly figures / Δ, judged like a level target."""
    delta_dec = spec.cumulative_delta
    assert delta_dec is not None
    delta = float(delta_dec)
    y0, y1 = spec.base_year, spec.target_year
    levels = data.levels
    years = sorted(year for year in levels if year > y0)
    if not years or delta <= 0.0:
        return None
    t = years[-1]
    flows = [data.values[year] for year in years]
    total = sum(flows)
    total_dec = sum((levels[year] for year in years), Decimal(0))
    f = elapsed(t, y0, y1)
    progress = total / delta
    gap = round_half_up(progress - f, s.gap_decimals)
    reached = total >= delta
    status, color = (reached_status(t, y1), Color.GREEN) if reached else status_by_gap(gap, s)
    red = spec.binding and not reached and gap < s.binding_red_gap
    d = max(places(text.plain(levels[year])) for year in years)
    j = Judgement(status, Color.RED if red else color, "cumulative", "", t, total_dec, f, progress, gap)
    j.expected = delta * f
    j.value_decimals = d
    unit = spec.unit or ""
    m = y1 - t
    mean = total / len(flows)
    j.realised = mean
    missing = [str(year) for year in range(y0 + 1, t + 1) if year not in levels]
    head = (
        f"{text.years(y0 + 1, t)}累计{text.plain(total_dec)}{unit}，"
        f"为期内目标{text.plain(delta_dec)}{unit}的{text.percent(progress)}"
    )
    if missing:
        head += f"（缺{'、'.join(missing)}年数据）"
    if reached:
        body = "，已完成期内累计目标"
    else:
        expected = delta * f
        body = (
            f"，按序时进度应达{text.number(expected, d)}{unit}，"
            f"{text.distance(total - expected, spec.unit, d)}，{text.schedule_gap(gap)}"
        )
        if m > 0:
            j.required = (delta - total) / m
            body += f"；{text.remaining(m)}完成{text.number(j.required, d)}{unit}"
    tail = ""
    if m > 0:
        spread = stdev(flows)
        j.projection = total + mean * m
        band = ""
        if spread is not None:
            j.low = total + (mean - s.projection_band_sd * spread) * m
            j.high = total + (mean + s.projection_band_sd * spread) * m
            band = f"（{text.number(j.low, d)}～{text.number(j.high, d)}）"
        projected = text.number(j.projection, d)
        tail = f"；按年均{text.number(mean, d)}{unit}推算，{y1}年累计可达{projected}{unit}{band}"
    else:
        j.projection = total
    if red:
        tail += "；约束性指标进度落后，红色预警"
    j.explanation = head + body + tail + note(spec) + "。"
    return j
