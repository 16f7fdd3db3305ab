"""The proposed task list: every 节, 条目 and item of the task chapters, each pointing at its lines."""

from __future__ import annotations

from planwatch.model import ParsedPlan, SectionKind
from planwatch.tasking import Level
from planwatch.tasking.outline import candidates
from planwatch.tasking.propose import innermost, propose
from tests.helpers import parse_text

SEED_VERSION = 1


def _task_sections(seed: ParsedPlan) -> dict[int, str]:
    """line → section id of every 节, 条目 and item outside the boxes of chapters 3–13."""
    by_id = {s.id: s for s in seed.sections}
    chapters = [s for s in seed.sections if s.kind is SectionKind.CHAPTER]
    wanted = {c.id for c in chapters[2:13]}  # 第三章 … 第十三章
    found = {}
    for section in seed.sections:
        if section.kind not in (SectionKind.SECTION, SectionKind.SUBSECTION, SectionKind.ITEM):
            continue
        chain, parent = [], by_id.get(section.parent_id or "")
        while parent is not None:
            chain.append(parent)
            parent = by_id.get(parent.parent_id or "")
        if any(p.kind is SectionKind.BOX for p in chain) or chain[-1].id not in wanted:
            continue
        found[section.line] = section.id
    return found


def test_the_seed_proposal_covers_every_section_of_chapters_3_to_13_with_its_items(
    seed: ParsedPlan, seed_lines: list[str]
) -> None:
    proposal = propose(seed, seed_lines, SEED_VERSION)
    expected = _task_sections(seed)
    assert {t.first_line for t in proposal.tasks} == set(expected)
    sections = [t for t in proposal.tasks if t.level is Level.SECTION]
    assert len(sections) == sum(1 for s in seed.sections if s.kind is SectionKind.SECTION and s.line > 500)
    assert len(proposal.tasks) == 214
    assert proposal.skipped == []


def test_the_review_and_goal_chapters_hold_no_tasks(seed: ParsedPlan, seed_lines: list[str]) -> None:
    proposal = propose(seed, seed_lines, SEED_VERSION)
    assert [taken for _, taken in proposal.chapters[:2]] == [False, False]
    assert all(taken for _, taken in proposal.chapters[2:])
    assert min(t.first_line for t in proposal.tasks) == 517  # 第三章第一节 做强工业支撑


def test_every_task_points_at_its_lines_and_quotes_them(seed: ParsedPlan, seed_lines: list[str]) -> None:
    for task in propose(seed, seed_lines, SEED_VERSION).tasks:
        assert 1 <= task.first_line <= task.last_line <= len(seed_lines)
        title = task.heading.split(" ", 1)[-1].lstrip("（）()一二三四五六七八九十0123456789、")
        assert title[:6] in seed_lines[task.first_line - 1], task.key
        text = "\n".join(seed_lines[task.first_line - 1 : task.last_line])
        assert task.summary in text, task.key
        assert seed_lines[task.last_line - 1].strip(), "a task's last line holds text"


def test_boxes_are_not_tasks_but_their_projects_attach_to_the_task_that_holds_the_box(
    seed: ParsedPlan, seed_lines: list[str]
) -> None:
    tasks = propose(seed, seed_lines, SEED_VERSION).tasks
    assert not any("专栏" in t.heading for t in tasks)
    cars = next(t for t in tasks if t.heading == "（1）汽车及汽车零部件产业")
    assert [(i.kind, i.key) for i in cars.items] == [
        ("target", "G018"),
        ("target", "G019"),
        ("project", "P001"),
        ("project", "P002"),
    ]
    attached = [i for t in tasks for i in t.items]
    assert len({(i.kind, i.key) for i in attached}) == len(attached), "an item belongs to one task"
    assert {i.key for i in attached if i.kind == "project"} == {p.id for p in seed.projects if p.line > 512}


def test_an_item_is_attached_to_the_innermost_task_that_holds_it(
    seed: ParsedPlan, seed_lines: list[str]
) -> None:
    tasks = propose(seed, seed_lines, SEED_VERSION).tasks
    for task in tasks:
        for item in task.items:
            assert task.first_line <= item.line <= task.last_line
            assert innermost(tasks, item.line) == task


def test_numbers_follow_the_chapters_and_the_tree(seed: ParsedPlan, seed_lines: list[str]) -> None:
    tasks = propose(seed, seed_lines, SEED_VERSION).tasks
    numbers = [t.number for t in tasks]
    assert len(set(numbers)) == len(numbers)
    by_key = {t.key: t for t in tasks}
    assert numbers[:4] == ["3.1", "3.1.1", "3.1.1.1", "3.1.1.1.1"]
    for task in tasks:
        if task.parent_key:
            assert task.number.rsplit(".", 1)[0] == by_key[task.parent_key].number
    assert [t.key for t in tasks[:3]] == ["R001", "R002", "R003"]
    assert tasks[-1].number.startswith("13.")  # 第十三章, numbered by position
    seventh = next(t for t in tasks if t.path and t.path[0].startswith("第7章"))
    assert seventh.number.startswith("7.")  # 第7章 among 第X章 numbers in order


def test_the_summary_is_the_first_sentence_verbatim(seed: ParsedPlan, seed_lines: list[str]) -> None:
    tasks = {t.heading: t for t in propose(seed, seed_lines, SEED_VERSION).tasks}
    assert tasks["1、推进企业升规入统"].summary.startswith("深入开展工业企业“小升规”培育计划")
    assert tasks["1、推进企业升规入统"].summary.endswith("。")
    assert tasks["第一节 做强工业支撑"].summary.startswith("立足工业强省")
    assert tasks["（三）加快工业企业提档升级"].summary == ""  # its items follow at once


def test_a_declarative_heading_without_sub_headings_is_not_a_task() -> None:
    text = "\n".join(
        [
            "某县国民经济和社会发展第十四个五年规划纲要",
            "第一章 发展基础",
            "第一节 发展成就",
            "“十三五”期间，全县经济总量稳步增长。",
            "第二章 推进产业发展",
            "本章围绕产业发展展开。",
            "第一节 工业",
            "（一）基本情况",
            "全县现有规上工业企业120家。",
            "（二）园区建设",
            "加快推进工业园区扩区调区，到2025年园区营业收入达到500亿元。",
        ]
    )
    parsed = parse_text(text)
    lines = text.split("\n")
    proposal = propose(parsed, lines, 1)
    assert [t.heading for t in proposal.tasks] == ["第一节 工业", "（二）园区建设"]
    assert [(s.heading, s.line) for s in proposal.skipped] == [("（一）基本情况", 8)]
    park = proposal.tasks[-1]
    assert [i.kind for i in park.items] == ["target"]
    assert proposal.tasks[-1].parent_key == proposal.tasks[0].key


def test_candidates_know_their_own_text_apart_from_their_items(
    seed: ParsedPlan, seed_lines: list[str]
) -> None:
    found = {c.heading: c for c in candidates(seed, seed_lines)}
    industry = found["第一节 做强工业支撑"]
    assert industry.own_last_line < industry.last_line
    assert "立足工业强省" in industry.own_text and "整车制造" not in industry.own_text
