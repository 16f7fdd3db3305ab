"""Locked years: no entry, import, bulletin acceptance or approval step for the year until an
administrator unlocks it with a reason; the refusal names the lock's date and who locked it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from planwatch.model import ParsedPlan
from planwatch.services.actor import Actor, Role, system_actor
from planwatch.services.approval import review
from planwatch.services.audit import audit_entries
from planwatch.services.figures import enter_figure, import_figures
from planwatch.services.locks import LockError, YearLocked, lock_year, locked_years, locks_of, unlock_year
from planwatch.services.permissions import PermissionDenied
from planwatch.store import Store
from planwatch.store.observations import count_observations
from tests.helpers import ingest

FIXTURES = Path(__file__).parent / "fixtures"
SYSTEM = system_actor()
APPROVER = Actor("发改委审批人", Role.PLANNER, None, frozenset({"approve"}))
STATISTICIAN = Actor("统计局审核员", Role.DEPARTMENT, "区统计局", frozenset({"review"}))
PLANNER = Actor("规划科", Role.PLANNER)
ADMIN = Actor("管理员", Role.ADMIN)
FIGURE = {"period": "2023", "value": "480", "unit": "亿元", "as_of": "2024-03-01", "source": "2023年统计公报"}


@pytest.fixture
def plan_id(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> int:
    return ingest(store, seed, seed_lines).plan_id


def test_a_figure_typed_into_a_locked_year_is_refused_with_the_lock_s_date_and_author(
    store: Store, plan_id: int
) -> None:
    lock_year(store, APPROVER, plan_id, 2023, "年报已审定")
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    with pytest.raises(YearLocked, match=f"2023年已于{today}由“发改委审批人”锁定"):
        enter_figure(store, PLANNER, plan_id, "T2.01", FIGURE)
    assert count_observations(store, plan_id) == 0
    enter_figure(store, PLANNER, plan_id, "T2.01", {**FIGURE, "period": "2022"})  # another year is open
    assert count_observations(store, plan_id) == 1


def test_an_import_touching_a_locked_year_is_refused_whole(store: Store, plan_id: int) -> None:
    lock_year(store, ADMIN, plan_id, 2022)
    with pytest.raises(YearLocked, match="2022年"):
        import_figures(store, SYSTEM, plan_id, FIXTURES / "observations_long.csv")
    assert count_observations(store, plan_id) == 0


def test_no_approval_step_is_taken_in_a_locked_year(store: Store, plan_id: int) -> None:
    enter_figure(store, PLANNER, plan_id, "T2.01", FIGURE)
    lock_year(store, APPROVER, plan_id, 2023)
    with pytest.raises(YearLocked, match="不能审核"):
        review(store, STATISTICIAN, plan_id)


def test_only_approvers_lock_and_only_administrators_unlock_with_a_reason(store: Store, plan_id: int) -> None:
    with pytest.raises(PermissionDenied):
        lock_year(store, PLANNER, plan_id, 2023)
    lock_year(store, APPROVER, plan_id, 2023)
    with pytest.raises(LockError, match="无需再次锁定"):
        lock_year(store, APPROVER, plan_id, 2023)
    with pytest.raises(PermissionDenied):
        unlock_year(store, APPROVER, plan_id, 2023, "更正")
    with pytest.raises(LockError, match="理由"):
        unlock_year(store, ADMIN, plan_id, 2023, " ")
    unlock_year(store, ADMIN, plan_id, 2023, "统计局更正2023年地区生产总值")
    assert locked_years(store, plan_id) == {}
    enter_figure(store, PLANNER, plan_id, "T2.01", FIGURE)
    [lock] = locks_of(store, plan_id)
    assert (lock.unlocked_by, lock.unlock_reason) == ("管理员", "统计局更正2023年地区生产总值")
    actions = [e.action for e in audit_entries(store, SYSTEM, plan_id)]
    assert "period.lock" in actions and "period.unlock" in actions
