"""Each task's reports reduced to what its status needs, as they stand after the latest write.

The services refresh a task's book in the transaction of each report and review. The status of many
tasks on a date on or after a book's `last_event_on` reads the book (one row a task); for an earlier
date the reports themselves are reduced (task_reports.received_by_task), so every answer is exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, delete, insert, select
from sqlalchemy.engine import Connection

from planwatch.store.schema import task_books, task_entries, task_lists, task_reports, task_reviews
from planwatch.tasking import Degree
from planwatch.tasking.status import Filed, received

Book = tuple[frozenset[str], str | None]  # periods received, the period done (if any)


def as_text(periods: Iterable[str]) -> str:
    """`,2021H1,2021H2,`: a period is in it when `,2021H1,` is (no year matches its own halves)."""
    return "," + ",".join(sorted(periods)) + ","


def refresh(connection: Connection, plan_id: int, task_keys: Iterable[str]) -> None:
    """Recompute the books of these tasks from their reports and reviews."""
    r, v = task_reports.c, task_reviews.c
    for key in sorted(set(task_keys)):
        query = (
            select(r.period, r.filed_on, r.degree, v.decision, v.reviewed_on)
            .outerjoin(task_reviews, v.report_id == r.id)
            .where(r.plan_id == plan_id, r.task_key == key)
        )
        facts = [
            Filed(x.period, x.filed_on, Degree(x.degree), x.decision, x.reviewed_on)
            for x in connection.execute(query)
        ]
        connection.execute(
            delete(task_books).where(task_books.c.plan_id == plan_id, task_books.c.task_key == key)
        )
        if not facts:
            continue
        got = received(facts, date.max)
        last = max(
            max(f.filed_on for f in facts),
            max((f.decided_on for f in facts if f.decided_on), default=date.min),
        )
        connection.execute(
            insert(task_books).values(
                plan_id=plan_id,
                task_key=key,
                received=as_text(got.periods),
                done_period=got.done_period,
                last_event_on=last,
            )
        )


def books(
    connection: Connection, as_of: date, plan_ids: list[int] | None = None
) -> dict[tuple[int, str], Book]:
    """(plan id, task key) → its book, for the tasks whose last event was on or before `as_of`."""
    b = task_books.c
    query = select(b.plan_id, b.task_key, b.received, b.done_period).where(b.last_event_on <= as_of)
    if plan_ids is not None:
        query = query.where(b.plan_id.in_(plan_ids))
    return {
        (row.plan_id, row.task_key): (
            frozenset(p for p in row.received.split(",") if p),
            row.done_period,
        )
        for row in connection.execute(query)
    }


def plans_written_after(connection: Connection, as_of: date, plan_ids: list[int] | None = None) -> list[int]:
    """The plans with a task whose book changed after `as_of`: their status on `as_of` is read from
    the reports themselves."""
    b = task_books.c
    query = select(b.plan_id).where(b.last_event_on > as_of).distinct()
    if plan_ids is not None:
        query = query.where(b.plan_id.in_(plan_ids))
    return sorted(row.plan_id for row in connection.execute(query))


def tasks_with_books(
    connection: Connection, as_of: date, lists: dict[int, int]
) -> list[tuple[int, str, str, str, str | None, str | None]]:
    """(list id, task key, cycle, deadline, periods received, period done) of every task of `lists`
    (list id → plan id), with its book when last written on or before `as_of` (else None, None)."""
    if not lists:
        return []
    e, b, t = task_entries.c, task_books.c, task_lists.c
    query = (
        select(e.list_id, e.task_key, e.cycle, e.deadline, b.received, b.done_period)
        .join(task_lists, t.id == e.list_id)
        .outerjoin(
            task_books,
            and_(b.plan_id == t.plan_id, b.task_key == e.task_key, b.last_event_on <= as_of),
        )
        .where(e.list_id.in_(sorted(lists)))
    )
    return _plain_rows(connection, query)


def _plain_rows(connection: Connection, query: Select[Any]) -> list[Any]:
    """The rows as the driver returns them (plain tuples), without the per-row work of SQLAlchemy's
    result objects: a million rows a second rather than a few hundred thousand. The query holds only
    numbers and dates of ours, rendered in place."""
    sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()
