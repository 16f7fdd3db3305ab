"""Properties of the evaluation that must hold for any input (Hypothesis)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal, localcontext

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planwatch.evaluate import SeriesSpec, SpecKind, evaluate_series, rank, spec_from_indicator
from planwatch.evaluate.status import GREY_STATUSES
from planwatch.model import (
    Attribute,
    CellKind,
    Color,
    Evaluation,
    EvaluationStatus,
    Growth,
    Indicator,
    Observation,
    ObservationKind,
    ValueRef,
)

D = Decimal
LEVEL, GROWTH = ObservationKind.LEVEL, ObservationKind.GROWTH
GAP = re.compile(r"进度差(\s?)[+−]?\d+(?:\.\d+)?(%|个百分点)")
SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

amounts = st.decimals(
    min_value=D("0.01"), max_value=D("1000000"), places=2, allow_nan=False, allow_infinity=False
)
years = st.integers(min_value=2021, max_value=2025)


def _obs(
    year: int | str, value: Decimal, kind: ObservationKind = LEVEL, as_of: date | None = None
) -> Observation:
    period = str(year)
    return Observation("X", period, value, None, kind, as_of or date(int(period[:4]) + 1, 3, 1))


def _evaluate(spec: SeriesSpec, figures: list[Observation], t: int) -> Evaluation:
    # as of mid-year after t: the figure of year t is due and known, the next one is not due yet
    return evaluate_series(spec, figures, date(t + 1, 6, 30))


def _level(base: Decimal, target: Decimal, path: str, binding: bool = False) -> SeriesSpec:
    return SeriesSpec(
        id="X",
        name="指标",
        unit="%" if path == "linear" else "亿元",
        kind=SpecKind.LEVEL,
        base_year=2020,
        target_year=2025,
        binding=binding,
        path=path,  # type: ignore[arg-type]
        direction="rising" if target > base else "falling",
        base_value=base,
        target_value=target,
    )


def _on_path(base: Decimal, target: Decimal, t: int, path: str) -> Decimal:
    with localcontext() as context:
        context.prec = 30
        f = D(t - 2020) / D(5)
        value = base * (target / base) ** f if path == "geometric" else base + (target - base) * f
        return +value.quantize(D("1e-12"))


@SLOW
@given(amounts, amounts, years, st.sampled_from(["geometric", "linear"]), st.booleans())
def test_a_value_on_the_expected_path_is_on_track(
    base: Decimal, target: Decimal, t: int, path: str, binding: bool
) -> None:
    assume(abs(target - base) >= D("0.01") * base)
    x = _on_path(base, target, t, path)
    result = _evaluate(_level(base, target, path, binding), [_obs(t, x)], t)
    allowed = {"符合预期", "已实现"} if t == 2025 else {"符合预期"}
    assert result.status in allowed, result.explanation
    assert result.color is Color.GREEN
    if t < 2025:
        assert result.schedule_gap == D("0.000")


def _at_least_as_good(better: Evaluation, worse: Evaluation) -> bool:
    high, low = rank(better), rank(worse)
    assert high is not None and low is not None, (better.status, worse.status)
    return high >= low


@SLOW
@given(amounts, amounts, amounts, amounts, years, st.sampled_from(["geometric", "linear"]), st.booleans())
def test_raising_the_latest_value_never_worsens_a_rising_target(
    base: Decimal, target: Decimal, x1: Decimal, x2: Decimal, t: int, path: str, binding: bool
) -> None:
    assume(target != base)
    spec = _level(base, target, path, binding)
    low, high = sorted((x1, x2))
    history = [_obs(year, base) for year in range(2021, t)]
    first, second = (
        _evaluate(spec, [*history, _obs(t, low)], t),
        _evaluate(spec, [*history, _obs(t, high)], t),
    )
    if spec.direction == "rising":
        assert _at_least_as_good(second, first)
    else:  # lowering never worsens a falling one
        assert _at_least_as_good(first, second)


@SLOW
@given(amounts, amounts, amounts, years, st.booleans())
def test_lowering_never_worsens_a_ceiling(
    ceiling: Decimal, x1: Decimal, x2: Decimal, t: int, binding: bool
) -> None:
    spec = SeriesSpec(
        id="X", name="失业率", unit="%", kind=SpecKind.CEILING, base_year=2020, target_year=2025,
        binding=binding, path="linear", direction="falling", target_value=ceiling,
    )  # fmt: skip
    low, high = sorted((x1, x2))
    assert _at_least_as_good(_evaluate(spec, [_obs(t, low)], t), _evaluate(spec, [_obs(t, high)], t))


@SLOW
@given(
    st.decimals(min_value=D("0.5"), max_value=D(20), places=1),
    st.booleans(),
    amounts,
    amounts,
    amounts,
    years,
)
def test_raising_the_latest_level_never_worsens_a_growth_target(
    g_star: Decimal, approx: bool, base: Decimal, x1: Decimal, x2: Decimal, t: int
) -> None:
    spec = SeriesSpec(
        id="X", name="进出口总额", unit="亿元", kind=SpecKind.GROWTH, base_year=2020, target_year=2025,
        base_value=base, growth_target=g_star, growth_approx=approx,
    )  # fmt: skip
    low, high = sorted((x1, x2))
    assert _at_least_as_good(_evaluate(spec, [_obs(t, high)], t), _evaluate(spec, [_obs(t, low)], t))


@SLOW
@given(amounts, st.lists(amounts, min_size=0, max_size=3), amounts, amounts)
def test_a_larger_yearly_flow_never_worsens_a_cumulative_total(
    delta: Decimal, earlier: list[Decimal], x1: Decimal, x2: Decimal
) -> None:
    spec = SeriesSpec(
        id="X", name="城镇新增就业人数", unit="万人", kind=SpecKind.CUMULATIVE, base_year=2020,
        target_year=2025, cumulative_delta=delta, cumulative_mode="additive",
    )  # fmt: skip
    history = [_obs(2021 + i, value) for i, value in enumerate(earlier)]
    t = 2021 + len(earlier)
    low, high = sorted((x1, x2))
    assert _at_least_as_good(
        _evaluate(spec, [*history, _obs(t, high)], t), _evaluate(spec, [*history, _obs(t, low)], t)
    )


# --- anything goes: never raises, consistent colours, deterministic, blind to the future ----------

any_decimal = st.decimals(
    min_value=D("-1e6"), max_value=D("1e9"), allow_nan=False, allow_infinity=False, places=4
)
positive = st.decimals(
    min_value=D("1e-4"), max_value=D("1e9"), allow_nan=False, allow_infinity=False, places=4
)
periods = st.one_of(
    st.integers(min_value=2014, max_value=2032).map(str),
    st.builds(lambda y, q: f"{y}Q{q}", st.integers(2019, 2027), st.integers(1, 4)),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2019, 2027), st.integers(1, 12)),
)
days = st.dates(min_value=date(2019, 1, 1), max_value=date(2031, 12, 31))
units = st.sampled_from([None, "亿元", "万元", "%", "吨/万元", "个"])
observations = st.builds(
    Observation,
    series_id=st.sampled_from(["X", "X", "X", "Y"]),
    period=periods,
    value=positive,
    unit=units,
    kind=st.sampled_from([LEVEL, LEVEL, GROWTH]),
    as_of=days,
    id=st.one_of(st.none(), st.integers(1, 50)),
)
specs = st.builds(
    SeriesSpec,
    id=st.just("X"),
    name=st.sampled_from(
        ["地区生产总值", "城镇化率", "单位GDP能耗降低", "固定资产投资增速", "城乡居民收入比"]
    ),
    unit=units,
    kind=st.sampled_from(list(SpecKind)),
    base_year=st.integers(2015, 2022),
    target_year=st.integers(2020, 2030),
    binding=st.booleans(),
    path=st.sampled_from(["geometric", "linear"]),
    direction=st.sampled_from(["rising", "falling"]),
    base_value=st.one_of(st.none(), positive),
    target_value=st.one_of(st.none(), positive),
    growth_target=st.one_of(st.none(), any_decimal.filter(lambda v: abs(v) < 100)),
    growth_approx=st.booleans(),
    cumulative_delta=st.one_of(st.none(), positive),
    cumulative_mode=st.sampled_from([None, "points", "percent", "intensity", "additive"]),
    values_are_rates=st.booleans(),
    note=st.just("说明"),
)


def _consistent(spec: SeriesSpec) -> bool:
    """Specs the constructors can produce: the fields a kind needs are there."""
    if spec.base_year >= spec.target_year:
        return False
    if spec.kind in (SpecKind.LEVEL, SpecKind.FLOOR, SpecKind.APPROX, SpecKind.CEILING):
        return spec.target_value is not None
    if spec.kind is SpecKind.GROWTH:
        return spec.growth_target is not None
    if spec.kind is SpecKind.CUMULATIVE:
        return spec.cumulative_delta is not None and spec.cumulative_mode is not None
    return True


@settings(max_examples=400, deadline=None)
@given(specs, st.lists(observations, max_size=12), days)
def test_never_raises_and_colours_follow_statuses(
    spec: SeriesSpec, figures: list[Observation], as_of: date
) -> None:
    assume(_consistent(spec))
    result = evaluate_series(spec, figures, as_of)
    assert result.status in set(EvaluationStatus)
    assert result.explanation.endswith("。")
    assert (result.color is Color.GREY) == (result.status in GREY_STATUSES)
    if result.status in ("提前实现", "已实现", "快于预期", "符合预期", "保持稳定"):
        assert result.color is Color.GREEN
    # the schedule gap is a share of the way (进度差 −19.6%), never rate points
    for gap in GAP.finditer(result.explanation):
        assert gap.groups() == (" ", "%"), result.explanation
    if result.status == "严重滞后":
        assert result.color is Color.RED


@settings(max_examples=200, deadline=None)
@given(specs, st.lists(observations, max_size=10), days, st.randoms(use_true_random=False))
def test_same_inputs_same_answer_whatever_the_order(
    spec: SeriesSpec, figures: list[Observation], as_of: date, shuffle: st.SearchStrategy[object]
) -> None:
    assume(_consistent(spec))
    first = evaluate_series(spec, figures, as_of)
    assert evaluate_series(spec, list(figures), as_of) == first
    reordered = list(figures)
    shuffle.shuffle(reordered)  # type: ignore[attr-defined]
    assert evaluate_series(spec, reordered, as_of) == first


@settings(max_examples=200, deadline=None)
@given(specs, st.lists(observations, max_size=10), days, st.lists(observations, max_size=5))
def test_figures_published_later_are_not_seen(
    spec: SeriesSpec, figures: list[Observation], as_of: date, later: list[Observation]
) -> None:
    assume(_consistent(spec))
    future = [
        Observation(o.series_id, o.period, o.value, o.unit, o.kind, as_of + timedelta(days=1 + i), id=o.id)
        for i, o in enumerate(later)
    ]
    assert evaluate_series(spec, figures + future, as_of) == evaluate_series(spec, figures, as_of)


cells = st.sampled_from(list(CellKind))


@settings(max_examples=300, deadline=None)
@given(
    st.tuples(cells, st.one_of(st.none(), positive)),
    st.tuples(cells, st.one_of(st.none(), positive)),
    st.tuples(cells, st.one_of(st.none(), positive)),
    st.sampled_from(
        ["地区生产总值", "研发支出占GDP比重", "单位GDP能源消耗降幅", "城镇新增就业人数", "贫困发生率下降"]
    ),
    units,
    st.booleans(),
    st.lists(observations, max_size=8),
    days,
)
def test_any_indicator_row_can_be_evaluated(
    base: tuple[CellKind, Decimal | None],
    target: tuple[CellKind, Decimal | None],
    growth: tuple[CellKind, Decimal | None],
    name: str,
    unit: str | None,
    binding: bool,
    figures: list[Observation],
    as_of: date,
) -> None:
    indicator = Indicator(
        id="X", box=None, table_title="", category=None, name=name, unit=unit,
        attribute=Attribute.BINDING if binding else Attribute.EXPECTED, line=1, cells=(),
        base=ValueRef(2020, base[1], "raw", base[0], 1),
        target=ValueRef(2025, target[1], "raw", target[0], 1),
        growth=Growth("raw", growth[1], growth[0], 1),
    )  # fmt: skip
    spec = spec_from_indicator(indicator, 2025)
    result = evaluate_series(spec, figures, as_of)
    assert result.series_id == "X" and result.explanation
