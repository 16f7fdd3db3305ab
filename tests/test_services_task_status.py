"""The status of every task: the office-wide reduction in the database agrees with the plan's own
board, report by report, on every date; the 催办 list and the units' overdue counts."""

from __future__ import annotations

from datetime import date

import pytest

from planwatch.services.actor import system_actor
from planwatch.services.departments import load_starter
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.services.task_demo import load_task_demo
from planwatch.services.task_status import all_statuses, board, by_unit, due_items
from planwatch.store import Store


@pytest.fixture
def plan_id(store: Store) -> int:
    (outcome,) = ingest_files(store, system_actor(), [str(bundled_plan_path())])
    assert outcome.result is not None
    load_starter(store, system_actor())
    assert load_task_demo(store, system_actor(), outcome.result.plan_id) == 214
    return outcome.result.plan_id


@pytest.mark.parametrize(
    "as_of",
    [
        date(2024, 6, 30),
        date(2025, 1, 12),
        date(2025, 1, 20),
        date(2025, 2, 20),
        date(2025, 6, 30),
        date(2026, 3, 1),
    ],
)
def test_the_status_of_every_task_agrees_with_each_plans_board(
    store: Store, plan_id: int, as_of: date
) -> None:
    own = {key: state.status for key, state in board(store, plan_id, as_of).states.items()}
    assert all_statuses(store, as_of).get(plan_id, {}) == own
    assert all_statuses(store, as_of, [plan_id]).get(plan_id, {}) == own


def test_the_units_with_the_most_overdue_items_come_first(store: Store, plan_id: int) -> None:
    found = board(store, plan_id, date(2025, 6, 30))
    units = by_unit(found)
    assert [u.overdue for u in units] == sorted((u.overdue for u in units), reverse=True)
    assert sum(u.tasks for u in units) == 214
    assert sum(u.missing for u in units) == sum(len(s.missing) for s in found.states.values())
    unit = units[0].unit
    items = due_items(found, unit)
    assert items and all(found.task(i.task_key).lead_unit == unit for i in items)  # type: ignore[union-attr]
    states = [i.state for i in items]
    assert states == sorted(states, key=["逾期未报", "逾期未回复", "未报送", "待回复", "待报送"].index)
