"""The outline: chapters, sections, （一）, 1、, （1） and 专栏 boxes as a tree with lines."""

from __future__ import annotations

import pytest

from planwatch.model import ParsedPlan, Section, SectionKind
from tests.helpers import parse_text


def kinds(plan: ParsedPlan, kind: SectionKind) -> list[Section]:
    return [s for s in plan.sections if s.kind is kind]


def test_the_seed_has_13_chapters_with_their_lines(seed: ParsedPlan) -> None:
    chapters = kinds(seed, SectionKind.CHAPTER)
    assert [c.line for c in chapters] == [
        7,
        285,
        513,
        808,
        837,
        921,
        1076,
        1175,
        1281,
        1370,
        1503,
        1662,
        1699,
    ]
    assert [c.ordinal for c in chapters] == list(range(1, 14))
    assert chapters[6].number == "第7章"  # the draft mixes numbering styles
    assert chapters[6].title == "优先发展农业农村，全面推进乡村振兴"  # raw text, full-width comma kept


def test_the_seed_sections_sit_under_their_chapters(seed: ParsedPlan) -> None:
    sections = kinds(seed, SectionKind.SECTION)
    assert len(sections) == 53
    by_id = {s.id: s for s in seed.sections}
    per_chapter = [sum(1 for s in sections if by_id[s.parent_id or ""].ordinal == n) for n in range(1, 14)]
    assert per_chapter == [4, 4, 5, 3, 5, 3, 4, 4, 4, 5, 4, 4, 4]
    fourth = next(s for s in sections if s.line == 281)
    assert (fourth.number, fourth.title) == (
        "第四节",
        "二O三五年远景目标展望",
    )  # as written, letter O and all


def test_the_seed_has_all_28_boxes_with_their_numbers_as_written(seed: ParsedPlan) -> None:
    boxes = kinds(seed, SectionKind.BOX)
    assert [(b.number, b.line) for b in boxes] == [
        ("专栏1-1", 22), ("专栏2-1", 331), ("专栏3-1", 531), ("专栏3-2", 546), ("专栏3-3", 571),
        ("专栏3-4", 592), ("专栏3-5", 610), ("专栏3-6", 635), ("专栏3-7", 671), ("专栏3-8", 689),
        ("专栏3-9", 715), ("专栏3-10", 730), ("专栏3-11", 776), ("专栏6-1", 952), ("专栏6-2", 1032),
        ("专栏7-1", 1118), ("专栏7-2", 1137), ("专栏8-1", 1213), ("专栏8-2", 1255),
        ("专栏8-1", 1304), ("专栏8-2", 1325), ("专栏8-3", 1346),  # numbered 8-x inside chapter 9
        ("专栏10-1", 1416), ("专栏10-2", 1471), ("专栏11-1", 1534), ("专栏11-2", 1576),
        ("专栏11-3", 1617), ("专栏11-4", 1648),
    ]  # fmt: skip
    assert boxes[-1].title == "新型基础设施重点工程项目"  # `专栏11-4  …` without a colon


def test_seed_boxes_nest_under_the_heading_before_them(seed: ParsedPlan) -> None:
    by_line = {s.line: s for s in seed.sections}
    by_id = {s.id: s for s in seed.sections}
    assert by_id[by_line[531].parent_id or ""].line == 529  # 专栏3-1 under （1）汽车及汽车零部件产业
    assert by_id[by_line[331].parent_id or ""].line == 315  # 专栏2-1 under 第四节 主要目标


