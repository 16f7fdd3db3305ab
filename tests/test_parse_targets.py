"""Targets and facts of the prose: the seed read by a planner, and small plans in other styles.

The seed's expectations below were written from reading the draft, line by line, not from running
the extractor: what a planner would list as a quantified commitment (or a 十三五 result), and what
only looks like one (durations, thresholds in names, slogans, tallies, project items).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.errors import PlanwatchError
from planwatch.model import ParsedPlan, Target, TargetKind
from tests.helpers import parse_text

G, FL, CE, AP, CU, LV, RG = (
    TargetKind.GROWTH,
    TargetKind.FLOOR,
    TargetKind.CEILING,
    TargetKind.APPROX,
    TargetKind.CUMULATIVE,
    TargetKind.LEVEL,
    TargetKind.RANGE,
)
CO = TargetKind.COUNT

# line, subject, value ("5-7" for a range), unit, kind, qualifier, year as stated
SEED_TARGETS = [
    (319, "地区生产总值", "545", "亿元", FL, "floor", None),
    (319, "地区生产总值", "7.5", "%", G, "approx", None),  # 年均增速维持在7.5%左右: subject from before
    (319, "固定资产投资", "8", "%", G, "floor", None),
    (319, "社会消费品零售总额", "200", "亿元", LV, None, None),
    (319, "常住人口城镇化率", "67.5", "%", LV, None, None),
    (321, "进出口总额", "7.5", "%", G, None, None),
    (323, "城镇建成区绿化覆盖率", "45", "%", AP, "approx", None),
    (327, "城镇调查失业率", "5", "%", CE, "ceiling", None),
    (519, "规模以上工业增加值", "8.5", "%", G, "approx", None),
    (519, "全区规模以上工业营业收入", "1000", "亿元", FL, "floor", 2025),
    (519, "规模以上工业企业户数", "260", "家", FL, "floor", 2025),
    (527, "三大主导产业产值", "750", "亿元", FL, "floor", 2025),
    (529, "汽车及汽车零部件产业营业收入", "300", "亿元", FL, "floor", 2025),
    (529, "大型整车企业", "2-3", "家", RG, None, 2025),
    (544, "新一代信息技术产业主营业收入", "150", "亿元", LV, None, 2025),
    (544, "AR/VR产业规模", "8", "亿元", LV, None, 2025),
    (544, "电子信息产业营业收入", "80", "亿元", FL, "floor", 2025),
    (569, "机电装备制造业营业收入", "300", "亿元", FL, "floor", 2025),
    (590, "全区绿色食品产业营业收入", "150", "亿元", FL, "floor", 2025),
    (633, "印刷包装产业营业收入", "100", "亿元", FL, "floor", 2025),
    (646, "亿元以上技改项目", "20", "个", CU, None, 2025),  # 累计新增
    (646, "省级两化深度融合示范企业", "10", "家", FL, "floor", 2025),
    (654, "服务型制造示范企业（平台）", "3", "家", FL, "floor", 2023),
    (654, "服务型制造示范企业（平台）", "5", "家", FL, "floor", 2025),
    (657, "全区服务业增加值", "300", "亿元", FL, "floor", 2025),
    (667, "电子商务龙头企业", "10", "个", FL, "floor", 2025),
    (713, "百亩以上蔬菜基地", "45", "家", LV, None, 2025),
    (713, "蔬菜播种面积", "12", "万亩", LV, None, 2025),
    (713, "蔬菜总产量", "17", "万吨", LV, None, 2025),
    (728, "特种水产养殖量", "3.5", "万吨", FL, "floor", 2025),
    (743, "市级现代乡村特色产业园", "15", "个", AP, "approx", 2025),
    (747, "全区数字经济增加值", "35", "%", G, "floor", 2025),
    (747, "数字经济对GDP增长的贡献率", "40", "%", FL, "floor", 2025),
    (753, "大数据•云计算产业新兴龙头企业", "5-7", "家", RG, None, 2025),
    (753, "大数据产业规模", "70", "亿元", LV, None, 2025),
    (755, "轻资产企业", "100", "家", FL, "floor", 2025),
    (755, "国内知名电商企业及配套企业", "200", "家", FL, "floor", 2025),
    (755, "电商交易额", "500", "亿元", LV, None, 2025),
    (760, "国家级技术创新中心", "1", "家", LV, None, 2025),
    (760, "省级科技创新平台", "5", "家", LV, None, 2025),  # 建成…，5家…: the verb carries over
    (763, "瞪羚企业", "5", "家", FL, "floor", 2025),
    (765, "数字经济领域职业技能型人才", "500", "个", LV, None, 2025),
    (773, "“赣服通”新建分厅特色民生服务事项", "50", "项", FL, "floor", 2025),
    (794, "开发区主营业务收入", "1000", "亿元", FL, "floor", 2025),  # 跨入千亿元体量
    (810, "全区研发经费支出占GDP比重", "2.4", "%", AP, "approx", 2025),
    (818, "全区高新技术企业数量", "180", "家", LV, None, 2025),
    (818, "技术合同成交额", "8", "亿元", LV, None, 2025),
    (852, "“一次办”和“网上办”", "90", "%", FL, "floor", 2025),
    (942, "居住人口", "20", "万人", LV, None, None),
    (1098, "全区市级及以上农业产业化龙头企业", "135", "家", LV, None, 2025),
    (1226, "省级非遗名录", "2-3", "项", RG, None, 2025),
    (1254, "接待人次", "500", "万人次", FL, "floor", 2025),
    (1290, "空气质量优良天数比例", "90", "%", FL, "floor", 2025),
    (1294, "地表水质量达到或好于Ⅲ类水体比例", "85", "%", FL, "floor", 2025),
    (1323, "森林覆盖率", "25", "%", AP, "approx", 2025),
    (1347, "生活垃圾无害化处理率", "98", "%", FL, "floor", 2025),  # 专栏8-3, not a project box
    (1349, "餐饮外卖领域不可降解一次性塑料餐具消耗强度", "30", "%", CU, None, 2025),
    (1391, "城镇调查失业率", "3.5", "%", CE, "ceiling", 2025),
    (1404, "学前教育毛入园率", "95", "%", FL, "floor", 2025),
    (1409, "高中阶段毛入学率", "96", "%", LV, None, 2025),
    (1412, "残疾儿童少年入学率", "95", "%", FL, "floor", 2025),
    (1501, "社区生活服务中心", "2-3", "个", RG, None, None),
    (1517, "全区高速公路里程", "192.2", "公里", LV, None, 2025),
    (1517, "普通国省干线公路里程", "333.2", "公里", LV, None, 2025),
    (1521, "县道三级及以上公路比例", "75", "%", FL, "floor", 2025),
    (1574, "全区农田有效灌溉面积", "98", "%", LV, None, 2025),
]

# line, subject, value, unit, kind, year as stated ("any": a growth over 2016–2020, year not pinned)
SEED_FACTS = [
    (12, "地区生产总值", "7.3", "%", G, "any"),
    (12, "地区生产总值", "382", "亿元", LV, 2020),
    (12, "财政总收入", "10.3", "%", G, "any"),
    (12, "财政总收入", "85", "亿元", LV, 2020),
    (12, "规模以上工业增加值", "7.3", "%", G, "any"),
    (12, "全社会固定资产投资", "11.8", "%", G, "any"),
    (12, "社会消费品零售总额", "16.1", "%", G, "any"),
    (12, "城镇居民人均可支配收入", "42502", "元", LV, 2020),
    (12, "农村居民可人均支配收入", "20967", "元", LV, 2020),  # the draft's word order, as written
    (12, "城镇居民人均可支配收入", "6.6", "%", G, "any"),  # 年均增长分别为6.6%和7.1%
    (12, "农村居民可人均支配收入", "7.1", "%", G, "any"),
    (13, "第一产业比重", "1.6", "个百分点", CU, "any"),
    (13, "第三产业比重", "8.5", "个百分点", CU, "any"),
    (14, "亿元以上项目", "100", "个", FL, "any"),
    (14, "10亿元以上项目", "60", "个", FL, "any"),
    (14, "100亿元以上项目", "5", "个", FL, "any"),  # after ；the list runs on
    (
        14,
        "重点建设项目",
        "104",
        "个",
        CO,
        2020,
    ),  # 开工104个: a counted action (was level before count existed)
    (14, "完成投资", "312", "亿元", LV, 2020),
    (15, "乡镇党政内设机构", "30.4", "%", CU, "any"),
    (16, "县道三级标准以上公路", "60", "%", AP, "any"),
    (16, "棚改任务", "5530", "套", LV, 2020),
    (17, "集中式饮用水源水质达标率", "100", "%", LV, "any"),
    (18, "零就业家庭就业率", "100", "%", LV, "any"),
    (18, "贫困人口", "12349", "名", LV, "any"),
    (267, "新建区GDP", "375", "亿", LV, 2019),  # 2019新建区GDP为375亿: a unit only half written
]

# line, text: looks quantified, is not a target or a fact
SEED_NOT_TARGETS = [
    (9, "一百年"),  # 两个一百年: a slogan
    (14, "120亿元"),  # 投资120亿元的绿地国际商品贸易港: an attribute inside a name
    (14, "22020万美元"),  # a 2016 base in 由…上升到…
    (16, "15平方公里"),  # 15平方公里的九望新城
    (267, "294"),  # 赶超294个亿: a comparison
    (311, "五张"),  # “海昏文化、…南矶观鸟”五张文旅名片: a tally of the five just named
    (555, "20项"),  # an item of the project box 专栏3-2
    (648, "10亿元"),  # 10亿元级企业
    (684, "2个"),  # 西山…、溪霞…等2个特色小镇: tally
    (723, "150亩"),  # 连片面积150亩以上油茶高产示范基地: threshold in a name
    (743, "5年"),  # 力争用5年左右时间: a duration
    (765, "30余所"),  # 毗邻30余所高校: a description
    (835, "10条"),  # “人才10条”: a policy's name
    (879, "30条"),  # “优化营商环境30条”
    (956, "61.01公里"),  # 专栏6-1 重大建设项目
    (1015, "六个"),  # 西山镇、…大塘坪乡等六个乡镇: tally
    (1048, "2400万元"),  # 专栏6-2 project
    (1084, "30年"),  # 再延长30年: duration
    (1196, "15分钟"),  # 15分钟便民生活圈
    (1250, "五张"),
    (1294, "1000吨"),  # 日供水1000吨或服务人口10000人以上的供水工程: thresholds
    (1294, "10000人"),
    (1305, "90%"),  # 专栏8-1 环境治理保护重点工程: a works box (the prose at line 1290 says it)
    (1404, "2000人"),  # 常住人口2000人以上行政村幼儿园
    (1458, "30分钟"),
    (1501, "万人"),  # 每一万人口: a norm, not a target
    (1513, "1小时"),
    (1521, "100%"),  # “四个100%”
    (1529, "3000吨"),  # 3000吨级航道
    (1529, "2处"),  # 龙头岗港区锚地和樵舍港区锚地等2处锚地: tally
    (1533, "两个"),  # 新建区客运站、昌北机场客运站两个…场站: tally
    (1607, "100MW"),  # 新昌电厂2×100MW二期扩建项目: a project's name
    (1607, "600万吨"),  # 600万吨煤炭储运项目
    (1611, "110KV"),  # voltage of a facility
]


def _value(t: Target) -> str | None:
    if t.value_min is not None:
        return f"{t.value_min}-{t.value_max}"
    return None if t.value is None else str(t.value)


def _find(items: tuple[Target, ...], line: int, subject: str, value: str) -> Target:
    found = [t for t in items if t.line == line and t.subject == subject and _value(t) == value]
    assert len(found) == 1, (line, subject, value, [(t.subject, _value(t)) for t in items if t.line == line])
    return found[0]


@pytest.mark.parametrize(("line", "subject", "value", "unit", "kind", "qualifier", "year"), SEED_TARGETS)
def test_seed_targets(
    seed: ParsedPlan,
    line: int,
    subject: str,
    value: str,
    unit: str,
    kind: TargetKind,
    qualifier: str | None,
    year: int | None,
) -> None:
    target = _find(seed.targets, line, subject, value)
    assert (target.unit, target.kind, target.qualifier, target.year) == (unit, kind, qualifier, year)
    assert target.year_implied == (2025 if year is None else None)


@pytest.mark.parametrize(("line", "subject", "value", "unit", "kind", "year"), SEED_FACTS)
def test_seed_facts(
    seed: ParsedPlan, line: int, subject: str, value: str, unit: str, kind: TargetKind, year: int | str | None
) -> None:
    fact = _find(seed.facts, line, subject, value)
    assert (fact.unit, fact.kind) == (unit, kind)
    if year != "any":
        assert fact.year == year


@pytest.mark.parametrize(("line", "text"), SEED_NOT_TARGETS)
def test_seed_non_targets_do_not_come_out(seed: ParsedPlan, line: int, text: str) -> None:
    assert not [t.quote for t in (*seed.targets, *seed.facts) if t.line == line and text in t.quote]


def test_seed_counts(seed: ParsedPlan) -> None:
    assert 90 <= len(seed.targets) <= 110
    assert 30 <= len(seed.facts) <= 50


def test_every_quote_is_verbatim_and_holds_subject_and_value(seed: ParsedPlan, seed_lines: list[str]) -> None:
    for item in (*seed.targets, *seed.facts):
        assert item.quote in seed_lines[item.line - 1], item
        assert item.subject in item.quote, item
        assert item.value_raw and item.value_raw in item.quote, item
        if item.unit:
            assert item.unit in item.quote, item
        assert item.section_id is not None, item


def test_ids_follow_document_order(seed: ParsedPlan) -> None:
    assert [t.id for t in seed.targets] == [f"G{i:03d}" for i in range(1, len(seed.targets) + 1)]
    assert [t.id for t in seed.facts] == [f"F{i:03d}" for i in range(1, len(seed.facts) + 1)]
    assert [t.line for t in seed.targets] == sorted(t.line for t in seed.targets)


def test_results_of_the_last_period_are_facts_not_targets(seed: ParsedPlan) -> None:
    # Chapter 1 until its 2035 outlook holds no target; no fact lies past it.
    assert not [t for t in seed.targets if t.line < 281]
    assert not [t for t in seed.facts if t.line > 281]


def test_tables_and_project_items_are_left_to_their_parsers(seed: ParsedPlan) -> None:
    lines = {t.line for t in (*seed.targets, *seed.facts)}
    assert not lines & set(range(22, 257))  # 专栏1-1
    assert not lines & set(range(331, 511))  # 专栏2-1
    project_lines = {n for p in seed.projects for n in range(p.line, p.last_line + 1)}
    assert not lines & project_lines


def test_values_keep_their_digits(seed: ParsedPlan) -> None:
    road = _find(seed.targets, 1517, "全区高速公路里程", "192.2")
    assert road.value == Decimal("192.2")
    assert road.quote == "全区高速公路里程达到192.2公里"
    assert road.value_raw == "192.2"
    thousand = _find(seed.targets, 794, "开发区主营业务收入", "1000")
    assert thousand.value_raw == "千"
    assert thousand.quote == "开发区主营业务收入跨入千亿元"


def test_growth_subject_and_quote_reach_back_to_the_aggregate(seed: ParsedPlan) -> None:
    growth = _find(seed.targets, 319, "地区生产总值", "7.5")
    assert growth.quote == "地区生产总值超过545亿元，年均增速维持在7.5%左右"
    industry = _find(seed.targets, 519, "规模以上工业增加值", "8.5")
    assert industry.quote == "规模以上工业增加值年均增速8.5%左右"


def test_ranges_carry_both_ends(seed: ParsedPlan) -> None:
    firms = _find(seed.targets, 753, "大数据•云计算产业新兴龙头企业", "5-7")
    assert (firms.value, firms.value_min, firms.value_max) == (None, Decimal(5), Decimal(7))
    assert firms.quote.startswith("5-7家") and firms.quote.endswith("龙头企业")


def test_directions_where_stated(seed: ParsedPlan) -> None:
    assert _find(seed.targets, 810, "全区研发经费支出占GDP比重", "2.4").direction == "上升"
    assert _find(seed.targets, 1391, "城镇调查失业率", "3.5").direction == "下降"
    assert _find(seed.targets, 1349, "餐饮外卖领域不可降解一次性塑料餐具消耗强度", "30").direction == "下降"
    assert _find(seed.facts, 13, "第三产业比重", "8.5").direction == "上升"
    assert _find(seed.targets, 1517, "全区高速公路里程", "192.2").direction is None


def test_placeholders_come_out_without_a_value_and_with_a_problem(seed: ParsedPlan) -> None:
    for line, subject, unit in [
        (321, "全社会研发投入占地区生产总值比重", "%"),
        (321, "实际利用外资额", "亿美元"),
        (323, "空气质量优良天数比例", "%"),
        (323, "地表水达到或好于III类水体比例", "%"),
    ]:
        target = next(t for t in seed.targets if t.line == line and t.subject == subject)
        assert (target.value, target.unit, target.value_raw) == (None, unit, "**")
        problem = next(p for p in seed.problems if p.line == line and subject in p.reason)
        assert problem.field == "目标值"
        assert "占位符" in problem.reason and "尚未填写" in problem.reason
    # The draft's unfilled 2020 results are defects too, reported as such.
    placeholders = [p for p in seed.problems if p.field == "实际值" and p.line == 14]
    assert [p.raw for p in placeholders] == ["***万美元", "**万美元", "**亿元"]


def test_a_number_without_unit_is_read_and_reported(seed: ParsedPlan) -> None:
    gap = next(t for t in seed.targets if t.line == 327 and t.subject == "城乡居民收入差距")
    assert (gap.value, gap.unit, gap.kind, gap.qualifier) == (Decimal("2.0"), None, AP, "approx")
    assert any(p.line == 327 and p.field == "单位" for p in seed.problems)


# --- plans of other offices ----------------------------------------------------------------

WORK_REPORT = """2024年政府工作报告

