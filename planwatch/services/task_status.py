"""The follow-up as of a date: each task's status, each unit's due and overdue items (催办), the
notices open. Reads only; the judgement is tasking.status.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from planwatch import config
from planwatch.store import Store, task_books
from planwatch.store import task_notices as notice_store
from planwatch.store import task_reports as report_store
from planwatch.store import tasks as lists
from planwatch.store.kept import kept_per_revision
from planwatch.store.tasks import TaskList
from planwatch.tasking import Cycle, Status, Task, TaskSettings
from planwatch.tasking.model import Notice
from planwatch.tasking.periods import report_deadline
from planwatch.tasking.status import TaskState, Terms, checks, judge, quick_status, received


def task_settings() -> TaskSettings:
    return TaskSettings(report_grace_days=config.count(config.TASK_REPORT_DAYS))


@dataclass(frozen=True, slots=True)
class Board:
    """A plan's tasks on a date: the list in force then, each task's state, the notices issued by then."""

    plan_id: int
    as_of: date
    task_list: TaskList | None
    tasks: list[Task]
    states: dict[str, TaskState]
    notices: list[Notice]
    settings: TaskSettings

    def task(self, key: str) -> Task | None:
        return next((t for t in self.tasks if t.key == key), None)


@dataclass(slots=True)
class UnitRow:
    """What one unit answers for, as lead unit, on the board's date."""

    unit: str
    tasks: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    missing: int = 0  # reports past their deadline and not filed (未报送 and 逾期未报)
    reminded: int = 0  # … of those, reminded
    lagging: int = 0
    notices_open: int = 0
    notices_overdue: int = 0  # past their reply date without a reply

    @property
    def overdue(self) -> int:
        """Overdue items: missing reports, lagging tasks and unanswered notices past their date."""
        return self.missing + self.lagging + self.notices_overdue


@dataclass(frozen=True, slots=True)
class DueItem:
    kind: str  # report | notice
    task_key: str
    heading: str
    period: str | None
    deadline: date  # the report's or the notice's reply date
    state: str  # 待报送 | 未报送 | 逾期未报 | 待回复 | 逾期未回复
    notice_id: int | None = None
    notice_number: str | None = None


@kept_per_revision
def board(store: Store, plan_id: int, as_of: date) -> Board:
    """The plan's board on `as_of`, kept while the database's revision is unchanged."""
    return _board(store, plan_id, as_of)


def _board(store: Store, plan_id: int, as_of: date) -> Board:
    with store.reading() as connection:
        chosen = lists.in_force(lists.lists_of(connection, plan_id), as_of)
        tasks = lists.entries(connection, chosen.id) if chosen else []
        facts = report_store.filed_facts(connection, plan_id) if chosen else {}
        reminders = report_store.reminders_of(connection, plan_id) if chosen else {}
        notices = [n for n in notice_store.notices_of(connection, plan_id) if n.issued_on <= as_of]
    settings = task_settings()
    states = {}
    if chosen is not None:
        assert chosen.in_force_from is not None
        for task in tasks:
            terms = Terms(task.key, task.cycle, task.deadline_year, chosen.in_force_from)
            sent = [period for period, day in reminders.get((plan_id, task.key), []) if day <= as_of]
            states[task.key] = judge(terms, received(facts.get(task.key, []), as_of), sent, as_of, settings)
    return Board(plan_id, as_of, chosen, tasks, states, notices, settings)


def status_counts(states: Iterable[TaskState]) -> dict[str, int]:
    counts = {s.value: 0 for s in Status}
    for state in states:
        counts[state.status.value] += 1
    return counts


