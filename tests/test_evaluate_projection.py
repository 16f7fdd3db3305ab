"""Projections never mix price bases (EVALUATION.md, "Always"): a level is projected from its own
levels; the bureau's real growth rates judge growth targets only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from planwatch.evaluate import SeriesSpec, SpecKind, evaluate_series
from planwatch.model import Observation, ObservationKind

D = Decimal
LEVEL, GROWTH = ObservationKind.LEVEL, ObservationKind.GROWTH
MID_2024 = date(2024, 6, 30)


def figures(kind: ObservationKind, *pairs: tuple[int, str]) -> list[Observation]:
    unit = "%" if kind is GROWTH else "亿元"
    return [Observation("X", str(year), D(value), unit, kind, date(year + 1, 3, 1)) for year, value in pairs]


def gdp(kind: SpecKind = SpecKind.LEVEL, **fields: object) -> SeriesSpec:
    values: dict[str, object] = {
        "id": "X",
        "name": "地区生产总值",
        "unit": "亿元",
        "kind": kind,
        "base_year": 2020,
        "target_year": 2025,
        "base_value": D(382),
        "target_value": D(545),
        "growth_target": D("7.5"),
        "growth_approx": True,
    }
    values.update(fields)
    return SeriesSpec(**values)  # type: ignore[arg-type]


# The walkthrough of issue 16: current-price levels above their path, real rates of 5–7 %.
WALKTHROUGH_LEVELS = figures(LEVEL, (2021, "411"), (2022, "441"), (2023, "476"))
WALKTHROUGH_RATES = figures(GROWTH, (2021, "7.2"), (2022, "5.1"), (2023, "6.4"))


def test_the_walkthrough_gdp_projection_is_at_or_above_the_level_path_it_implies() -> None:
    # f = 0.6, p = ln(476/382) / ln(545/382) = 0.21998 / 0.35537 = 0.6190, g = +0.019 → 符合预期.
    # The level's own pace (476/382)^(1/3) − 1 = 0.07608: 476 × 1.07608² = 551.2 ≥ 545.
    # (Before: the real rates' mean 6.2 % gave 476 × 1.0623² = 537.2 < 545 — a level on track
    # "projected" to miss its target, because the price rise was left out.)
    # Band from the level ratios 411/382, 441/411, 476/441 (s = 0.00620): 476 × (1.07608 ∓ s)²
    result = evaluate_series(gdp(), WALKTHROUGH_LEVELS + WALKTHROUGH_RATES, MID_2024)
    assert result.status == "符合预期"
    assert result.projection is not None and result.projection >= D(545)
    assert (result.projection, result.projection_low, result.projection_high) == (
        D("551.2"),
        D("547.9"),
        D("554.5"),
    )
    assert result.realised_growth == D("0.0761")
    assert "按总量年均增长7.6%推算，2025年可达551.2亿元（547.9～554.5）" in result.explanation
    assert "统计公报增速" not in result.explanation


def test_reported_rates_do_not_change_a_levels_projection() -> None:
    # r = (472/382)^(1/3) − 1 = 0.073067 whatever the bureau's rates say: 472 × 1.073067² = 543.5
    alone = evaluate_series(gdp(), figures(LEVEL, (2023, "472")), MID_2024)
    rates = figures(GROWTH, (2021, "8"), (2022, "6"), (2023, "7"))
    with_rates = evaluate_series(gdp(), figures(LEVEL, (2023, "472")) + rates, MID_2024)
    assert with_rates.projection == alone.projection == D("543.5")
    assert with_rates.realised_growth == alone.realised_growth == D("0.0731")


def test_a_growth_target_is_judged_on_the_real_rates_and_its_level_projected_from_levels() -> None:
    # Real rates 7.2, 5.1, 6.4: r = (1.072 × 1.051 × 1.064)^(1/3) − 1 = 0.06232; 7.5%左右 → bar 7.0 %:
    # q = 0.06232 / 0.07 = 0.890 → 需加快. The level 476 is projected at its own 7.61 % → 551.2.
    result = evaluate_series(gdp(SpecKind.GROWTH), WALKTHROUGH_LEVELS + WALKTHROUGH_RATES, MID_2024)
    assert (result.status, result.method, result.progress) == ("需加快", "growth", D("0.8900"))
    assert result.realised_growth == D("0.0623")  # the real pace is what is judged
    assert result.projection == D("551.2")
    assert result.explanation.startswith("2021—2023年年均增长6.2%，为目标7.5%左右（按7.0%衡量）的89.0%")
    assert "按总量年均增长7.6%推算，2025年可达551.2亿元" in result.explanation


def test_only_real_rates_for_a_level_give_no_projection_and_say_why() -> None:
    # A growth target with the bureau's rates and a single level, no base value or base-year figure:
    # no pace of the level's own can be measured, and the real rates must not stand in for one.
    spec = gdp(SpecKind.GROWTH, base_value=None)
    result = evaluate_series(spec, figures(LEVEL, (2023, "476")) + WALKTHROUGH_RATES, MID_2024)
    assert result.status == "需加快"  # still judged, on the rates
    assert (result.projection, result.projection_low, result.projection_high) == (None, None, None)
    assert "不作2025年推算（统计公报增速按可比价格计算，不能用于推算现价总量）" in result.explanation


def test_a_level_target_with_rates_but_only_its_base_year_figure_gives_no_projection() -> None:
    spec = gdp(base_value=None)
    result = evaluate_series(spec, figures(LEVEL, (2020, "382")) + WALKTHROUGH_RATES, MID_2024)
    assert result.projection is None
    assert "不能用于推算现价总量" in result.explanation


def test_a_ceiling_on_an_amount_is_projected_from_its_levels() -> None:
    # 政府债务 ceiling 100 亿元, B = 60: levels 66, 70, 73 → (73/60)^(1/3) − 1 = 0.06756
    # → 73 × 1.06756² = 83.2
    spec = SeriesSpec(
        id="X", name="政府债务余额", unit="亿元", kind=SpecKind.CEILING, base_year=2020, target_year=2025,
        direction="falling", base_value=D(60), target_value=D(100),
    )  # fmt: skip
    levels = figures(LEVEL, (2021, "66"), (2022, "70"), (2023, "73"))
    result = evaluate_series(spec, levels + figures(GROWTH, (2021, "1"), (2022, "1"), (2023, "1")), MID_2024)
    assert result.projection == D("83.20")
    assert "按总量年均增长6.8%推算" in result.explanation


# --- properties ------------------------------------------------------------------------------------

amounts = st.decimals(min_value=D(1), max_value=D(100000), places=2)
any_rates = st.lists(st.decimals(min_value=D(-20), max_value=D(30), places=1), min_size=0, max_size=3)


def _on_path(base: Decimal, target: Decimal, t: int, geometric: bool) -> Decimal:
    with localcontext() as context:
        context.prec = 30
        f = D(t - 2020) / D(5)
        value = base * (target / base) ** f if geometric else base + (target - base) * f
        return +value.quantize(D("1e-12"))


@settings(max_examples=200, deadline=None)
@given(amounts, amounts, st.integers(2021, 2024), st.booleans(), any_rates)
def test_a_level_on_its_own_exact_path_projects_to_the_target(
    base: Decimal, target: Decimal, t: int, geometric: bool, rates: list[Decimal]
) -> None:
    assume(abs(target - base) >= D("0.01") * base)
    spec = SeriesSpec(
        id="X", name="指标", unit="亿元" if geometric else "%", kind=SpecKind.LEVEL, base_year=2020,
        target_year=2025, path="geometric" if geometric else "linear",
        direction="rising" if target > base else "falling", base_value=base, target_value=target,
    )  # fmt: skip
    history = [(year, str(_on_path(base, target, year, geometric))) for year in range(2021, t + 1)]
    real = [(2021 + i, str(rate)) for i, rate in enumerate(rates)]
    result = evaluate_series(spec, figures(LEVEL, *history) + figures(GROWTH, *real), date(t + 1, 6, 30))
    assert result.projection is not None
    # the projection is rounded to the reported places (4 significant digits for amounts)
    assert abs(result.projection - target) <= max(abs(target), D(1)) * D("0.0005") + D("0.05")
    if len(history) >= 2:  # on the path, every year-on-year step is the same: no spread
        assert result.projection_low == result.projection_high == result.projection


@settings(max_examples=200, deadline=None)
@given(
    amounts, st.decimals(min_value=D("1.01"), max_value=D(3), places=2), st.integers(2021, 2024), any_rates
)
def test_a_rising_amount_at_or_above_its_path_projects_at_or_above_the_target(
    base: Decimal, ratio: Decimal, t: int, rates: list[Decimal]
) -> None:
    target = (base * ratio).quantize(D("0.01"))
    x = _on_path(base, target, t, True) * D("1.001")
    spec = gdp(base_value=base, target_value=target)
    real = [(2021 + i, str(rate)) for i, rate in enumerate(rates)]
    result = evaluate_series(spec, figures(LEVEL, (t, str(x))) + figures(GROWTH, *real), date(t + 1, 6, 30))
    assert result.projection is not None and result.projection >= target
