"""`planwatch lint` on the seed draft (新建区 14th plan, 征求意见2稿) against what reading it finds.

The pinned findings below were chosen by reading the draft beside the hand-made defect list
tests/fixtures/seed_defects.json: each is a real defect at its line, with the figures a
planner would check. Every finding must be on that list (precision), and at least 65 % of
the list must be found (a floor that shows regressions; bench/lint_accuracy.py prints the
current figures).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from planwatch.model import Finding, FindingKind, Severity
from planwatch.services.plans import LintReport, lint_file
from tests.lint_helpers import RULES, matches

DEFECTS = Path(__file__).parent / "fixtures" / "seed_defects.json"
RECALL_FLOOR = 0.65


@pytest.fixture(scope="module")
def report(seed_path: Path) -> LintReport:
    return lint_file(seed_path)


@pytest.fixture(scope="module")
def lines(report: LintReport) -> list[str]:
    return [line.raw for line in report.document.lines]


@pytest.fixture(scope="module")
def defects() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(DEFECTS.read_text(encoding="utf-8"))
    return loaded


def _at(report: LintReport, line: int, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.line == line and f.rule == rule]


SEED_FINDINGS = [
    # placeholders the draft still carries
    (13, "placeholder-x", "“X个”中的数字尚未填写"),
    (14, "placeholder-stars", "***万美元和"),
    (14, "placeholder-stars", "**亿元"),
    (321, "placeholder-stars", "**亿美元"),
    (323, "placeholder-stars", "**%"),
    (377, "placeholder-cell", "“规模以上工业增加值增速”的“2020年基期值”是占位符“[]”"),
    (86, "placeholder-empty-cell", "“园区规模工业增加值占规模工业增加值比重”的“2020年预测”为空"),
    (398, "placeholder-empty-cell", "“研发支出占GDP比重”的“2020年基期值”为空"),
    (419, "placeholder-empty-cell", "“进出口总额”的“2020年基期值”为空"),
    (498, "placeholder-empty-cell", "“每千人医院卫生院床位数”的“年均增速或累计增长”为空"),
    # arithmetic of the tables and of the project boxes
    (357, "growth-mismatch", "基期85亿元按年均增长5%计算5年后应为108.5亿元，目标为105亿元"),
    (98, "part-exceeds-whole", "2015年实际值为48.06%，高于同列三次产业结构中的第二产业比重46.7%"),
    (99, "part-exceeds-whole", "（9:50:41，第71行）"),
    (100, "part-exceeds-whole", "2020年预测为55%"),
    (956, "schedule-total", "7.24+17.48+17.04 = 41.76亿元，少0.05亿元"),
    (966, "schedule-total", "4.87+4.43+2.36 = 11.66亿元，多2.36亿元"),
    (976, "schedule-total", "1+0.7+1.2+5+0.5+2+0.8 = 11.2亿元，多2.3亿元"),
    (1259, "parts-exceed-total", "108亩+1500亩+1800亩 = 3408亩，大于总面积3400亩"),
    (1278, "part-exceeds-whole", "用地规模约80平方米（0.12亩）小于其中的面积约50万平方米"),
    # one measure, two values
    (12, "growth-vs-levels", "2015年40.05亿元（第49行）按此增速5年后应为65.4亿元，而文中2020年为85亿元"),
    (12, "growth-vs-levels", "2015年28305元（第147行）"),
    (756, "conflicting-values", "此处为10亿元，第544行为8亿元"),
    (794, "conflicting-values", "此处为300家，第519行为260家"),
    (1391, "conflicting-values", "此处为3.5%，第327行为5%"),
    (232, "wrong-direction", "目标0.79吨标煤/万元高于基期0.2950吨标煤/万元"),
    # numbering
    (1076, "chapter-number-style", "“第7章”与其他章的编号方式不一致，应使用汉字（如“第七章”）"),
    (1304, "box-chapter-mismatch", "“专栏8-1”位于第9章（第1281行）"),
    (1304, "box-number-repeated", "“专栏8-1”与第1213行的专栏编号重复"),
    (1325, "box-chapter-mismatch", "专栏8-2"),
    (1346, "box-chapter-mismatch", "专栏8-3"),
    (758, "list-number-start", "编号从“（2）”开始"),
    (767, "list-number-skipped", "编号“（三）”接在第749行“（一）”之后"),
    (974, "item-separator-mixed", "序号“3.”"),
    (1147, "item-number-glued", "序号“5”后缺少“、”"),
    # repeats
    (674, "repeated-sentence", "与第605行重复"),
    (755, "repeated-sentence", "“全力打造工业物联网智能制造生态产业链”与第544行重复"),
    (1046, "repeated-list-item", "“礼步湖大道”连续出现了两次"),
    (1542, "repeated-list-item", "S417（望城镇-省庄村）工程"),
    (1654, "repeated-project", "与第562行的“江西科骏·国际AR/VR科创城项目”是同一项目"),
    (1657, "repeated-project", "南昌市5G+VR智慧教育示范应用项目"),
    # one name, several spellings
    (6, "year-spelling", "“二0三五”"),
    (281, "year-spelling", "“二O三五”"),
    (323, "roman-numeral", "此处为“III”，其余多处为“Ⅲ”"),
    (619, "multiplication-sign", "“2X1”"),
    (787, "separator-variant", "“数字新建  智慧城区”"),
    (1145, "town-suffix", "“松湖乡”在其他3处写作“松湖镇”"),
    (1311, "town-suffix", "“流湖乡”在其他4处写作“流湖镇”"),
    (1243, "name-homophone", "“科竣”疑为“科骏”之误"),
    (1557, "name-homophone", "“石港”疑为“石岗”之误"),
    # typing slips and wrong words
    (16, "doubled-punctuation", "“，，”"),
    (283, "doubled-character", "“和谐新新建建”中“新新”"),
    (261, "doubled-character", "“过过”"),
    (650, "doubled-word", "“等创新平台”连续重复了两次"),
    (1070, "doubled-word", "“促进”"),
    (1476, "doubled-word", "“长堎镇”"),
    (1546, "doubled-word", "“公里”"),
    (976, "double-measure-word", "“两座个”"),
    (654, "halfwidth-punctuation", "半角“;”"),
    (259, "stray-space", "“十四五” 时期面临"),
    (960, "stray-space", "总长度 8.93"),
    (279, "unbalanced-brackets", "疑似缺少“””"),
    (220, "attribute-spelling", "属性写作“约束”，应为“约束性”"),
    (15, "wrong-word", "“科创版”应为“科创板”"),
    (261, "wrong-word", "“多变”应为“多边”"),
    (267, "wrong-word", "“形式”应为“形势”"),
    (544, "wrong-word", "主营业收入"),
    (650, "wrong-word", "继承创新"),
    (934, "wrong-word", "“延”应为“沿”"),
    (946, "wrong-word", "次干道和之路"),
    (1131, "wrong-word", "发展品味"),
    (1529, "wrong-word", "依次为依托"),
    (1550, "wrong-word", "配和"),
    (14, "missing-character", "“2016的”中年份后缺少“年”"),
    (672, "missing-character", "“100多万平方”缺少单位中的“米”"),
    (1615, "wrong-region-level", "本规划是新建区的规划，“全县”应为“全区”"),
]


@pytest.mark.parametrize(("line", "rule", "fragment"), SEED_FINDINGS)
def test_a_defect_read_in_the_seed_is_found_at_its_line(
    report: LintReport, line: int, rule: str, fragment: str
) -> None:
    found = _at(report, line, rule)
    assert found, f"no {rule} on line {line}"
    assert any(fragment in f.message or fragment == f.evidence for f in found), [f.message for f in found]


def test_the_sample_is_large_and_covers_every_rule_that_fires_on_the_seed(report: LintReport) -> None:
    assert len(SEED_FINDINGS) >= 40
    assert {rule for _, rule, _ in SEED_FINDINGS} == {f.rule for f in report.findings}


def test_every_finding_on_the_seed_is_on_the_defect_list(
    report: LintReport, lines: list[str], defects: list[dict[str, Any]]
) -> None:
    unlisted = [
        (f.line, f.rule, f.evidence)
        for f in report.findings
        if not any(matches(f, e, lines) for e in defects)
    ]
    assert unlisted == []


def test_at_least_65_percent_of_the_defect_list_is_found(
    report: LintReport, lines: list[str], defects: list[dict[str, Any]]
) -> None:
    found = [e for e in defects if any(matches(f, e, lines) for f in report.findings)]
    assert len(found) / len(defects) >= RECALL_FLOOR, f"{len(found)}/{len(defects)}"


def test_every_placeholder_on_the_list_is_found(
    report: LintReport, lines: list[str], defects: list[dict[str, Any]]
) -> None:
    placeholders = [e for e in defects if e["kind"] == "placeholder"]
    missed = [e["id"] for e in placeholders if not any(matches(f, e, lines) for f in report.findings)]
    assert placeholders and missed == []


def test_every_evidence_is_written_on_its_line_at_its_column(report: LintReport, lines: list[str]) -> None:
    for f in report.findings:
        text = lines[f.line - 1]
        if not f.evidence:
            assert f.column is None and f.rule == "placeholder-empty-cell", f
            continue
        assert f.column is not None, f
        assert text[f.column : f.column + len(f.evidence)] == f.evidence, f
        assert f.line in f.lines and list(f.lines) == sorted(set(f.lines)), f


def test_findings_are_sorted_by_place_and_unique(report: LintReport) -> None:
    keys = [(f.line, f.column or 0, f.rule) for f in report.findings]
    assert keys == sorted(keys)
    assert len({(f.rule, f.line, f.column, f.evidence) for f in report.findings}) == len(report.findings)


def test_each_rule_keeps_one_kind(report: LintReport) -> None:
    kinds: dict[str, set[FindingKind]] = {}
    for f in report.findings:
        kinds.setdefault(f.rule, set()).add(f.kind)
    assert all(len(k) == 1 for k in kinds.values()), kinds
    assert set(kinds) <= {rule for rules in RULES.values() for rule in rules}


def test_the_seed_has_findings_of_every_kind_and_many_errors(report: LintReport) -> None:
    kinds = Counter(f.kind for f in report.findings)
    assert set(kinds) == set(FindingKind)
    assert Counter(f.severity for f in report.findings)[Severity.ERROR] >= 30
