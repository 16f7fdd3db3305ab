"""The planner's edits of the task list: reword, assign, confirm a suggestion, merge, split, drop,
or replace the whole list with an edited .xlsx. Every edit changes the draft; the first edit after
an acceptance starts a new draft as a copy of the accepted list (a revision). Each edit is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from planwatch.errors import NotFoundError
from planwatch.observe.task_sheet import read_task_sheet
from planwatch.services import departments
from planwatch.services.actor import Actor
from planwatch.services.permissions import PLANNERS, require_role
from planwatch.services.task_sheet import tasks_from_sheet
from planwatch.services.tasks import TaskError, latest_accepted, parse_cycle, parse_deadline
from planwatch.store import Store, audit
from planwatch.store import tasks as lists
from planwatch.store.tasks import TaskList
from planwatch.tasking import Task
from planwatch.tasking.edit import EditError, merge, renumbered, split
from planwatch.tasking.propose import attach_items, key_of


@dataclass(frozen=True, slots=True)
class Changes:
    """What a planner changes of one task; None leaves a field as it is."""

    heading: str | None = None
    summary: str | None = None
    lead_unit: str | None = None  # "" takes the lead unit away
    co_units: tuple[str, ...] | None = None
    deadline: str | None = None
    cycle: str | None = None
    confirm: bool = False  # confirm the suggested lead unit as it is


def edit_task(store: Store, actor: Actor, plan_id: int, key: str, changes: Changes) -> Task:
    require_role(actor, *PLANNERS, doing="修改任务清单")
    with store.transaction() as connection:
        current, tasks = editable(connection, actor, plan_id)
        task = _find(tasks, plan_id, key)
        changed = _changed(connection, task, changes)
        if changed == task:
            return task
        _save(connection, current, [changed if t.key == key else t for t in tasks], renumber=False)
        audit.record(connection, actor.name, "tasks.edit", plan_id, key, _fields(task), _fields(changed))
        return changed


def confirm_suggestions(store: Store, actor: Actor, plan_id: int, keys: list[str] | None = None) -> int:
    """Confirm the suggested lead units of `keys` (every suggestion when None); returns how many."""
    require_role(actor, *PLANNERS, doing="修改任务清单")
    with store.transaction() as connection:
        current, tasks = editable(connection, actor, plan_id)
        wanted = set(keys) if keys is not None else {t.key for t in tasks}
        for key in wanted - {t.key for t in tasks}:
            raise NotFoundError(f"任务清单中没有任务“{key}”")
        confirmed = [t.key for t in tasks if t.key in wanted and t.lead_suggested and t.lead_unit]
        if not confirmed:
            return 0
        done = [replace(t, lead_suggested=False) if t.key in confirmed else t for t in tasks]
        _save(connection, current, done, renumber=False)
        audit.record(
            connection, actor.name, "tasks.confirm", plan_id, "、".join(confirmed), None, len(confirmed)
        )
        return len(confirmed)


def merge_tasks(store: Store, actor: Actor, plan_id: int, keys: list[str]) -> Task:
    require_role(actor, *PLANNERS, doing="修改任务清单")
    with store.transaction() as connection:
        current, tasks = editable(connection, actor, plan_id)
        try:
            merged, absorbed = merge(tasks, keys)
        except EditError as error:
            raise TaskError(str(error)) from None
        kept = [merged if t.key == merged.key else t for t in tasks if t.key not in absorbed]
        kept = [replace(t, parent_key=merged.key) if t.parent_key in absorbed else t for t in kept]
        done = _save(connection, current, kept, renumber=True)
        audit.record(connection, actor.name, "tasks.merge", plan_id, merged.key, {"merged": absorbed}, None)
        return next(t for t in done if t.key == merged.key)


def split_task(store: Store, actor: Actor, plan_id: int, key: str, at_line: int, heading: str) -> Task:
    """A new task from `at_line` to the end of `key`'s lines; returns the new task."""
    require_role(actor, *PLANNERS, doing="修改任务清单")
    with store.transaction() as connection:
        current, tasks = editable(connection, actor, plan_id)
        task = _find(tasks, plan_id, key)
        new_key = key_of(lists.highest_key(connection, plan_id) + 1)
        try:
            first, second = split(task, at_line, new_key, heading)
        except EditError as error:
            raise TaskError(str(error)) from None
        at = tasks.index(task)
        done = _save(connection, current, [*tasks[:at], first, second, *tasks[at + 1 :]], renumber=True)
        new = {"new": new_key, "at_line": at_line, "heading": second.heading}
        audit.record(connection, actor.name, "tasks.split", plan_id, key, None, new)
        return next(t for t in done if t.key == new_key)


def drop_task(store: Store, actor: Actor, plan_id: int, key: str) -> None:
    """Take a task out of the list; the tasks under it move up to its parent. Its reports stay."""
    require_role(actor, *PLANNERS, doing="修改任务清单")
    with store.transaction() as connection:
        current, tasks = editable(connection, actor, plan_id)
        task = _find(tasks, plan_id, key)
        kept = [
            replace(t, parent_key=task.parent_key) if t.parent_key == key else t
            for t in tasks
            if t.key != key
        ]
        _save(connection, current, kept, renumber=True)
        audit.record(connection, actor.name, "tasks.drop", plan_id, key, {"heading": task.heading}, None)


