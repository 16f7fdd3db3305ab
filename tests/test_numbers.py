"""Numbers as plans write them: Chinese and Arabic numerals, amounts with units, ranges.

Every value is an exact Decimal. Examples in prose come from the real seed plan (新建区
“十四五”规划纲要，征求意见2稿).
"""

from __future__ import annotations

import contextlib
import itertools
import random
from decimal import Decimal, localcontext

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.document import numbers
from planwatch.document.numbers import (
    Amount,
    NumberError,
    find_amounts,
    find_ranges,
    parse_amount,
    parse_decimal,
    parse_range,
    parse_year,
    to_wan_yuan,
)
from planwatch.services.plans import bundled_plan_path

FAST = settings(max_examples=200, deadline=None, database=None)
SEED_TEXT = bundled_plan_path().read_text(encoding="utf-8")
SEED_LINES = [line for line in SEED_TEXT.split("\n") if line.strip()]
FULLWIDTH = str.maketrans("0123456789.-,%", "０１２３４５６７８９．－，％")


# --- parse_decimal --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("257.94", "257.94"),
        ("１２３", "123"),
        ("２５７．９４", "257.94"),
        ("1,234.5", "1234.5"),
        ("1,234,567", "1234567"),
        ("261 ", "261"),
        (" 7.5\t", "7.5"),
        ("-3.5", "-3.5"),
        ("－3.5", "-3.5"),
        ("+2", "2"),
        ("0", "0"),
        ("0.000001", "0.000001"),
        ("三百二十五", "325"),
        ("一千零五", "1005"),
        ("两万", "20000"),
        ("十", "10"),
        ("十二", "12"),
        ("二十", "20"),
        ("一百零八", "108"),
        ("一百一十", "110"),
        ("三千二百万", "32000000"),
        ("一亿零五百万", "105000000"),
        ("十万零一十", "100010"),
        ("一万亿", "1000000000000"),
        ("零", "0"),
        ("负三", "-3"),
        # the colloquial short forms: a bare last digit counts in the place below
        ("二百五", "250"),
        ("一万五", "15000"),
        ("三千二", "3200"),
        # multipliers after Arabic digits
        ("1.5万", "15000"),
        ("3千万", "30000000"),
        ("2亿", "200000000"),
        ("261 亿", "26100000000"),
        ("1.5万亿", "1500000000000"),
        # decimals in Chinese
        ("零点五", "0.5"),
        ("三点一四", "3.14"),
        ("一点五万", "15000"),
        # 百分之十 is the number of percent, as 8.5% reads 8.5
        ("百分之十", "10"),
        ("百分之十二点五", "12.5"),
        ("千分之五", "5"),
        ("四分之三", "0.75"),
        ("二分之一", "0.5"),
    ],
)
def test_parse_decimal(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


def test_cn2an_bugs_are_not_ours() -> None:
    """cn2an truncates 3.14159万 to 31415 and fails on 1.5万亿; chinese2digits reads 十四五 as 55."""
    assert parse_decimal("3.14159万") == Decimal("31415.9")
    assert str(parse_decimal("3.14159万")) == "31415.9"  # no trailing zeros from the multiplication
    assert parse_decimal("1.5万亿") == Decimal(1_500_000_000_000)
    with pytest.raises(NumberError):
        parse_decimal("十四五")


def test_a_third_is_divided_at_28_digits_whatever_the_callers_context() -> None:
    assert parse_decimal("三分之一") == Decimal(1) / Decimal(3)
    with localcontext() as ctx:
        ctx.prec = 4
        assert parse_decimal("3.14159万") == Decimal("31415.9")
        assert parse_decimal("三分之一") == Decimal("0.3333333333333333333333333333")


def test_as_written_digits_are_kept() -> None:
    assert str(parse_decimal("19979.00")) == "19979.00"


@pytest.mark.parametrize(
    "text",
    [
        "十四五",  # a period name, not 145 or 55
        "十三五",
        "",
        "   ",
        "**",
        "abc",
        "1,2",
        "1，234",  # the Chinese comma separates clauses, never thousands
        "1.2.3",
        "1e5",
        "五零",
        "二〇三五",  # a year is parse_year's business
        "万",
        "十百",
        "一百十",
        "三分之",
        "零分之一",
        "百分之",
        "--5",
        "1" * 41,
    ],
)
def test_parse_decimal_rejects(text: str) -> None:
    with pytest.raises(NumberError):
        parse_decimal(text)


def test_number_error_is_a_value_error() -> None:
    assert issubclass(NumberError, ValueError)


_CN_DIGITS = "零一二三四五六七八九"


def _render_group(n: int) -> str:
    """1..9999 the standard way: zeros between digits read as one 零, none at the end."""
    out, zero = "", False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit == 0:
            zero = zero or bool(out)
            continue
        out += ("零" if zero else "") + _CN_DIGITS[digit] + unit
        zero = False
    return out


def render_chinese(n: int) -> str:
    """A reference renderer for 0..99_999_999: 万 groups, 零 before a short low group, 一十 → 十."""
    if n == 0:
        return "零"
    high, low = divmod(n, 10_000)
    text = _render_group(high) + "万" if high else ""
    if low:
        text += ("零" if high and low < 1000 else "") + _render_group(low)
    return "十" + text[2:] if text.startswith("一十") else text


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (10, "十"),
        (15, "十五"),
        (105, "一百零五"),
        (1005, "一千零五"),
        (100010, "十万零一十"),
        (20300, "二万零三百"),
    ],
)
def test_the_reference_renderer(n: int, text: str) -> None:
    assert render_chinese(n) == text


