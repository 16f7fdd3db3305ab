"""Every rule of the evaluation method (docs/evaluation.md), hand-computed, arithmetic in comments."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import Decimal

import pytest

from planwatch.evaluate import (
    EvaluationSettings,
    SeriesSpec,
    SpecKind,
    evaluate_indicators,
    evaluate_series,
    evaluate_targets,
    rank,
)
from planwatch.evaluate.engine import EVALUATION_FIELDS
from planwatch.model import Color, Evaluation, Observation, ObservationKind, ParsedPlan

D = Decimal
S = Color
LEVEL, GROWTH = ObservationKind.LEVEL, ObservationKind.GROWTH
MID_2024 = date(2024, 6, 30)  # 2023 figures are due (2023-12-31 + 120 days = 2024-04-29), 2024 not yet


def obs(
    period: str,
    value: str,
    *,
    kind: ObservationKind = LEVEL,
    as_of: date = date(2024, 3, 1),
    unit: str | None = None,
    series: str = "X",
    id: int | None = None,
) -> Observation:
    return Observation(series, period, D(value), unit, kind, as_of, id=id)


def levels(*pairs: tuple[int, str], unit: str | None = None) -> list[Observation]:
    return [obs(str(year), value, unit=unit) for year, value in pairs]


def spec(kind: SpecKind = SpecKind.LEVEL, **fields: object) -> SeriesSpec:
    values: dict[str, object] = {
        "id": "X",
        "name": "指标",
        "unit": "亿元",
        "base_year": 2020,
        "target_year": 2025,
    }
    values.update(fields)
    return SeriesSpec(kind=kind, **values)  # type: ignore[arg-type]


def gdp(**fields: object) -> SeriesSpec:
    values: dict[str, object] = {
        "name": "地区生产总值",
        "base_value": D(382),
        "target_value": D(545),
        "growth_target": D("7.5"),
        "growth_approx": True,
    }
    values.update(fields)
    return spec(SpecKind.LEVEL, **values)


def share(base: str = "50", target: str = "60", **fields: object) -> SeriesSpec:
    direction = "falling" if D(target) < D(base) else "rising"
    values: dict[str, object] = {
        "unit": "%",
        "path": "linear",
        "base_value": D(base),
        "target_value": D(target),
        "direction": direction,
    }
    values.update(fields)
    return spec(SpecKind.LEVEL, **values)


# --- the worked example of EVALUATION.md ----------------------------------------------------------


def test_the_gdp_example_of_the_method() -> None:
    # B = 382 (2020), T = 545 (2025), x = 472 in 2023: f = 3/5 = 0.6
    # p = ln(472/382) / ln(545/382) = 0.211566 / 0.355371 = 0.5953; g = p − f = −0.0047 → −0.005 (−0.5 points)
    # E(2023) = 382 × (545/382)^0.6 = 472.785 → 472.8; required (545/472)^(1/2) − 1 = 0.07455 → 7.5 %
    # r = (472/382)^(1/3) − 1 = 0.07307; projection 472 × 1.07307² = 543.49 → 543.5
    # distance to the expected value in the unit: 472 − 472.785 = −0.785 → 低0.8亿元
    result = evaluate_series(gdp(), levels((2023, "472")), MID_2024)
    assert result.explanation == (
        "2023年实际472亿元，按序时进度应达472.8亿元，比序时应达值低0.8亿元，进度差 −0.5%；"
        "后续两年需年均增长7.5%；按年均增长7.3%推算，2025年可达543.5亿元。"
    )
    assert (result.status, result.color, result.method) == ("基本符合预期", S.YELLOW, "level")
    assert (result.elapsed, result.progress, result.schedule_gap) == (D("0.6000"), D("0.5953"), D("-0.005"))
    assert (result.expected_value, result.required_growth) == (D("472.8"), D("0.0746"))
    assert (result.realised_growth, result.projection) == (D("0.0731"), D("543.5"))
    assert (result.latest_year, result.latest_value) == (2023, D(472))
    assert result.projection_low is None  # one annual rate only: no spread, no band


def test_projection_band_from_the_spread_of_the_annual_rates() -> None:
    # 382 → 415 → 440 → 472: annual rates 0.086387, 0.060241, 0.072727; sample sd s = 0.013078
    # r = (472/382)^(1/3) − 1 = 0.073067; projection 472 × 1.073067² = 543.49
    # band 472 × (1.073067 ∓ 0.013078)² = 472 × 1.123577 = 530.33, 472 × 1.179711 = 556.82
    result = evaluate_series(gdp(), levels((2021, "415"), (2022, "440"), (2023, "472")), MID_2024)
    assert (result.projection, result.projection_low, result.projection_high) == (
        D("543.5"),
        D("530.3"),
        D("556.8"),
    )
    assert result.explanation.endswith("按年均增长7.3%推算，2025年可达543.5亿元（530.3～556.8）。")


# --- level targets: thresholds on the schedule gap ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status", "color"),
    [
        # linear 50 → 60 over 2020–2025, t = 2023, f = 0.6, p = (x − 50) / 10, g = p − 0.6
        ("57", "快于预期", S.GREEN),  # p 0.7, g +0.10 (≥ 0.10)
        ("56.9", "符合预期", S.GREEN),  # p 0.69, g +0.09
        ("56", "符合预期", S.GREEN),  # g 0 (exactly on the path)
        ("55.9", "基本符合预期", S.YELLOW),  # g −0.01
        ("55", "基本符合预期", S.YELLOW),  # g −0.10 (the bound belongs to 基本符合预期)
        ("54.9", "滞后于预期", S.YELLOW),  # g −0.11
        ("53", "滞后于预期", S.YELLOW),  # g −0.30
        ("52.9", "严重滞后", S.RED),  # g −0.31
        ("60", "提前实现", S.GREEN),  # x ≥ T, two years before the target year
        ("61", "提前实现", S.GREEN),
    ],
)
def test_level_thresholds(value: str, status: str, color: Color) -> None:
    result = evaluate_series(share(), levels((2023, value)), MID_2024)
    assert (result.status, result.color) == (status, color)


def test_linear_expected_value_and_points_still_needed() -> None:
    # 57.26 → 67.5 (城镇化率), x = 62.8 in 2023: E = 57.26 + 10.24 × 0.6 = 63.404 → 63.4
    # p = 5.54 / 10.24 = 0.5410, g = −0.059 → 进度差 −5.9 % of the way; needed (67.5 − 62.8) / 2 = 2.35
    # points a year; the distance 62.8 − 63.404 = −0.604 → 低0.6个百分点 (rate points: the unit is %)
    # slope (62.8 − 57.26) / 3 = 1.8467; diffs 1.84, 1.90, 1.80 → s = 0.05033
    # projection 62.8 + 2 × 1.8467 = 66.49; band 62.8 + 2 × (1.8467 ∓ 0.0503) = 66.39, 66.59
    result = evaluate_series(
        share("57.26", "67.5"), levels((2021, "59.1"), (2022, "61.0"), (2023, "62.8")), MID_2024
    )
    assert result.explanation == (
        "2023年实际62.8%，按序时进度应达63.4%，比序时应达值低0.6个百分点，进度差 −5.9%；"
        "后续两年需年均提高2.35个百分点；"
        "按年均提高1.85个百分点推算，2025年可达66.5%（66.4～66.6）。"
    )
    assert (result.status, result.schedule_gap, result.required_growth) == (
        "基本符合预期",
        D("-0.059"),
        D("2.3500"),
    )
    assert (result.realised_growth, result.projection) == (D("1.8467"), D("66.5"))


def test_falling_linear_target() -> None:
    # 5 → 4 (a rate to bring down), x = 4.4 in 2023: p = (4.4 − 5) / (4 − 5) = 0.6 = f → g 0 → 符合预期
    result = evaluate_series(share("5", "4"), levels((2023, "4.4")), MID_2024)
    assert (result.status, result.schedule_gap, result.expected_value) == ("符合预期", D("0.000"), D("4.4"))
    assert "年均降低0.20个百分点" in result.explanation  # (4 − 4.4) / 2 = −0.2
    reached = evaluate_series(share("5", "4"), levels((2023, "3.9")), MID_2024)
    assert reached.status == "提前实现"  # x ≤ T for a falling target, before 2025
    assert "与序时应达值持平，进度差 0.0%" in result.explanation


def test_final_year_without_reaching_the_target() -> None:
    # t = y1 = 2025, f = 1, p = 0.8 → g = −0.2 → 滞后于预期; nothing left to require
    result = evaluate_series(share(), levels((2025, "58")), date(2026, 6, 30))
    assert (result.status, result.required_growth, result.projection) == ("滞后于预期", None, D("58.0"))
    assert "未达到2025年目标60%" in result.explanation


def test_binding_indicator_behind_schedule_is_red() -> None:
    # g = −0.01 is 基本符合预期 (yellow) for an expected indicator and red for a binding one
    result = evaluate_series(share(binding=True), levels((2023, "55.9")), MID_2024)
    assert (result.status, result.color, result.binding) == ("基本符合预期", S.RED, True)
    assert "约束性指标进度落后，红色预警" in result.explanation
    on_track = evaluate_series(share(binding=True), levels((2023, "56")), MID_2024)
    assert on_track.color is S.GREEN


def test_binding_red_threshold_is_a_setting() -> None:
    lenient = EvaluationSettings(binding_red_gap=-0.05)
    result = evaluate_series(share(binding=True), levels((2023, "55.9")), MID_2024, lenient)
    assert result.color is S.YELLOW


def test_thresholds_are_settings() -> None:
    strict = EvaluationSettings(ahead_gap=0.05)
    result = evaluate_series(share(), levels((2023, "56.5")), MID_2024, strict)  # g +0.05
    assert result.status == "快于预期"


# --- growth targets ------------------------------------------------------------------------------


def growth(target: str = "8", approx: bool = False, **fields: object) -> SeriesSpec:
    values: dict[str, object] = {"growth_target": D(target), "growth_approx": approx, "base_value": D(60)}
    values.update(fields)
    return spec(SpecKind.GROWTH, **values)


def rates(*values: str) -> list[Observation]:
    return [obs(str(2021 + i), value, kind=GROWTH) for i, value in enumerate(values)]


def test_growth_from_reported_rates() -> None:
    # rates 8.5, 4.0, 6.0: r = (1.085 × 1.04 × 1.06)^(1/3) − 1 = 1.196104^(1/3) − 1 = 0.061508
    # 8%左右 → judged against 7.5 %: q = 0.061508 / 0.075 = 0.820 → 需加快 (yellow)
    # required: (1.08^5 / 1.196104)^(1/2) − 1 = (1.469328 / 1.196104)^(1/2) − 1 = 0.108345
    result = evaluate_series(growth("8", approx=True), rates("8.5", "4.0", "6.0"), MID_2024)
    assert (result.status, result.color, result.method) == ("需加快", S.YELLOW, "growth")
    assert (result.realised_growth, result.progress, result.required_growth) == (
        D("0.0615"),
        D("0.8200"),  # q is judged at 0.1 % precision: 0.820
        D("0.1083"),
    )
    assert result.explanation.startswith(
        "2021—2023年年均增长6.2%，为目标8%左右（按7.5%衡量）的82.0%；后续两年需年均增长10.8%"
    )


def test_approx_tolerance_lowers_the_bar_by_half_a_point() -> None:
    # r = 6.8 % every year. 7.5%左右 → bar 7.0 %: q = 6.8 / 7.0 = 0.971 → 符合预期
    # 7.5 % (no 左右) → bar 7.5 %: q = 6.8 / 7.5 = 0.907 → 需加快
    with_tolerance = evaluate_series(growth("7.5", approx=True), rates("6.8", "6.8", "6.8"), MID_2024)
    without = evaluate_series(growth("7.5"), rates("6.8", "6.8", "6.8"), MID_2024)
    assert (with_tolerance.status, with_tolerance.progress) == ("符合预期", D("0.9710"))
    assert (without.status, without.progress) == ("需加快", D("0.9070"))
    custom = EvaluationSettings(approx_growth_tolerance_points=0.0)
    assert (
        evaluate_series(growth("7.5", approx=True), rates("6.8", "6.8", "6.8"), MID_2024, custom).status
        == "需加快"
    )


def test_growth_from_levels_when_no_rate_is_reported() -> None:
    # B = 60 (2020), x = 73 (2023): r = (73/60)^(1/3) − 1 = 1.216667^(1/3) − 1 = 0.067556
    # 7.5%左右 → bar 7 %: q = 0.067556 / 0.07 = 0.965 → 符合预期
    # required (1.075^5 / (73/60))^(1/2) − 1 = (1.435629 / 1.216667)^(1/2) − 1 = 0.086262
    result = evaluate_series(
        growth("7.5", approx=True), levels((2021, "66"), (2022, "70"), (2023, "73")), MID_2024
    )
    assert (result.status, result.progress, result.required_growth) == ("符合预期", D("0.9650"), D("0.0863"))
    assert result.explanation.startswith("2021—2023年按总量测算年均增长6.8%（2020年60亿元→2023年73亿元）")
    assert result.expected_value == D("74.54")  # 60 × 1.075³ = 74.536


@pytest.mark.parametrize(
    ("values", "status", "color"),
    [
        (("8", "8", "8"), "符合预期", S.GREEN),  # q = 1
        (("7.6", "7.6", "7.6"), "符合预期", S.GREEN),  # q = 0.95
        (("7.5", "7.5", "7.5"), "需加快", S.YELLOW),  # q = 0.9375
        (("4.8", "4.8", "4.8"), "需加快", S.YELLOW),  # q = 0.60
        (("4.7", "4.7", "4.7"), "滞后于预期", S.RED),  # q = 0.5875: red by the method
        (("0", "0", "0"), "滞后于预期", S.RED),  # q = 0
        (("-1", "-1", "-1"), "严重滞后", S.RED),  # q < 0
    ],
)
def test_growth_ratio_thresholds(values: tuple[str, ...], status: str, color: Color) -> None:
    result = evaluate_series(growth("8"), rates(*values), MID_2024)
    assert (result.status, result.color) == (status, color)


def test_binding_growth_target_short_of_its_pace_is_red() -> None:
    result = evaluate_series(growth("8", binding=True), rates("7.5", "7.5", "7.5"), MID_2024)
    assert (result.status, result.color) == ("需加快", S.RED)


def test_a_series_that_is_a_growth_rate_reads_its_levels_as_rates() -> None:
    # 固定资产投资增速 (%) 9.1, 7.2, 5.5: r = (1.091 × 1.072 × 1.055)^(1/3) − 1 = 0.07257; q = 0.907 vs 8以上
    investment = growth("8", unit="%", values_are_rates=True, base_value=None)
    result = evaluate_series(investment, levels((2021, "9.1"), (2022, "7.2"), (2023, "5.5")), MID_2024)
    assert (result.status, result.progress, result.projection) == ("需加快", D("0.9070"), None)


# --- ceilings and keep-stable ---------------------------------------------------------------------


def ceiling(**fields: object) -> SeriesSpec:
    values: dict[str, object] = {"unit": "%", "path": "linear", "target_value": D(5), "direction": "falling"}
    values.update(fields)
    return spec(SpecKind.CEILING, **values)


@pytest.mark.parametrize(
    ("value", "status", "color", "words"),
    [
        ("4.0", "控制在目标内", S.GREEN, "低于上限20.0%"),  # (5 − 4) / 5
        ("4.7", "控制在目标内", S.GREEN, "低于上限6.0%"),
        ("4.75", "控制在目标内", S.YELLOW, "距上限仅5.0%，需关注"),  # within 5 % of c: watch
        ("4.8", "控制在目标内", S.YELLOW, "距上限仅4.0%，需关注"),
        ("5", "控制在目标内", S.YELLOW, "距上限仅0.0%"),
        ("5.2", "滞后于预期", S.YELLOW, "超出上限4.0%"),
    ],
)
def test_ceiling(value: str, status: str, color: Color, words: str) -> None:
    result = evaluate_series(ceiling(), levels((2023, value)), MID_2024)
    assert (result.status, result.color, result.method) == (status, color, "ceiling")
    assert words in result.explanation


def test_binding_ceiling_exceeded_is_red() -> None:
    result = evaluate_series(ceiling(binding=True), levels((2023, "5.2")), MID_2024)
    assert (result.status, result.color) == ("滞后于预期", S.RED)


def test_ceiling_warns_when_the_trend_crosses_it() -> None:
    # 4.5 → 4.9 → 4.8 (B = 4 in 2020): slope (4.8 − 4) / 3 = 0.267/year → 2025: 5.33 > 5
    result = evaluate_series(
        ceiling(base_value=D(4)), levels((2021, "4.5"), (2022, "4.9"), (2023, "4.8")), MID_2024
    )
    assert result.projection == D("5.3") and result.explanation.endswith("，将超过上限。")


def keep(**fields: object) -> SeriesSpec:
    values: dict[str, object] = {"unit": "亿斤", "base_value": D(11), "target_value": D(11)}
    values.update(fields)
    return spec(SpecKind.KEEP_STABLE, **values)


@pytest.mark.parametrize(
    ("value", "status", "deviation"),
    [
        ("11", "保持稳定", "0.0"),
        ("11.2", "保持稳定", "+1.8"),  # 0.2 / 11 = 1.8 %
        ("11.22", "保持稳定", "+2.0"),  # exactly 2 %: still stable
        ("10.78", "保持稳定", "−2.0"),
        ("10.7", "滞后于预期", "−2.7"),  # 0.3 / 11 = 2.7 %
        ("11.5", "滞后于预期", "+4.5"),  # either way
    ],
)
def test_keep_stable(value: str, status: str, deviation: str) -> None:
    result = evaluate_series(keep(), levels((2023, value)), MID_2024)
    assert (result.status, result.method) == (status, "keep_stable")
    assert f"较基期11亿斤变动{deviation}%（保持稳定允许±2.0%）" in result.explanation


def test_binding_keep_stable_broken_is_red() -> None:
    assert evaluate_series(keep(binding=True), levels((2023, "10.6")), MID_2024).color is S.RED


def test_keep_stable_without_a_plan_base_uses_the_base_year_figure() -> None:
    air = keep(unit="%", path="linear", base_value=None, target_value=None)
    result = evaluate_series(air, levels((2020, "91.2"), (2023, "88.5")), MID_2024)  # −2.7/91.2 = −3.0 %
    assert (result.status, result.color) == ("滞后于预期", S.YELLOW)
    assert "较基期91.2%变动−3.0%" in result.explanation


# --- cumulative targets ---------------------------------------------------------------------------


def test_cumulative_points_from_the_base_year_figure() -> None:
    # 研发 比重: B = 1.6 (2020 figure), [0.5] → T = 2.1; x = 1.85 (2023): p = 0.25 / 0.5 = 0.5, g = −0.10
    research = spec(
        SpecKind.CUMULATIVE, unit="%", path="linear", cumulative_delta=D("0.5"), cumulative_mode="points"
    )
    result = evaluate_series(research, levels((2020, "1.6"), (2023, "1.85")), MID_2024)
    assert (result.status, result.method, result.schedule_gap) == ("基本符合预期", "cumulative", D("-0.100"))
    assert result.required_growth == D("0.1250")  # (2.1 − 1.85) / 2 points a year
    assert result.expected_value == D("1.90")  # 1.6 + 0.5 × 0.6


def test_cumulative_intensity_from_intensity_figures() -> None:
    # B = 1.0 吨/万元 (2020), [16] → T = 0.84; x = 0.90 (2023): p = ln 0.9 / ln 0.84 = 0.6043, g = +0.004
    carbon = spec(
        SpecKind.CUMULATIVE,
        name="万元GDP碳排放累计下降",
        unit="%",
        direction="falling",
        cumulative_delta=D(16),
        cumulative_mode="intensity",
    )
    result = evaluate_series(carbon, levels((2020, "1.0"), (2023, "0.90"), unit="吨/万元"), MID_2024)
    assert (result.status, result.schedule_gap, result.progress) == ("符合预期", D("0.004"), D("0.6043"))
    assert result.explanation.startswith("2023年实际0.90吨/万元")


def test_cumulative_intensity_from_reported_falls() -> None:
    # figures are falls since 2020 in %: 10 % by 2023 → index 90 against 100 → T = 84: same p = 0.6043
    # E = 100 × 0.84^0.6 = 90.08 → expected fall 9.92 → 9.9; binding and g ≥ 0 → green
    # 10 − 9.92 = 0.08 → 多下降0.1个百分点 (falls are in %: rate points)
    carbon = spec(
        SpecKind.CUMULATIVE,
        unit="%",
        direction="falling",
        cumulative_delta=D(16),
        cumulative_mode="intensity",
        binding=True,
    )
    result = evaluate_series(carbon, levels((2023, "10"), unit="%"), MID_2024)
    assert (result.status, result.color, result.progress) == ("符合预期", S.GREEN, D("0.6043"))
    assert result.latest_value == D(10) and result.expected_value == D("9.9")
    assert result.explanation.startswith(
        "2023年累计下降10%，按序时进度应累计下降9.9%，比序时进度多下降0.1个百分点，进度差 +0.4%"
    )
    behind = evaluate_series(carbon, levels((2023, "6"), unit="%"), MID_2024)  # p = ln 0.94 / ln 0.84 = 0.355
    assert (behind.status, behind.color) == ("滞后于预期", S.RED)


def test_additive_cumulative_flow() -> None:
    # 城镇新增就业 【2.5】万人 over 2021–2025: 0.5 + 0.52 + 0.49 = 1.51; p = 1.51 / 2.5 = 0.604, g = +0.004
    # required (2.5 − 1.51) / 2 = 0.495 a year; mean 0.50333, s = 0.015275
    # projection 1.51 + 2 × 0.50333 = 2.5167; band 1.51 + 2 × (0.50333 ∓ 0.015275) = 2.486, 2.547
    employment = spec(SpecKind.CUMULATIVE, unit="万人", cumulative_delta=D("2.5"), cumulative_mode="additive")
    result = evaluate_series(employment, levels((2021, "0.5"), (2022, "0.52"), (2023, "0.49")), MID_2024)
    assert (result.status, result.latest_value, result.progress, result.schedule_gap) == (
        "符合预期",
        D("1.51"),
        D("0.6040"),
        D("0.004"),
    )
    assert (result.required_growth, result.projection, result.projection_low, result.projection_high) == (
        D("0.4950"),
        D("2.52"),
        D("2.49"),
        D("2.55"),
    )
    assert result.explanation.startswith("2021—2023年累计1.51万人，为期内目标2.5万人的60.4%")
    assert "按序时进度应达1.50万人，比序时应达值高0.01万人，进度差 +0.4%" in result.explanation
    done = evaluate_series(employment, levels((2021, "1"), (2022, "1"), (2023, "0.6")), MID_2024)
    assert done.status == "提前实现"


# --- data: vintages, lag, missing -----------------------------------------------------------------


def test_as_of_sees_the_vintage_known_then() -> None:
    # 2023 first published as 470 (2024-03-01), revised to 472 (2025-01-10)
    figures = [
        obs("2023", "470", as_of=date(2024, 3, 1), id=1),
        obs("2023", "472", as_of=date(2025, 1, 10), id=2),
    ]
    before = evaluate_series(gdp(), figures, date(2024, 6, 30))
    after = evaluate_series(gdp(), figures, date(2025, 2, 1))
    assert (before.latest_value, after.latest_value) == (D(470), D(472))
    assert before.explanation.startswith("2023年实际470亿元")
    # p = ln(470/382) / 0.355371 = 0.5833, g = −0.0167 → −1.7 points
    assert before.schedule_gap == D("-0.017")
    assert evaluate_series(gdp(), figures, date(2024, 2, 1)).status == "无数据"  # nothing known yet


def test_same_day_revisions_are_ordered_by_id_then_order_free() -> None:
    figures = [obs("2023", "472", id=2), obs("2023", "470", id=1)]
    assert evaluate_series(gdp(), figures, MID_2024).latest_value == D(472)
    assert evaluate_series(gdp(), figures[::-1], MID_2024).latest_value == D(472)


def test_stale_when_the_latest_due_year_has_no_figure() -> None:
    # 2023 is due 2023-12-31 + 120 days = 2024-04-29
    figures = levels((2021, "415"), (2022, "440"))
    assert evaluate_series(gdp(), figures, date(2024, 4, 28)).status == "基本符合预期"  # due year 2022: fine
    stale = evaluate_series(gdp(), figures, date(2024, 4, 29))
    assert (stale.status, stale.color) == ("数据缺失", S.GREY)
    assert stale.explanation.startswith("2023年数据应于2024年4月29日前发布，尚缺；以下据最近的2022年数据")
    assert (
        stale.latest_value == D(440) and stale.schedule_gap is not None
    )  # the last known figures still shown


def test_publication_lag_is_a_setting() -> None:
    patient = EvaluationSettings(annual_publication_lag_days=200)
    figures = levels((2021, "415"), (2022, "440"))
    assert evaluate_series(gdp(), figures, date(2024, 6, 30), patient).status != "数据缺失"


def test_no_data() -> None:
    result = evaluate_series(gdp(), [], MID_2024)
    assert (result.status, result.color, result.explanation) == ("无数据", S.GREY, "尚无数据。")
    other_series = [obs("2023", "472", series="Y")]
    assert evaluate_series(gdp(), other_series, MID_2024).status == "无数据"


def test_quarterly_figures_are_kept_aside() -> None:
    figures = [*levels((2023, "472")), obs("2024Q2", "250", as_of=date(2024, 7, 20))]
    result = evaluate_series(gdp(), figures, date(2024, 8, 1))
    assert result.status == "基本符合预期" and result.latest_year == 2023
    assert result.explanation.endswith("（另有2024Q2数据250，年度判断只用年度数据）。")
    only_quarters = evaluate_series(gdp(), figures[1:], date(2024, 8, 1))
    assert only_quarters.status == "数据缺失"


def test_figures_in_another_unit_are_converted() -> None:
    # 4,720,000 万元 = 472 亿元
    result = evaluate_series(gdp(), levels((2023, "4720000"), unit="万元"), MID_2024)
    assert result.latest_value == D(472) and result.schedule_gap == D("-0.005")


# --- targets a rule cannot judge ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        (SpecKind.QUALITATIVE, "需人工评估"),
        (SpecKind.RELATIVE, "需人工评估"),
        (SpecKind.PLACEHOLDER, "需人工评估"),
        (SpecKind.STRUCTURE, "需人工评估"),
        (SpecKind.MISSING, "需人工评估"),
        (SpecKind.ASSIGNED, "目标待定"),
    ],
)
def test_manual_and_pending(kind: SpecKind, status: str) -> None:
    result = evaluate_series(spec(kind, note="说明"), levels((2023, "88")), MID_2024)
    assert (result.status, result.color, result.method) == (status, S.GREY, "manual")
    assert result.explanation == "说明；最新2023年实际88亿元。"


def test_level_target_without_any_base() -> None:
    digital = spec(unit="%", path="linear", target_value=D(9))
    result = evaluate_series(digital, levels((2023, "7.4")), MID_2024)
    assert (result.status, result.color) == ("需人工评估", S.GREY)
    assert result.explanation.startswith("缺少2020年基期值")
    assert evaluate_series(digital, levels((2023, "9.1")), MID_2024).status == "提前实现"


def test_the_evaluation_is_built_in_the_models_field_order() -> None:
    # engine._evaluation passes the fields positionally (speed): the model must keep this order
    names = tuple(field.name for field in fields(Evaluation))
    assert names[: len(EVALUATION_FIELDS)] == EVALUATION_FIELDS


def _by_id(evaluations: list[Evaluation]) -> dict[str, Evaluation]:
    return {evaluation.series_id: evaluation for evaluation in evaluations}


def test_box_2_1_of_the_seed_as_of_mid_2024(seed: ParsedPlan) -> None:
    indicators = [indicator for indicator in seed.indicators if indicator.id.startswith("T2")]

    def series(key: str, *pairs: tuple[int, str]) -> list[Observation]:
        return [obs(str(year), value, series=key) for year, value in pairs]

    figures = {
        "T2.01": series("T2.01", (2021, "415"), (2022, "440"), (2023, "472")),
        "T2.08": series("T2.08", (2023, "10.6")),
        "T2.12": series("T2.12", (2020, "60"), (2023, "73")),
        "T2.14": series("T2.14", (2023, "88")),
        "T2.22": series("T2.22", (2023, "4.8")),
    }
    results = _by_id(evaluate_indicators(indicators, figures, MID_2024, (2021, 2025)))
    assert len(results) == 24
    assert results["T2.01"].status == "基本符合预期"
    assert (results["T2.08"].status, results["T2.08"].color) == ("滞后于预期", S.RED)  # binding, −3.6 %
    assert results["T2.12"].status == "符合预期"  # 6.8 % against 7.5%左右
    assert results["T2.14"].status == "需人工评估"
    assert results["T2.15"].status == "目标待定"
    assert (results["T2.22"].status, results["T2.22"].color) == ("控制在目标内", S.YELLOW)
    assert results["T2.04"].status == "无数据"


def test_prose_targets_of_the_seed(seed: ParsedPlan) -> None:
    # 地区生产总值超过545亿元 (G001), base from the 2020 figure: judged like the indicator row
    figures = {"G001": [obs("2020", "382", series="G001"), obs("2023", "472", series="G001")]}
    results = _by_id(evaluate_targets(seed.targets, figures, MID_2024, (2021, 2025)))
    assert len(results) == len(seed.targets)
    assert results["G001"].status == "基本符合预期" and results["G001"].schedule_gap == D("-0.005")
    assert {result.status for key, result in results.items() if key != "G001"} <= {"无数据", "需人工评估"}


def test_rank_orders_judged_statuses() -> None:
    worst = evaluate_series(share(), levels((2023, "52")), MID_2024)  # 严重滞后
    behind = evaluate_series(share(), levels((2023, "54")), MID_2024)  # 滞后于预期
    ahead = evaluate_series(share(), levels((2023, "57")), MID_2024)  # 快于预期
    done = evaluate_series(share(), levels((2023, "60")), MID_2024)  # 提前实现
    ranks = [rank(evaluation) or (-1, -1) for evaluation in (worst, behind, ahead, done)]
    assert ranks == sorted(ranks) and len(set(ranks)) == 4 and (-1, -1) not in ranks
    assert rank(evaluate_series(share(), [], MID_2024)) is None  # grey: not judged