一、2023年工作回顾
过去一年，全区地区生产总值增长5.2%，达到1260亿元；城镇新增就业1.2万人。

二、2024年主要预期目标
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；城镇调查失业率控制在5.5%以内；居民消费价格涨幅3%左右；粮食产量稳定在45万吨以上；单位地区生产总值能耗降低2.5%左右；一般公共预算收入增长**%。

三、2024年重点工作
（一）扩大有效投资。全年实施重点项目300个以上，完成投资不少于500亿元。
"""


def _by_subject(items: tuple[Target, ...]) -> dict[str, Target]:
    return {t.subject: t for t in items}


def test_work_report_expected_targets_list() -> None:
    plan = parse_text(WORK_REPORT)
    targets = _by_subject(plan.targets)
    assert (targets["地区生产总值"].kind, targets["地区生产总值"].qualifier) == (G, "approx")
    assert targets["地区生产总值"].value == Decimal(6)
    assert (targets["城镇调查失业率"].kind, targets["城镇调查失业率"].value) == (CE, Decimal("5.5"))
    assert (targets["居民消费价格"].kind, targets["居民消费价格"].qualifier) == (G, "approx")
    assert (targets["粮食产量"].value, targets["粮食产量"].unit, targets["粮食产量"].kind) == (
        Decimal(45),
        "万吨",
        FL,
    )
    assert targets["单位地区生产总值能耗"].direction == "下降"
    assert targets["一般公共预算收入"].value is None
    assert (targets["重点项目"].value, targets["重点项目"].kind) == (Decimal(300), FL)
    assert (targets["完成投资"].value, targets["完成投资"].unit) == (Decimal(500), "亿元")
    assert any(p.field == "目标值" and "一般公共预算收入" in p.reason for p in plan.problems)
    # The review of last year is facts, however its sentences are built.
    assert [(t.subject, t.value, t.kind) for t in plan.facts] == [
        ("全区地区生产总值", Decimal("5.2"), G),
        ("全区地区生产总值", Decimal(1260), LV),
        ("城镇新增就业", Decimal("1.2"), LV),
    ]
    assert not [t for t in plan.targets if t.line == 4]


CN_HEADINGS = """某某市交通运输发展“十四五”规划

