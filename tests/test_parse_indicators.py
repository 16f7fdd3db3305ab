"""Indicator tables: every row out, cells verbatim and typed, units and attributes right."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.model import Attribute, CellKind, ParsedPlan
from planwatch.parse.indicators import parse_attribute, split_unit
from tests.helpers import parse_text


def by_box(plan: ParsedPlan, box: str) -> list:  # type: ignore[type-arg]
    return [i for i in plan.indicators if i.box == box]


def test_the_seed_has_31_plus_24_indicator_rows(seed: ParsedPlan) -> None:
    assert len(by_box(seed, "专栏1-1")) == 31
    assert len(by_box(seed, "专栏2-1")) == 24
    assert len(seed.indicators) == 55


def test_every_cell_of_the_seed_is_verbatim_on_its_line(seed: ParsedPlan, seed_lines: list[str]) -> None:
    for indicator in seed.indicators:
        assert len(indicator.cells) == 6, indicator.name
        for cell in indicator.cells:
            assert seed_lines[cell.line - 1] == "\t" + cell.raw, (indicator.id, cell)


def test_wrapped_header_cells_are_joined(seed: ParsedPlan) -> None:
    first = by_box(seed, "专栏1-1")[0]
    assert [c.header for c in first.cells] == [
        "分类",
        "指         标",
        "2015年实际值",
        "2020年目标",
        "2020年预测",
        "指标属性",
    ]
    second = by_box(seed, "专栏2-1")[0]
    assert [c.header for c in second.cells][2:] == [
        "2020年基期值",
        "2025年预 测",
        "年均增速或累计增长",
        "属 性",
    ]


@pytest.mark.parametrize(
    ("box", "name", "unit", "category", "attribute", "line"),
    [
        ("专栏1-1", "地区生产总值", "亿元", "经济总量与质量", Attribute.EXPECTED, 34),
        ("专栏1-1", "国民平均受教育年限", "年", "社会进步", Attribute.BINDING, 104),
        ("专栏1-1", "人口自然增长率", "‰", "民生改善", Attribute.BINDING, 132),
        ("专栏1-1", "地表水质达标率", "%", "生态建设与环境保护", Attribute.BINDING, 216),  # written 约束
        ("专栏1-1", "单位GDP能耗", "吨标煤/万元", "生态建设与环境保护", Attribute.BINDING, 230),
        ("专栏1-1", "城乡居民收入比", None, "民生改善", Attribute.EXPECTED, 160),
        ("专栏2-1", "高新技术产业增加值占GDP比重", "%", "创新驱动", Attribute.EXPECTED, 404),  # half-width ()
        ("专栏2-1", "实际利用外资额", "亿美元", "改革开放", Attribute.EXPECTED, 425),
        ("专栏2-1", "粮食综合生产能力", "亿斤", "综合质效", Attribute.BINDING, 390),
        ("专栏2-1", "地表水达到或好于III类水体比例", "%", "生态文明", Attribute.BINDING, 460),
        ("专栏2-1", "基本养老保险参保率", "%", "民生福祉", Attribute.EXPECTED, 502),
    ],
)
def test_rows_know_name_unit_filled_down_category_attribute_and_line(
    seed: ParsedPlan, box: str, name: str, unit: str | None, category: str, attribute: Attribute, line: int
) -> None:
    (indicator,) = [i for i in by_box(seed, box) if i.name == name]
    assert (indicator.unit, indicator.category, indicator.attribute, indicator.line) == (
        unit,
        category,
        attribute,
        line,
    )


def test_the_13th_plan_table_takes_2015_as_base_and_the_2020_target_not_the_forecast(
    seed: ParsedPlan,
) -> None:
    gdp = by_box(seed, "专栏1-1")[0]
    assert gdp.base is not None and gdp.target is not None
    assert (gdp.base.year, gdp.base.value, gdp.base.raw) == (2015, Decimal("257.94"), "257.94")
    assert (gdp.target.year, gdp.target.value, gdp.target.raw) == (2020, Decimal("585"), "585")
    assert gdp.cells[4].raw == "382" and gdp.cells[4].year == 2020  # the 2020 forecast stays in cells
    assert gdp.growth is None


def test_the_14th_plan_table_takes_the_2025_column_as_target_and_reads_growth(seed: ParsedPlan) -> None:
    gdp = by_box(seed, "专栏2-1")[0]
    assert gdp.base is not None and gdp.target is not None and gdp.growth is not None
    assert (gdp.base.year, gdp.base.value) == (2020, Decimal("382"))
    assert (gdp.target.year, gdp.target.value, gdp.target.kind) == (2025, Decimal("545"), CellKind.NUMBER)
    assert (gdp.growth.raw, gdp.growth.value, gdp.growth.kind) == (
        "7.5%左右",
        Decimal("7.5"),
        CellKind.APPROX,
    )


@pytest.mark.parametrize(
    ("box", "name", "column", "raw", "kind", "value", "qualifier"),
    [
        ("专栏1-1", "三次产业结构", 2, "19.4:46.7:33.9", CellKind.STRUCTURE, None, None),
        ("专栏1-1", "国民平均受教育年限", 2, "——", CellKind.NOT_APPLICABLE, None, None),
        ("专栏1-1", "园区规模工业增加值占规模工业增加值比重", 4, "", CellKind.EMPTY, None, None),
        ("专栏1-1", "城镇新增就业人数", 3, "【2.5】", CellKind.CUMULATIVE, Decimal("2.5"), None),
        ("专栏1-1", "城镇建成区绿化覆盖率", 3, ">45.0", CellKind.FLOOR, Decimal("45.0"), None),
        ("专栏1-1", "地表水质达标率", 3, "达到功能区标准", CellKind.QUALITATIVE, None, None),
        ("专栏1-1", "单位GDP能耗", 2, "0.2950", CellKind.NUMBER, Decimal("0.2950"), None),
        ("专栏2-1", "固定资产投资增速", 2, "[17.1]", CellKind.CUMULATIVE, Decimal("17.1"), None),
        ("专栏2-1", "固定资产投资增速", 3, "--", CellKind.NOT_APPLICABLE, None, None),
        ("专栏2-1", "固定资产投资增速", 4, "8以上", CellKind.FLOOR, Decimal("8"), None),
        ("专栏2-1", "规模以上工业增加值增速", 2, "[]", CellKind.PLACEHOLDER, None, None),
        ("专栏2-1", "常住人口城镇化率", 4, "[10]左右", CellKind.CUMULATIVE, Decimal("10"), "approx"),
        ("专栏2-1", "粮食综合生产能力", 4, "保持稳定", CellKind.KEEP_STABLE, None, None),
        ("专栏2-1", "数字经济增加值占GDP比重", 3, "9左右", CellKind.APPROX, Decimal("9"), None),
        ("专栏2-1", "营商环境便利度", 3, "全市领先", CellKind.QUALITATIVE, None, None),
        ("专栏2-1", "单位GDP能源消耗降幅", 3, "下达目标", CellKind.ASSIGNED, None, None),
        ("专栏2-1", "城镇居民人均可支配收入", 4, "与经济增长同步", CellKind.RELATIVE, None, None),
        ("专栏2-1", "农村居民人均可支配收入", 4, "略高于经济增速", CellKind.RELATIVE, None, None),
        ("专栏2-1", "城镇调查失业率", 3, "5以内", CellKind.CEILING, Decimal("5"), None),
        ("专栏2-1", "每千人医院卫生院床位数", 4, "", CellKind.EMPTY, None, None),
    ],
)
def test_seed_cells_are_typed(
    seed: ParsedPlan,
    box: str,
    name: str,
    column: int,
    raw: str,
    kind: CellKind,
    value: Decimal | None,
    qualifier: str | None,
) -> None:
    (indicator,) = [i for i in by_box(seed, box) if i.name == name]
    cell = indicator.cells[column]
    assert (cell.raw, cell.kind, cell.value, cell.qualifier) == (raw, kind, value, qualifier)


def test_structure_cells_keep_their_parts(seed: ParsedPlan) -> None:
    (structure,) = [i for i in by_box(seed, "专栏1-1") if i.name == "三次产业结构"]
    assert structure.cells[4].parts == (Decimal("17.8"), Decimal("39.8"), Decimal("42.4"))


def test_rows_without_any_target_are_reported_not_guessed(seed: ParsedPlan) -> None:
    reported = {(p.line, p.field) for p in seed.problems}
    assert (497, "目标值") in reported  # 每千人医院卫生院床位数: all three value cells empty
    assert (377, "2020年基期值") in reported  # 规模以上工业增加值增速: [] placeholder


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("地区生产总值（亿元）", ("地区生产总值", "亿元")),
        ("高新技术产业增加值占GDP比重(%)", ("高新技术产业增加值占GDP比重", "%")),
        ("单位GDP能耗（吨标煤/万元）", ("单位GDP能耗", "吨标煤/万元")),
        ("城乡居民收入比", ("城乡居民收入比", None)),
        ("三次产业结构", ("三次产业结构", None)),
    ],
)
def test_units_come_from_the_names_parentheses(name: str, expected: tuple[str, str | None]) -> None:
    assert split_unit(name) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("预期性", Attribute.EXPECTED),
        ("约束性", Attribute.BINDING),
        ("约束", Attribute.BINDING),
        ("属 性", None),
    ],
)
def test_attributes(raw: str, expected: Attribute | None) -> None:
    assert parse_attribute(raw) == expected


SMALL_TABLE = """第一章 总体要求

