"""evaluate_series: one spec, its observations, a date → an Evaluation. Pure: no I/O, no clock.

The same spec, observations and `as_of` always give the same Evaluation, so any evaluation
can be recomputed as of a past date (figures published later are not seen).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from planwatch.evaluate import text
from planwatch.evaluate.growth import judge_flow, judge_growth
from planwatch.evaluate.mathx import to_decimal
from planwatch.evaluate.rules import HUNDRED, judge_ceiling, judge_keep_stable, judge_level
from planwatch.evaluate.series import SeriesData, collect, due_date, due_year
from planwatch.evaluate.settings import DEFAULT_SETTINGS, EvaluationSettings
from planwatch.evaluate.spec import LEVEL_KINDS, SeriesSpec, SpecKind, cumulative_target, spec_from_indicator
from planwatch.evaluate.targets import target_specs
from planwatch.evaluate.trend import Judgement
from planwatch.evaluate.unbased import judge_without_base
from planwatch.model import Color, Evaluation, EvaluationStatus, Indicator, Observation, Target

S = EvaluationStatus
_PERCENT_UNITS = frozenset({"%", "％", None})
_PACE_DECIMALS = 4  # r, required growth (fractions: 0.0731) and paces in points per year


def evaluate_series(
    spec: SeriesSpec,
    observations: Iterable[Observation],
    as_of: date,
    settings: EvaluationSettings = DEFAULT_SETTINGS,
) -> Evaluation:
    """Judge one series as of `as_of` with the figures of `spec.data_id or spec.id` known by then."""
    data = collect(observations, spec.data_id or spec.id, spec.unit, as_of, spec.base_year, spec.target_year)
    if spec.manual:
        return _manual(spec, data, as_of)
    if data.seen == 0:
        return _grey(spec, S.NO_DATA, as_of, "尚无数据。")
    y0 = spec.base_year
    due = min(due_year(as_of, settings.annual_publication_lag_days), spec.target_year)
    judgement = _judge(spec, data, settings)
    if judgement is None:
        lag = settings.annual_publication_lag_days
        if due > y0:
            message = f"尚无{y0 + 1}年以来的年度数据，{due}年数据应于{text.day(due_date(due, lag))}前发布"
            return _grey(spec, S.STALE, as_of, message + _sub_annual(data) + "。")
        message = f"尚无年度数据，{y0 + 1}年数据预计{text.day(due_date(y0 + 1, lag))}前发布"
        return _grey(spec, S.NO_DATA, as_of, message + _sub_annual(data) + "。")
    if judgement.status is not S.MANUAL and judgement.latest_year is not None and judgement.latest_year < due:
        lag = settings.annual_publication_lag_days
        judgement.explanation = (
            f"{due}年数据应于{text.day(due_date(due, lag))}前发布，尚缺；"
            f"以下据最近的{judgement.latest_year}年数据（判断为{judgement.status}）：" + judgement.explanation
        )
        judgement.status, judgement.color = S.STALE, Color.GREY
    newer = _sub_annual(data, judgement.latest_year)
    if newer:
        judgement.explanation = judgement.explanation.removesuffix("。") + newer + "。"
    return _evaluation(spec, judgement, as_of, settings)


def _judge(spec: SeriesSpec, data: SeriesData, s: EvaluationSettings) -> Judgement | None:
    kind, y0 = spec.kind, spec.base_year
    levels = data.levels
    if kind is SpecKind.GROWTH:
        base = None if spec.values_are_rates else (spec.base_value or levels.get(y0))
        return judge_growth(spec, data, base, s)
    if kind is SpecKind.CUMULATIVE and spec.cumulative_mode == "additive":
        return judge_flow(spec, data, s)
    if not levels:
        return None
    t = max(levels)
    base = spec.base_value if spec.base_value is not None else levels.get(y0)
    if kind is SpecKind.CEILING:
        return judge_ceiling(spec, data, t, base, s)
    if kind is SpecKind.KEEP_STABLE:
        reference = base if base is not None else spec.target_value
        if reference is None:
            return judge_without_base(spec, data, t, None, s)
        return judge_keep_stable(spec, data, t, reference, s)
    if kind is SpecKind.CUMULATIVE:
        delta = spec.cumulative_delta
        assert delta is not None
        if spec.cumulative_mode == "intensity" and _reported_as_falls(spec, data):
            index = {year: HUNDRED - value for year, value in levels.items()}
            index[y0] = HUNDRED
            falls = SeriesData(
                data.seen, index, {year: float(v) for year, v in index.items()}, {}, data.units
            )
            return judge_level(
                spec, falls, t, HUNDRED, HUNDRED - delta, s, method="cumulative", reduction=True
            )
        if base is None:
            return judge_without_base(spec, data, t, None, s)
        if spec.cumulative_mode in ("intensity", "percent") and data.units and spec.unit in _PERCENT_UNITS:
            spec = replace(spec, unit=data.units[-1])  # figures in their unit (吨标煤/万元) for a change in %
        target = spec.target_value if spec.base_value is not None else cumulative_target(spec, base)
        if target is None or target == base:
            return judge_keep_stable(spec, data, t, base, s)
        return judge_level(spec, data, t, base, target, s, method="cumulative")
    assert kind in LEVEL_KINDS and spec.target_value is not None
    target = spec.target_value
    if base is None:
        return judge_without_base(spec, data, t, target, s)
    if target == base:
        return judge_keep_stable(spec, data, t, base, s)
    return judge_level(spec, data, t, base, target, s)


def _reported_as_falls(spec: SeriesSpec, data: SeriesData) -> bool:
    """An intensity series in % reports its cumulative fall since the base year, not the intensity."""
    return spec.unit in _PERCENT_UNITS and all(unit in _PERCENT_UNITS for unit in data.units)


def _latest_text(spec: SeriesSpec, levels: Mapping[int, Decimal], t: int) -> str:
    return f"{t}年实际{text.plain(levels[t])}{spec.unit or ''}"


def _sub_annual(data: SeriesData, latest_year: int | None = None) -> str:
    sub = data.sub_annual
    if sub is None or (latest_year is not None and sub.year <= latest_year):
        return ""
    return f"（另有{sub.period}数据{text.plain(sub.value)}{sub.unit or ''}，年度判断只用年度数据）"


def _grey(spec: SeriesSpec, status: EvaluationStatus, as_of: date, explanation: str) -> Evaluation:
    return Evaluation(
        series_id=spec.id,
        name=spec.name,
        status=status,
        color=Color.GREY,
        as_of=as_of,
        binding=spec.binding,
        explanation=explanation,
        method="manual" if status in (S.MANUAL, S.TARGET_PENDING) else spec.kind.value,
    )


def _manual(spec: SeriesSpec, data: SeriesData, as_of: date) -> Evaluation:
    status = S.TARGET_PENDING if spec.kind is SpecKind.ASSIGNED else S.MANUAL
    explanation = spec.note
    if data.levels:
        t = max(data.levels)
        explanation += f"；最新{_latest_text(spec, data.levels, t)}"
    return _grey(spec, status, as_of, explanation + "。")


_ELAPSED: dict[float, Decimal | None] = {}


def _elapsed(f: float | None) -> Decimal | None:
    if f is None:
        return None
    cached = _ELAPSED.get(f)
    if cached is None:
        cached = _ELAPSED[f] = to_decimal(f, 4)
    return cached


# The Evaluation is built positionally: a third faster than by keyword, and this is the hot
# path (180,000 series a run). tests/test_evaluate_rules.py pins the model's field order.
EVALUATION_FIELDS = (
    "series_id", "name", "status", "color", "as_of", "binding", "explanation", "latest_year",
    "latest_value", "elapsed", "progress", "schedule_gap", "expected_value", "realised_growth",
    "required_growth", "projection", "projection_low", "projection_high", "method", "latest_unit",
)  # fmt: skip


def _evaluation(spec: SeriesSpec, j: Judgement, as_of: date, s: EvaluationSettings) -> Evaluation:
    d = j.value_decimals
    return Evaluation(
        spec.id,
        spec.name,
        j.status,
        j.color,
        as_of,
        spec.binding,
        j.explanation,
        j.latest_year,
        j.latest_value,
        _elapsed(j.elapsed),
        None if j.progress is None else to_decimal(j.progress, 4),
        None if j.gap is None else to_decimal(j.gap, s.gap_decimals),
        None if j.expected is None else to_decimal(j.expected, d),
        None if j.realised is None else to_decimal(j.realised, _PACE_DECIMALS),
        None if j.required is None else to_decimal(j.required, _PACE_DECIMALS),
        None if j.projection is None else to_decimal(j.projection, d),
        None if j.low is None else to_decimal(j.low, d),
        None if j.high is None else to_decimal(j.high, d),
        j.method,
        j.latest_unit if j.latest_unit is not None else spec.unit,
    )


def evaluate_specs(
    specs: Sequence[SeriesSpec],
    observations_by_series: Mapping[str, Sequence[Observation]],
    as_of: date,
    settings: EvaluationSettings = DEFAULT_SETTINGS,
) -> list[Evaluation]:
    """Evaluate prepared specs (build them once per plan, evaluate them at many dates)."""
    get = observations_by_series.get
    return [evaluate_series(spec, get(spec.data_id or spec.id, ()), as_of, settings) for spec in specs]


def evaluate_indicators(
    indicators: Sequence[Indicator],
    observations_by_series: Mapping[str, Sequence[Observation]],
    as_of: date,
    period: tuple[int, int],
    settings: EvaluationSettings = DEFAULT_SETTINGS,
) -> list[Evaluation]:
    """Evaluate a plan's indicator rows; `period` is (first year, last year), e.g. (2021, 2025)."""
    start, end = period
    specs = [spec_from_indicator(indicator, end, period_start=start) for indicator in indicators]
    return evaluate_specs(specs, observations_by_series, as_of, settings)


def evaluate_targets(
    targets: Sequence[Target],
    observations_by_series: Mapping[str, Sequence[Observation]],
    as_of: date,
    period: tuple[int, int],
    settings: EvaluationSettings = DEFAULT_SETTINGS,
    *,
    indicators: Sequence[Indicator] = (),
) -> list[Evaluation]:
    """Evaluate quantified prose targets by the same method (docs/evaluation.md, "Prose targets").

    With the plan's evaluated `indicators`, a target about one of them reads that row's figures
    and base (`link_targets` says which and why); without, each reads its own figures.
    """
    return evaluate_specs(target_specs(targets, indicators, period), observations_by_series, as_of, settings)
