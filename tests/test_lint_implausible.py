"""Targets that move the wrong way, or by an absurd factor, from their base.

An intensity (能耗, 用水量, 排放 per unit) must fall: a target above its base is an error.
Any level moving more than threefold in one plan period is more likely a typing slip
(0.79 for 0.279, 7200 for 72000) and is a warning. Reduction rates rising are the plan working.
"""

from __future__ import annotations

import pytest

from planwatch.model import FindingKind, Severity
from tests.lint_helpers import assert_in_place, line_of, lint_text, of_rule, only, table


def _indicator(name: str, base: str, target: str, attribute: str = "约束性") -> str:
    return "第一章 发展目标\n\n" + table(
        "专栏1-1：“十四五”主要指标", ("生态文明", name, base, target, "--", attribute)
    )


# --- wrong-direction -----------------------------------------------------------------------------
def test_an_intensity_target_above_its_base_is_an_error() -> None:
    text = _indicator("单位GDP能耗（吨标煤/万元）", "0.2950", "0.79")
    findings = lint_text(text)
    finding = only(findings, "wrong-direction")
    assert (finding.line, finding.evidence, finding.column) == (line_of(text, "\t0.79"), "0.79", 1)
    assert finding.lines == (finding.line - 1, finding.line)
    assert (finding.kind, finding.severity) == (FindingKind.IMPLAUSIBLE, Severity.ERROR)
    assert finding.message == (
        "“单位GDP能耗”应当下降，但目标0.79吨标煤/万元高于基期0.2950吨标煤/万元（为基期的2.68倍）"
    )
    assert_in_place(text, findings)


@pytest.mark.parametrize(
    ("name", "base", "target"),
    [
        ("万元GDP用水量（立方米）", "50", "60"),
        ("单位工业增加值能耗（吨标煤/万元）", "0.5", "0.6"),
        ("二氧化碳排放强度（吨/万元）", "1.2", "1.3"),
        ("农村贫困发生率（%）", "0.5", "0.8"),
    ],
)
def test_measures_that_must_fall(name: str, base: str, target: str) -> None:
    assert len(of_rule(lint_text(_indicator(name, base, target)), "wrong-direction")) == 1


@pytest.mark.parametrize(
    ("name", "base", "target"),
    [
        ("单位GDP能耗（吨标煤/万元）", "0.2950", "0.26"),
        ("单位GDP能耗降低（%）", "3", "4"),  # a reduction rate rising
        ("万元GDP碳排放累计下降（%）", "15", "18"),
        ("森林覆盖率（%）", "25", "26"),
        ("单位GDP能耗（吨标煤/万元）", "0.2950", "下达目标"),
    ],
)
def test_falling_intensities_rising_reductions_and_other_measures_are_not_wrong_direction(
    name: str, base: str, target: str
) -> None:
    assert of_rule(lint_text(_indicator(name, base, target)), "wrong-direction") == []


def test_an_emission_compliance_rate_may_rise() -> None:
    text = _indicator("重点工业企业污染物排放达标率（%）", "95", "100")
    assert of_rule(lint_text(text), "wrong-direction") == []


# --- absurd-change -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "base", "target", "factor"),
    [
        ("人均地区生产总值（元）", "55000", "7200", "0.13"),  # 72000 with a digit lost
        ("每千人口执业医师数（人）", "2.79", "27.9", "10.00"),
        ("全社会研发经费支出（亿元）", "3", "12", "4.00"),
    ],
)
def test_a_level_moving_more_than_threefold_is_a_warning(
    name: str, base: str, target: str, factor: str
) -> None:
    text = _indicator(name, base, target, "预期性")
    findings = lint_text(text)
    finding = only(findings, "absurd-change")
    assert (finding.line, finding.evidence) == (line_of(text, "\t" + target), target)
    assert (finding.kind, finding.severity) == (FindingKind.IMPLAUSIBLE, Severity.WARNING)
    assert finding.message.endswith(f"的{factor}倍，变化幅度异常")
    assert_in_place(text, findings)


def test_the_absurd_change_message_names_both_levels_with_their_unit() -> None:
    finding = only(
        lint_text(_indicator("人均地区生产总值（元）", "55000", "7200", "预期性")), "absurd-change"
    )
    assert finding.message == "“人均地区生产总值”目标7200元是基期55000元的0.13倍，变化幅度异常"


@pytest.mark.parametrize(
    ("name", "base", "target"),
    [
        ("人均地区生产总值（元）", "55000", "72000"),
        ("全社会研发经费支出（亿元）", "3", "9"),  # exactly threefold
        ("农村贫困人口（人）", "3000", "0"),  # zero is a goal, not a factor
        ("单位GDP能耗（吨标煤/万元）", "0.2950", "0.79"),  # reported as wrong-direction, not twice
    ],
)
def test_plausible_changes_are_not_absurd(name: str, base: str, target: str) -> None:
    assert of_rule(lint_text(_indicator(name, base, target, "预期性")), "absurd-change") == []
