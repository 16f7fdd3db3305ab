"""督办单: a numbered notice to the lead unit of a lagging task, naming the problem and a reply
date. The unit replies; only 发改 closes it (办结), and only after a reply.

Numbers follow PLANWATCH_NOTICE_NUMBER (新发改督〔{year}〕{n}号): {n} counts the notices of the
year across the whole database, as an office numbers its documents.
"""

from __future__ import annotations

from datetime import date

from planwatch import config
from planwatch.errors import NotFoundError, PlanwatchError
from planwatch.services.actor import Actor
from planwatch.services.permissions import (
    PLANNERS,
    PermissionDenied,
    require_backdating,
    require_role,
    require_task_unit,
)
from planwatch.services.task_reports import record_refusal
from planwatch.services.task_status import board
from planwatch.store import Store, audit
from planwatch.store import task_notices as notices
from planwatch.tasking import Status
from planwatch.tasking.model import Notice

FOLLOWED = (Status.LAGGING, Status.UNREPORTED, Status.OVERDUE)
MAX_TEXT = 4000


class NoticeError(PlanwatchError):
    """A 督办单 action that is refused (a task on track, a notice closed before a reply …)."""


def notice_number(year: int, serial: int) -> str:
    pattern = config.NOTICE_NUMBER.value() or config.NOTICE_NUMBER.default
    if "{n}" not in pattern:
        raise NoticeError(f"设置 {config.NOTICE_NUMBER.name}={pattern!r} 无效：须含 {{n}}（当年顺序号）")
    try:
        return pattern.format(year=year, n=serial)
    except (KeyError, IndexError, ValueError):
        raise NoticeError(
            f"设置 {config.NOTICE_NUMBER.name}={pattern!r} 无效：只能用 {{year}} 和 {{n}}"
        ) from None


def issue(
    store: Store,
    actor: Actor,
    plan_id: int,
    task_key: str,
    problem: str,
    reply_by: date,
    *,
    on: date | None = None,
) -> Notice:
    """Issue a 督办单 for a task that is 滞后, 未报送 or 逾期未报 on the day."""
    require_role(actor, *PLANNERS, doing="签发督办单")
    today = date.today()
    day = on or today
    require_backdating(actor, day, today)
    problem = problem.strip()[:MAX_TEXT]
    if not problem:
        raise NoticeError("请写明督办事项（存在的问题）", field="督办事项")
    if reply_by < day:
        raise NoticeError(f"回复期限{reply_by}早于签发日期{day}", field="回复期限")
    found = board(store, plan_id, day)
    task = found.task(task_key)
    if task is None:
        raise NotFoundError(f"规划 {plan_id} 的现行任务清单中没有任务“{task_key}”")
    state = found.states[task_key]
    if state.status not in FOLLOWED:
        raise NoticeError(
            f"任务 {task_key} 现为“{state.status.value}”，只有滞后、未报送或逾期未报的任务才签发督办单"
        )
    assert task.lead_unit is not None
    with store.transaction() as connection:
        serial = notices.next_serial(connection, day.year)
        number = notice_number(day.year, serial)
        notice_id = notices.add_notice(
            connection,
            plan_id,
            day.year,
            serial,
            number,
            task_key,
            task.lead_unit,
            problem,
            reply_by,
            actor.name,
            day,
        )
        new = {"number": number, "unit": task.lead_unit, "reply_by": reply_by.isoformat(), "problem": problem}
        audit.record(connection, actor.name, "notice.issue", plan_id, task_key, None, new)
        made = notices.notice(connection, notice_id)
    assert made is not None
    return made


def reply(
    store: Store, actor: Actor, plan_id: int, notice_id: int, text: str, *, on: date | None = None
) -> Notice:
    """The unit's reply (a department user of the notice's unit, or a planner on its behalf)."""
    today = date.today()
    day = on or today
    found = _notice(store, plan_id, notice_id)
    try:
        require_task_unit(actor, found.task_key, (found.unit,), doing="回复该督办单")
    except PermissionDenied as refused:
        record_refusal(store, actor, plan_id, found.number, "notice.reply.refused", refused)
        raise
    require_backdating(actor, day, today)
    text = text.strip()[:MAX_TEXT]
    if not text:
        raise NoticeError("请填写回复内容", field="回复")
    if found.closed_on() is not None:
        raise NoticeError(f"{found.number}已办结，不能再回复")
    with store.transaction() as connection:
        notices.add_event(connection, notice_id, "reply", text, actor.name, day)
        audit.record(connection, actor.name, "notice.reply", plan_id, found.number, None, {"text": text})
        done = notices.notice(connection, notice_id)
    assert done is not None
    return done


def close(
    store: Store, actor: Actor, plan_id: int, notice_id: int, text: str = "", *, on: date | None = None
) -> Notice:
    """办结: only 发改, only after the unit replied."""
    require_role(actor, *PLANNERS, doing="办结督办单")
    today = date.today()
    day = on or today
    require_backdating(actor, day, today)
    found = _notice(store, plan_id, notice_id)
    if found.closed_on() is not None:
        raise NoticeError(f"{found.number}已于{found.closed_on()}办结")
    if not found.replies():
        raise NoticeError(f"{found.number}尚未收到{found.unit}的回复，不能办结")
    with store.transaction() as connection:
        notices.add_event(connection, notice_id, "close", text.strip()[:MAX_TEXT], actor.name, day)
        audit.record(
            connection, actor.name, "notice.close", plan_id, found.number, None, {"text": text.strip()}
        )
        done = notices.notice(connection, notice_id)
    assert done is not None
    return done


def notices_of(store: Store, plan_id: int) -> list[Notice]:
    with store.reading() as connection:
        return notices.notices_of(connection, plan_id)


def find_notice(store: Store, plan_id: int, reference: str) -> Notice:
    """A notice by its id (3) or its number (新发改督〔2025〕3号)."""
    found = notices_of(store, plan_id)
    chosen = next((n for n in found if str(n.id) == reference.strip() or n.number == reference.strip()), None)
    if chosen is None:
        raise NotFoundError(f"规划 {plan_id} 中没有督办单“{reference}”")
    return chosen


def _notice(store: Store, plan_id: int, notice_id: int) -> Notice:
    with store.reading() as connection:
        found = notices.notice(connection, notice_id)
    if found is None or found.plan_id != plan_id:
        raise NotFoundError(f"规划 {plan_id} 中没有编号为 {notice_id} 的督办单")
    return found
