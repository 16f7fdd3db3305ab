"""A plan's task list (任务分工): proposed from the outline of the version in force, edited by the
planner as a draft, accepted as a numbered version from a date. Reports and 督办单 follow the tasks
by their keys (services.task_reports, services.task_notices).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.engine import Connection

from planwatch.errors import NotFoundError, PlanwatchError
from planwatch.services import departments
from planwatch.services.actor import Actor
from planwatch.services.departments import Suggestion
from planwatch.services.permissions import PLANNERS, require_role
from planwatch.services.versions import version_in_force
from planwatch.store import Store, audit
from planwatch.store import tasks as lists
from planwatch.store.tasks import TaskList
from planwatch.tasking import LONG_TERM, Cycle, Task
from planwatch.tasking.carry import NEW, UNMATCHED, carry_over
from planwatch.tasking.outline import candidates
from planwatch.tasking.propose import Skipped, propose

CYCLES = {"季度": Cycle.QUARTER, "季": Cycle.QUARTER, "半年": Cycle.HALF, "半年度": Cycle.HALF}
CYCLES |= {"年度": Cycle.YEAR, "年": Cycle.YEAR, "每年": Cycle.YEAR}


class TaskError(PlanwatchError):
    """A task-list action that is refused (no draft, a missing lead unit on acceptance …)."""


@dataclass(frozen=True, slots=True)
class Drafted:
    task_list: TaskList
    tasks: list[Task]
    skipped: list[Skipped]
    chapters: list[tuple[str, bool]]
    carried: int  # tasks of the accepted list found again (keys kept)
    unmatched: int  # tasks of the accepted list whose text was not found (kept, flagged)
    new: int


def draft(store: Store, actor: Actor, plan_id: int, *, replace_draft: bool = False) -> Drafted:
    """Propose the task list from the version in force today, with lead units suggested from the
    directory's keywords; when a list was accepted before, its tasks keep their keys."""
    require_role(actor, *PLANNERS, doing="拟定任务清单")
    version = version_in_force(store, plan_id)
    parsed, lines = store.load(version), store.lines(version)
    suggest = departments.suggester(store)
    with store.transaction() as connection:
        existing = lists.draft_of(connection, plan_id)
        if existing is not None and not replace_draft:
            raise TaskError(
                f"规划 {plan_id} 已有任务清单草稿（第{existing.number}版）；"
                "重新拟定将放弃其中的修改，请加 --replace（网页上为“重新拟定”）"
            )
        if existing is not None:
            lists.set_replaced(connection, existing.id)
        accepted = latest_accepted(connection, plan_id)
        proposal = propose(parsed, lines, version, first_key=lists.highest_key(connection, plan_id) + 1)
        tasks = proposal.tasks
        if accepted is not None:
            tasks = carry_over(proposal, lists.entries(connection, accepted.id), candidates(parsed, lines))
        tasks = [with_suggestion(t, suggest(t.heading) or suggest(t.summary)) for t in tasks]
        made = lists.create_list(connection, plan_id, version, accepted.id if accepted else None, actor.name)
        lists.replace_entries(connection, made.id, tasks)
        counts = {
            "unmatched": sum(t.flag == UNMATCHED for t in tasks),
            "new": sum(t.flag == NEW for t in tasks) if accepted else len(tasks),
        }
        carried = len(tasks) - counts["unmatched"] - counts["new"]
        new = {"list": made.number, "tasks": len(tasks), "version": version, **counts, "carried": carried}
        audit.record(connection, actor.name, "tasks.draft", plan_id, f"任务清单第{made.number}版", None, new)
    return Drafted(
        made, tasks, proposal.skipped, proposal.chapters, carried, counts["unmatched"], counts["new"]
    )


def accept(
    store: Store, actor: Actor, plan_id: int, in_force_from: date, *, document_no: str | None = None
) -> TaskList:
    """The draft becomes the list in force from `in_force_from`: every task needs a lead unit that a
    person confirmed (a suggestion is not enough), and a 完成时限."""
    require_role(actor, *PLANNERS, doing="确定任务清单")
    with store.transaction() as connection:
        current = lists.draft_of(connection, plan_id)
        if current is None:
            raise TaskError(f"规划 {plan_id} 没有待确定的任务清单草稿")
        tasks = lists.entries(connection, current.id)
        problems = acceptance_problems(connection, tasks)
        if problems:
            shown = "；".join(problems[:10]) + (f"……共{len(problems)}项" if len(problems) > 10 else "")
            raise TaskError(f"任务清单还不能确定：{shown}")
        lists.accept(connection, current.id, in_force_from, document_no, actor.name)
        new = {"list": current.number, "tasks": len(tasks), "in_force_from": in_force_from.isoformat()}
        if document_no:
            new["document_no"] = document_no
        audit.record(
            connection, actor.name, "tasks.accept", plan_id, f"任务清单第{current.number}版", None, new
        )
        return next(t for t in lists.lists_of(connection, plan_id) if t.id == current.id)


