"""An illustrative accepted task list with a few reports, for `planwatch demo` (示例数据，非真实统计):
so that the task pages show every status before an office has entered anything of its own."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy.engine import Connection

from planwatch.services import departments
from planwatch.services.actor import Actor
from planwatch.services.permissions import PLANNERS, require_role
from planwatch.services.task_notices import notice_number
from planwatch.services.tasks import with_suggestion
from planwatch.services.versions import version_in_force
from planwatch.store import Store, audit, task_books
from planwatch.store import task_notices as notices
from planwatch.store import task_reports as reports
from planwatch.store import tasks as lists
from planwatch.tasking import Cycle, Degree, Task
from planwatch.tasking.periods import name
from planwatch.tasking.propose import propose
from planwatch.tasking.status import PASS, RETURN

DEMO_LABEL = "示例数据，非真实统计"
IN_FORCE_FROM = date(2024, 7, 1)  # reports are due for 2024H2 by 2025-01-15; the demo looks at 2025-06-30
FALLBACK_UNIT = "区发改委"


def load_task_demo(store: Store, actor: Actor, plan_id: int) -> int:
    """Propose, assign and accept the plan's task list, then file, review and remind a few reports and
    issue two 督办单. Does nothing when the plan has a task list already; returns the tasks loaded."""
    require_role(actor, *PLANNERS, doing="载入示例任务")
    with store.reading() as connection:
        if lists.lists_of(connection, plan_id):
            return 0
    version = version_in_force(store, plan_id)
    parsed, lines = store.load(version), store.lines(version)
    suggest = departments.suggester(store)
    proposal = propose(parsed, lines, version)
    tasks = [
        _assigned(with_suggestion(t, suggest(t.heading) or suggest(t.summary)), n)
        for n, t in enumerate(proposal.tasks)
    ]
    with store.transaction() as connection:
        made = lists.create_list(connection, plan_id, version, None, actor.name)
        lists.replace_entries(connection, made.id, tasks)
        lists.accept(connection, made.id, IN_FORCE_FROM, DEMO_LABEL, actor.name)
        for n, task in enumerate(tasks):
            _reports(connection, plan_id, task, n, actor.name)
        task_books.refresh(connection, plan_id, [t.key for t in tasks])
        _notices(connection, plan_id, tasks, actor.name)
        audit.record(connection, actor.name, "tasks.demo", plan_id, DEMO_LABEL, None, {"tasks": len(tasks)})
    return len(tasks)


def _assigned(task: Task, n: int) -> Task:
    """Every task gets a confirmed lead unit; a few run out earlier (滞后) or report each quarter."""
    lead = task.lead_unit or FALLBACK_UNIT
    deadline = "2024" if n % 23 == 5 else ("持续" if n % 11 == 0 else task.deadline)
    cycle = Cycle.YEAR if n % 17 == 3 else task.cycle
    return replace(
        task, lead_unit=lead, lead_suggested=False, deadline=deadline, cycle=cycle, note=DEMO_LABEL
    )


def _reports(connection: Connection, plan_id: int, task: Task, n: int, by: str) -> None:
    """Three in five tasks report for 2024H2 (annual ones for 2024); one of those is sent back and filed
    again, a few are done. Of the rest, one in three was reminded (逾期未报)."""
    period = _period(task)
    filed = date(2025, 1, 8) + timedelta(days=n % 7)
    if n % 5 in (0, 1, 2):
        degree = (
            Degree.DONE
            if n % 13 == 1
            else (Degree.ONGOING if task.deadline in ("持续", "长期") else Degree.UNDERWAY)
        )
        fields = {
            "progress": f"（{DEMO_LABEL}）{task.heading}：按计划推进，已完成年度工作量的大部分。",
            "degree": degree.value,
            "problems": "（示例）要素保障仍需加强。" if n % 2 else "",
            "next_steps": "（示例）加快推进，按期完成。",
        }
        report_id = reports.add_report(
            connection, plan_id, task.key, period, task.lead_unit or FALLBACK_UNIT, fields, by, filed
        )
        if n % 10 == 1:
            reports.add_review(
                connection,
                report_id,
                RETURN,
                "（示例）进展情况过于笼统，请补充具体数据。",
                by,
                filed + timedelta(days=3),
            )
            again = dict(fields, progress=fields["progress"] + "（示例）补充：完成投资约占年度计划的八成。")
            report_id = reports.add_report(
                connection,
                plan_id,
                task.key,
                period,
                task.lead_unit or FALLBACK_UNIT,
                again,
                by,
                filed + timedelta(days=6),
            )
            filed += timedelta(days=6)
        if n % 9 != 4:  # a few wait for review
            reports.add_review(connection, report_id, PASS, "", by, filed + timedelta(days=4))
    elif n % 3 == 0:
        reports.add_reminder(
            connection, plan_id, task.key, period, task.lead_unit or FALLBACK_UNIT, by, date(2025, 2, 10)
        )


def _period(task: Task) -> str:
    """The last period of 2024 in the task's cycle: the one whose report the demo looks at."""
    return {Cycle.YEAR: "2024", Cycle.HALF: "2024H2", Cycle.QUARTER: "2024Q4"}[task.cycle]


def _notices(connection: Connection, plan_id: int, tasks: list[Task], by: str) -> None:
    """Two 督办单 of 2025: one answered and closed, one waiting for its reply."""
    chosen = [t for n, t in enumerate(tasks) if n % 5 not in (0, 1, 2) and n % 3 == 0][:2]
    for number, task in enumerate(chosen):
        serial = notices.next_serial(connection, 2025)
        issued = date(2025, 3, 3 + number)
        notice_id = notices.add_notice(
            connection,
            plan_id,
            2025,
            serial,
            notice_number(2025, serial),
            task.key,
            task.lead_unit or FALLBACK_UNIT,
            f"（{DEMO_LABEL}）{name(_period(task))}进展逾期未报，请说明原因并尽快报送。",
            issued + timedelta(days=20),
            by,
            issued,
        )
        if number == 0:
            notices.add_event(
                connection,
                notice_id,
                "reply",
                "（示例）已说明逾期原因，落实专人负责，将按期报送。",
                by,
                issued + timedelta(days=12),
            )
            notices.add_event(
                connection, notice_id, "close", "（示例）已整改，办结。", by, issued + timedelta(days=15)
            )
