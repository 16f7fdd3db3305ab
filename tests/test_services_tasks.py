"""The task list as a planner keeps it: proposed, edited as a draft, accepted as a numbered version."""

from __future__ import annotations

from datetime import date

import pytest

from planwatch.services import tasks
from planwatch.services.departments import UnknownDepartment
from planwatch.services.permissions import PermissionDenied
from planwatch.services.task_edits import (
    Changes,
    confirm_suggestions,
    drop_task,
    edit_task,
    merge_tasks,
    split_task,
)
from planwatch.services.tasks import TaskError
from planwatch.store import Store, audit
from tests.task_helpers import (
    DATA,
    DATA_USER,
    IN_FORCE,
    PEOPLE,
    PLANNER,
    PLANNING,
    SYSTEM,
    TRANSPORT,
    accepted_list,
    small_plan,
)


def _actions(store: Store, plan_id: int) -> list[str]:
    with store.reading() as connection:
        return [e.action for e in reversed(audit.entries(connection, plan_id))]


def test_a_draft_proposes_the_tasks_with_lead_units_suggested_not_assigned(store: Store) -> None:
    plan_id = small_plan(store)
    drafted = tasks.draft(store, PLANNER, plan_id)
    assert [(t.key, t.number, t.lead_unit, t.lead_suggested) for t in drafted.tasks] == [
        ("R001", "2.1", TRANSPORT, True),
        ("R002", "2.2", DATA, True),
        ("R003", "2.2.1", DATA, True),
        ("R004", "2.2.2", PEOPLE, True),
        ("R005", "2.2.3", None, False),
    ]
    assert drafted.tasks[0].lead_keyword == "交通"
    assert [i.key for i in drafted.tasks[0].items] == ["G001"]
    assert _actions(store, plan_id)[-1] == "tasks.draft"
    assert tasks.list_in_force(store, plan_id).task_list is None


def test_a_second_draft_is_refused_unless_it_replaces_the_first(store: Store) -> None:
    plan_id = small_plan(store)
    first = tasks.draft(store, PLANNER, plan_id)
    with pytest.raises(TaskError, match="已有任务清单草稿"):
        tasks.draft(store, PLANNER, plan_id)
    second = tasks.draft(store, PLANNER, plan_id, replace_draft=True)
    states = [(t.number, t.state) for t in tasks.task_lists(store, plan_id)]
    assert states == [(first.task_list.number, "replaced"), (second.task_list.number, "draft")]


def test_a_list_is_accepted_only_when_every_lead_unit_is_confirmed(store: Store) -> None:
    plan_id = small_plan(store)
    tasks.draft(store, PLANNER, plan_id)
    with pytest.raises(TaskError) as refused:
        tasks.accept(store, PLANNER, plan_id, IN_FORCE)
    assert "R001 的牵头单位“区交通运输局”是系统建议，尚未确认" in str(refused.value)
    assert "R005 没有牵头单位" in str(refused.value)
    assert confirm_suggestions(store, PLANNER, plan_id) == 4
    edit_task(store, PLANNER, plan_id, "R005", Changes(lead_unit="发改委"))  # a short name is understood
    made = tasks.accept(store, PLANNER, plan_id, IN_FORCE, document_no="新发改〔2024〕8号")
    assert (made.state, made.in_force_from, made.document_no) == ("accepted", IN_FORCE, "新发改〔2024〕8号")
    assert tasks.list_in_force(store, plan_id, date(2024, 6, 30)).task_list is None
    in_force = tasks.list_in_force(store, plan_id, IN_FORCE)
    assert in_force.task_list is not None and in_force.tasks[-1].lead_unit == PLANNING


def test_an_unknown_unit_is_refused_with_suggestions(store: Store) -> None:
    plan_id = small_plan(store)
    tasks.draft(store, PLANNER, plan_id)
    with pytest.raises(UnknownDepartment, match="是不是“区交通运输局”"):
        edit_task(store, PLANNER, plan_id, "R001", Changes(lead_unit="区交通局"))
    with pytest.raises(UnknownDepartment):
        edit_task(store, PLANNER, plan_id, "R001", Changes(co_units=("区数据局", "区大数据中心")))
    assert tasks.current_draft(store, plan_id).tasks[0].co_units == ()


