"""What each indicator row and prose target is judged as (SeriesSpec), on the seed and by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.evaluate import SeriesSpec, SpecKind, spec_from_indicator, spec_from_target
from planwatch.evaluate.spec import MANUAL_KINDS, cumulative_target
from planwatch.model import (
    Attribute,
    CellKind,
    Growth,
    Indicator,
    ParsedPlan,
    Target,
    TargetKind,
    ValueRef,
)

D = Decimal

# 专栏2-1 of the seed (十四五, base 2020, target 2025): the kind every row is judged as.
SEED_KINDS = {
    "T2.01": SpecKind.LEVEL,  # 382 → 545 亿元 (7.5%左右 in the growth column: the level wins)
    "T2.02": SpecKind.LEVEL,
    "T2.03": SpecKind.LEVEL,
    "T2.04": SpecKind.LEVEL,
    "T2.05": SpecKind.GROWTH,  # 固定资产投资增速: [17.1] base, -- target, 8以上
    "T2.06": SpecKind.GROWTH,  # [] base, 8.5
    "T2.07": SpecKind.LEVEL,  # 57.26 → 67.5 with [10]左右: the level wins
    "T2.08": SpecKind.KEEP_STABLE,  # 11 → 11, 保持稳定
    "T2.09": SpecKind.CUMULATIVE,  # empty cells, [0.5] points
    "T2.10": SpecKind.MISSING,  # empty, empty, --
    "T2.11": SpecKind.APPROX,  # -- → 9左右
    "T2.12": SpecKind.GROWTH,  # growth only, 7.5%左右
    "T2.13": SpecKind.GROWTH,
    "T2.14": SpecKind.QUALITATIVE,  # 全市领先
    "T2.15": SpecKind.ASSIGNED,  # 下达目标
    "T2.16": SpecKind.ASSIGNED,
    "T2.17": SpecKind.KEEP_STABLE,  # empty cells, 保持稳定
    "T2.18": SpecKind.KEEP_STABLE,
    "T2.19": SpecKind.LEVEL,  # with 与经济增长同步 in the growth column (noted, not judged)
    "T2.20": SpecKind.LEVEL,
    "T2.21": SpecKind.APPROX,  # 2.03 → 2左右 with [0.03]
    "T2.22": SpecKind.CEILING,  # 5以内
    "T2.23": SpecKind.MISSING,
    "T2.24": SpecKind.MISSING,
}


def _seed_specs(seed: ParsedPlan) -> dict[str, SeriesSpec]:
    specs = {}
    for indicator in seed.indicators:
        end = 2025 if indicator.id.startswith("T2") else 2020
        specs[indicator.id] = spec_from_indicator(indicator, end, period_start=end - 4)
    return specs


def test_every_seed_indicator_gets_a_spec(seed: ParsedPlan) -> None:
    specs = _seed_specs(seed)
    assert len(specs) == 55
    for spec in specs.values():
        assert spec.base_year < spec.target_year
        assert spec.manual == (spec.kind in MANUAL_KINDS)
        if spec.manual:
            assert spec.note  # a person must be told why


def test_the_kind_of_each_row_of_box_2_1(seed: ParsedPlan) -> None:
    specs = _seed_specs(seed)
    assert {key: spec.kind for key, spec in specs.items() if key.startswith("T2")} == SEED_KINDS


def test_seed_details_of_box_2_1(seed: ParsedPlan) -> None:
    specs = _seed_specs(seed)
    gdp = specs["T2.01"]
    assert (gdp.base_year, gdp.base_value, gdp.target_year, gdp.target_value) == (2020, D(382), 2025, D(545))
    assert (gdp.path, gdp.direction, gdp.growth_target, gdp.growth_approx) == (
        "geometric",
        "rising",
        D("7.5"),
        True,
    )
    assert specs["T2.05"].growth_target == D(8) and not specs["T2.05"].growth_approx  # 8以上: no tolerance
    assert specs["T2.05"].values_are_rates and specs["T2.05"].base_value is None  # [17.1] is no level
    assert specs["T2.12"].growth_approx and specs["T2.12"].growth_target == D("7.5")
    assert specs["T2.07"].path == "linear" and specs["T2.07"].target_value == D("67.5")
    assert specs["T2.08"].binding and specs["T2.08"].target_value == D(11)
    research = specs["T2.09"]
    assert (research.cumulative_mode, research.cumulative_delta, research.base_value) == (
        "points",
        D("0.5"),
        None,
    )
    assert specs["T2.21"].direction == "falling" and specs["T2.21"].path == "linear"
    assert specs["T2.22"].target_value == D(5) and specs["T2.22"].direction == "falling"
    assert "与经济增长同步" in specs["T2.19"].note
    assert specs["T2.14"].note == "目标为定性表述“全市领先”，需人工评估"
    assert specs["T2.15"].note == "目标由上级下达，尚未确定"


def test_seed_details_of_box_1_1(seed: ParsedPlan) -> None:
    specs = _seed_specs(seed)
    employment = specs["T1.20"]  # 城镇新增就业人数 【2.5】万人: a period total of yearly additions
    assert (employment.kind, employment.cumulative_mode, employment.cumulative_delta) == (
        SpecKind.CUMULATIVE,
        "additive",
        D("2.5"),
    )
    water = specs["T1.30"]  # 单位工业增加值用水量降低 【27.5】→【30】%: an intensity, the base is a past fall
    assert (water.cumulative_mode, water.direction, water.path, water.base_value) == (
        "intensity",
        "falling",
        "geometric",
        None,
    )
    assert specs["T1.31"].cumulative_mode == "intensity"
    assert specs["T1.06"].kind is SpecKind.STRUCTURE
    assert specs["T1.27"].kind is SpecKind.QUALITATIVE
    assert specs["T1.24"].kind is SpecKind.FLOOR  # >45.0
    assert specs["T1.22"].kind is SpecKind.KEEP_STABLE  # 74.6 → 74.6: a target equal to its base
    assert specs["T1.16"].direction == "falling"  # 5.65 → 5.0
    assert specs["T1.11"].base_value is None and specs["T1.11"].kind is SpecKind.LEVEL  # —— base


def _indicator(
    name: str,
    unit: str | None,
    base: tuple[str, CellKind, str | None],
    target: tuple[str, CellKind, str | None],
    growth: tuple[str, CellKind, str | None] = ("--", CellKind.NOT_APPLICABLE, None),
    binding: bool = False,
) -> Indicator:
    def ref(year: int, cell: tuple[str, CellKind, str | None]) -> ValueRef:
        return ValueRef(year, None if cell[2] is None else D(cell[2]), cell[0], cell[1], 1)

    return Indicator(
        id="X1",
        box="专栏1",
        table_title="",
        category=None,
        name=name,
        unit=unit,
        attribute=Attribute.BINDING if binding else Attribute.EXPECTED,
        line=1,
        cells=(),
        base=ref(2020, base),
        target=ref(2025, target),
        growth=Growth(growth[0], None if growth[2] is None else D(growth[2]), growth[1], 1),
    )


NUM = CellKind.NUMBER
EMPTY = ("", CellKind.EMPTY, None)


def test_cumulative_points_for_a_share_add_to_the_base() -> None:
    # 研发支出占GDP比重 2.0 % with [0.5]: T = 2.0 + 0.5 = 2.5
    spec = spec_from_indicator(
        _indicator(
            "研发支出占GDP比重", "%", ("2.0", NUM, "2.0"), EMPTY, ("[0.5]", CellKind.CUMULATIVE, "0.5")
        ),
        2025,
    )
    assert (spec.kind, spec.cumulative_mode, spec.target_value) == (SpecKind.CUMULATIVE, "points", D("2.5"))


def test_cumulative_points_fall_when_the_name_says_so() -> None:
    # 贫困发生率下降 5 % with [2]: T = 5 − 2 = 3
    spec = spec_from_indicator(
        _indicator("贫困发生率下降", "%", ("5", NUM, "5"), EMPTY, ("[2]", CellKind.CUMULATIVE, "2")), 2025
    )
    assert (spec.direction, spec.target_value) == ("falling", D(3))


def test_cumulative_intensity_reduction_is_a_percent_of_the_base() -> None:
    # 单位GDP能耗 0.5 吨标煤/万元 with [15] (降低 15 %): T = 0.5 × (1 − 15/100) = 0.425
    spec = spec_from_indicator(
        _indicator(
            "单位GDP能耗降低", "吨标煤/万元", ("0.5", NUM, "0.5"), EMPTY, ("[15]", CellKind.CUMULATIVE, "15")
        ),
        2025,
    )
    assert spec.cumulative_mode == "percent"  # not % unit: an amount, Δ in percent, falling by name
    assert spec.target_value == D("0.425")
    in_percent = spec_from_indicator(
        _indicator("单位GDP能耗降低", "%", EMPTY, EMPTY, ("[15]", CellKind.CUMULATIVE, "15")), 2025
    )
    assert (in_percent.cumulative_mode, in_percent.direction) == ("intensity", "falling")
    assert cumulative_target(in_percent, D("0.5")) == D("0.425")


def test_cumulative_growth_of_an_amount_is_a_percent_of_the_base() -> None:
    # 总量 100 亿元 with [30] (累计增长 30 %): T = 100 × 1.3 = 130
    spec = spec_from_indicator(
        _indicator("旅游总收入", "亿元", ("100", NUM, "100"), EMPTY, ("[30]", CellKind.CUMULATIVE, "30")),
        2025,
    )
    assert (spec.cumulative_mode, spec.target_value) == ("percent", D("130.0"))


def test_a_level_target_wins_over_a_cumulative_growth_cell() -> None:
    spec = spec_from_indicator(
        _indicator(
            "城镇化率", "%", ("57", NUM, "57"), ("67", NUM, "67"), ("[10]左右", CellKind.CUMULATIVE, "10")
        ),
        2025,
    )
    assert (spec.kind, spec.target_value, spec.cumulative_delta) == (SpecKind.LEVEL, D(67), None)


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        (("下达目标", CellKind.ASSIGNED, None), SpecKind.ASSIGNED),
        (("全市领先", CellKind.QUALITATIVE, None), SpecKind.QUALITATIVE),
        (("与经济增长同步", CellKind.RELATIVE, None), SpecKind.RELATIVE),
        (("**", CellKind.PLACEHOLDER, None), SpecKind.PLACEHOLDER),
        (("9:50:41", CellKind.STRUCTURE, None), SpecKind.STRUCTURE),
        (("--", CellKind.NOT_APPLICABLE, None), SpecKind.MISSING),
        (("", CellKind.EMPTY, None), SpecKind.MISSING),
        (("5以内", CellKind.CEILING, "5"), SpecKind.CEILING),
        (("保持稳定", CellKind.KEEP_STABLE, None), SpecKind.KEEP_STABLE),
        (("8以上", CellKind.FLOOR, "8"), SpecKind.FLOOR),
        (("9左右", CellKind.APPROX, "9"), SpecKind.APPROX),
        (("【3】", CellKind.CUMULATIVE, "3"), SpecKind.CUMULATIVE),
    ],
)
def test_target_cell_notations(cell: tuple[str, CellKind, str | None], kind: SpecKind) -> None:
    spec = spec_from_indicator(_indicator("某指标", "个", ("4", NUM, "4"), cell), 2025)
    assert spec.kind is kind
    assert spec.manual == (kind in MANUAL_KINDS)


def test_additive_flow_in_the_target_column() -> None:
    spec = spec_from_indicator(
        _indicator("城镇新增就业人数", "万人", EMPTY, ("【2.5】", CellKind.CUMULATIVE, "2.5")), 2025
    )
    assert (spec.cumulative_mode, spec.cumulative_delta, spec.target_value) == ("additive", D("2.5"), None)


def _target(kind: TargetKind, value: str | None, unit: str | None, **extra: object) -> Target:
    fields: dict[str, object] = {
        "id": "G1",
        "subject": "地区生产总值",
        "value": None if value is None else D(value),
        "value_min": None,
        "value_max": None,
        "unit": unit,
        "kind": kind,
        "qualifier": None,
        "year": None,
        "year_implied": 2025,
        "direction": None,
        "line": 1,
        "quote": "…",
        "section_id": None,
    }
    fields.update(extra)
    return Target(**fields)  # type: ignore[arg-type]


def test_prose_targets() -> None:
    floor = spec_from_target(_target(TargetKind.FLOOR, "545", "亿元", qualifier="floor"), 2021, 2025)
    assert (floor.kind, floor.base_year, floor.target_year, floor.base_value) == (
        SpecKind.FLOOR,
        2020,
        2025,
        None,
    )
    growth = spec_from_target(_target(TargetKind.GROWTH, "7.5", "%", qualifier="approx"), 2021, 2025)
    assert (growth.kind, growth.growth_target, growth.growth_approx, growth.unit) == (
        SpecKind.GROWTH,
        D("7.5"),
        True,
        None,
    )
    falling = spec_from_target(_target(TargetKind.GROWTH, "3", "%", direction="下降"), 2021, 2025)
    assert falling.growth_target == D(-3)
    ceiling = spec_from_target(_target(TargetKind.CEILING, "5", "%", subject="城镇调查失业率"), 2021, 2025)
    assert (ceiling.kind, ceiling.path) == (SpecKind.CEILING, "linear")
    ranged = spec_from_target(
        _target(TargetKind.RANGE, None, "家", value_min=D(5), value_max=D(7), year=2023), 2021, 2025
    )
    assert (ranged.kind, ranged.target_value, ranged.target_year) == (SpecKind.FLOOR, D(5), 2023)
    assert "按下限评估" in ranged.note
    flow = spec_from_target(
        _target(TargetKind.CUMULATIVE, "20", "个", subject="亿元以上技改项目"), 2021, 2025
    )
    assert flow.cumulative_mode == "additive"
    placeholder = spec_from_target(_target(TargetKind.LEVEL, None, "%"), 2021, 2025)
    assert placeholder.kind is SpecKind.PLACEHOLDER and placeholder.manual


def test_every_seed_prose_target_gets_a_spec(seed: ParsedPlan) -> None:
    specs = [spec_from_target(target, 2021, 2025) for target in seed.targets]
    assert len(specs) == len(seed.targets) > 50
    assert {spec.kind for spec in specs} >= {
        SpecKind.FLOOR,
        SpecKind.GROWTH,
        SpecKind.CEILING,
        SpecKind.PLACEHOLDER,
    }


def test_new_target_kinds_get_a_fitting_judgement() -> None:
    """再提高1岁 is the base plus one; 翻一番 has its own base year (manual); a counted action is a floor."""
    from planwatch.evaluate.spec import SpecKind, spec_from_target
    from planwatch.model import Target, TargetKind

    def spec(kind: TargetKind, value: str, unit: str):  # type: ignore[no-untyped-def]
        target = Target(
            "G001",
            "人均预期寿命",
            Decimal(value),
            None,
            None,
            unit,
            kind,
            None,
            None,
            2025,
            "上升",
            1,
            "q",
            None,
            value,
        )
        return spec_from_target(target, 2021, 2025)

    increment = spec(TargetKind.INCREMENT, "1", "岁")
    assert (increment.kind, increment.cumulative_mode, increment.cumulative_delta) == (
        SpecKind.CUMULATIVE,
        "points",
        Decimal(1),
    )
    assert spec(TargetKind.DOUBLE, "2", "倍").kind is SpecKind.QUALITATIVE
    assert spec(TargetKind.COUNT, "5.3", "万个").kind is SpecKind.FLOOR