def import_list(
    store: Store, actor: Actor, plan_id: int, path: str | Path, *, file_name: str | None = None
) -> int:
    """The draft becomes the edited .xlsx (the layout `planwatch tasks export --format xlsx` writes):
    refused whole, with every problem listed, when a row breaks the structure. Returns the task count."""
    require_role(actor, *PLANNERS, doing="导入任务清单")
    shown = file_name or Path(path).name
    sheet = read_task_sheet(Path(path), shown)  # before any transaction: a bad file costs no lock
    with store.reading() as connection:
        current = lists.draft_of(connection, plan_id) or latest_accepted(connection, plan_id)
    if current is None:
        raise TaskError(f"规划 {plan_id} 还没有任务清单：请先拟定（planwatch tasks draft {plan_id}）")
    parsed = store.load(current.drafted_from)
    with store.transaction() as connection:
        current, tasks = editable(connection, actor, plan_id)
        imported = tasks_from_sheet(
            sheet,
            tasks,
            lambda name: _known(connection, name),
            lambda name: _unknown_reason(connection, name),
            lists.highest_key(connection, plan_id) + 1,
            current.drafted_from,
            parsed.plan.source.line_count,
            shown,
        )
        imported = attach_items(imported, parsed, current.drafted_from)
        _save(connection, current, imported, renumber=False)
        dropped = sorted({t.key for t in tasks} - {t.key for t in imported})
        new = {"tasks": len(imported), "dropped": dropped}
        audit.record(connection, actor.name, "tasks.import", plan_id, shown, {"tasks": len(tasks)}, new)
        return len(imported)


def editable(connection: Connection, actor: Actor, plan_id: int) -> tuple[TaskList, list[Task]]:
    """The draft, made as a copy of the accepted list when there is none."""
    current = lists.draft_of(connection, plan_id)
    if current is not None:
        return current, lists.entries(connection, current.id)
    accepted = latest_accepted(connection, plan_id)
    if accepted is None:
        raise TaskError(f"规划 {plan_id} 还没有任务清单：请先拟定（planwatch tasks draft {plan_id}）")
    tasks = [replace(t, flag=None) for t in lists.entries(connection, accepted.id)]
    made = lists.create_list(connection, plan_id, accepted.drafted_from, accepted.id, actor.name)
    lists.replace_entries(connection, made.id, tasks)
    audit.record(connection, actor.name, "tasks.revise", plan_id, f"任务清单第{made.number}版", None, {})
    return made, tasks


def _known(connection: Connection, name: str) -> str | None:
    try:
        return departments.require_known(connection, name)
    except departments.UnknownDepartment:
        return None


def _unknown_reason(connection: Connection, name: str) -> str:
    try:
        departments.require_known(connection, name)
    except departments.UnknownDepartment as error:
        return error.reason
    return ""


def _save(connection: Connection, current: TaskList, tasks: list[Task], *, renumber: bool) -> list[Task]:
    done = renumbered(tasks) if renumber else tasks
    lists.replace_entries(connection, current.id, done)
    return done


def _find(tasks: list[Task], plan_id: int, key: str) -> Task:
    found = next((t for t in tasks if t.key == key), None)
    if found is None:
        raise NotFoundError(f"规划 {plan_id} 的任务清单草稿中没有任务“{key}”")
    return found


def _changed(connection: Connection, task: Task, changes: Changes) -> Task:
    changed = task
    if changes.heading is not None:
        if not changes.heading.strip():
            raise TaskError("任务名称不能为空", field="重点任务")
        changed = replace(changed, heading=changes.heading.strip()[:500])
    if changes.summary is not None:
        changed = replace(changed, summary=changes.summary.strip()[:2000])
    if changes.lead_unit is not None:
        lead = changes.lead_unit.strip()
        name = departments.require_known(connection, lead, field="牵头单位") if lead else None
        changed = replace(changed, lead_unit=name, lead_suggested=False, lead_keyword=None)
    elif changes.confirm and changed.lead_unit:
        changed = replace(changed, lead_suggested=False)
    if changes.co_units is not None:
        names = [
            departments.require_known(connection, u.strip(), field="责任单位")
            for u in changes.co_units
            if u.strip()
        ]
        changed = replace(changed, co_units=tuple(dict.fromkeys(n for n in names if n != changed.lead_unit)))
    if changes.deadline is not None:
        changed = replace(changed, deadline=parse_deadline(changes.deadline))
    if changes.cycle is not None:
        changed = replace(changed, cycle=parse_cycle(changes.cycle))
    return changed


def _fields(task: Task) -> dict[str, Any]:
    return {
        "heading": task.heading,
        "summary": task.summary,
        "lead_unit": task.lead_unit,
        "lead_suggested": task.lead_suggested,
        "co_units": list(task.co_units),
        "deadline": task.deadline,
        "cycle": task.cycle.value,
    }
