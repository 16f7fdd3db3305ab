"""A plan's whole life: the draft, a revised copy, adoption, a mid-term adjustment; the books stay on
their items throughout, and what changed between versions is listed exactly."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.model import ParsedPlan
from planwatch.services.actor import system_actor
from planwatch.services.audit import audit_entries
from planwatch.services.evaluation import evaluate_plan
from planwatch.services.figures import DEMO_AS_OF, load_demo
from planwatch.services.plans import ReadPlan, bundled_plan_path, read_plan, store_plan
from planwatch.services.versions import (
    VersionError,
    adjust_target,
    adopt,
    diff,
    pending_items,
    version_in_force,
)
from planwatch.store import Store
from planwatch.store.plans import AmbiguousPlan
from planwatch.store.vintages import observations_as_of
from tests.seed_revision import EDITS, INSERT_AFTER, INSERTED_ROW, write_revised

SYSTEM = system_actor()
ADOPTED = date(2026, 1, 1)


@pytest.fixture
def revised(tmp_path: Path) -> ReadPlan:
    return read_plan(write_revised(tmp_path))


@pytest.fixture
def two_versions(store: Store, revised: ReadPlan) -> tuple[Store, int, dict[str, object]]:
    draft = read_plan(bundled_plan_path())
    first, _ = store_plan(store, SYSTEM, draft)
    load_demo(store, SYSTEM, first.plan_id)
    before = _judged(store, first.plan_id, DEMO_AS_OF)
    second, carry = store_plan(store, SYSTEM, revised)
    assert (second.plan_id, second.version) == (first.plan_id, 2) and carry is not None
    assert (carry.new, carry.removed, carry.pending) == (1, 0, 0)
    assert carry.figures == 156  # every demo figure stays on its item (76 of rows, 80 of prose targets)
    return store, first.plan_id, before


def _judged(store: Store, plan_id: int, as_of: date) -> dict[str, object]:
    result = evaluate_plan(store, plan_id, as_of)
    return {e.series_id: (e.status, e.latest_year, e.latest_value, e.explanation) for e in result.evaluations}


def test_after_adoption_every_figure_is_on_its_indicator_and_the_past_is_judged_as_before(
    two_versions: tuple[Store, int, dict[str, object]],
) -> None:
    store, plan_id, before = two_versions
    adopt(store, SYSTEM, plan_id, 2, ADOPTED, document_no="新人发〔2026〕1号")
    draft_id, adopted_id = (version_in_force(store, plan_id, day) for day in (DEMO_AS_OF, ADOPTED))
    draft, adopted = store.load(draft_id), store.load(adopted_id)
    assert (draft.plan.version, adopted.plan.version) == (1, 2)
    names = {i.id: i.name for i in draft.indicators}
    figures = observations_as_of(store, plan_id, date(2026, 6, 30))
    for indicator in adopted.indicators:
        if indicator.id in figures:
            assert names[indicator.id] == indicator.name  # the key kept its figures across the inserted row
    moved = next(i for i in adopted.indicators if i.name == "一般财政公共预算收入")
    assert moved.id == "T2.03"
    shifted = next(i for i in adopted.indicators if i.name == "固定资产投资增速")
    assert shifted.id == "T2.05"  # the parser called it T2.06 in the revised copy
    assert next(i for i in adopted.indicators if i.name.startswith("数字经济核心产业")).id == "T2.25"
    assert _judged(store, plan_id, DEMO_AS_OF) == before  # as of a date before the adoption: unchanged
    assert evaluate_plan(store, plan_id, date(2026, 6, 30)).version_id == adopted_id


def test_the_diff_lists_exactly_what_the_revision_changed(
    two_versions: tuple[Store, int, dict[str, object]],
) -> None:
    store, plan_id, _ = two_versions
    found = diff(store, plan_id, 1, 2)
    shown = {(c.kind, c.change, c.key) for c in found.changes if c.kind != "text"}
    assert shown == {
        ("indicator", "added", "T2.25"),
        ("indicator", "changed", "T2.06"),  # 规模以上工业增加值增速: base [] → 8.2
        ("target", "changed", "G006"),
        ("target", "changed", "G008"),
        ("target", "changed", "G016"),
        ("target", "changed", "G021"),
        ("project", "changed", "P004"),
    }
    fields = {c.key: c.fields for c in found.changes if c.kind != "text"}
    assert fields["T2.06"] == (("基期值", "[]（2020年）", "8.2（2020年）"),)
    assert fields["G016"] == (("数值", "260", "300"),)
    assert fields["G021"] == (("数值", "8", "10"),)
    assert fields["P004"] == (("总投资", "25亿元", "26亿元"),)
    old_lines = sorted({n for n, _, _ in EDITS} | {5})  # and the cover's 征求意见2稿 → 3稿
    text = [c for c in found.changes if c.kind == "text"]
    assert [c.old.line for c in text if c.change == "changed" and c.old] == old_lines
    (inserted,) = [c for c in text if c.change == "added"]
    assert inserted.new is not None and INSERT_AFTER < inserted.new.line <= INSERT_AFTER + len(INSERTED_ROW)
    assert sorted(inserted.new.quote.split("\n")) == sorted(INSERTED_ROW)  # the same lines, aligned as found
    target = next(c for c in found.changes if c.key == "G021")
    assert target.old is not None and target.new is not None
    assert (
        "8亿元" in target.old.quote
        and "10亿元" in target.new.quote
        and target.old.line == target.new.line - 7
    )


def test_adopting_an_older_version_is_refused_unless_forced_and_a_forced_one_is_audited(
    two_versions: tuple[Store, int, dict[str, object]],
) -> None:
    store, plan_id, _ = two_versions
    adopt(store, SYSTEM, plan_id, 2, ADOPTED)
    with pytest.raises(VersionError, match="早于"):
        adopt(store, SYSTEM, plan_id, 1, date(2026, 6, 1))
    adopt(store, SYSTEM, plan_id, 1, date(2026, 6, 1), force=True)
    assert version_in_force(store, plan_id, date(2026, 7, 1)) == version_in_force(store, plan_id, DEMO_AS_OF)
    forced = [
        e for e in audit_entries(store, SYSTEM, plan_id) if e.action == "plan.adopt" and e.new.get("forced")
    ]
    assert len(forced) == 1 and forced[0].new["version"] == 1


def test_a_mid_term_adjustment_counts_from_its_date_and_says_so(
    two_versions: tuple[Store, int, dict[str, object]],
) -> None:
    store, plan_id, _ = two_versions
    adjust_target(
        store,
        SYSTEM,
        plan_id,
        "T2.01",
        date(2025, 1, 1),
        Decimal("520"),
        document_no="新发改〔2025〕3号",
        reason="疫情影响",
    )
    after = evaluate_plan(store, plan_id, DEMO_AS_OF)
    gdp = next(e for e in after.evaluations if e.series_id == "T2.01")
    assert "按新发改〔2025〕3号调整为520" in gdp.explanation
    assert after.indicators["T2.01"].target is not None and after.indicators["T2.01"].target.value == 520
    earlier = evaluate_plan(store, plan_id, date(2024, 12, 31))
    assert earlier.indicators["T2.01"].target is not None and earlier.indicators["T2.01"].target.value == 545


def test_a_diff_of_two_different_plans_is_refused_with_both_titles(
    two_versions: tuple[Store, int, dict[str, object]], seed: ParsedPlan, seed_lines: list[str]
) -> None:
    store, plan_id, _ = two_versions
    other = _other_plan(seed, "新建区“十四五”综合交通运输发展规划")
    other_id = store_plan(store, SYSTEM, ReadPlan(other, tuple(seed_lines)))[0].plan_id
    with pytest.raises(
        VersionError, match=r"不能比较两个不同的规划：“新建区国民经济.*”与“新建区“十四五”综合交通"
    ):
        diff(store, plan_id, 1, 1, other_plan_id=other_id)


def test_a_name_that_matches_several_plans_is_refused_with_the_candidates(
    store: Store, seed: ParsedPlan, seed_lines: list[str]
) -> None:
    first = store_plan(store, SYSTEM, ReadPlan(seed, tuple(seed_lines)))[0].plan_id
    other = _other_plan(seed, "新建区“十四五”综合交通运输发展规划")
    second = store_plan(store, SYSTEM, ReadPlan(other, tuple(seed_lines)))[0].plan_id
    with pytest.raises(
        AmbiguousPlan, match=rf"“新建区”对应多个规划，请用编号指明：{first}：新建区国民经济.*；{second}："
    ):
        store.resolve("新建区")
    assert store.resolve("综合交通") == second


def test_two_plans_sharing_indicator_names_keep_their_books_apart(
    store: Store, seed: ParsedPlan, seed_lines: list[str]
) -> None:
    first = store_plan(store, SYSTEM, ReadPlan(seed, tuple(seed_lines)))[0].plan_id
    other = _other_plan(seed, "某县国民经济和社会发展第十四个五年规划纲要")
    second = store_plan(store, SYSTEM, ReadPlan(other, tuple(seed_lines)))[0].plan_id
    load_demo(store, SYSTEM, first)
    assert observations_as_of(store, second, DEMO_AS_OF) == {}
    judged = evaluate_plan(store, second, DEMO_AS_OF)
    assert {e.latest_value for e in judged.evaluations} == {None}  # nothing of the other plan leaks in


def test_an_ambiguous_match_waits_for_a_person(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> None:
    plan_id = store_plan(store, SYSTEM, ReadPlan(seed, tuple(seed_lines)))[0].plan_id
    # Two rows renamed alike: either could be the old 人均地区生产总值, so neither is taken silently.
    twins = [
        replace(i, name="人均地区生产总值（常住）") if i.id in ("T2.02", "T2.03") else i
        for i in seed.indicators
    ]
    changed = replace(
        seed,
        indicators=tuple(twins),
        plan=replace(seed.plan, source=replace(seed.plan.source, sha256="e" * 64)),
    )
    _, carry = store_plan(store, SYSTEM, ReadPlan(changed, tuple(seed_lines)))
    assert carry is not None and carry.pending >= 1
    assert {p.local_id for p in pending_items(store, plan_id)} >= {"T2.03"}


def _other_plan(seed: ParsedPlan, title: str) -> ParsedPlan:
    source = replace(seed.plan.source, sha256=str(abs(hash(title))).rjust(64, "0"))
    return replace(seed, plan=replace(seed.plan, title=title, source=source))