一、发展回顾
过去五年，全市公路总里程达到5200公里，新增高速公路120公里。

二、发展目标
到2025年，全市高速公路里程突破800公里，实现“县县通高速”；农村公路优良中等路率达到85%以上。到2035年，基本建成“123出行交通圈”，人均公路里程达到6公里。
（一）提升枢纽能级。建设3000吨级航道60公里，打造15分钟生活圈。培育交通运输龙头企业5-8家。实施“1+6+1”工程。
（二）完善路网。推进A线、B线、C线3条国道改造，规划建设110千伏变电站2座。力争用3年时间完成。公交分担率提高5个百分点。
"""


def test_sector_plan_with_chinese_list_headings() -> None:
    plan = parse_text(CN_HEADINGS)
    targets = _by_subject(plan.targets)
    assert set(targets) == {
        "全市高速公路里程",
        "农村公路优良中等路率",
        "人均公路里程",
        "3000吨级航道",
        "交通运输龙头企业",
        "110千伏变电站",
        "公交分担率",
    }
    assert targets["全市高速公路里程"].year == 2025
    assert targets["农村公路优良中等路率"].year == 2025  # the year of a list run on with ；
    assert targets["人均公路里程"].year == 2035
    assert (targets["3000吨级航道"].value, targets["3000吨级航道"].unit) == (Decimal(60), "公里")
    assert targets["110千伏变电站"].value == Decimal(2)  # two substations; 110千伏 is their kind
    assert (targets["交通运输龙头企业"].value_min, targets["交通运输龙头企业"].value_max) == (
        Decimal(5),
        Decimal(8),
    )
    assert (targets["公交分担率"].kind, targets["公交分担率"].unit) == (CU, "个百分点")
    facts = _by_subject(plan.facts)
    assert (facts["高速公路"].value, facts["高速公路"].kind) == (Decimal(120), CU)
    assert facts["全市公路总里程"].value == Decimal(5200)


PDF_TEXT = """某某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要

