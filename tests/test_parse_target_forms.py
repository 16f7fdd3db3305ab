"""Targets in the forms work reports and sector plans write them (issue 15's classes of misses)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.model import ParsedPlan, Target, TargetKind
from tests.helpers import parse_text

PLAN_HEAD = "某市国民经济和社会发展第十四个五年规划纲要\n"


def targets_of(body: str, head: str = PLAN_HEAD) -> list[Target]:
    return list(parse_text(head + body + "\n").targets)


def one(body: str, head: str = PLAN_HEAD) -> Target:
    (target,) = targets_of(body, head)
    return target


def test_respectively_gives_each_listed_item_its_own_value() -> None:
    found = targets_of("单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%。")
    assert [(t.subject, t.value, t.unit, t.direction) for t in found] == [
        ("单位国内生产总值能耗", Decimal("13.5"), "%", "下降"),
        ("二氧化碳排放", Decimal(18), "%", "下降"),
    ]
    assert all(t.kind is TargetKind.CUMULATIVE for t in found)


def test_respectively_with_and_between_the_values() -> None:
    found = targets_of("居民医保和基本公共卫生服务经费人均财政补助标准分别再提高30元和5元。")
    assert [(t.subject, t.value, t.kind) for t in found] == [
        ("居民医保", Decimal(30), TargetKind.INCREMENT),
        ("基本公共卫生服务经费人均财政补助标准", Decimal(5), TargetKind.INCREMENT),
    ]


def test_respectively_without_a_list_takes_the_subjects_before() -> None:
    found = targets_of(
        "城镇居民人均可支配收入达到6万元，农村居民人均可支配收入达到3万元，年均增长分别为6.6%和7.1%。"
    )
    growth = [t for t in found if t.kind is TargetKind.GROWTH]
    assert [(t.subject, t.value) for t in growth] == [
        ("城镇居民人均可支配收入", Decimal("6.6")),
        ("农村居民人均可支配收入", Decimal("7.1")),
    ]


@pytest.mark.parametrize(
    ("body", "subject", "value", "unit"),
    [
        ("新开工改造城镇老旧小区5.3万个。", "城镇老旧小区", "5.3", "万个"),
        ("新建中小学校12所。", "中小学校", "12", "所"),
    ],
)
def test_counted_actions_are_counts(body: str, subject: str, value: str, unit: str) -> None:
    target = one(body)
    assert (target.subject, target.value, target.unit, target.kind) == (
        subject,
        Decimal(value),
        unit,
        TargetKind.COUNT,
    )


def test_a_stock_built_by_then_stays_a_level() -> None:
    target = one("到2025年，建成1家国家级技术创新中心。")
    assert (target.kind, target.value, target.year) == (TargetKind.LEVEL, Decimal(1), 2025)


def test_increments_are_changes_on_top_of_todays_level() -> None:
    target = one("人均预期寿命再提高1岁。")
    assert (target.subject, target.value, target.unit, target.kind, target.direction) == (
        "人均预期寿命",
        Decimal(1),
        "岁",
        TargetKind.INCREMENT,
        "上升",
    )


def test_doubling_is_a_multiple() -> None:
    target = one("到2035年，地区生产总值比2020年翻一番。")
    assert (target.subject, target.value, target.unit, target.kind, target.year) == (
        "地区生产总值",
        Decimal(2),
        "倍",
        TargetKind.DOUBLE,
        2035,
    )
    assert one("人均收入翻两番。").value == Decimal(4)


def test_a_range_with_a_full_width_dash() -> None:
    target = one("地区生产总值年均增长6.5%－7%。")
    assert (target.value_min, target.value_max, target.unit, target.kind) == (
        Decimal("6.5"),
        Decimal(7),
        "%",
        TargetKind.RANGE,
    )


def test_from_base_to_target_keeps_the_target_and_leaves_the_base_out() -> None:
    target = one("劳动年龄人口平均受教育年限从10.23年提高到10.8年。")
    assert (target.subject, target.value, target.unit, target.kind) == (
        "劳动年龄人口平均受教育年限",
        Decimal("10.8"),
        "年",
        TargetKind.LEVEL,
    )
    assert target.quote == "劳动年龄人口平均受教育年限从10.23年提高到10.8年"


def test_years_are_no_target_outside_a_measure_of_years() -> None:
    assert targets_of("落实长江十年禁渔，规划期为5年。") == []


def test_a_red_line_held_is_a_floor() -> None:
    target = one("严守18亿亩耕地红线。")
    assert (target.subject, target.value, target.unit, target.kind) == (
        "耕地红线",
        Decimal(18),
        "亿亩",
        TargetKind.FLOOR,
    )


def test_a_period_after_a_comparison_is_its_base_not_its_time() -> None:
    found = targets_of("较大及以上事故死亡人数较“十二五”下降30%以上，一次死亡人数实现6人（含）以下。")
    assert [(t.subject, t.value, t.unit, t.qualifier) for t in found] == [
        ("较大及以上事故死亡人数", Decimal(30), "%", "floor"),
        ("一次死亡人数", Decimal(6), "人", "ceiling"),
    ]


def test_budget_allocations_are_targets() -> None:
    found = targets_of("今年拟安排地方政府专项债券3.65万亿元。中央预算内投资安排6100亿元。")
    assert [(t.subject, t.value, t.unit) for t in found] == [
        ("地方政府专项债券", Decimal("3.65"), "万亿元"),
        ("中央预算内投资", Decimal(6100), "亿元"),
    ]


WORK_REPORT_NEWS = (
    "3月5日，会议开幕。总理在政府工作报告中表示，2021年，我国国内生产总值达到114万亿元，增长8.1%。"
    "全国财政收入突破20万亿元，增长10.7%。粮食产量1.37万亿斤，创历史新高。"
    "总理提出，今年发展主要预期目标是：国内生产总值增长5.5%左右；城镇新增就业1100万人以上。"
)


def test_a_work_report_tells_last_years_results_from_this_years_targets() -> None:
    plan: ParsedPlan = parse_text(WORK_REPORT_NEWS + "\n")
    assert [(t.subject, t.value) for t in plan.targets] == [
        ("国内生产总值", Decimal("5.5")),
        ("城镇新增就业", Decimal(1100)),
    ]
    # 粮食产量1.37万亿斤 has no verb: neither a target nor a fact, and never a target.
    assert {t.value for t in plan.facts} == {Decimal(114), Decimal("8.1"), Decimal(20), Decimal("10.7")}


def test_a_paragraph_opened_by_the_past_is_results_throughout() -> None:
    plan = parse_text(
        PLAN_HEAD + "过去五年，经济运行总体平稳。国内生产总值从不到70万亿元增加到超过100万亿元。"
        "城镇新增就业超过6000万人。\n"
    )
    assert plan.targets == ()
    assert [t.value for t in plan.facts] == [Decimal(100), Decimal(6000)]


def test_a_report_counting_its_own_indicators_states_no_target() -> None:
    plan = parse_text("纲要提出的20项主要指标中，16项基本符合预期，4项指标滞后预期。\n")
    assert plan.targets == ()


def test_a_work_report_year_comes_from_its_title() -> None:
    plan = parse_text("2025年政府工作报告\n2024年，全县地区生产总值增长6.8%。今年地区生产总值增长6%左右。\n")
    assert [t.value for t in plan.facts] == [Decimal("6.8")]
    assert [t.value for t in plan.targets] == [Decimal(6)]


def test_a_bullet_list_item_with_a_qualifier_is_a_target() -> None:
    plan = parse_text("2023年政府工作报告\n预期目标\n●地区生产总值增长5%以上\n●城镇新增就业110万人以上\n")
    assert [(t.subject, t.value, t.unit, t.qualifier) for t in plan.targets] == [
        ("地区生产总值", Decimal(5), "%", "floor"),
        ("城镇新增就业", Decimal(110), "万人", "floor"),
    ]


def test_a_target_without_a_written_subject_is_kept_and_reported() -> None:
    plan = parse_text(
        PLAN_HEAD + "经济发展进入全新阶段，年均增长6%左右，到2025年，国内生产总值达到3.5万亿元。\n"
    )
    growth = next(t for t in plan.targets if t.kind is TargetKind.GROWTH)
    assert (growth.subject, growth.value, growth.quote) == ("", Decimal(6), "年均增长6%左右")
    assert any(p.field == "目标主语" and "年均增长6%左右" in p.reason for p in plan.problems)


def test_an_annual_plan_reports_last_years_results_as_facts() -> None:
    plan = parse_text(
        "新乡市2024年国民经济和社会发展计划\n"
        "2023年，全市经济总体保持平稳运行。初步核算，全市实现地区生产总值3347.6亿元，增长1.5%；"
        "规模以上工业增加值增长1%。\n"
    )
    assert plan.targets == ()
    assert Decimal(1) in {t.value for t in plan.facts}


def test_growth_in_the_reports_own_year_is_that_years_rate() -> None:
    plan = parse_text(
        "某省政府工作报告\n2023年经济社会发展的主要预期目标是：全省生产总值增长6.5%左右；一般公共预算收入增长7%。\n"
        "到2027年，人均地区生产总值比2022年增长30%。\n"
    )
    assert [(t.subject, t.kind, t.year) for t in plan.targets] == [
        ("全省生产总值", TargetKind.GROWTH, 2023),
        ("一般公共预算收入", TargetKind.GROWTH, 2023),
        ("人均地区生产总值", TargetKind.CUMULATIVE, 2027),
    ]
