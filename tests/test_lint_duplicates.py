"""Repeated text: a clause copied within one chapter or between two boxes, an item listed twice
in a row, one project in two boxes. The later occurrence is reported, pointing at the first.

Short set phrases (坚持以人民为中心), a goal echoed in another chapter, a box restating the
body, and generic project names (光伏发电项目) are repeated by design.
"""

from __future__ import annotations

import pytest

from planwatch.model import FindingKind, Severity
from tests.lint_helpers import FIRST, assert_in_place, line_of, lint_text, of_rule, only, prose

CLAUSE = "全力打造工业物联网智能制造生态产业链"


# --- repeated-sentence ---------------------------------------------------------------------------
def test_a_clause_copied_within_one_chapter() -> None:
    text = prose(
        f"加快发展数字经济，{CLAUSE}，推动产业转型升级。",
        f"强化创新引领，{CLAUSE}，培育新兴产业集群。",
    )
    findings = lint_text(text)
    finding = only(findings, "repeated-sentence")
    assert (finding.line, finding.lines, finding.evidence) == (FIRST + 1, (FIRST, FIRST + 1), CLAUSE)
    assert finding.column == len("强化创新引领，")
    assert (finding.kind, finding.severity) == (FindingKind.DUPLICATE, Severity.WARNING)
    assert finding.message == f"“{CLAUSE}”与第{FIRST}行重复"
    assert_in_place(text, findings)


def test_a_run_of_two_clauses_copied_within_one_paragraph() -> None:
    run = "建设区、乡（镇）、村（社区）三级公共文化服务体系，推动公共文化服务标准化均等化发展"
    text = prose(f"完善公共文化设施，{run}；提升服务效能，{run}。")
    findings = of_rule(lint_text(text), "repeated-sentence")
    # Reported once, at the first clause of the copied run.
    assert [(f.evidence, f.message) for f in findings] == [
        (
            "建设区、乡（镇）、村（社区）三级公共文化服务体系",
            "“建设区、乡（镇）、村（社区）三级公共文化服务体系”与本段前文重复",
        )
    ]
    assert findings[0].column == text.split("\n")[FIRST - 1].rindex(run)
    assert_in_place(text, findings)


def test_a_clause_copied_between_two_boxes() -> None:
    text = (
        "第一章 产业发展\n\n专栏1-1：数字经济发展重点\n\n"
        f"加快建设数字产业园，{CLAUSE}。\n\n"
        "专栏1-2：先进制造业发展重点\n\n"
        f"推进企业智能化改造，{CLAUSE}。\n"
    )
    finding = only(lint_text(text), "repeated-sentence")
    assert (finding.line, finding.lines) == (
        line_of(text, "推进企业"),
        (line_of(text, "加快建设"), finding.line),
    )


@pytest.mark.parametrize(
    "text",
    [
        # set phrases
        prose("坚持以人民为中心，推动高质量发展。", "坚持以人民为中心，增进民生福祉。"),
        # parallel sentences of one paragraph share one clause
        prose(f"一是{CLAUSE}，推动电子信息产业壮大；二是{CLAUSE}，推动装备制造业升级。"),
        # another chapter echoes the goal
        prose(f"加快发展数字经济，{CLAUSE}。")
        + f"\n第二章 城市建设\n\n第一节 城市品质\n\n{CLAUSE}，形成集聚效应。\n",
        # a box restates the body
        prose(f"加快发展数字经济，{CLAUSE}。") + f"\n专栏1-1：数字经济发展重点\n\n{CLAUSE}，形成集聚效应。\n",
    ],
)
def test_repeats_by_design_are_not_reported(text: str) -> None:
    assert of_rule(lint_text(text), "repeated-sentence") == []


# --- repeated-list-item --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("paragraph", "evidence", "item"),
    [
        ("建设礼步湖大道、礼步湖大道、龙兴大街等道路。", "礼步湖大道、礼步湖大道", "礼步湖大道"),
        ("实施S416（石岗至筱岭）工程、S417（望城镇-省庄村）工程、S417（望城镇-省庄村）工程。",
         "S417（望城镇-省庄村）工程、S417（望城镇-省庄村）工程", "S417（望城镇-省庄村）工程"),
    ],
)  # fmt: skip
def test_an_item_listed_twice_in_a_row(paragraph: str, evidence: str, item: str) -> None:
    text = prose(paragraph)
    findings = lint_text(text)
    finding = only(findings, "repeated-list-item")
    assert (finding.line, finding.evidence, finding.column) == (FIRST, evidence, paragraph.find(evidence))
    assert (finding.kind, finding.severity) == (FindingKind.DUPLICATE, Severity.ERROR)
    assert finding.message == f"列举中“{item}”连续出现了两次"
    assert_in_place(text, findings)


@pytest.mark.parametrize(
    "paragraph",
    [
        "建设城市公园、社区公园、口袋公园等公园绿地。",
        "推进礼步湖大道、龙兴大街、礼步湖大道延伸段建设。",
        "实施乡村振兴、乡村振兴示范带建设。",  # the second is a longer name
    ],
)
def test_different_items_are_not_repeats(paragraph: str) -> None:
    assert of_rule(lint_text(prose(paragraph)), "repeated-list-item") == []


# --- repeated-project ----------------------------------------------------------------------------
PROJECTS = (
    "第一章 产业发展\n\n专栏1-1：数字经济发展项目支撑\n\n"
    "1、江西科骏·国际AR/VR科创城项目\n总投资20亿元，建设AR/VR产业园区。\n"
    "2、南昌市5G+VR智慧教育示范应用项目\n总投资5亿元。\n"
    "3、光伏发电项目\n总投资3亿元。\n\n"
    "第二章 城市建设\n\n专栏2-1：重大建设项目\n\n"
    "1、国际AR/VR科创城项目\n总投资20亿元，建设AR/VR产业园区。\n"
    "2、光伏发电项目\n总投资4亿元。\n"
)


def test_one_project_listed_in_two_boxes() -> None:
    findings = lint_text(PROJECTS)
    finding = only(findings, "repeated-project")
    first, later = line_of(PROJECTS, "江西科骏"), line_of(PROJECTS, "1、国际AR/VR")
    assert (finding.line, finding.lines, finding.evidence) == (later, (first, later), "国际AR/VR科创城项目")
    assert (finding.kind, finding.severity) == (FindingKind.DUPLICATE, Severity.ERROR)
    assert (
        finding.message
        == f"项目“国际AR/VR科创城项目”与第{first}行的“江西科骏·国际AR/VR科创城项目”是同一项目，重复列入"
    )
    assert_in_place(PROJECTS, findings)


def test_the_copied_description_of_a_repeated_project_is_not_reported_again() -> None:
    assert of_rule(lint_text(PROJECTS), "repeated-sentence") == []


def test_generic_project_names_are_not_one_project() -> None:
    assert [f.evidence for f in of_rule(lint_text(PROJECTS), "repeated-project")] == ["国际AR/VR科创城项目"]
