"""统计公报 as services: a bulletin read into the 待审核 queue, each proposal accepted (as written or
edited) or rejected; an accepted figure is an observation 《X年统计公报》第N行 awaiting review."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.bulletin import NotABulletin
from planwatch.model import ApprovalState, ParsedPlan
from planwatch.services.actor import Actor, Role, system_actor
from planwatch.services.approval import figures_of
from planwatch.services.assignments import assign
from planwatch.services.audit import audit_entries
from planwatch.services.bulletins import (
    BulletinError,
    accept,
    bulletins_of,
    proposals_of,
    read_bulletin_file,
    reject,
)
from planwatch.services.departments import load_starter
from planwatch.services.locks import YearLocked, lock_year
from planwatch.services.permissions import PermissionDenied
from planwatch.services.synonyms import add_synonym
from planwatch.store import Store
from planwatch.store.observations import history
from planwatch.store.schema import observations
from tests.bulletin_cases import FOLDER
from tests.helpers import ingest

SYSTEM = system_actor()
PLANNER = Actor("规划科", Role.PLANNER)
TRANSPORT = Actor("交通局填报员", Role.DEPARTMENT, "区交通运输局")
VIEWER = Actor("领导", Role.VIEWER)


@pytest.fixture
def plan_id(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> int:
    load_starter(store, system_actor())  # the units the departments below belong to
    return ingest(store, seed, seed_lines).plan_id


def _proposal(store: Store, plan_id: int, series: str, period: str, kind: str = "level") -> int:
    return next(
        p.id
        for p in proposals_of(store, plan_id)
        if (p.series_id, p.period, p.kind) == (series, period, kind)
    )


def test_a_bulletin_fills_the_queue_once(store: Store, plan_id: int) -> None:
    outcome = read_bulletin_file(store, PLANNER, plan_id, FOLDER / "2021.txt")
    assert (outcome.year, outcome.proposals, outcome.already_read) == (2021, 45, False)
    assert "45个数值待审核" in outcome.summary()
    again = read_bulletin_file(store, PLANNER, plan_id, FOLDER / "2021.txt")
    assert again.already_read and again.bulletin_id == outcome.bulletin_id
    assert len(proposals_of(store, plan_id, state="pending")) == 45
    [stored] = bulletins_of(store, plan_id)
    assert stored.notes["unmentioned"] and stored.read_by == "规划科"
    assert audit_entries(store, SYSTEM, plan_id)[0].action == "bulletin.read"


def test_a_plan_is_refused_as_a_bulletin_and_nothing_is_stored(
    store: Store, plan_id: int, seed_path: Path
) -> None:
    revision = store.revision()
    with pytest.raises(NotABulletin):
        read_bulletin_file(store, PLANNER, plan_id, seed_path)
    assert bulletins_of(store, plan_id) == [] and store.revision() == revision


def test_a_bulletin_of_another_place_is_refused(store: Store, plan_id: int, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(
        (FOLDER / "2021.txt").read_text(encoding="utf-8").replace("新建区", "青山湖区"), encoding="utf-8"
    )
    with pytest.raises(BulletinError, match="青山湖区"):
        read_bulletin_file(store, PLANNER, plan_id, other)


def test_who_may_read_a_bulletin(store: Store, plan_id: int) -> None:
    with pytest.raises(PermissionDenied):
        read_bulletin_file(store, VIEWER, plan_id, FOLDER / "2021.txt")
    with pytest.raises(PermissionDenied):
        read_bulletin_file(store, TRANSPORT, plan_id, FOLDER / "2021.txt")
    reviewer = Actor("统计局审核员", Role.DEPARTMENT, "区统计局", frozenset({"review"}))
    assert read_bulletin_file(store, reviewer, plan_id, FOLDER / "2021.txt").proposals == 45


def test_an_accepted_proposal_is_a_figure_awaiting_review_with_its_source(store: Store, plan_id: int) -> None:
    read_bulletin_file(store, PLANNER, plan_id, FOLDER / "2021.txt")
    decision = accept(store, PLANNER, plan_id, _proposal(store, plan_id, "T2.01", "2021"))
    [figure] = history(store, plan_id, "T2.01")
    assert (figure.value, figure.unit, figure.period) == (Decimal("410.52"), "亿元", "2021")
    assert figure.source == "《2021年统计公报》第10行"
    assert figure.status.value == "preliminary" and figure.as_of.isoformat() == "2022-03-25"
    assert figure.approval is ApprovalState.ENTERED and figure.entered_by == "规划科"
    assert decision.observation_id == figure.id
    actions = [e.action for e in audit_entries(store, SYSTEM, plan_id)[:2]]
    assert actions == ["proposal.accept", "bulletin.accept"]


def test_a_revision_of_the_year_before_is_accepted_as_final_from_the_later_bulletin(
    store: Store, plan_id: int
) -> None:
    read_bulletin_file(store, PLANNER, plan_id, FOLDER / "2023.docx")
    accept(store, PLANNER, plan_id, _proposal(store, plan_id, "T2.01", "2022"))
    [figure] = history(store, plan_id, "T2.01")
    assert (figure.period, figure.value, figure.status.value) == ("2022", Decimal("448.36"), "final")
    assert figure.source == "《2023年统计公报》第9行"


def test_a_unit_problem_must_be_edited_away_before_acceptance(store: Store, plan_id: int) -> None:
    read_bulletin_file(store, PLANNER, plan_id, FOLDER / "2024_conflicts.txt")
    trade = _proposal(store, plan_id, "T2.12", "2024")
    with pytest.raises(BulletinError, match="亿美元"):
        accept(store, PLANNER, plan_id, trade)
    with pytest.raises(BulletinError, match="不兼容"):
        accept(store, PLANNER, plan_id, trade, value="8.2", unit="亿美元")
    accept(store, PLANNER, plan_id, trade, value="57.9", unit="亿元")
    [figure] = history(store, plan_id, "T2.12")
    assert (figure.value, figure.unit) == (Decimal("57.9"), "亿元")
    entry = next(e for e in audit_entries(store, SYSTEM, plan_id) if e.action == "proposal.accept")
    assert entry.old == {"value": "8.2", "unit": "亿美元"} and entry.new["edited"] is True


def test_an_edit_in_a_convertible_unit_is_converted(store: Store, plan_id: int) -> None:
    read_bulletin_file(store, PLANNER, plan_id, FOLDER / "2021.txt")
    accept(store, PLANNER, plan_id, _proposal(store, plan_id, "T2.04", "2021"), value="1568000", unit="万元")
    assert [o.value for o in history(store, plan_id, "T2.04")] == [Decimal("156.8")]


def test_accepting_one_of_two_conflicting_figures_rejects_the_other_saying_why(
    store: Store, plan_id: int
) -> None:
    read_bulletin_file(store, PLANNER, plan_id, FOLDER / "2024_conflicts.txt")
    rivals = [p for p in proposals_of(store, plan_id) if p.conflict and p.series_id == "T2.01"]
    assert len(rivals) == 2
    accept(store, PLANNER, plan_id, rivals[1].id)
    after = {p.id: p for p in proposals_of(store, plan_id)}
    assert after[rivals[1].id].state == "accepted"
    assert after[rivals[0].id].state == "rejected"
    assert f"#{rivals[1].id}" in (after[rivals[0].id].decision_note or "")


def test_a_proposal_is_decided_once(store: Store, plan_id: int) -> None:
    read_bulletin_file(store, PLANNER, plan_id, FOLDER / "2021.txt")
    proposal = _proposal(store, plan_id, "T2.02", "2021")
    reject(store, PLANNER, plan_id, proposal, "与快报不符，待核")
    with pytest.raises(BulletinError, match="已拒绝"):
        accept(store, PLANNER, plan_id, proposal)
    assert history(store, plan_id, "T2.02") == []


def test_a_department_accepts_only_its_own_series(store: Store, plan_id: int) -> None:
    assign(store, SYSTEM, plan_id, "G090", "区交通运输局")
    read_bulletin_file(store, PLANNER, plan_id, FOLDER / "2021.txt")
    with pytest.raises(PermissionDenied):
        accept(store, TRANSPORT, plan_id, _proposal(store, plan_id, "T2.01", "2021"))
    accept(store, TRANSPORT, plan_id, _proposal(store, plan_id, "G090", "2021"))
    assert [f.series_id for f in figures_of(store, plan_id)] == ["G090"]


def test_acceptance_into_a_locked_year_is_refused(store: Store, plan_id: int) -> None:
    read_bulletin_file(store, PLANNER, plan_id, FOLDER / "2021.txt")
    lock_year(store, SYSTEM, plan_id, 2021)
    with pytest.raises(YearLocked, match="2021年已于"):
        accept(store, PLANNER, plan_id, _proposal(store, plan_id, "T2.01", "2021"))
    with store.reading() as connection:
        assert connection.execute(observations.select()).first() is None
    assert all(p.state == "pending" for p in proposals_of(store, plan_id))


def test_a_synonym_added_to_the_table_is_used_by_the_next_bulletin(
    store: Store, plan_id: int, tmp_path: Path
) -> None:
    bulletin = tmp_path / "2024.txt"
    bulletin.write_text(
        "2024年新建区国民经济和社会发展统计公报\n\n全年全区GDP总量501.2亿元。\n", encoding="utf-8"
    )
    assert read_bulletin_file(store, PLANNER, plan_id, bulletin).proposals == 0
    add_synonym(store, PLANNER, "地区生产总值", "GDP总量", note="口语")
    bulletin.write_text(bulletin.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # another file
    assert read_bulletin_file(store, PLANNER, plan_id, bulletin).proposals == 1