@FAST
@given(st.integers(min_value=0, max_value=99_999_999))
def test_chinese_integers_round_trip(n: int) -> None:
    assert parse_decimal(render_chinese(n)) == n


@FAST
@given(st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False, allow_infinity=False))
def test_decimals_round_trip_half_and_full_width(value: Decimal) -> None:
    text = format(value, "f")
    assert parse_decimal(text) == value
    assert parse_decimal(text.translate(FULLWIDTH)) == value


@FAST
@given(st.integers(min_value=0, max_value=10**15))
def test_thousands_separators(n: int) -> None:
    assert parse_decimal(f"{n:,}") == n


# --- parse_year -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["2035", "2035年", "２０３５", "二〇三五", "二0三五", "二O三五", "二零三五", "二〇三五年", " 2035 年 "],
)
def test_parse_year(text: str) -> None:
    assert parse_year(text) == 2035


@pytest.mark.parametrize(
    "text", ["", "35", "20350", "二〇三", "两〇三五", "十四五", "0000", "3035", "2035年底"]
)
def test_parse_year_rejects(text: str) -> None:
    with pytest.raises(NumberError):
        parse_year(text)


# --- parse_amount ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value", "unit", "base_value", "base_unit", "qualifier"),
    [
        ("25亿元", "25", "亿元", "250000", "万元", None),
        ("约1.7亿元", "1.7", "亿元", "17000", "万元", "approx"),
        ("3000万元", "3000", "万元", "3000", "万元", None),
        ("42502元", "42502", "元", "4.2502", "万元", None),
        ("1.5万亿元", "1.5", "万亿元", "150000000", "万元", None),
        ("5万美元", "5", "万美元", "5", "万美元", None),
        ("295.86亩", "295.86", "亩", "295.86", "亩", None),
        ("6821.25平方米", "6821.25", "平方米", "10.231875", "亩", None),
        ("10万平方米", "10", "万平方米", "150", "亩", None),
        ("7000㎡", "7000", "平方米", "10.5", "亩", None),
        ("37万m2", "37", "万平方米", "555", "亩", None),
        ("2公顷", "2", "公顷", "30", "亩", None),
        ("1千公顷", "1", "千公顷", "15000", "亩", None),
        ("15平方公里", "15", "平方公里", "22500", "亩", None),
        ("192.2公里", "192.2", "公里", "192.2", "公里", None),
        ("3千米", "3", "公里", "3", "公里", None),
        ("460米", "460", "米", "0.46", "公里", None),
        ("4.95万千瓦", "4.95", "万千瓦", "4.95", "万千瓦", None),
        ("5000KW", "5000", "千瓦", "0.5", "万千瓦", None),
        ("50MW", "50", "MW", "5", "万千瓦", None),
        ("100兆瓦", "100", "MW", "10", "万千瓦", None),
        ("2X100MW", "200", "MW", "20", "万千瓦", None),  # one 200 MW capacity, not a 100MW plant
        ("2×100MW", "200", "MW", "20", "万千瓦", None),
        ("3亿千瓦时", "3", "亿千瓦时", "30000", "万千瓦时", None),
        ("600万吨", "600", "万吨", "6000000", "吨", None),
        ("500千克", "500", "千克", "0.5", "吨", None),
        ("3万吨标准煤", "3", "万吨标煤", "30000", "吨标煤", None),
        ("150万立方米", "150", "万立方米", "1500000", "立方米", None),
        ("1.2亿斤", "1.2", "亿斤", "120000000", "斤", None),
        ("8.5%", "8.5", "%", "8.5", "%", None),
        ("８．５％左右", "8.5", "%", "8.5", "%", "approx"),
        ("7.62‰", "7.62", "‰", "7.62", "‰", None),
        ("2个百分点", "2", "个百分点", "2", "个百分点", None),
        ("百分之十", "10", "%", "10", "%", None),
        ("5000亩", "5000", "亩", "5000", "亩", None),
        ("20万人", "20", "万人", "200000", "人", None),
        ("6000万只", "6000", "万只", "60000000", "只", None),
        ("二十余栋", "20", "栋", "20", "栋", "floor"),
        ("500万人次", "500", "万人次", "5000000", "人次", None),
        ("8以上", "8", None, None, None, "floor"),
        ("5以内", "5", None, None, None, "ceiling"),
        ("超过545亿元", "545", "亿元", "5450000", "万元", "floor"),
        ("不超过5%", "5", "%", "5", "%", "ceiling"),
        ("不低于20亿元", "20", "亿元", "200000", "万元", "floor"),
        ("控制在5%以内", "5", "%", "5", "%", "ceiling"),
        ("控制在2.0左右", "2.0", None, None, None, "approx"),  # the word after is the more specific
        ("拟投资20亿元", "20", "亿元", "200000", "万元", "plan"),
        ("18个月", "18", "个月", None, None, None),  # a duration: read, but of no dimension
        ("2025年", "2025", "年", None, None, None),
        ("5万", "50000", None, None, None, None),
        ("三分之一", str(Decimal(1) / Decimal(3)), None, None, None, None),
        ("-3.5%", "-3.5", "%", "-3.5", "%", None),
    ],
)
def test_parse_amount(
    text: str,
    value: str,
    unit: str | None,
    base_value: str | None,
    base_unit: str | None,
    qualifier: str | None,
) -> None:
    amount = parse_amount(text)
    assert (amount.value, amount.unit, amount.base_unit, amount.qualifier) == (
        Decimal(value),
        unit,
        base_unit,
        qualifier,
    )
    assert amount.base_value == (None if base_value is None else Decimal(base_value))
    assert amount.raw == text.strip() == text[amount.start : amount.end]


