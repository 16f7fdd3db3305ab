"""Wrong words official writing is known for (错别字), each in the narrow context where the
wrong one is almost never right; units and years missing a character; a district plan that
speaks of its 全县.
"""

from __future__ import annotations

import pytest

from planwatch.model import FindingKind, Severity
from tests.lint_helpers import FIRST, assert_in_place, lint_text, of_rule, only, prose

DISTRICT = "新建区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n"
COUNTY = "新建县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n"


@pytest.mark.parametrize(
    ("paragraph", "evidence", "wrong", "right"),
    [
        ("面对复杂形式，保持战略定力。", "复杂形式", "形式", "形势"),
        ("准确把握国际形式深刻变化。", "国际形式", "形式", "形势"),
        ("不断提升城市品味。", "城市品味", "品味", "品位"),
        ("提升文旅质量和品味。", "质量和品味", "品味", "品位"),
        ("加强部门配和，形成工作合力。", "配和", "配和", "配合"),
        ("支持企业在科创版上市。", "科创版", "科创版", "科创板"),
        ("实现主营业收入500亿元。", "主营业收入", "主营业收入", "主营业务收入"),
        ("积极参与多变贸易合作。", "多变贸易", "多变", "多边"),
        ("依次为依托，打造产业平台。", "依次为依托", "依次", "以此"),
        ("完善主干道、次干道和之路网络。", "次干道和之路", "之路", "支路"),
        ("延320国道布局物流园区。", "延", "延", "沿"),
        ("加强原始创新和继承创新。", "继承创新", "继承创新", "集成创新"),
        ("截止2020年底，全区完成造林1万亩。", "截止", "截止", "截至"),
    ],
)
def test_a_known_confusion(paragraph: str, evidence: str, wrong: str, right: str) -> None:
    text = prose(paragraph)
    findings = lint_text(text)
    finding = only(findings, "wrong-word")
    assert (finding.line, finding.evidence, finding.column) == (FIRST, evidence, paragraph.find(evidence))
    assert (finding.kind, finding.severity) == (FindingKind.TYPO, Severity.WARNING)
    assert finding.message == f"“{evidence}”疑为错别字：“{wrong}”应为“{right}”"
    assert_in_place(text, findings)


@pytest.mark.parametrize(
    "paragraph",
    [
        "准确把握国际形势深刻变化，面对复杂严峻的发展形势。",
        "开展形式多样的宣传活动，反对形式主义。",
        "提升城市品位和文化品位。",
        "加强部门配合，推动科创板上市。",
        "实现主营业务收入500亿元。",
        "积极参与多边贸易合作，应对多变的外部环境。",
        "以此为依托，各项目依次推进。",
        "完善主干道、次干道和支路网络，走高质量发展之路。",
        "沿320国道布局物流园区，延长产业链条。",
        "加强原始创新、集成创新和引进消化吸收再创新。",
        "截至2020年底，全区完成造林1万亩；申报截止日期另行通知。",
    ],
)
def test_right_words_are_not_confusions(paragraph: str) -> None:
    assert of_rule(lint_text(prose(paragraph)), "wrong-word") == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "推动赣江沿岸向北延伸生态走廊建设。",
        "推动优秀传统文化继承创新，繁荣发展文化事业。",
        "鼓励发展多种经济形式。",
    ],
)
def test_right_words_inside_a_confusion_pattern(paragraph: str) -> None:
    assert of_rule(lint_text(prose(paragraph)), "wrong-word") == []


@pytest.mark.parametrize(
    ("paragraph", "evidence", "message"),
    [
        (
            "新增城市绿地100多万平方，人均公园绿地面积持续增加。",
            "100多万平方",
            "“100多万平方”缺少单位中的“米”",
        ),
        ("改造老旧小区12万平方。", "12万平方", "“12万平方”缺少单位中的“米”"),
        ("由2016的10亿元增长到2020年的15亿元。", "2016的", "“2016的”中年份后缺少“年”"),
    ],
)
def test_a_unit_or_year_missing_a_character(paragraph: str, evidence: str, message: str) -> None:
    text = prose(paragraph)
    findings = lint_text(text)
    finding = only(findings, "missing-character")
    assert (finding.line, finding.evidence, finding.message) == (FIRST, evidence, message)
    assert (finding.kind, finding.severity) == (FindingKind.TYPO, Severity.WARNING)
    assert_in_place(text, findings)


@pytest.mark.parametrize(
    "paragraph",
    [
        "新增城市绿地100万平方米，建成区面积达到50平方公里。",
        "由2016年的10亿元增长到2020年的15亿元。",
        "建成5G基站2000个，实现千兆网络全覆盖。",
        "增速高于全省平均水平2.5的百分点。",  # not a year
    ],
)
def test_complete_units_and_years_are_not_missing_characters(paragraph: str) -> None:
    assert of_rule(lint_text(prose(paragraph)), "missing-character") == []


def test_a_district_plan_speaking_of_its_county() -> None:
    paragraph = "全县经济社会发展取得显著成效，全区上下团结奋斗。"
    text = DISTRICT + "第一章 发展基础\n\n" + paragraph + "\n"
    findings = lint_text(text)
    finding = only(findings, "wrong-region-level")
    assert (finding.line, finding.evidence, finding.column) == (5, "全县", 0)
    assert (finding.kind, finding.severity) == (FindingKind.TYPO, Severity.WARNING)
    assert finding.message == "本规划是新建区的规划，“全县”应为“全区”"
    assert_in_place(text, findings)


@pytest.mark.parametrize(
    "text",
    [
        COUNTY + "第一章 发展基础\n\n全县经济社会发展取得显著成效。\n",  # a county plan
        DISTRICT + "第一章 发展基础\n\n全区经济社会发展取得显著成效。\n",
        "第一章 发展基础\n\n全县经济社会发展取得显著成效。\n",  # no title: region unknown
    ],
)
def test_the_right_level_or_an_unknown_region_is_not_reported(text: str) -> None:
    assert of_rule(lint_text(text), "wrong-region-level") == []
