"""数据审核审批 as services: 填报 → 审核 → 审批, returns with a reason, separation of duties, and what
counts: only approved figures, from the day they were approved, unless the pending view is asked for."""

from __future__ import annotations

from datetime import date

import pytest

from planwatch.model import ApprovalState, ParsedPlan
from planwatch.services.actor import Actor, Role, system_actor
from planwatch.services.approval import ApprovalError, approve, figures_of, resubmit, return_figures, review
from planwatch.services.assignments import assign
from planwatch.services.audit import audit_entries
from planwatch.services.departments import load_starter
from planwatch.services.evaluation import evaluate_plan
from planwatch.services.figures import enter_figure
from planwatch.services.permissions import PermissionDenied
from planwatch.store import Store
from planwatch.store.vintages import observations_as_of
from tests.helpers import ingest

SYSTEM = system_actor()
TRANSPORT = Actor("交通局填报员", Role.DEPARTMENT, "区交通运输局")
STATISTICIAN = Actor("统计局审核员", Role.DEPARTMENT, "区统计局", frozenset({"review"}))
APPROVER = Actor("发改委审批人", Role.PLANNER, None, frozenset({"approve"}))
PLANNER = Actor("规划科", Role.PLANNER)
FIGURE = {"period": "2023", "value": "480", "unit": "亿元", "as_of": "2024-03-01", "source": "2023年统计公报"}