第一章 发展基础
“十三五”期间，全县地区生产总值年均增长 7.8 %，2020 年达到 182 亿元。到 2025 年，全县生产总值达到 261 亿元。

第二章 主要目标
到 2025 年，地区生产总值达到 261 亿元，年均增长 7 % 左右；城镇居民人均可支配收入达到 5.2 万元；
森林覆盖率保持在 63.5 % 以上，单位地区生产总值能耗五年累计下降 14 %。
“十三五”期间，全县城镇化率提高 6.2 个百分点。
"""


def test_numbers_spaced_out_by_pdf_extraction() -> None:
    plan = parse_text(PDF_TEXT)
    lines = PDF_TEXT.split("\n")
    gdp = next(t for t in plan.targets if t.line == 7 and t.subject == "地区生产总值" and t.unit == "亿元")
    assert (gdp.value, gdp.year, gdp.quote) == (Decimal(261), 2025, "地区生产总值达到 261 亿元")
    growth = next(t for t in plan.targets if t.line == 7 and t.unit == "%")
    assert (growth.kind, growth.qualifier, growth.value) == (G, "approx", Decimal(7))
    income = next(t for t in plan.targets if t.subject == "城镇居民人均可支配收入")
    assert (income.value, income.unit, income.year) == (Decimal("5.2"), "万元", 2025)
    energy = next(t for t in plan.targets if t.subject == "单位地区生产总值能耗")
    assert (energy.kind, energy.direction, energy.year_implied) == (CU, "下降", 2025)
    # A 2025 sentence in the results chapter is a target; a 十三五 sentence in the goals chapter a fact.
    assert [t.line for t in plan.targets if t.line == 4] == [4]
    assert {(t.line, t.value) for t in plan.facts} == {
        (4, Decimal("7.8")),
        (4, Decimal(182)),
        (9, Decimal("6.2")),
    }
    for item in (*plan.targets, *plan.facts):
        assert item.quote in lines[item.line - 1]


def test_bad_values_come_out_with_problems_never_invented() -> None:
    plan = parse_text(
        "第一章 主要目标\n到2025年，全区财政总收入达到**亿元，培育规上企业X个，人均收入差距控制在2.5左右。\n"
    )
    targets = _by_subject(plan.targets)
    assert (targets["全区财政总收入"].value, targets["全区财政总收入"].unit) == (None, "亿元")
    assert (targets["规上企业"].value, targets["规上企业"].unit) == (None, "个")
    assert (targets["人均收入差距"].value, targets["人均收入差距"].unit) == (Decimal("2.5"), None)
    fields = sorted(p.field for p in plan.problems if p.line == 2)
    assert fields == ["单位", "目标值", "目标值"]


def test_no_period_no_year_guessing() -> None:
    plan = parse_text("工作要点\n力争全年新增就业5000人，引进企业20家以上。\n")
    assert [(t.subject, t.year, t.year_implied) for t in plan.targets] == [
        ("就业", None, None),
        ("企业", None, None),
    ]


prose_alphabet = st.sampled_from(
    list(
        "到2025年，力争达到突破超过控制在以内以上左右约年均增长累计新增培育"
        + "家个亿元万吨%*X“”、；。0123456789.-～ 的级"
    )
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=prose_alphabet, max_size=200))
def test_commitment_shaped_noise_never_crashes_and_quotes_stay_verbatim(text: str) -> None:
    source = "第一章 主要目标\n" + text
    try:
        plan = parse_text(source)
    except PlanwatchError:
        return  # our own errors (an empty file) are allowed out
    lines = source.split("\n")
    unnamed = {p.line for p in plan.problems if p.field == "目标主语"}
    for item in (*plan.targets, *plan.facts):
        assert item.quote and item.quote in lines[item.line - 1]
        # A growth target whose sentence names no subject is kept, and reported as such.
        assert (item.subject and item.subject in item.quote) or item.line in unnamed
