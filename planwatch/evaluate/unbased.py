"""A target with no base value: the method cannot place it on a path, but need not fall silent.

Without B there is no expected path, no progress and no schedule gap, so nothing can be
judged on schedule (需人工评估, grey) — unless the target is already reached (提前实现/已实现).
What can still be said is said: the latest figure, what the remaining years need to reach T,
and where the figures' own trend leads. And the explanation names the figure that would let
the method judge it (the base year's). Nothing is guessed: the earliest figure is never taken
for the base, as that would move the start of the schedule.
"""

from __future__ import annotations

from decimal import Decimal

from planwatch.evaluate import text
from planwatch.evaluate.mathx import power
from planwatch.evaluate.rules import note, reached_status, value_places
from planwatch.evaluate.series import SeriesData
from planwatch.evaluate.settings import EvaluationSettings
from planwatch.evaluate.spec import SeriesSpec
from planwatch.evaluate.trend import (
    Judgement,
    geometric_trend,
    linear_trend,
    no_projection_text,
    project,
    projection_text,
)
from planwatch.model import Color, EvaluationStatus

S = EvaluationStatus


def judge_without_base(
    spec: SeriesSpec, data: SeriesData, t: int, target: Decimal | None, s: EvaluationSettings
) -> Judgement:
    """提前实现/已实现 when x has reached T; else 需人工评估 with the numbers that can be known."""
    y0, y1 = spec.base_year, spec.target_year
    x_dec = data.levels[t]
    x = data.values[t]
    unit = spec.unit or ""
    latest = f"{t}年实际{text.plain(x_dec)}{unit}"
    goal = f"{y1}年目标{text.plain(target)}{unit}" if target is not None else ""
    reached = target is not None and (x_dec <= target if spec.direction == "falling" else x_dec >= target)
    if reached:
        return Judgement(reached_status(t, y1), Color.GREEN, "level", f"{latest}，已达到{goal}。", t, x_dec)
    j = Judgement(S.MANUAL, Color.GREY, "manual", "", t, x_dec)
    tt = float(target) if target is not None else None
    geometric = spec.path == "geometric" and x > 0.0 and (tt is None or tt > 0.0)
    j.value_decimals = value_places(geometric, x, text.plain(x_dec))
    m = y1 - t
    need = ""
    if tt is not None and m > 0:
        if geometric:
            j.required = power(tt / x, 1.0 / m) - 1.0
            need = f"，{text.remaining(m)}{text.change(j.required)}"
        else:
            j.required = (tt - x) / m
            need = (
                f"，{text.remaining(m)}{text.point_change(j.required, spec.unit, max(j.value_decimals, 2))}"
            )
    trend = geometric_trend(None, data.values, t) if geometric else linear_trend(None, data.values, t)
    j.realised = trend.pace
    tail = ""
    if m > 0:
        project(j, trend, x, m, geometric, s.projection_band_sd)
        if j.projection is not None:
            basis = "总量" if geometric and data.rates else ""
            tail = projection_text(j, trend, geometric, y1, spec.unit, basis=basis)
        elif geometric and data.rates:
            tail = no_projection_text(y1)
    versus = f"，{goal}" if goal else ""
    j.explanation = (
        f"缺少{y0}年基期值（规划未列，亦无{y0}年数据），无法按序时进度评估；"
        f"{latest}{versus}{need}{tail}；补录{y0}年数据后即按序时进度评估{note(spec)}。"
    )
    return j
