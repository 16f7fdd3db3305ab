"""One name written several ways. The plan's own majority is taken as right, except where a
standard exists (〇 in years, × for multiplication); only a rare form beside a frequent one
is reported, and a tie calls nothing right.
"""

from __future__ import annotations

import pytest

from planwatch.model import FindingKind, Severity
from tests.lint_helpers import FIRST, assert_in_place, lint_text, of_rule, only, prose


@pytest.mark.parametrize(
    ("paragraphs", "rule", "line", "evidence", "severity", "message"),
    [
        (("展望二〇三五年，全区基本实现社会主义现代化。到二0三五年，建成现代化新城。",),
         "year-spelling", FIRST, "二0三五", Severity.WARNING,
         "年份“二0三五”中的零应写作“〇”（“二〇三五”）"),
        (("《新建区国民经济和社会发展第十四个五年规划和二O三五年远景目标纲要》",),
         "year-spelling", FIRST, "二O三五", Severity.WARNING,
         "年份“二O三五”中的零应写作“〇”（“二〇三五”）"),
        (("建设2X1万千瓦光伏电站，配套建设储能设施。",),
         "multiplication-sign", FIRST, "2X1", Severity.INFO, "“2X1”中的字母“X”应为乘号“×”"),
        (("地表水达到或好于Ⅲ类水体比例保持稳定。", "Ⅲ类水体比例持续提高。", "III类水体明显增加。"),
         "roman-numeral", FIRST + 2, "III", Severity.INFO,
         "罗马数字写法不一致：此处为“III”，其余多处为“Ⅲ”"),
        (("建设“数字新建·智慧城区”。", "推进“数字新建·智慧城区”建设。", "打造“数字新建 智慧城区”。"),
         "separator-variant", FIRST + 2, "数字新建 智慧城区", Severity.INFO,
         "名称写法不一致：此处为“数字新建 智慧城区”，其余多处为“数字新建·智慧城区”"),
        (("推进松湖镇、流湖镇建设。", "松湖镇特色小镇加快建设，松湖镇集镇改造完成。", "支持松湖乡发展。"),
         "town-suffix", FIRST + 2, "松湖乡", Severity.WARNING, "“松湖乡”在其他3处写作“松湖镇”"),
        (("支持科骏公司发展，科骏公司建设基地，科骏公司研发中心投入使用。", "引进科竣公司。"),
         "name-homophone", FIRST + 1, "科竣", Severity.WARNING,
         "“科竣”疑为“科骏”之误（读音相同，“科骏”在文中出现3次）"),
        (("加快建设，海昏侯国遗址公园对外开放。", "完善配套，海昏侯国遗址公园游客增加。",
          "提升品质，海昏侯遗址公园成为名片。"),
         "name-shortened", FIRST + 2, "海昏侯遗址公园", Severity.INFO,
         "“海昏侯遗址公园”与文中通行的“海昏侯国遗址公园”不一致（少了字）"),
    ],
)  # fmt: skip
def test_a_name_written_another_way(
    paragraphs: tuple[str, ...], rule: str, line: int, evidence: str, severity: Severity, message: str
) -> None:
    text = prose(*paragraphs)
    findings = lint_text(text)
    finding = only(findings, rule)
    assert (finding.line, finding.evidence, finding.message) == (line, evidence, message)
    assert (finding.kind, finding.severity) == (FindingKind.SPELLING, severity)
    assert_in_place(text, findings)


@pytest.mark.parametrize(
    ("paragraphs", "rule"),
    [
        (("展望二〇三五年，到2035年基本实现现代化。",), "year-spelling"),
        (("建设2×1万千瓦光伏电站，推广3D打印和XR应用。",), "multiplication-sign"),
        (("Ⅲ类水体比例保持稳定。", "Ⅲ类水体比例持续提高。"), "roman-numeral"),
        (("Ⅲ类水体比例保持稳定。", "III类水体明显增加。"), "roman-numeral"),  # a tie: no majority
        (("建设“数字新建·智慧城区”。", "推进“数字新建·智慧城区”建设。"), "separator-variant"),
        (("推进松湖镇建设。", "支持松湖乡发展特色农业。"), "town-suffix"),  # once each
        (("推进城镇化建设，统筹乡镇发展。", "完善城镇功能，提升乡镇服务，加强城乡融合。"), "town-suffix"),
        (
            ("支持科骏公司发展，科骏公司建设基地。", "引进科竣公司。"),
            "name-homophone",
        ),  # twin seen twice only
        (("建设海昏侯国遗址公园。", "完善海昏侯国遗址公园配套。"), "name-shortened"),
    ],
)
def test_consistent_or_undecided_writing_is_not_reported(paragraphs: tuple[str, ...], rule: str) -> None:
    assert of_rule(lint_text(prose(*paragraphs)), rule) == []


def test_every_year_with_a_wrong_zero_is_reported_at_its_column() -> None:
    paragraph = "到二0三五年，基本实现现代化；展望二〇三五年；二0三五年远景目标。"
    findings = of_rule(lint_text(prose(paragraph)), "year-spelling")
    assert [f.column for f in findings] == [1, paragraph.rindex("二0三五")]


@pytest.mark.xfail(
    strict=True,
    reason="miss: a name's neighbouring characters join its span (推进数字新建·智慧城区建设), "
    "so the spellings of one name are not grouped",
)
def test_a_name_in_running_text_is_grouped_with_its_other_spellings() -> None:
    text = prose("建设数字新建·智慧城区。", "推进数字新建·智慧城区建设。", "打造数字新建 智慧城区。")
    assert len(of_rule(lint_text(text), "separator-variant")) == 1


@pytest.mark.xfail(
    strict=True,
    reason="miss: the name pattern starts at the verb (建设海昏侯国遗址公园), "
    "so the full name is never seen twice",
)
def test_a_shortened_name_after_a_verb_is_caught() -> None:
    text = prose("建设海昏侯国遗址公园。", "完善海昏侯国遗址公园配套。", "提升海昏侯遗址公园品质。")
    assert len(of_rule(lint_text(text), "name-shortened")) == 1
