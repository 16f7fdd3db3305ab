"""Totals stated in the project boxes against their parts.

A multi-year investment (`三年内完成投资41.81亿元`) must be the sum of the year targets'
investments to the 0.01亿元; the areas listed after 其中 cannot add up to more than the
area they divide; no site area can exceed the project's whole land. Floor areas may.
"""

from __future__ import annotations

import pytest

from planwatch.model import FindingKind, Severity
from tests.lint_helpers import assert_in_place, line_of, lint_text, of_rule, only

BOX = "第一章 重大项目\n\n专栏1-1：九望新城重大建设项目\n\n"


def _scheduled(stated: str, *investments: str) -> str:
    years = "\n".join(
        f"{2021 + i}年目标：开工建设{3 + i}条道路，完成投资{amount}亿元。"
        for i, amount in enumerate(investments)
    )
    return (
        BOX
        + "1、交通路网建设项目\n"
        + f"三年内开工建设23条市政道路，总投资63.69亿元，{stated}。具体三年计划如下：\n"
        + years
        + "\n"
    )


# --- schedule-total ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("stated", "investments", "sums"),
    [
        ("三年内完成投资41.81亿元", ("7.24", "17.48", "17.04"), "7.24+17.48+17.04 = 41.76亿元，少0.05亿元"),
        ("三年内完成建设投资9.3亿元", ("4.87", "4.43", "2.36"), "4.87+4.43+2.36 = 11.66亿元，多2.36亿元"),
        ("累计完成投资20亿元", ("5", "6.5", "8.4"), "5+6.5+8.4 = 19.9亿元，少0.1亿元"),
    ],
)  # fmt: skip
def test_a_period_total_must_be_the_sum_of_the_year_targets(
    stated: str, investments: tuple[str, ...], sums: str
) -> None:
    text = _scheduled(stated, *investments)
    findings = lint_text(text)
    finding = only(findings, "schedule-total")
    assert (finding.line, finding.evidence) == (line_of(text, stated), stated)
    assert (finding.kind, finding.severity) == (FindingKind.INCONSISTENCY, Severity.ERROR)
    assert finding.message == f"“交通路网建设项目”称{stated}，但各年度目标的完成投资合计 {sums}"
    assert finding.lines == tuple(
        sorted({finding.line, *(line_of(text, f"{2021 + i}年目标") for i in range(3))})
    )
    assert_in_place(text, findings)


@pytest.mark.parametrize(
    "text",
    [
        _scheduled("三年内完成投资41.76亿元", "7.24", "17.48", "17.04"),
        _scheduled("三年内完成投资9亿元", "4", "3", "2"),
        _scheduled("总投资20亿元", "5", "6.5", "8.4"),  # no period total to check
        _scheduled("三年内完成投资20亿元", "5"),  # one year is not a schedule
    ],
)
def test_a_matching_or_absent_period_total_is_not_reported(text: str) -> None:
    assert of_rule(lint_text(text), "schedule-total") == []


# --- parts-exceed-total ------------------------------------------------------------------------
def _land(description: str) -> str:
    return BOX + "1、汪山南儒胜地项目\n" + description + "\n"


def test_parts_after_qizhong_cannot_exceed_the_area_they_divide() -> None:
    text = _land("项目总占地面积3400亩，其中核心区108亩、度假区1500亩、农业区1800亩，总投资50亿元。")
    findings = lint_text(text)
    finding = only(findings, "parts-exceed-total")
    assert (finding.line, finding.evidence) == (line_of(text, "其中"), "总占地面积3400亩")
    assert (finding.kind, finding.severity) == (FindingKind.INCONSISTENCY, Severity.ERROR)
    assert finding.message == "“汪山南儒胜地项目”其中各部分 108亩+1500亩+1800亩 = 3408亩，大于总面积3400亩"
    assert_in_place(text, findings)


@pytest.mark.parametrize(
    "description",
    [
        "项目总占地面积3400亩，其中核心区108亩、度假区1500亩、农业区1792亩，总投资50亿元。",
        "项目总占地面积3400亩，其中核心区108亩、度假区1500亩，总投资50亿元。",
        "项目总占地面积3400亩，其中核心区108亩，总投资50亿元。",  # one part says nothing of a sum
    ],
)
def test_parts_within_the_whole_are_not_reported(description: str) -> None:
    assert of_rule(lint_text(_land(description)), "parts-exceed-total") == []


# --- part-exceeds-whole (land) -----------------------------------------------------------------
def test_a_site_area_larger_than_the_whole_land_is_reported_at_the_whole() -> None:
    text = (
        BOX
        + "1、铜源峡造纸与明代宫廷宣纸文化展示区\n"
        + "用地规模约80平方米，考古发掘面积约50万平方米，总投资2亿元。\n"
    )
    findings = lint_text(text)
    finding = only(findings, "part-exceeds-whole")
    assert (finding.line, finding.evidence, finding.column) == (
        line_of(text, "用地规模"),
        "用地规模约80平方米",
        0,
    )
    assert (finding.kind, finding.severity) == (FindingKind.INCONSISTENCY, Severity.ERROR)
    assert finding.message == (
        "“铜源峡造纸与明代宫廷宣纸文化展示区”的用地规模约80平方米（0.12亩）小于其中的面积约50万平方米：部分大于整体"
    )
    assert_in_place(text, findings)


@pytest.mark.parametrize(
    "description",
    [
        "占地面积300亩，总建筑面积40万平方米，总投资10亿元。",  # floor area may exceed the land
        "占地面积300亩，其中厂房建筑面积500亩，总投资10亿元。",
        "用地规模约80万平方米，考古发掘面积约50万平方米，总投资2亿元。",
    ],
)
def test_floor_areas_and_smaller_sites_are_not_parts_exceeding_the_whole(description: str) -> None:
    text = BOX + "1、智能制造产业园项目\n" + description + "\n"
    assert of_rule(lint_text(text), "part-exceeds-whole") == []