@pytest.mark.parametrize(
    ("line", "parent_line"),
    [
        (540, 538),  # a project item under the box's 二、…项目支撑
        (544, 525),  # the body's （2） closes 专栏3-1 and follows its （1）
        (621, 620),  # （1）光伏发电项目 inside 专栏3-5, under 2、新能源项目
        (633, 586),  # the body's （3） closes 专栏3-5 although the box had a （4）
        (586, 521),  # the body's 2、 closes 专栏3-3
        (1147, 1137),  # `5打造…` lost its 、 but continues the box's list
        (1058, 1032),  # an indented `    13、` is still item 13 of 专栏6-2
        (1650, 1648),  # a tab-indented `\t1、5G建设项目` is item 1 of 专栏11-4, 5G and all
    ],
)
def test_seed_box_items_and_the_body_after_boxes(seed: ParsedPlan, line: int, parent_line: int) -> None:
    by_line = {s.line: s for s in seed.sections}
    by_id = {s.id: s for s in seed.sections}
    assert by_id[by_line[line].parent_id or ""].line == parent_line


def test_item_numbers_and_titles_are_as_written(seed: ParsedPlan) -> None:
    by_line = {s.line: s for s in seed.sections}
    assert (by_line[974].number, by_line[974].title) == ("3.", "学校、医院社会服务项目")
    assert (by_line[1147].number, by_line[1147].title) == ("5", "打造联圩鄱湖生态特色小镇")
    assert (by_line[556].number, by_line[556].title) == ("2、", "南昌乾照光电基地（二期）")
    assert (by_line[521].number, by_line[521].title) == ("（一）", "夯实“3+3+X”产业发展体系")


def test_section_ids_are_unique_and_parents_exist(seed: ParsedPlan) -> None:
    ids = [s.id for s in seed.sections]
    assert len(ids) == len(set(ids))
    known = set(ids)
    assert all(s.parent_id is None or s.parent_id in known for s in seed.sections)


def test_table_note_lines_are_not_list_items(seed: ParsedPlan) -> None:
    lines = {s.line for s in seed.sections}
    assert 252 not in lines  # `2.工业化率=…` is a note of 专栏1-1
    assert 510 not in lines


def test_a_plan_numbered_yi_er_with_chinese_parentheses_below() -> None:
    plan = parse_text(
        "某市2023年政府工作报告\n\n一、2022年工作回顾\n\n（一）经济运行\n1.地区生产总值增长5%。\n"
        "二、2023年主要预期目标\n（一）经济增长\n"
    )
    top = [s for s in plan.sections if s.parent_id is None]
    assert [s.number for s in top] == ["一、", "二、"]
    assert [s.kind for s in top] == [SectionKind.SUBSECTION, SectionKind.SUBSECTION]
    second = next(s for s in plan.sections if s.number == "（一）" and s.line == 8)
    assert second.parent_id == top[1].id


def test_duplicated_and_skipped_numbers_are_kept_as_written() -> None:
    plan = parse_text("第一章 甲\n第一节 子\n第一节 又一子\n第三节 跳号\n第三章 丙\n")
    assert [(s.number, s.line) for s in plan.sections] == [
        ("第一章", 1), ("第一节", 2), ("第一节", 3), ("第三节", 4), ("第三章", 5),
    ]  # fmt: skip
    assert len({s.id for s in plan.sections}) == 5


def test_a_box_ends_at_the_next_section() -> None:
    plan = parse_text("第一章 甲\n第一节 乙\n专栏1-1：项目\n1、体育馆：总投资1亿元\n第二节 丙\n（一）丁\n")
    by_number = {s.number: s for s in plan.sections}
    assert by_number["第二节"].parent_id == by_number["第一章"].id
    assert by_number["（一）"].parent_id == by_number["第二节"].id


@pytest.mark.parametrize(
    ("line", "number"),
    [("1、5G网络", "1、"), ("3.学校", "3."), ("12、 项目", "12、"), ("3.5亿元的投资", None)],
)
def test_item_numbers_versus_decimals(line: str, number: str | None) -> None:
    plan = parse_text(f"专栏1-1：项目\n{line}\n")
    items = [s.number for s in plan.sections if s.kind is SectionKind.ITEM]
    assert items == ([number] if number else [])


def test_a_year_target_line_is_not_an_item() -> None:
    plan = parse_text("专栏6-1：项目\n1、道路\n2021年目标：开工14条\n2、水电\n")
    assert [s.number for s in plan.sections] == ["专栏6-1", "1、", "2、"]