def test_an_edit_rewords_and_assigns_and_is_audited_with_the_old_and_new(store: Store) -> None:
    plan_id = small_plan(store)
    tasks.draft(store, PLANNER, plan_id)
    changed = edit_task(
        store,
        PLANNER,
        plan_id,
        "R003",
        Changes(
            heading="（一）建设新型智慧城市",
            co_units=("区住建局", "区数据局"),
            deadline="2024年",
            cycle="季度",
        ),
    )
    assert (changed.heading, changed.co_units, changed.deadline, changed.cycle.value) == (
        "（一）建设新型智慧城市",
        ("区住建局",),  # the lead unit is not also a responsible unit
        "2024",
        "季度",
    )
    with store.reading() as connection:
        entry = audit.entries(connection, plan_id)[0]
    assert (entry.action, entry.target, entry.old["heading"], entry.new["heading"]) == (
        "tasks.edit",
        "R003",
        "（一）建设智慧城市",
        "（一）建设新型智慧城市",
    )
    with pytest.raises(TaskError, match="完成时限"):
        edit_task(store, PLANNER, plan_id, "R003", Changes(deadline="明年"))


def test_merge_split_and_drop_keep_the_list_traceable(store: Store) -> None:
    plan_id = small_plan(store)
    tasks.draft(store, PLANNER, plan_id)
    merged = merge_tasks(store, PLANNER, plan_id, ["R003", "R004"])
    assert (merged.key, merged.first_line, merged.last_line, merged.note) == (
        "R003",
        8,
        11,
        "由R003、R004合并",
    )
    assert PEOPLE in merged.co_units
    split = split_task(store, PLANNER, plan_id, "R003", 10, "（二）培育人才队伍（拆回）")
    assert (split.key, split.first_line, split.last_line, split.note) == ("R006", 10, 11, "由R003拆分")
    drop_task(store, PLANNER, plan_id, "R002")
    draft = tasks.current_draft(store, plan_id).tasks
    assert [(t.key, t.number, t.parent_key) for t in draft] == [
        ("R001", "2.1", None),
        ("R003", "2.2", None),  # its parent dropped: it moves up, numbered again
        ("R006", "2.3", None),
        ("R005", "2.4", None),
    ]
    assert _actions(store, plan_id)[-3:] == ["tasks.merge", "tasks.split", "tasks.drop"]
    with pytest.raises(TaskError, match="拆分行应在"):
        split_task(store, PLANNER, plan_id, "R001", 99, "x")


def test_editing_after_acceptance_starts_a_revision_and_leaves_the_accepted_list_alone(store: Store) -> None:
    plan_id = small_plan(store)
    accepted_list(store, plan_id)
    edit_task(store, PLANNER, plan_id, "R001", Changes(lead_unit=PLANNING))
    lists = tasks.task_lists(store, plan_id)
    assert [(t.number, t.state, t.based_on) for t in lists] == [
        (1, "accepted", None),
        (2, "draft", lists[0].id),
    ]
    assert tasks.list_in_force(store, plan_id, IN_FORCE).tasks[0].lead_unit == TRANSPORT
    assert tasks.current_draft(store, plan_id).tasks[0].lead_unit == PLANNING
    tasks.accept(store, PLANNER, plan_id, date(2025, 1, 1))
    assert tasks.list_in_force(store, plan_id, date(2024, 12, 31)).tasks[0].lead_unit == TRANSPORT
    assert tasks.list_in_force(store, plan_id, date(2025, 1, 1)).tasks[0].lead_unit == PLANNING


def test_a_department_may_not_draft_or_edit_the_list(store: Store) -> None:
    plan_id = small_plan(store)
    with pytest.raises(PermissionDenied):
        tasks.draft(store, DATA_USER, plan_id)
    tasks.draft(store, SYSTEM, plan_id)
    with pytest.raises(PermissionDenied):
        edit_task(store, DATA_USER, plan_id, "R002", Changes(heading="改写"))
    with pytest.raises(PermissionDenied):
        tasks.accept(store, DATA_USER, plan_id, IN_FORCE)
