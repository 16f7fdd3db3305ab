"""A task found again in a later version of the plan, and a new proposal carrying the accepted keys."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planwatch.model import ParsedPlan
from planwatch.tasking.carry import NEW, UNMATCHED, carry_over
from planwatch.tasking.outline import candidates
from planwatch.tasking.propose import propose
from planwatch.tasking.relocate import relocate, title_of
from tests.helpers import parse_text

PREFACE = ["前言", "", "本纲要根据……编制。", "", ""]  # five lines added at the top: every line shifts


@pytest.fixture(scope="module")
def revised(seed_lines: list[str]) -> tuple[ParsedPlan, list[str]]:
    lines = list(seed_lines)
    assert lines[646].startswith("（三）加快工业企业提档升级")
    lines[646] = lines[646].replace("加快", "推动")  # a heading reworded: similar
    assert lines[653].startswith("4、提升服务型制造发展水平")
    lines[653] = lines[653].replace(
        "4、提升服务型制造发展水平", "4、服务型制造"
    )  # reworded: its sentence stays
    assert lines[649].startswith("2、支持企业技术创新")
    del lines[649]  # an item taken out
    lines[1:1] = PREFACE
    text = "\n".join(lines)
    return parse_text(text), text.split("\n")


def test_a_heading_written_the_same_way_in_the_same_place_is_found_as_same(
    seed: ParsedPlan, seed_lines: list[str], revised: tuple[ParsedPlan, list[str]]
) -> None:
    tasks = {t.key: t for t in propose(seed, seed_lines, 1).tasks}
    found = relocate(tasks["R001"], candidates(*revised))
    assert found is not None
    assert (found.how, found.candidate.first_line) == ("same", tasks["R001"].first_line + len(PREFACE))


def test_a_reworded_heading_is_found_as_similar_and_a_rewritten_one_by_its_first_sentence(
    seed: ParsedPlan, seed_lines: list[str], revised: tuple[ParsedPlan, list[str]]
) -> None:
    tasks = {t.heading: t for t in propose(seed, seed_lines, 1).tasks}
    found = candidates(*revised)
    similar = relocate(tasks["（三）加快工业企业提档升级"], found)
    assert similar is not None and similar.how == "similar" and similar.likeness >= 0.8
    assert similar.candidate.heading == "（三）推动工业企业提档升级"
    quoted = relocate(tasks["4、提升服务型制造发展水平"], found)
    assert quoted is not None and (quoted.how, quoted.candidate.heading) == ("quote", "4、服务型制造")


def test_a_task_whose_text_is_gone_is_not_found(
    seed: ParsedPlan, seed_lines: list[str], revised: tuple[ParsedPlan, list[str]]
) -> None:
    gone = next(t for t in propose(seed, seed_lines, 1).tasks if t.heading == "2、支持企业技术创新")
    assert relocate(gone, candidates(*revised)) is None


def test_a_new_proposal_keeps_the_accepted_keys_and_flags_what_it_cannot_find(
    seed: ParsedPlan, seed_lines: list[str], revised: tuple[ParsedPlan, list[str]]
) -> None:
    accepted = [replace(t, lead_unit="区发改委") for t in propose(seed, seed_lines, 1).tasks]
    accepted[0] = replace(accepted[0], heading="做强工业支撑（改写）", lead_unit="区工信局")
    proposal = propose(*revised, 2, first_key=215)
    carried = carry_over(proposal, accepted, candidates(*revised))
    by_key = {t.key: t for t in carried}
    assert len(carried) == len(accepted)  # nothing dropped: 213 found again, 1 kept and flagged
    gone = by_key["R014"]
    assert (gone.flag, gone.source_version, gone.first_line) == (UNMATCHED, 1, accepted[13].first_line)
    assert [t.key for t in carried].index("R014") == [t.key for t in carried].index("R013") + 1
    assert not any(t.flag == NEW for t in carried)
    kept = by_key["R001"]
    assert (kept.heading, kept.lead_unit, kept.source_version) == ("做强工业支撑（改写）", "区工信局", 2)
    assert kept.first_line == accepted[0].first_line + len(PREFACE)
    assert (
        by_key["R004"].items
        == next(t for t in proposal.tasks if t.heading == "（1）汽车及汽车零部件产业").items
    )
    assert all(t.parent_key in by_key or t.parent_key is None for t in carried)


def test_a_heading_number_is_not_part_of_its_title() -> None:
    assert title_of("（一）夯实“3+3+X”产业发展体系") == "夯实“3+3+X”产业发展体系"
    assert title_of("第十一章 完善基础设施建设") == "完善基础设施建设"
    assert title_of("12、打造 区域 品牌") == "打造区域品牌"