@pytest.fixture
def plan_id(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> int:
    plan_id = ingest(store, seed, seed_lines).plan_id
    load_starter(store, SYSTEM)  # the units the actors below belong to
    assign(store, SYSTEM, plan_id, "T2.01", "区交通运输局")
    return plan_id


def _state(store: Store, plan_id: int) -> list[ApprovalState]:
    return [f.approval for f in figures_of(store, plan_id)]


def test_a_typed_figure_waits_for_review_and_does_not_count(store: Store, plan_id: int) -> None:
    enter_figure(store, TRANSPORT, plan_id, "T2.01", FIGURE)
    assert _state(store, plan_id) == [ApprovalState.ENTERED]
    assert observations_as_of(store, plan_id, date(2030, 1, 1)) == {}
    pending = observations_as_of(store, plan_id, date(2030, 1, 1), pending=True)
    assert [o.value for o in pending["T2.01"]] == [480]


def test_reviewed_then_approved_a_figure_counts_from_the_day_it_was_approved(
    store: Store, plan_id: int
) -> None:
    enter_figure(store, TRANSPORT, plan_id, "T2.01", FIGURE)
    assert review(store, STATISTICIAN, plan_id).figures == 1
    assert approve(store, APPROVER, plan_id, today=date(2024, 4, 10)).figures == 1
    assert _state(store, plan_id) == [ApprovalState.APPROVED]
    assert observations_as_of(store, plan_id, date(2024, 4, 9)) == {}  # known, not yet approved
    assert [o.value for o in observations_as_of(store, plan_id, date(2024, 4, 10))["T2.01"]] == [480]


def test_each_step_is_audited_per_figure_and_raises_the_revision_once(store: Store, plan_id: int) -> None:
    enter_figure(store, TRANSPORT, plan_id, "T2.01", FIGURE)
    enter_figure(store, TRANSPORT, plan_id, "T2.01", {**FIGURE, "period": "2022", "value": "450"})
    revision = store.revision()
    review(store, STATISTICIAN, plan_id)
    assert store.revision() == revision + 1
    entries = [e for e in audit_entries(store, SYSTEM, plan_id) if e.action == "figure.review"]
    assert len(entries) == 2 and {e.user for e in entries} == {"统计局审核员"}
    assert all(e.old == {"approval": "entered"} and e.new == {"approval": "reviewed"} for e in entries)


def test_approval_skips_no_step(store: Store, plan_id: int) -> None:
    enter_figure(store, TRANSPORT, plan_id, "T2.01", FIGURE)
    with pytest.raises(ApprovalError, match="没有待审批的数值"):
        approve(store, APPROVER, plan_id)
    [figure] = figures_of(store, plan_id)
    with pytest.raises(ApprovalError, match="待审核"):
        approve(store, APPROVER, plan_id, [figure.id])


def test_review_and_approval_need_their_capabilities(store: Store, plan_id: int) -> None:
    enter_figure(store, TRANSPORT, plan_id, "T2.01", FIGURE)
    with pytest.raises(PermissionDenied, match="审核"):
        review(store, PLANNER, plan_id)
    review(store, STATISTICIAN, plan_id)
    with pytest.raises(PermissionDenied, match="审批"):
        approve(store, STATISTICIAN, plan_id)
    assert _state(store, plan_id) == [ApprovalState.REVIEWED]


def test_nobody_approves_a_figure_they_entered_while_duties_are_separated(
    store: Store, plan_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    both = Actor("身兼数职", Role.PLANNER, None, frozenset({"review", "approve"}))
    enter_figure(store, both, plan_id, "T2.01", FIGURE)
    revision = store.revision()
    with pytest.raises(PermissionDenied, match="职责分离"):
        review(store, both, plan_id)
    assert store.revision() == revision and _state(store, plan_id) == [ApprovalState.ENTERED]
    review(store, STATISTICIAN, plan_id)
    with pytest.raises(PermissionDenied, match="不能审批自己填报的数据"):
        approve(store, both, plan_id)
    monkeypatch.setenv("PLANWATCH_SEPARATE_DUTIES", "0")
    approve(store, both, plan_id)
    assert _state(store, plan_id) == [ApprovalState.APPROVED]


def test_a_return_carries_its_reason_back_to_the_one_who_entered_it(store: Store, plan_id: int) -> None:
    enter_figure(store, TRANSPORT, plan_id, "T2.01", FIGURE)
    [figure] = figures_of(store, plan_id)
    with pytest.raises(ApprovalError, match="理由"):
        return_figures(store, STATISTICIAN, plan_id, [figure.id], "  ")
    return_figures(store, STATISTICIAN, plan_id, [figure.id], "与统计公报不符，请核对")
    returned = figures_of(store, plan_id, states=[ApprovalState.RETURNED], entered_by="交通局填报员")
    assert [f.id for f in returned] == [figure.id]
    entry = audit_entries(store, SYSTEM, plan_id)[0]
    assert entry.action == "figure.return" and entry.new["reason"] == "与统计公报不符，请核对"
    assert observations_as_of(store, plan_id, date(2030, 1, 1), pending=True) == {}  # returned never counts
    with pytest.raises(PermissionDenied):
        resubmit(store, Actor("财政局填报员", Role.DEPARTMENT, "区财政局"), plan_id, [figure.id])
    resubmit(store, TRANSPORT, plan_id, [figure.id])
    assert _state(store, plan_id) == [ApprovalState.ENTERED]


def test_a_selection_with_one_figure_in_another_state_changes_nothing(store: Store, plan_id: int) -> None:
    enter_figure(store, TRANSPORT, plan_id, "T2.01", FIGURE)
    enter_figure(store, TRANSPORT, plan_id, "T2.01", {**FIGURE, "period": "2022", "value": "450"})
    first, second = figures_of(store, plan_id)
    review(store, STATISTICIAN, plan_id, [first.id])
    with pytest.raises(ApprovalError, match=f"#{first.id}"):
        review(store, STATISTICIAN, plan_id, [first.id, second.id])
    with pytest.raises(ApprovalError, match="不存在"):
        review(store, STATISTICIAN, plan_id, [second.id, 99999])
    assert sorted(_state(store, plan_id)) == sorted([ApprovalState.REVIEWED, ApprovalState.ENTERED])


def test_the_evaluation_counts_approved_figures_and_marks_pending_ones_when_asked(
    store: Store, plan_id: int
) -> None:
    enter_figure(store, TRANSPORT, plan_id, "T2.01", FIGURE)
    day = date(2024, 6, 30)
    approved_only = {e.series_id: e for e in evaluate_plan(store, plan_id, day).evaluations}["T2.01"]
    with_pending = evaluate_plan(store, plan_id, day, pending=True)
    judged = {e.series_id: e for e in with_pending.evaluations}["T2.01"]
    assert approved_only.latest_value is None and judged.latest_value == 480
    assert with_pending.unapproved == {"T2.01"}
    review(store, STATISTICIAN, plan_id)
    approve(store, APPROVER, plan_id, today=day)
    after = evaluate_plan(store, plan_id, day)
    assert {e.series_id: e for e in after.evaluations}["T2.01"].latest_value == 480
    assert after.unapproved == frozenset()


def test_a_year_s_figures_are_taken_by_year(store: Store, plan_id: int) -> None:
    enter_figure(store, TRANSPORT, plan_id, "T2.01", FIGURE)
    enter_figure(store, TRANSPORT, plan_id, "T2.01", {**FIGURE, "period": "2022", "value": "450"})
    assert review(store, STATISTICIAN, plan_id, year=2022).figures == 1
    assert {(f.period, f.approval) for f in figures_of(store, plan_id)} == {
        ("2022", ApprovalState.REVIEWED),
        ("2023", ApprovalState.ENTERED),
    }
