"""The follow-up of tasks (督查督办): a unit files a 进展 report on its task for a period, 发改
reviews it (通过, or 退回 with a reason), 发改 reminds (催办) a unit of a report that is missing.

A department user files only on tasks assigned to its unit (牵头 or 责任): any other attempt is
refused and the refusal itself is recorded in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planwatch.errors import NotFoundError, PlanwatchError
from planwatch.services.actor import Actor
from planwatch.services.evidence import check_files
from planwatch.services.permissions import (
    PLANNERS,
    WRITERS,
    PermissionDenied,
    require_backdating,
    require_role,
    require_task_unit,
)
from planwatch.services.task_status import board
from planwatch.services.tasks import list_in_force
from planwatch.store import Store, audit, task_books
from planwatch.store import task_reports as reports
from planwatch.tasking import Degree, Task
from planwatch.tasking.model import Evidence, Report
from planwatch.tasking.periods import PeriodError, bounds, name
from planwatch.tasking.periods import parse as parse_period
from planwatch.tasking.status import PASS, RETURN

MAX_TEXT = 4000
DECISIONS = {"pass": PASS, "通过": PASS, "return": RETURN, "退回": RETURN}


class ReportError(PlanwatchError):
    """A report or review that is refused (a period not begun, a report already reviewed …)."""


@dataclass(frozen=True, slots=True)
class ReportForm:
    period: str  # as written: 2023H1, 2023年上半年
    progress: str  # 进展情况
    degree: str  # 完成程度
    problems: str = ""  # 存在问题
    next_steps: str = ""  # 下步打算


def file_report(
    store: Store,
    actor: Actor,
    plan_id: int,
    task_key: str,
    form: ReportForm,
    evidence: list[tuple[str, bytes]] | None = None,
    *,
    on: date | None = None,
) -> Report:
    """File a report on a task of the list in force; returns it as stored."""
    today = date.today()
    day = on or today
    try:
        require_role(actor, *WRITERS, doing="报送任务进展")
    except PermissionDenied as refused:
        record_refusal(store, actor, plan_id, task_key, "task.report.refused", refused)
        raise
    task = _task(store, plan_id, task_key, day)
    try:
        require_task_unit(actor, task.key, task.units(), doing="报送该任务的进展")
    except PermissionDenied as refused:
        record_refusal(store, actor, plan_id, task.key, "task.report.refused", refused)
        raise
    require_backdating(actor, day, today)
    period, degree, fields = _checked(task, form, day)
    files = check_files(evidence or [])  # before the transaction: a refused file costs no lock
    unit = actor.department if actor.department in task.units() else task.lead_unit
    assert unit is not None
    with store.transaction() as connection:
        earlier = reports.reports_of(connection, plan_id, task.key)
        _require_open(earlier, period)
        report_id = reports.add_report(connection, plan_id, task.key, period, unit, fields, actor.name, day)
        for file in files:
            reports.add_evidence(connection, report_id, file.file_name, file.media_type, file.content)
        task_books.refresh(connection, plan_id, [task.key])
        new = {
            "period": period,
            "unit": unit,
            "degree": degree.value,
            "evidence": [f.file_name for f in files],
        }
        audit.record(connection, actor.name, "task.report", plan_id, task.key, None, new)
        stored = reports.report(connection, report_id)
    assert stored is not None
    return stored


def review_report(
    store: Store,
    actor: Actor,
    plan_id: int,
    report_id: int,
    decision: str,
    reason: str = "",
    *,
    on: date | None = None,
) -> Report:
    """发改's review: pass, or return with a reason (the unit then files again)."""
    require_role(actor, *PLANNERS, doing="审核任务进展")
    today = date.today()
    day = on or today
    require_backdating(actor, day, today)
    chosen = DECISIONS.get(decision.strip())
    if chosen is None:
        raise ReportError(f"审核意见“{decision}”无法识别，应为 通过 或 退回", field="审核意见")
    reason = reason.strip()[:MAX_TEXT]
    if chosen == RETURN and not reason:
        raise ReportError("退回须写明理由", field="退回理由")
    with store.transaction() as connection:
        found = reports.report(connection, report_id)
        if found is None or found.plan_id != plan_id:
            raise NotFoundError(f"规划 {plan_id} 中没有编号为 {report_id} 的进展报告")
        if found.review is not None:
            done = "通过" if found.review.decision == PASS else "退回"
            raise ReportError(f"第{report_id}号报告已于{found.review.reviewed_on}{done}，不能再次审核")
        if day < found.filed_on:
            raise ReportError(f"审核日期早于报送日期（{found.filed_on}）")
        reports.add_review(connection, report_id, chosen, reason, actor.name, day)
        task_books.refresh(connection, plan_id, [found.task_key])
        new = {"decision": chosen, "reason": reason, "period": found.period}
        audit.record(connection, actor.name, "task.review", plan_id, found.task_key, None, new)
        reviewed = reports.report(connection, report_id)
    assert reviewed is not None
    return reviewed


