"""Arithmetic of the indicator tables, each finding showing the computation.

Growth must lead from base to target (B·(1+g)^n, within the tolerance), a share's
cumulative change [Δ] must be the difference of its two levels, a structure a:b:c must
sum to 100, and 工业化率 cannot exceed the secondary industry's share beside it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.lint import LintSettings
from planwatch.model import FindingKind, Severity
from tests.lint_helpers import assert_in_place, line_of, lint_text, of_rule, only, table


def _indicators(*rows: tuple[str, ...]) -> str:
    return "第一章 发展目标\n\n" + table("专栏1-1：“十四五”主要指标", *rows)


def _row(name: str, base: str, target: str, growth: str) -> tuple[str, ...]:
    return ("综合质效", name, base, target, growth, "预期性")


# --- growth-mismatch -----------------------------------------------------------------------------
def test_growth_that_does_not_reach_the_target_shows_the_computation() -> None:
    text = _indicators(_row("一般公共预算收入（亿元）", "85", "105", "5%左右"))
    findings = lint_text(text)
    finding = only(findings, "growth-mismatch")
    target_line = line_of(text, "\t105")
    assert (finding.line, finding.column, finding.evidence) == (target_line, 1, "105")
    assert finding.lines == (target_line - 1, target_line, target_line + 1)
    assert (finding.kind, finding.severity) == (FindingKind.INCONSISTENCY, Severity.WARNING)
    assert finding.message == (
        "“一般公共预算收入”：基期85亿元按年均增长5%计算5年后应为108.5亿元，目标为105亿元，相差−3.2%"
        "（由基期到目标的年均增速为4.32%，容差±2%）"
    )
    assert_in_place(text, findings)


@pytest.mark.parametrize(
    ("name", "base", "target", "growth", "fragments"),
    [
        ("城镇居民人均可支配收入（元）", "38000", "50000", "8%", ("应为55834.5元", "相差−10.4%", "5.64%")),
        ("社会消费品零售总额（亿元）", "100", "120", "8%以上", ("应为146.9亿元", "3.71%")),
        ("财政总收入（亿元）", "85", "150", "5%", ("应为108.5亿元", "相差+38.3%")),
        # Real growth excuses a level above the compounding, never one below it.
        ("地区生产总值（亿元）", "382", "500", "7.5%左右", ("应为548.4亿元", "相差−8.8%")),
    ],
)
def test_growth_mismatches(
    name: str, base: str, target: str, growth: str, fragments: tuple[str, ...]
) -> None:
    finding = only(lint_text(_indicators(_row(name, base, target, growth))), "growth-mismatch")
    for fragment in fragments:
        assert fragment in finding.message


@pytest.mark.parametrize(
    ("name", "base", "target", "growth"),
    [
        ("社会消费品零售总额（亿元）", "100", "146", "8%"),  # 146.9: within 2 %
        ("地区生产总值（亿元）", "382", "600", "7.5%左右"),  # real growth, nominal level
        ("规模以上工业增加值（亿元）", "150", "240", "8%"),  # 增加值: real growth too
        ("常住人口城镇化率（%）", "70", "75", "1%"),  # a share: its column states points
        ("财政总收入（亿元）", "85", "保持稳定", "5%"),
        ("财政总收入（亿元）", "85", "110", "--"),
    ],
)
def test_consistent_or_unjudgeable_growth_is_not_reported(
    name: str, base: str, target: str, growth: str
) -> None:
    assert of_rule(lint_text(_indicators(_row(name, base, target, growth))), "growth-mismatch") == []


def test_the_growth_tolerance_is_a_setting() -> None:
    text = _indicators(_row("一般公共预算收入（亿元）", "85", "105", "5%左右"))
    loose = LintSettings(growth_tolerance=Decimal("0.05"))
    assert of_rule(lint_text(text, loose), "growth-mismatch") == []
    tight = LintSettings(growth_tolerance=Decimal("0.01"))
    assert "容差±1%" in only(lint_text(text, tight), "growth-mismatch").message


# --- points-mismatch -----------------------------------------------------------------------------
def test_a_cumulative_change_in_points_must_match_the_two_levels() -> None:
    text = _indicators(_row("常住人口城镇化率（%）", "70", "75", "[3]"))
    findings = lint_text(text)
    finding = only(findings, "points-mismatch")
    assert (finding.line, finding.evidence) == (line_of(text, "\t[3]"), "[3]")
    assert (finding.kind, finding.severity) == (FindingKind.INCONSISTENCY, Severity.WARNING)
    assert finding.message == "“常住人口城镇化率”：由70%到75%变化5个百分点，与所列累计变化“[3]”不符"
    assert finding.lines == (finding.line - 2, finding.line - 1, finding.line)
    assert_in_place(text, findings)


@pytest.mark.parametrize(
    ("base", "target", "growth"),
    [
        ("70", "75", "[5]"),
        ("80", "75", "[5]"),  # a fall, stated by its size
        ("70", "74.6", "[5]左右"),  # 左右 allows half a point
        ("70", "75", "【5】"),
    ],
)
def test_matching_point_changes_are_not_reported(base: str, target: str, growth: str) -> None:
    text = _indicators(_row("常住人口城镇化率（%）", base, target, growth))
    assert of_rule(lint_text(text), "points-mismatch") == []


# --- structure-sum -------------------------------------------------------------------------------
def test_a_structure_must_sum_to_100() -> None:
    text = _indicators(_row("三次产业结构", "10:45:40", "8:45:47", "--"))
    findings = lint_text(text)
    finding = only(findings, "structure-sum")
    assert (finding.line, finding.evidence) == (line_of(text, "\t10:45:40"), "10:45:40")
    assert (finding.kind, finding.severity) == (FindingKind.INCONSISTENCY, Severity.ERROR)
    assert finding.message == "“三次产业结构”2020年基期值的各部分之和 10+45+40 = 95，应为100"
    assert_in_place(text, findings)


@pytest.mark.parametrize("structure", ["9:50:41", "9.9:50.1:40.1", "19.4:46.7:33.9"])
def test_a_structure_summing_to_100_within_rounding_is_not_reported(structure: str) -> None:
    text = _indicators(_row("三次产业结构", structure, "8:45:47", "--"))
    assert of_rule(lint_text(text), "structure-sum") == []


# --- part-exceeds-whole --------------------------------------------------------------------------
def test_industrialisation_cannot_exceed_the_secondary_share_of_its_column() -> None:
    text = _indicators(
        _row("三次产业结构", "10:45:45", "8:45:47", "--"),
        _row("工业化率（%）", "48", "40", "--"),
    )
    findings = lint_text(text)
    finding = only(findings, "part-exceeds-whole")
    structure_line = line_of(text, "\t10:45:45")
    assert (finding.line, finding.evidence) == (line_of(text, "\t48"), "48")
    assert finding.lines == (structure_line, finding.line)
    assert (finding.kind, finding.severity) == (FindingKind.INCONSISTENCY, Severity.ERROR)
    assert finding.message == (
        f"“工业化率”2020年基期值为48%，高于同列三次产业结构中的第二产业比重45%（10:45:45，第{structure_line}行）："
        "部分不能大于整体"
    )
    assert_in_place(text, findings)


def test_industrialisation_below_the_secondary_share_is_not_reported() -> None:
    text = _indicators(
        _row("三次产业结构", "10:45:45", "8:45:47", "--"),
        _row("工业化率（%）", "40", "42", "--"),
    )
    assert of_rule(lint_text(text), "part-exceeds-whole") == []


def test_a_structure_in_another_box_is_not_the_whole() -> None:
    text = (
        "第一章 发展目标\n\n"
        + table("专栏1-1：“十三五”主要指标", _row("三次产业结构", "10:45:45", "8:45:47", "--"))
        + "\n坚持工业强区，加快新型工业化进程。\n\n"
        + table("专栏1-2：工业发展指标", _row("工业化率（%）", "48", "50", "--"))
    )
    assert of_rule(lint_text(text), "part-exceeds-whole") == []