def test_parse_amount_quotes_the_raw_text_without_surrounding_spaces() -> None:
    amount = parse_amount("  约1.7亿元 ")
    assert (amount.raw, amount.start, amount.end) == ("约1.7亿元", 2, 8)


@pytest.mark.parametrize(
    "text", ["", "**", "**%", "亿元", "约", "25亿元xyz", "3000元/平方米", "十四五", "[10]"]
)
def test_parse_amount_rejects(text: str) -> None:
    with pytest.raises(NumberError):
        parse_amount(text)


def test_every_base_unit_is_a_unit_of_factor_one() -> None:
    bases = {unit.base for unit in numbers._UNITS.values() if unit.base is not None}
    for base in bases:
        amount = parse_amount(f"7{base}")
        assert (amount.unit, amount.base_unit, amount.base_value) == (base, base, Decimal(7)), base


@pytest.mark.parametrize(
    ("text", "wan_yuan"),
    [
        ("1.7亿元", "17000"),
        ("3000万元", "3000"),
        ("42502元", "4.2502"),
        ("5千元", "0.5"),
        ("1.5万亿元", "150000000"),
        ("5万美元", None),  # dollars are not yuan
        ("300亩", None),
        ("8.5%", None),
        ("5万", None),
    ],
)
def test_to_wan_yuan(text: str, wan_yuan: str | None) -> None:
    assert to_wan_yuan(parse_amount(text)) == (None if wan_yuan is None else Decimal(wan_yuan))


