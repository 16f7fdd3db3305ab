"""Prose targets judged by the indicators' method, and linked to the table's rows they are about."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.evaluate import (
    SpecKind,
    evaluate_indicators,
    evaluate_series,
    evaluate_targets,
    link_target,
    link_targets,
    spec_from_target,
    target_spec,
    target_specs,
)
from planwatch.model import (
    Evaluation,
    Indicator,
    Observation,
    ObservationKind,
    ParsedPlan,
    Target,
    TargetKind,
)

D = Decimal
LEVEL, GROWTH = ObservationKind.LEVEL, ObservationKind.GROWTH
MID_2024 = date(2024, 6, 30)
PERIOD = (2021, 2025)


def obs(
    series: str, period: int, value: str, kind: ObservationKind = LEVEL, unit: str | None = None
) -> Observation:
    return Observation(series, str(period), D(value), unit, kind, date(period + 1, 3, 1))


def target(kind: TargetKind, subject: str, value: str | None, unit: str | None, **extra: object) -> Target:
    fields: dict[str, object] = {
        "id": "G900", "subject": subject, "value": None if value is None else D(value), "value_min": None,
        "value_max": None, "unit": unit, "kind": kind, "qualifier": None, "year": 2025, "year_implied": None,
        "direction": None, "line": 1, "quote": f"{subject}{value}{unit or ''}", "section_id": None,
    }  # fmt: skip
    fields.update(extra)
    return Target(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def rows(seed: ParsedPlan) -> list[Indicator]:
    return seed.monitored_indicators()  # 专栏2-1, the table that is evaluated


def _by_id(evaluations: list[Evaluation]) -> dict[str, Evaluation]:
    return {e.series_id: e for e in evaluations}


# --- linking a target to the row it is about --------------------------------------------------------


def test_the_seeds_targets_about_a_row_of_the_table(seed: ParsedPlan, rows: list[Indicator]) -> None:
    links = link_targets(seed.targets, rows, PERIOD)
    same = {key: link.indicator_id for key, link in links.items() if link.same_target}
    other = {key: link.indicator_id for key, link in links.items() if not link.same_target}
    assert same == {
        "G001": "T2.01",  # 地区生产总值超过545亿元 — the row 382 → 545
        "G003": "T2.05",  # 固定资产投资年均增速在8%以上 — the row 固定资产投资增速 8以上
        "G004": "T2.04",  # 社会消费品零售总额达到200亿元
        "G005": "T2.07",  # 常住人口城镇化率达到67.5%
        "G007": "T2.12",  # 进出口总额年均增速达到7.5% — the row 7.5%左右
        "G013": "T2.22",  # 城镇调查失业率控制在5%以内
        "G014": "T2.06",  # 规模以上工业增加值年均增速8.5%左右 — the row …增速 8.5
    }
    assert other == {
        "G002": "T2.01",  # 年均增速7.5%左右: the growth clause beside a level row
        "G008": "T2.13", "G009": "T2.17", "G010": "T2.18",  # **: placeholders about a row
        "G076": "T2.17",  # 90%以上 against 保持稳定
        "G082": "T2.22",  # 降低至3.5%以下 against 5以内
    }  # fmt: skip
    assert links["G001"].reason == "与指标T2.01“地区生产总值”目标同为545亿元，按该指标评估，不重复计数"
    assert links["G082"].reason == (
        "与指标T2.22“城镇调查失业率”同名，正文目标3.5%以内、指标表目标5%以内，按正文目标单独评估，数据取自该指标"
    )


def test_names_compare_without_region_width_spaces_or_a_unit_in_brackets(rows: list[Indicator]) -> None:
    prose = target(TargetKind.LEVEL, "全区 社会消费品零售总额（亿元）", "2000000", "万元")
    link = link_target(prose, rows, PERIOD)
    assert link is not None and (link.indicator_id, link.same_target) == ("T2.04", True)  # 200 亿元


def test_a_target_in_another_unit_or_of_another_name_is_not_linked(rows: list[Indicator]) -> None:
    assert link_target(target(TargetKind.LEVEL, "社会消费品零售总额", "30", "亿美元"), rows, PERIOD) is None
    assert link_target(target(TargetKind.LEVEL, "社会消费品零售总额增速", "8", "%"), rows, PERIOD) is None
    # 全区研发经费支出占GDP比重 is not 研发支出占GDP比重: names are compared, not guessed at
    assert (
        link_target(target(TargetKind.APPROX, "全区研发经费支出占GDP比重", "2.4", "%"), rows, PERIOD) is None
    )


def test_a_target_of_another_year_is_linked_but_judged_on_its_own(rows: list[Indicator]) -> None:
    midway = target(TargetKind.LEVEL, "社会消费品零售总额", "200", "亿元", year=2023)
    link = link_target(midway, rows, PERIOD)
    assert link is not None and (link.indicator_id, link.same_target) == ("T2.04", False)


# --- judging: the same method, the row's figures and base where linked ----------------------------


def test_a_target_restating_its_row_is_judged_as_the_row(seed: ParsedPlan, rows: list[Indicator]) -> None:
    figures = {"T2.01": [obs("T2.01", 2021, "415"), obs("T2.01", 2022, "440"), obs("T2.01", 2023, "472")]}
    row = _by_id(evaluate_indicators(rows, figures, MID_2024, PERIOD))["T2.01"]
    prose = _by_id(evaluate_targets(seed.targets, figures, MID_2024, PERIOD, indicators=rows))["G001"]
    assert (prose.status, prose.schedule_gap, prose.projection) == (
        row.status,
        row.schedule_gap,
        row.projection,
    )
    assert (prose.status, prose.schedule_gap) == ("基本符合预期", D("-0.005"))  # the method's example
    assert prose.explanation.startswith(row.explanation.removesuffix("。"))
    assert "按该指标评估，不重复计数" in prose.explanation


def test_a_growth_clause_is_judged_on_the_rows_real_rates(seed: ParsedPlan, rows: list[Indicator]) -> None:
    # G002 年均增速7.5%左右 on T2.01's figures: real rates 7.2, 5.1, 6.4 → r = 6.23 %, bar 7.0 %: q = 0.890
    figures = {
        "T2.01": [obs("T2.01", year, value) for year, value in ((2021, "411"), (2022, "441"), (2023, "476"))]
        + [
            obs("T2.01", year, rate, GROWTH, "%")
            for year, rate in ((2021, "7.2"), (2022, "5.1"), (2023, "6.4"))
        ]
    }
    results = _by_id(evaluate_targets(seed.targets, figures, MID_2024, PERIOD, indicators=rows))
    growth = results["G002"]
    assert (growth.status, growth.method, growth.progress) == ("需加快", "growth", D("0.8900"))
    assert growth.projection == D("551.2")  # the level from its own levels (B = 382 from the table)
    assert results["G001"].status == "符合预期"  # the level row, on schedule


def test_a_different_target_on_a_rows_figures(seed: ParsedPlan, rows: list[Indicator]) -> None:
    figures = {"T2.22": [obs("T2.22", 2023, "4.2", unit="%")]}
    results = _by_id(evaluate_targets(seed.targets, figures, MID_2024, PERIOD, indicators=rows))
    assert results["G013"].status == "控制在目标内"  # 4.2 ≤ 5
    assert results["G082"].status == "滞后于预期"  # 4.2 > 3.5: the prose's own, stricter target
    assert "超出上限20.0%" in results["G082"].explanation  # (4.2 − 3.5) / 3.5


def test_without_indicators_each_target_reads_its_own_figures(seed: ParsedPlan) -> None:
    figures = {"G001": [obs("G001", 2020, "382"), obs("G001", 2023, "472")]}
    results = _by_id(evaluate_targets(seed.targets, figures, MID_2024, PERIOD))
    assert (results["G001"].status, results["G001"].schedule_gap) == ("基本符合预期", D("-0.005"))


def test_an_unlinked_target_takes_its_base_year_figure_as_base(
    seed: ParsedPlan, rows: list[Indicator]
) -> None:
    # G015 规上工业营业收入突破1000亿元: B = 600 (2020 figure), x = 800 (2023), f = 0.6
    # p = ln(800/600) / ln(1000/600) = 0.28768 / 0.51083 = 0.5632, g = −0.037 → 基本符合预期
    # E = 600 × (5/3)^0.6 = 600 × e^0.30650 = 815.20 → 815.2; 800 − 815.20 = −15.20 → 低15.2亿元
    figures = {"G015": [obs("G015", 2020, "600"), obs("G015", 2023, "800")]}
    result = _by_id(evaluate_targets(seed.targets, figures, MID_2024, PERIOD, indicators=rows))["G015"]
    assert (result.status, result.schedule_gap) == ("基本符合预期", D("-0.037"))
    assert result.explanation.startswith(
        "2023年实际800亿元，按序时进度应达815.2亿元，比序时应达值低15.2亿元，进度差 −3.7%"
    )


def test_a_target_without_any_base_says_what_can_be_known(seed: ParsedPlan, rows: list[Indicator]) -> None:
    # G021 AR/VR产业规模达到8亿元, figures 4, 5, 6 for 2021–2023 and none for 2020:
    # required (8/6)^(1/2) − 1 = 0.1547; own trend from 2021 (6/4)^(1/2) − 1 = 0.2247 → 6 × 1.2247² = 9.000
    # (annual ratios 0.25, 0.20: s = 0.035355 → band 6 × 1.18939² = 8.488, 6 × 1.26010² = 9.527)
    figures = {"G021": [obs("G021", year, value) for year, value in ((2021, "4"), (2022, "5"), (2023, "6"))]}
    result = _by_id(evaluate_targets(seed.targets, figures, MID_2024, PERIOD, indicators=rows))["G021"]
    assert (result.status, result.method) == ("需人工评估", "manual")
    assert (result.required_growth, result.projection) == (D("0.1547"), D("9.000"))
    assert result.explanation == (
        "缺少2020年基期值（规划未列，亦无2020年数据），无法按序时进度评估；2023年实际6亿元，2025年目标8亿元，"
        "后续两年需年均增长15.5%；按年均增长22.5%推算，2025年可达9.000亿元（8.488～9.527）；"
        "补录2020年数据后即按序时进度评估。"
    )
    figures["G021"].append(obs("G021", 2020, "3"))  # the base year's figure makes it judgeable
    judged = _by_id(evaluate_targets(seed.targets, figures, MID_2024, PERIOD, indicators=rows))["G021"]
    assert judged.status == "快于预期"  # p = ln 2 / ln(8/3) = 0.7067, g = +0.107
    revised = replace(obs("G021", 2023, "8.2"), as_of=date(2024, 5, 1))  # 2023 corrected in May 2024
    figures["G021"].append(revised)
    after = _by_id(evaluate_targets(seed.targets, figures, MID_2024, PERIOD, indicators=rows))["G021"]
    assert after.status == "提前实现"  # 8.2 ≥ 8 before 2025
    earlier = evaluate_targets(seed.targets, figures, date(2024, 4, 30), PERIOD, indicators=rows)
    assert _by_id(earlier)["G021"].status == "快于预期"  # the answer as of April is unchanged


def test_a_fall_of_an_intensity_in_percent_is_a_percent_of_its_base() -> None:
    # 塑料餐具消耗强度下降30%: T = B × 0.7; B = 1.0 克/单 (2020), x = 0.8 (2023)
    # p = ln 0.8 / ln 0.7 = 0.22314 / 0.35667 = 0.6256, g = +0.026 → 符合预期
    prose = target(
        TargetKind.CUMULATIVE, "餐饮外卖领域不可降解一次性塑料餐具消耗强度", "30", "%", direction="下降"
    )
    spec = spec_from_target(prose, 2021, 2025)
    assert (spec.cumulative_mode, spec.direction, spec.unit) == ("intensity", "falling", None)
    figures = [obs("G900", 2020, "1.0", unit="克/单"), obs("G900", 2023, "0.8", unit="克/单")]
    result = evaluate_series(spec, figures, MID_2024)
    assert (result.status, result.schedule_gap) == ("符合预期", D("0.026"))
    assert result.explanation.startswith("2023年实际0.8克/单")


def test_a_rise_in_points_of_a_share_adds_to_its_base() -> None:
    prose = target(TargetKind.CUMULATIVE, "研发投入强度占比", "0.5", "个百分点", direction="上升")
    spec = spec_from_target(prose, 2021, 2025)
    assert (spec.cumulative_mode, spec.unit, spec.path) == ("points", "%", "linear")
    # B = 1.6 → T = 2.1; x = 1.9 (2023): p = 0.3 / 0.5 = 0.6 = f → 符合预期
    result = evaluate_series(spec, [obs("G900", 2020, "1.6"), obs("G900", 2023, "1.9")], MID_2024)
    assert (result.status, result.schedule_gap) == ("符合预期", D("0.000"))


def test_target_specs_read_the_rows_series_where_linked(seed: ParsedPlan, rows: list[Indicator]) -> None:
    specs = {spec.id: spec for spec in target_specs(seed.targets, rows, PERIOD)}
    assert (specs["G001"].data_id, specs["G001"].base_value, specs["G001"].kind) == (
        "T2.01",
        D(382),
        SpecKind.LEVEL,
    )
    assert (specs["G082"].data_id, specs["G082"].target_value, specs["G082"].base_value) == (
        "T2.22",
        D("3.5"),
        D(4),
    )
    assert specs["G015"].data_id == "" and specs["G015"].base_value is None
    lone = target_spec(seed.targets[0], PERIOD)  # no row given: its own figures
    assert lone.data_id == ""


# --- properties ------------------------------------------------------------------------------------

values = st.decimals(min_value=D("0.1"), max_value=D(2000), places=1)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(2020, 2025), values), max_size=6), st.integers(0, 4))
def test_a_later_correction_never_changes_an_earlier_answer(
    seed: ParsedPlan, pairs: list[tuple[int, Decimal]], shift: int
) -> None:
    # Figures for G001's row and G015; a correction of each, published a year later
    figures: dict[str, list[Observation]] = {}
    for key in ("T2.01", "G015"):
        figures[key] = [obs(key, year, str(value)) for year, value in pairs]
    rows = seed.monitored_indicators()
    as_of = date(2022 + shift, 6, 30)
    before = evaluate_targets(seed.targets, figures, as_of, PERIOD, indicators=rows)
    corrected = {
        key: found + [replace(o, value=o.value * 2, as_of=as_of.replace(year=as_of.year + 1)) for o in found]
        for key, found in figures.items()
    }
    assert evaluate_targets(seed.targets, corrected, as_of, PERIOD, indicators=rows) == before
