"""督办单: numbered notices about lagging tasks, and what happened to them (replies, 办结)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from planwatch.store.audit import utc
from planwatch.store.schema import task_notice_events, task_notices
from planwatch.tasking.model import Notice, NoticeEvent


def next_serial(connection: Connection, year: int) -> int:
    """The next number of the year, across every plan (the office numbers its notices once)."""
    n = task_notices.c
    return int(connection.execute(select(func.max(n.serial)).where(n.year == year)).scalar() or 0) + 1


def add_notice(
    connection: Connection,
    plan_id: int,
    year: int,
    serial: int,
    number: str,
    task_key: str,
    unit: str,
    problem: str,
    reply_by: date,
    issued_by: str,
    issued_on: date,
) -> int:
    added = connection.execute(
        insert(task_notices).values(
            plan_id=plan_id,
            year=year,
            serial=serial,
            number=number,
            task_key=task_key,
            unit=unit,
            problem=problem,
            reply_by=reply_by,
            issued_by=issued_by,
            issued_on=issued_on,
            issued_at=datetime.now(UTC),
        )
    ).inserted_primary_key
    assert added is not None
    return int(added[0])


def add_event(connection: Connection, notice_id: int, kind: str, text: str, by: str, on: date) -> None:
    connection.execute(
        insert(task_notice_events).values(
            notice_id=notice_id, kind=kind, text=text, event_by=by, event_on=on, event_at=datetime.now(UTC)
        )
    )


def notices_of(connection: Connection, plan_id: int) -> list[Notice]:
    """The plan's notices, the latest first."""
    n = task_notices.c
    return _with_events(
        connection, list(connection.execute(select(task_notices).where(n.plan_id == plan_id)))
    )


def notice(connection: Connection, notice_id: int) -> Notice | None:
    rows = list(connection.execute(select(task_notices).where(task_notices.c.id == notice_id)))
    found = _with_events(connection, rows)
    return found[0] if found else None


def _with_events(connection: Connection, rows: list[Any]) -> list[Notice]:
    ids = [r.id for r in rows]
    events: dict[int, list[NoticeEvent]] = defaultdict(list)
    if ids:
        e = task_notice_events.c
        query = select(task_notice_events).where(e.notice_id.in_(ids)).order_by(e.id)
        for row in connection.execute(query):
            events[row.notice_id].append(
                NoticeEvent(row.kind, row.text, row.event_by, row.event_on, utc(row.event_at))
            )
    notices = [
        Notice(
            r.id,
            r.plan_id,
            r.number,
            r.year,
            r.serial,
            r.task_key,
            r.unit,
            r.problem,
            r.reply_by,
            r.issued_by,
            r.issued_on,
            utc(r.issued_at),
            tuple(events.get(r.id, ())),
        )
        for r in rows
    ]
    return sorted(notices, key=lambda n: (n.issued_at, n.id), reverse=True)