# --- ranges ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("5-7", "5", "7", None),
        ("2～3", "2", "3", None),
        ("2~3", "2", "3", None),
        ("5至7", "5", "7", None),
        ("5 - 7", "5", "7", None),
        ("三至五", "3", "5", None),
        ("10-15万", "100000", "150000", None),  # the 万 written once applies to both ends
        ("10-15万吨", "10", "15", "万吨"),
        ("10万-15万吨", "10", "15", "万吨"),
        ("1.5-2亿元", "1.5", "2", "亿元"),
        ("5-7家", "5", "7", "家"),
        ("5%-7%", "5", "7", "%"),
        ("7.5%～8%", "7.5", "8", "%"),
        ("2-3年", "2", "3", "年"),
    ],
)
def test_parse_range(text: str, low: str, high: str, unit: str | None) -> None:
    r = parse_range(text)
    assert (r.low, r.high, r.unit) == (Decimal(low), Decimal(high), unit)
    assert r.raw == text == text[r.start : r.end]


@pytest.mark.parametrize("text", ["", "5", "7-5", "5-5", "5-", "-7", "5%-7家", "3-2栋", "5-7家xyz", "十四五"])
def test_parse_range_rejects(text: str) -> None:
    with pytest.raises(NumberError):
        parse_range(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2025年，培育5-7家具有竞争力的大数据•云计算产业新兴龙头", [("5-7家", "5", "7", "家")]),
        ("力争汽车及汽车零部件产业营业收入突破300亿元，培育2～3家主业突出", [("2～3家", "2", "3", "家")]),
        ("申报2-3项省级非遗名录", [("2-3项", "2", "3", "项")]),
        ("2016-2020年，新建区共签约引进重大项目超300个", []),  # years are not a range of amounts
        ("专栏3-2：新一代信息技术产业发展重点及项目支撑", []),
        ("租赁工控云创港3-2栋厂房", []),  # a building number
        ("每年3至4季花海建设工作", []),
    ],
)
def test_find_ranges(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    found = find_ranges(text)
    assert [(r.raw, r.low, r.high, r.unit) for r in found] == [
        (raw, Decimal(low), Decimal(high), unit) for raw, low, high, unit in expected
    ]
    assert all(text[r.start : r.end] == r.raw for r in found)


# --- find_amounts ---------------------------------------------------------------------------
def _found(text: str) -> list[tuple[str, Decimal, str | None, str | None, Decimal | None]]:
    amounts = find_amounts(text)
    assert all(text[a.start : a.end] == a.raw for a in amounts)
    return [(a.raw, a.value, a.unit, a.qualifier, a.base_value) for a in amounts]


def _spec(
    *rows: tuple[str, str, str, str | None, str],
) -> list[tuple[str, Decimal, str, str | None, Decimal]]:
    return [(raw, Decimal(v), unit, q, Decimal(base)) for raw, v, unit, q, base in rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "项目计划总投资约1.7亿元，打造专业汽车行业MES系统",
            _spec(("约1.7亿元", "1.7", "亿元", "approx", "17000")),
        ),
        (
            "3、南昌维科产业园：江西维科技术有限公司建设投资，项目总投资30亿元，占地面积295.86亩，"
            "主要建设二十余栋研发中心、宿舍和厂房等，新建年产6000万只锂离子电池的生产线。",
            _spec(
                ("30亿元", "30", "亿元", None, "300000"),
                ("295.86亩", "295.86", "亩", None, "295.86"),
                ("二十余栋", "20", "栋", "floor", "20"),
                ("6000万只", "6000", "万只", None, "60000000"),
            ),
        ),
        (
            "1、传统能源项目：新昌电厂二期2X100MW扩建项目；新昌电厂600万吨煤炭储运项目",
            _spec(("2X100MW", "200", "MW", None, "20"), ("600万吨", "600", "万吨", None, "6000000")),
        ),
        (
            "推进新昌电厂2×100MW二期扩建项目和600万吨煤炭储运项目",
            _spec(("2×100MW", "200", "MW", None, "20"), ("600万吨", "600", "万吨", None, "6000000")),
        ),
        (
            "新建区昌邑昌北集中式风电项目，项目单位为中电建水电开发集团有限公司，建设规模4.95万千瓦；",
            _spec(("4.95万千瓦", "4.95", "万千瓦", None, "4.95")),
        ),
        (
            "力争地区生产总值超过545亿元，年均增速维持在7.5%左右；投资质量明显提升，固定资产投资年均增速在8%以上。",
            _spec(
                ("超过545亿元", "545", "亿元", "floor", "5450000"),
                ("7.5%左右", "7.5", "%", "approx", "7.5"),
                ("8%以上", "8", "%", "floor", "8"),
            ),
        ),
        ("城镇调查失业率控制在5%以内", _spec(("控制在5%以内", "5", "%", "ceiling", "5"))),
        ("城乡居民收入差距控制在2.0左右", []),  # no unit, no amount
        ("到2025年，全区高速公路里程达到192.2公里", _spec(("192.2公里", "192.2", "公里", None, "192.2"))),
        ("到 2025 年，地区生产总值达到 261 亿元", _spec(("261 亿元", "261", "亿元", None, "2610000"))),
        ("“十四五”期间规模以上工业增加值年均增速8.5%左右", _spec(("8.5%左右", "8.5", "%", "approx", "8.5"))),
        (
            "车有限公司新能源研发中心建设项目：项目占地面积6821.25平方米，总建筑面积8815.41平方米",
            _spec(
                ("6821.25平方米", "6821.25", "平方米", None, "10.231875"),
                ("8815.41平方米", "8815.41", "平方米", None, "13.223115"),
            ),
        ),
        (
            "启动实施望城新区5000亩土地、42万平方米房屋征迁收储",
            _spec(("5000亩", "5000", "亩", None, "5000"), ("42万平方米", "42", "万平方米", None, "630")),
        ),
        ("高标准完成15平方公里的九望新城规划设计", _spec(("15平方公里", "15", "平方公里", None, "22500"))),
        ("年营业收入不低于20亿元人民币", _spec(("不低于20亿元", "20", "亿元", "floor", "200000"))),
        ("拟选择南昌市不少于100所中小学", _spec(("不少于100所", "100", "所", "floor", "100"))),
        (
            "项目一期约投资50亿元，用地约780亩",
            _spec(
                ("约投资50亿元", "50", "亿元", "approx", "500000"), ("约780亩", "780", "亩", "approx", "780")
            ),
        ),
        ("总建筑面积约37万m2左右", _spec(("约37万m2左右", "37", "万平方米", "approx", "555"))),
        ("总工程量约为8.9万平米", _spec(("约为8.9万平米", "8.9", "万平方米", "approx", "133.5"))),
        ("装机容量共5000KW", _spec(("5000KW", "5000", "千瓦", None, "0.5"))),
        ("接待人次突破500万人次", _spec(("突破500万人次", "500", "万人次", "floor", "5000000"))),
        (
            "按照城市社区每一万人、农村社区每五千人",
            _spec(("一万人", "1", "万人", None, "10000"), ("五千人", "5000", "人", None, "5000")),
        ),
        ("第一产业比重下降1.6个百分点", _spec(("1.6个百分点", "1.6", "个百分点", None, "1.6"))),
        ("人口自然增长率7.62‰", _spec(("7.62‰", "7.62", "‰", None, "7.62"))),
        ("项目总投资19979.00万元", _spec(("19979.00万元", "19979.00", "万元", None, "19979"))),
        (
            "年产值达15亿元，年纳税超5000万元",
            _spec(("15亿元", "15", "亿元", None, "150000"), ("超5000万元", "5000", "万元", "floor", "5000")),
        ),
        ("出口增长-3.5%", _spec(("-3.5%", "-3.5", "%", None, "-3.5"))),
        ("可为附近区域提供约3000余个就业岗位", _spec(("约3000余个", "3000", "个", "approx", "3000"))),
        ("实际利用外资分别由2016的22020万美元", _spec(("22020万美元", "22020", "万美元", None, "22020"))),
    ],
)
def test_find_amounts_in_plan_sentences(
    text: str, expected: list[tuple[str, Decimal, str, str | None, Decimal]]
) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "到2025年，到 2025 年，2020年可达，二〇三五年远景目标",  # years
        "民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",  # 十四五, an ordinal
        "“十四五”时期，“十三五”期间",
        "1、南昌乾照光电基地（二期）；（2）生物质能发电项目；3.新建项目",  # item numbers
        "建设周期为18个月，预计2022年底建成，每年3至4季",  # durations
        "实际利用外资额达到**亿美元，研发投入占比达到**%",  # placeholders
        "规划产能为2000万只/月，房价3000元/平方米",  # rates
        "坚持“四个全面”战略布局，做到“两个维护”",  # slogans
        "一张蓝图绘到底，打造一批龙头企业，精密光学零件，零就业家庭",
        "PM2.5浓度，5G基站，G20峰会，工业4.0人才",
        "专栏3-2：新一代信息技术产业，租赁工控云创港3-2栋厂房",
        "培育5-7家龙头企业",  # a range, reported by find_ranges
        "城乡居民收入差距控制在2.0左右，营业收入超5亿",  # no unit
    ],
)
def test_find_amounts_ignores(text: str) -> None:
    assert find_amounts(text) == []


