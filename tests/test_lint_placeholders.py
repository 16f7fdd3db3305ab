"""Placeholders: numbers a draft still has to supply, in the prose and in the indicator tables.

`**`, `[]`, `【】`, `X个` and a `%` with no number are errors; an empty value cell where a
value is due is a warning. Notation that a table note explains (`【 】为五年累计数`) and
ordinary numbers with units are not placeholders.
"""

from __future__ import annotations

import pytest

from planwatch.model import FindingKind, Severity
from tests.lint_helpers import FIRST, assert_in_place, line_of, lint_text, of_rule, only, prose, table


@pytest.mark.parametrize(
    ("paragraph", "rule", "evidence"),
    [
        ("全区实现进出口总额**亿美元，实际利用外资稳步增长。", "placeholder-stars", "**亿美元"),
        ("服务业增加值占地区生产总值比重达到**%。", "placeholder-stars", "**%"),
        ("实际利用外资***万美元，外贸依存度不断提高。", "placeholder-stars", "***万美元"),
        ("五年新增城镇就业【】人，转移农村劳动力稳步增加。", "placeholder-brackets", "【】"),
        ("城镇化率提高[ ]个百分点。", "placeholder-brackets", "[ ]"),
        ("引进X个重大项目，重大招商成果不断涌现。", "placeholder-x", "X个"),
        ("培育XX家国家级高新技术企业。", "placeholder-x", "XX家"),
        ("三年内完成投资××亿元。", "placeholder-x", "××亿元"),
        ("全区常住人口城镇化率达到%，城乡融合加快。", "placeholder-percent", "城镇化率达到%"),
    ],
)
def test_a_placeholder_in_the_prose_is_an_error_at_its_place(
    paragraph: str, rule: str, evidence: str
) -> None:
    text = prose(paragraph)
    findings = lint_text(text)
    finding = only(findings, rule)
    assert (finding.line, finding.evidence, finding.column) == (FIRST, evidence, paragraph.find(evidence))
    assert (finding.kind, finding.severity) == (FindingKind.PLACEHOLDER, Severity.ERROR)
    assert evidence in finding.message or rule == "placeholder-percent"
    assert_in_place(text, findings)


def test_the_bare_percent_message_says_the_number_is_missing() -> None:
    finding = only(lint_text(prose("全区常住人口城镇化率达到%。")), "placeholder-percent")
    assert finding.message == "百分号前没有数字"


def test_every_placeholder_of_a_line_is_reported_at_its_own_column() -> None:
    paragraph = "进出口总额达到***万美元和**万美元，税收收入达到**亿元。"
    findings = of_rule(lint_text(prose(paragraph)), "placeholder-stars")
    assert [(f.evidence, f.column) for f in findings] == [
        ("***万美元和", 7),
        ("**万美元", 14),
        ("**亿元", 26),
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "注：【 】为五年累计数。",
        "注：[ ]为五年累计数。",
        "研发经费投入强度达到2.5%，年均增长8%以上。",
        "推进PM2.5和臭氧协同控制，空气质量优良天数比例达到90%。",
        "建设5G基站1000个，打造AR/VR产业集群。",
        "建设2×1万千瓦光伏电站，推进XR技术应用。",
        "城乡居民收入比缩小到2.1:1，恩格尔系数下降。",
        "森林覆盖率保持在28%以上，湿地保护率达到55％。",
    ],
)
def test_numbers_and_explained_notation_are_not_placeholders(paragraph: str) -> None:
    findings = lint_text(prose(paragraph))
    assert [f for f in findings if f.kind is FindingKind.PLACEHOLDER] == []


def test_a_space_before_the_percent_sign_still_has_its_number() -> None:
    assert of_rule(lint_text(prose("全区常住人口城镇化率达到70 %。")), "placeholder-percent") == []


def test_a_note_saying_what_is_inside_the_brackets_is_not_a_placeholder() -> None:
    assert of_rule(lint_text(prose("注：[ ]内为五年累计数。")), "placeholder-brackets") == []


# --- the indicator tables ----------------------------------------------------------------------
def _indicators(*rows: tuple[str, ...]) -> str:
    return "第一章 发展目标\n\n" + table("专栏1-1：“十四五”主要指标", *rows)


@pytest.mark.parametrize("placeholder", ["[]", "**", "【】"])
def test_a_placeholder_cell_names_its_indicator_and_column(placeholder: str) -> None:
    text = _indicators(("综合质效", "规模以上工业增加值增速（%）", placeholder, "8", "--", "预期性"))
    findings = lint_text(text)
    finding = only(findings, "placeholder-cell")
    assert (finding.line, finding.column, finding.evidence) == (
        line_of(text, "\t" + placeholder),
        1,
        placeholder,
    )
    assert (finding.kind, finding.severity) == (FindingKind.PLACEHOLDER, Severity.ERROR)
    assert finding.message == (
        f"指标“规模以上工业增加值增速”的“2020年基期值”是占位符“{placeholder}”，尚未填写"
    )
    assert_in_place(text, findings)


def test_empty_year_cells_are_warnings_without_evidence() -> None:
    text = _indicators(("创新驱动", "研发支出占GDP比重（%）", "", "", "[0.5]", "预期性"))
    findings = of_rule(lint_text(text), "placeholder-empty-cell")
    base_line = line_of(text, "研发支出占GDP比重") + 1
    assert [(f.line, f.evidence, f.column, f.severity) for f in findings] == [
        (base_line, "", None, Severity.WARNING),
        (base_line + 1, "", None, Severity.WARNING),
    ]
    assert findings[0].message == "指标“研发支出占GDP比重”的“2020年基期值”为空，应填写数值或“--”"
    assert "“2025年目标”为空" in findings[1].message


def test_an_empty_growth_cell_is_a_gap_only_when_the_target_is_missing_too() -> None:
    text = _indicators(
        ("民生福祉", "每千人口医疗床位数（张）", "5", "", "", "预期性"),
        ("", "森林覆盖率（%）", "25", "26", "", "约束性"),
    )
    findings = of_rule(lint_text(text), "placeholder-empty-cell")
    first = line_of(text, "每千人口医疗床位数")
    assert [f.line for f in findings] == [first + 2, first + 3]
    assert "“年均增长”为空" in findings[1].message


@pytest.mark.parametrize("cell", ["--", "——", "保持稳定", "下达目标"])
def test_stated_non_values_are_not_empty_cells(cell: str) -> None:
    text = _indicators(("综合质效", "实际利用外资额（亿美元）", cell, cell, "--", "预期性"))
    assert [f for f in lint_text(text) if f.kind is FindingKind.PLACEHOLDER] == []


def test_a_placeholder_inside_a_table_is_reported_once_as_a_cell() -> None:
    text = _indicators(("改革开放", "进出口总额（亿美元）", "**", "12", "--", "预期性"))
    assert [f.rule for f in lint_text(text)] == ["placeholder-cell"]


def test_squares_are_placeholders() -> None:
    assert len(of_rule(lint_text(prose("全区地区生产总值达到□□亿元。")), "placeholder-stars")) == 1


def test_one_placeholder_is_one_finding() -> None:
    findings = lint_text(prose("全区常住人口城镇化率达到XX%。"))
    assert [f.rule for f in findings if f.kind is FindingKind.PLACEHOLDER] == ["placeholder-x"]
