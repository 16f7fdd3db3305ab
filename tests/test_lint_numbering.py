"""Numbering: chapters and sections in one style, lists without gaps or repeats, box numbers
that follow their chapter, item numbers with their separator.

A list is judged among the siblings of one parent in one numbering style; a list that
starts again at 1 is a new list, not a defect.
"""

from __future__ import annotations

import pytest

from planwatch.model import FindingKind, Severity
from tests.lint_helpers import assert_in_place, line_of, lint_text, only


def _lines(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def _numbering(text: str) -> list[tuple[int, str, str]]:
    return [(f.line, f.rule, f.evidence) for f in lint_text(text) if f.kind is FindingKind.NUMBERING]


ACHIEVEMENTS = (
    "第一章 发展基础",
    "",
    "第一节 发展成就",
    "",
    "（一）综合实力稳步提升",
    "1、经济总量扩大。",
    "2、产业结构优化。",
    "3、城乡面貌改善。",
    "（二）改革开放深入推进",
    "1、深化改革。",
    "2、扩大开放。",
    "",
    "第二节 面临形势",
    "",
    "第二章 总体要求",
    "",
    "第一节 指导思想",
    "",
    "专栏2-1：主要指标",
    "",
    "专栏2-2：重点工程",
    "",
)


def test_a_well_numbered_outline_has_no_numbering_findings() -> None:
    assert _numbering(_lines(*ACHIEVEMENTS)) == []


def _replace(lines: tuple[str, ...], old: str, new: str) -> str:
    assert old in lines
    return _lines(*(new if line == old else line for line in lines))


@pytest.mark.parametrize(
    ("old", "new", "rule", "severity", "evidence", "message"),
    [
        ("第二章 总体要求", "第2章 总体要求", "chapter-number-style", Severity.ERROR, "第2章",
         "“第2章”与其他章的编号方式不一致，应使用汉字（如“第二章”）"),
        ("第二节 面临形势", "第2节 面临形势", "section-number-style", Severity.ERROR, "第2节",
         "“第2节”与其他节的编号方式不一致，应使用汉字（如“第二节”）"),
        ("3、城乡面貌改善。", "4、城乡面貌改善。", "list-number-skipped", Severity.ERROR, "4、",
         "编号“4、”接在第7行“2、”之后，应为第3项"),
        ("3、城乡面貌改善。", "2、城乡面貌改善。", "list-number-repeated", Severity.ERROR, "2、",
         "编号“2、”与第7行重复"),
        ("（二）改革开放深入推进", "（三）改革开放深入推进", "list-number-skipped", Severity.ERROR, "（三）",
         "编号“（三）”接在第5行“（一）”之后，应为第2项"),
        ("专栏2-1：主要指标", "专栏3-1：主要指标", "box-chapter-mismatch", Severity.ERROR, "专栏3-1",
         "“专栏3-1”位于第2章（第15行），编号应为“专栏2-…”"),
        ("专栏2-2：重点工程", "专栏2-3：重点工程", "box-number-skipped", Severity.WARNING, "专栏2-3",
         "“专栏2-3”之前本章的专栏编号到2-1为止，缺少中间的编号"),
        ("专栏2-2：重点工程", "专栏2-1：重点工程", "box-number-repeated", Severity.ERROR, "专栏2-1",
         "“专栏2-1”与第19行的专栏编号重复"),
        ("3、城乡面貌改善。", "3.城乡面貌改善。", "item-separator-mixed", Severity.WARNING, "3.",
         "序号“3.”的标点与同一列表的其他项（“、”）不一致"),
        ("3、城乡面貌改善。", "3城乡面貌改善。", "item-number-glued", Severity.ERROR, "3城乡",
         "序号“3”后缺少“、”，与正文连在一起"),
    ],
)  # fmt: skip
def test_one_numbering_slip_gives_one_finding(
    old: str, new: str, rule: str, severity: Severity, evidence: str, message: str
) -> None:
    text = _replace(ACHIEVEMENTS, old, new)
    findings = lint_text(text)
    finding = only(findings, rule)
    assert (finding.line, finding.evidence, finding.message) == (line_of(text, new), evidence, message)
    assert (finding.kind, finding.severity) == (FindingKind.NUMBERING, severity)
    assert [f for f in findings if f.kind is FindingKind.NUMBERING] == [finding]
    assert_in_place(text, findings)


def test_a_list_starting_above_1() -> None:
    text = _lines("第一章 发展基础", "", "第一节 发展成就", "", "（2）培育新动能。", "（3）壮大新产业。")
    finding = only(lint_text(text), "list-number-start")
    assert (finding.line, finding.evidence, finding.severity) == (5, "（2）", Severity.ERROR)
    assert finding.message == "编号从“（2）”开始，前面没有第1项"


def test_a_number_out_of_order_after_a_longer_run() -> None:
    text = _lines(
        "第一章 发展基础", "", "第一节 发展成就", "", "（一）综合实力稳步提升",
        "1、深化改革。", "2、扩大开放。", "3、优化环境。", "2、强化保障。",
    )  # fmt: skip
    finding = only(lint_text(text), "list-number-order")
    assert (finding.line, finding.evidence) == (9, "2、")
    assert finding.message == "编号“2、”接在第8行“3、”之后，应为第4项"


@pytest.mark.parametrize(
    "lines",
    [
        # a list restarting at 1 under the next heading, and under the same one
        ACHIEVEMENTS,
        ("第一章 发展基础", "", "第一节 发展成就", "",
         "1、深化改革。", "2、扩大开放。", "1、加强保障。", "2、优化服务。"),
        # a box's numbers restart in every chapter
        ("第一章 发展基础", "", "专栏1-1：主要指标", "",
         "第二章 总体要求", "", "专栏2-1：主要指标", "", "专栏2-2：重点工程"),
        # parenthesised and plain lists side by side are two lists
        ("第一章 发展基础", "", "第一节 发展成就", "",
         "1、深化改革。", "（1）推进国企改革。", "（2）深化财税改革。", "2、扩大开放。"),
        # every item with the same separator
        ("第一章 发展基础", "", "专栏1-1：重点项目", "",
         "1.交通路网建设项目", "2.水电气配套设施项目", "3.学校医院项目"),
    ],
)  # fmt: skip
def test_well_numbered_lists_are_not_reported(lines: tuple[str, ...]) -> None:
    assert _numbering(_lines(*lines)) == []


def test_a_box_of_projects_numbered_in_two_styles_reports_only_the_odd_one() -> None:
    text = _lines(
        "第一章 重大项目", "", "专栏1-1：九望新城重大建设项目", "",
        "1、交通路网建设项目", "2、水电气配套设施项目", "3.学校、医院社会服务项目",
        "4、公园绿地项目", "5打造特色小镇项目",
    )  # fmt: skip
    assert _numbering(text) == [
        (7, "item-separator-mixed", "3."),
        (9, "item-number-glued", "5打造"),
    ]