def test_find_amounts_quotes_full_width_text_by_its_own_offsets() -> None:
    text = "项目总投资２５亿元，用地约３００亩，增速８．５％左右。"
    amounts = find_amounts(text)
    assert [(a.raw, a.value, a.qualifier) for a in amounts] == [
        ("２５亿元", Decimal(25), None),
        ("约３００亩", Decimal(300), "approx"),
        ("８．５％左右", Decimal("8.5"), "approx"),
    ]
    assert all(text[a.start : a.end] == a.raw for a in amounts)


def test_find_amounts_on_the_whole_seed_plan() -> None:
    amounts = find_amounts(SEED_TEXT)
    assert len(amounts) > 400
    assert all(SEED_TEXT[a.start : a.end] == a.raw for a in amounts)
    assert all(a.unit is not None and a.base_unit is not None and a.base_value is not None for a in amounts)
    assert not any(a.unit in ("年", "月", "个月", "日", "天") for a in amounts)
    assert all(x.end <= y.start for x, y in itertools.pairwise(amounts))  # in order, disjoint
    money = [a for a in amounts if to_wan_yuan(a) is not None]
    assert Decimal(250000) in {to_wan_yuan(a) for a in money}  # 南昌乾照光电基地, 总投资25亿元


# --- never anything but NumberError ---------------------------------------------------------
def _exercise(text: str) -> None:
    for amount in find_amounts(text):
        assert isinstance(amount, Amount)
        assert text[amount.start : amount.end] == amount.raw
    for r in find_ranges(text):
        assert text[r.start : r.end] == r.raw and r.low < r.high
    for parse in (parse_decimal, parse_year, parse_amount, parse_range):
        with contextlib.suppress(NumberError):
            parse(text)


@FAST
@given(st.text(max_size=200))
def test_arbitrary_text_raises_only_number_error(text: str) -> None:
    _exercise(text)


number_alphabet = st.sampled_from(
    list("0123456789０１２.．,，-－～~至到万亿千百十一二两三四五六七八九零〇点分之")
    + list("年个亩%％‰元米MWX×约超以上左右余 “”/第")
)


@FAST
@given(st.text(alphabet=number_alphabet, max_size=40))
def test_number_shaped_noise_raises_only_number_error(text: str) -> None:
    _exercise(text)


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEED_LINES), st.randoms(use_true_random=False), number_alphabet)
def test_mutated_seed_lines_raise_only_number_error(line: str, rnd: random.Random, char: str) -> None:
    chars = list(line)
    for _ in range(rnd.randint(1, 4)):
        position = rnd.randint(0, len(chars))
        if chars and rnd.random() < 0.3:
            del chars[min(position, len(chars) - 1)]
        else:
            chars.insert(position, char if rnd.random() < 0.5 else rnd.choice("0123456789万亿.-%"))
    _exercise("".join(chars))