@dataclass(frozen=True, slots=True)
class Reminder:
    task_key: str
    period: str
    unit: str


def remind(
    store: Store,
    actor: Actor,
    plan_id: int,
    *,
    unit: str | None = None,
    task_key: str | None = None,
    on: date | None = None,
) -> list[Reminder]:
    """催办: a reminder for every report that is past its deadline and missing (of one unit or one
    task when given), unless one was sent already. Returns the reminders sent."""
    require_role(actor, *PLANNERS, doing="催办")
    today = date.today()
    day = on or today
    require_backdating(actor, day, today)
    found = board(store, plan_id, day)
    if found.task_list is None:
        raise ReportError(f"规划 {plan_id} 在{day}没有现行的任务清单")
    if task_key is not None and found.task(task_key) is None:
        raise NotFoundError(f"现行任务清单中没有任务“{task_key}”")
    sent = []
    for task in found.tasks:
        state = found.states[task.key]
        if (unit is not None and task.lead_unit != unit) or (task_key is not None and task.key != task_key):
            continue
        for period in state.missing:
            if period not in state.reminded and task.lead_unit:
                sent.append(Reminder(task.key, period, task.lead_unit))
    if not sent:
        raise ReportError("没有需要催办的报告（没有超过报送期限仍未报送的报告，或均已催办）")
    with store.transaction() as connection:
        for reminder in sent:
            reports.add_reminder(
                connection, plan_id, reminder.task_key, reminder.period, reminder.unit, actor.name, day
            )
            new = {"period": reminder.period, "unit": reminder.unit}
            audit.record(connection, actor.name, "task.remind", plan_id, reminder.task_key, None, new)
    return sent


def reports_of(store: Store, plan_id: int, task_key: str | None = None) -> list[Report]:
    with store.reading() as connection:
        return reports.reports_of(connection, plan_id, task_key)


def evidence_download(store: Store, actor: Actor | None, evidence_id: int) -> tuple[Evidence, bytes]:
    """An evidence file, for signed-in users only (it may hold what the public should not see)."""
    if actor is None:
        raise PermissionDenied("请先登录再下载佐证材料")
    with store.reading() as connection:
        found = reports.evidence_file(connection, evidence_id)
    if found is None:
        raise NotFoundError(f"没有编号为 {evidence_id} 的佐证材料")
    return found.info, found.content


def _task(store: Store, plan_id: int, task_key: str, day: date) -> Task:
    view = list_in_force(store, plan_id, day)
    if view.task_list is None:
        raise ReportError(f"规划 {plan_id} 在{day}没有现行的任务清单（任务清单确定后才能报送进展）")
    found = next((t for t in view.tasks if t.key == task_key), None)
    if found is None:
        raise NotFoundError(f"规划 {plan_id} 的现行任务清单中没有任务“{task_key}”")
    return found


def _checked(task: Task, form: ReportForm, day: date) -> tuple[str, Degree, dict[str, str]]:
    try:
        period = parse_period(form.period, task.cycle)
    except PeriodError as error:
        raise ReportError(str(error), field="报告期") from None
    if bounds(period)[0] > day:
        raise ReportError(f"{name(period)}尚未开始，不能报送其进展", field="报告期")
    try:
        degree = Degree(form.degree.strip())
    except ValueError:
        allowed = "、".join(d.value for d in Degree)
        raise ReportError(
            f"完成程度“{form.degree.strip()}”无法识别，应为 {allowed} 之一", field="完成程度"
        ) from None
    progress = form.progress.strip()
    if not progress:
        raise ReportError("请填写进展情况", field="进展情况")
    fields = {
        "progress": progress[:MAX_TEXT],
        "degree": degree.value,
        "problems": form.problems.strip()[:MAX_TEXT],
        "next_steps": form.next_steps.strip()[:MAX_TEXT],
    }
    return period, degree, fields


def _require_open(earlier: list[Report], period: str) -> None:
    """One report of a period at a time: a new one only after the last was sent back."""
    same = [r for r in earlier if r.period == period]
    if not same:
        return
    last = same[-1]
    if last.review is None:
        raise ReportError(f"{name(period)}的进展已报送（第{last.id}号），正在等待审核", field="报告期")
    if last.review.decision == PASS:
        raise ReportError(f"{name(period)}的进展已审核通过（第{last.id}号），无需再报", field="报告期")


def record_refusal(
    store: Store, actor: Actor, plan_id: int, target: str, action: str, refused: PermissionDenied
) -> None:
    """A refused attempt is kept in the audit log (its own transaction: the attempt wrote nothing)."""
    with store.transaction() as connection:
        new = {"department": actor.department, "role": actor.role.value, "reason": refused.reason}
        audit.record(connection, actor.name, action, plan_id, target, None, new)