\t表1 “十四五”主要指标

\t类别
\t指标名称
\t2020年
\t2025年目标
\t年均增长
\t属性

\t经济发展
\t地区生产总值（亿元）
\t261
\t380
\t7%左右
\t预期性

\t
\t研发经费投入强度(%)
\t
\t**
\t
\t预期性

\t绿色生态
\t森林覆盖率（%）
\t45
\t保持稳定
\t--
\t约束性
"""


def test_a_table_titled_biao_with_a_plain_year_header_is_an_indicator_table() -> None:
    plan = parse_text(SMALL_TABLE)
    assert [i.name for i in plan.indicators] == ["地区生产总值", "研发经费投入强度", "森林覆盖率"]
    gdp, rnd, forest = plan.indicators
    assert gdp.box == "表1" and gdp.table_title == "“十四五”主要指标"
    assert (
        gdp.base is not None and gdp.base.year == 2020 and gdp.target is not None and gdp.target.year == 2025
    )
    assert rnd.category == "经济发展"  # filled down from the row above
    assert rnd.target is not None and rnd.target.kind is CellKind.PLACEHOLDER
    assert forest.target is not None and forest.target.kind is CellKind.KEEP_STABLE
    assert any("占位符" in p.reason for p in plan.problems)


def test_a_table_without_indicator_columns_is_not_an_indicator_table() -> None:
    text = "\t项目\n\t地点\n\n\t体育馆\n\t新城\n\n\t图书馆\n\t老城\n"
    assert parse_text(text).indicators == ()