def acceptance_problems(connection: Connection, tasks: list[Task]) -> list[str]:
    problems = []
    if not tasks:
        problems.append("清单中没有任务")
    for task in tasks:
        if not task.lead_unit:
            problems.append(f"{task.key} 没有牵头单位")
        elif task.lead_suggested:
            problems.append(f"{task.key} 的牵头单位“{task.lead_unit}”是系统建议，尚未确认")
        if not task.deadline:
            problems.append(f"{task.key} 没有完成时限")
    for unit in sorted({u for t in tasks for u in t.units()}):
        try:
            departments.require_known(connection, unit)
        except departments.UnknownDepartment as error:
            problems.append(error.reason)
    return problems


def discard_draft(store: Store, actor: Actor, plan_id: int) -> int:
    """Throw the draft away (it stays in the record as 已放弃); returns its number."""
    require_role(actor, *PLANNERS, doing="放弃任务清单草稿")
    with store.transaction() as connection:
        current = lists.draft_of(connection, plan_id)
        if current is None:
            raise TaskError(f"规划 {plan_id} 没有任务清单草稿")
        lists.set_replaced(connection, current.id)
        audit.record(
            connection, actor.name, "tasks.discard", plan_id, f"任务清单第{current.number}版", None, {}
        )
        return current.number


# ---- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListView:
    task_list: TaskList | None
    tasks: list[Task]


def task_lists(store: Store, plan_id: int) -> list[TaskList]:
    with store.reading() as connection:
        return lists.lists_of(connection, plan_id)


def list_in_force(store: Store, plan_id: int, on: date | None = None) -> ListView:
    """The accepted list in force on `on` (today) with its tasks; (None, []) before any."""
    with store.reading() as connection:
        chosen = lists.in_force(lists.lists_of(connection, plan_id), on or date.today())
        return ListView(chosen, lists.entries(connection, chosen.id) if chosen else [])


def current_draft(store: Store, plan_id: int) -> ListView:
    with store.reading() as connection:
        chosen = lists.draft_of(connection, plan_id)
        return ListView(chosen, lists.entries(connection, chosen.id) if chosen else [])


def list_numbered(store: Store, plan_id: int, number: int) -> ListView:
    with store.reading() as connection:
        chosen = next((t for t in lists.lists_of(connection, plan_id) if t.number == number), None)
        if chosen is None:
            raise NotFoundError(f"规划 {plan_id} 没有第{number}版任务清单")
        return ListView(chosen, lists.entries(connection, chosen.id))


def find_task(view: ListView, plan_id: int, key: str) -> Task:
    found = next((t for t in view.tasks if t.key == key), None)
    if found is None:
        which = f"第{view.task_list.number}版任务清单" if view.task_list else "任务清单"
        raise NotFoundError(f"规划 {plan_id} 的{which}中没有任务“{key}”")
    return found


def latest_accepted(connection: Connection, plan_id: int) -> TaskList | None:
    accepted = [t for t in lists.lists_of(connection, plan_id) if t.state == lists.ACCEPTED]
    return accepted[-1] if accepted else None


# ---- shared by the edits ---------------------------------------------------------------------------


def with_suggestion(task: Task, found: list[Suggestion]) -> Task:
    """A task without a lead unit gets the first suggestion (its heading's keywords before those of its
    first sentence), marked as a suggestion."""
    if task.lead_unit or not found:
        return task
    return replace(task, lead_unit=found[0].department, lead_suggested=True, lead_keyword=found[0].keyword)


def parse_cycle(text: str) -> Cycle:
    found = CYCLES.get(text.strip())
    if found is None:
        raise TaskError(f"报送周期“{text.strip()}”无法识别，应为 季度、半年 或 年度", field="报送周期")
    return found


def parse_deadline(text: str) -> str:
    """完成时限: a year (2025, 2025年) or 长期 / 持续."""
    tidy = text.strip().removesuffix("年").removesuffix("底").removesuffix("年")
    if tidy in LONG_TERM:
        return tidy
    if tidy.isascii() and tidy.isdigit() and len(tidy) == 4 and 2000 <= int(tidy) <= 2100:
        return tidy
    raise TaskError(f"完成时限“{text.strip()}”无法识别，应为年份（如 2025）或 长期、持续", field="完成时限")