def by_unit(found: Board) -> list[UnitRow]:
    """Each lead unit's tasks and overdue items, the most overdue first."""
    rows: dict[str, UnitRow] = {}
    for task in found.tasks:
        state = found.states.get(task.key)
        if state is None or not task.lead_unit:
            continue
        row = rows.setdefault(task.lead_unit, UnitRow(task.lead_unit))
        row.tasks += 1
        row.by_status[state.status.value] = row.by_status.get(state.status.value, 0) + 1
        row.missing += len(state.missing)
        row.reminded += len(state.reminded)
        row.lagging += 1 if state.lagging else 0
    for notice in found.notices:
        reply = notice.state(found.as_of)
        if reply == "已办结":
            continue
        row = rows.setdefault(notice.unit, UnitRow(notice.unit))
        row.notices_open += 1
        row.notices_overdue += 1 if reply == "逾期未回复" else 0
    return sorted(rows.values(), key=lambda r: (-r.overdue, -r.tasks, r.unit))


def due_items(found: Board, unit: str | None) -> list[DueItem]:
    """催办: the reports due and overdue and the notices awaiting a reply, of one unit (None: all),
    the most urgent first."""
    items: list[DueItem] = []
    grace = found.settings.report_grace_days
    for task in found.tasks:
        state = found.states.get(task.key)
        if state is None or (unit is not None and task.lead_unit != unit):
            continue
        for period in state.waiting:
            items.append(
                DueItem("report", task.key, task.heading, period, report_deadline(period, grace), "待报送")
            )
        for period in state.missing:
            late = "逾期未报" if period in state.reminded else "未报送"
            items.append(
                DueItem("report", task.key, task.heading, period, report_deadline(period, grace), late)
            )
    for notice in found.notices:
        reply = notice.state(found.as_of)
        if reply in ("待回复", "逾期未回复") and (unit is None or notice.unit == unit):
            about = found.task(notice.task_key)
            heading = about.heading if about else notice.task_key
            items.append(
                DueItem(
                    "notice", notice.task_key, heading, None, notice.reply_by, reply, notice.id, notice.number
                )
            )
    urgency = {"逾期未报": 0, "逾期未回复": 1, "未报送": 2, "待回复": 3, "待报送": 4}
    return sorted(items, key=lambda i: (urgency[i.state], i.deadline, i.task_key))


def all_statuses(
    store: Store, as_of: date, plan_ids: list[int] | None = None
) -> dict[int, dict[str, Status]]:
    """plan id → task key → status on `as_of`, for every plan with a list in force (of `plan_ids`):
    the office-wide view. Each task's book is read when it was last written on or before `as_of`;
    a plan with a later write has its reports reduced instead, so the answer is that of `board`."""
    grace = task_settings().report_grace_days
    with store.reading() as connection:
        chosen = {t.id: t for t in lists.in_force_everywhere(connection, as_of, plan_ids)}
        rows = task_books.tasks_with_books(connection, as_of, {i: t.plan_id for i, t in chosen.items()})
        later = set(task_books.plans_written_after(connection, as_of, plan_ids))
        exact = report_store.received_by_task(connection, as_of, sorted(later)) if later else {}
        reminders = report_store.reminders_of(connection)
    cycles = {c.value: c for c in Cycle}
    per_combo: dict[tuple[int, str, str], tuple[int, dict[str, Status], bool, tuple[str, ...], str]] = {}
    found: dict[int, dict[str, Status]] = {}
    for list_id, key, cycle, deadline, received_text, done in rows:
        combo = per_combo.get((list_id, cycle, deadline))
        if combo is None:
            task_list = chosen[list_id]
            assert task_list.in_force_from is not None
            year = int(deadline) if deadline.isdigit() else None
            lagging, required, run = checks(cycles[cycle], task_list.in_force_from, year, as_of, grace)
            by_key = found.setdefault(task_list.plan_id, {})
            combo = per_combo[(list_id, cycle, deadline)] = (
                task_list.plan_id,
                by_key,
                lagging,
                required,
                run,
            )
        plan_id, by_key, lagging, required, run = combo
        if plan_id in later:
            got = exact.get((plan_id, key))
            received_text, done = (task_books.as_text(got.periods), got.done_period) if got else (",", None)
        sent = reminders.get((plan_id, key))
        reminded = frozenset(p for p, day in sent if day <= as_of) if sent else _NOTHING
        by_key[key] = quick_status(lagging, required, run, received_text or ",", done is not None, reminded)
    return found


_NOTHING: frozenset[str] = frozenset()
