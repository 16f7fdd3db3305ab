"""Locked years: a year of a plan's books closed to every write until an administrator unlocks it.

A lock is a row; unlocking fills its `unlocked_*` columns, so the history of locks stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from planwatch.store.audit import utc
from planwatch.store.schema import period_locks


@dataclass(frozen=True, slots=True)
class Lock:
    id: int
    plan_id: int
    year: int
    locked_by: str
    locked_at: datetime
    reason: str | None
    unlocked_by: str | None = None
    unlocked_at: datetime | None = None
    unlock_reason: str | None = None

    @property
    def active(self) -> bool:
        return self.unlocked_at is None


def _lock(row: Any) -> Lock:
    return Lock(
        int(row.id),
        int(row.plan_id),
        int(row.year),
        row.locked_by,
        utc(row.locked_at),
        row.reason,
        row.unlocked_by,
        None if row.unlocked_at is None else utc(row.unlocked_at),
        row.unlock_reason,
    )


def active_locks(connection: Connection, plan_id: int, years: Iterable[int] | None = None) -> dict[int, Lock]:
    """The years locked now (of `years`, or all), each with its lock."""
    p = period_locks.c
    query = select(period_locks).where(p.plan_id == plan_id, p.unlocked_at.is_(None))
    if years is not None:
        query = query.where(p.year.in_(sorted(set(years))))
    return {lock.year: lock for lock in map(_lock, connection.execute(query.order_by(p.id)))}


def history(connection: Connection, plan_id: int) -> list[Lock]:
    """Every lock of a plan, the latest first."""
    p = period_locks.c
    query = select(period_locks).where(p.plan_id == plan_id).order_by(p.id.desc())
    return [_lock(r) for r in connection.execute(query)]


def lock(
    connection: Connection, plan_id: int, year: int, user: str, at: datetime, reason: str | None
) -> Lock:
    new = {"plan_id": plan_id, "year": year, "locked_by": user, "locked_at": at, "reason": reason}
    key = connection.execute(insert(period_locks).values(**new)).inserted_primary_key
    assert key is not None
    return Lock(int(key[0]), plan_id, year, user, at, reason)


def unlock(connection: Connection, lock_id: int, user: str, at: datetime, reason: str) -> None:
    connection.execute(
        update(period_locks)
        .where(period_locks.c.id == lock_id)
        .values(unlocked_by=user, unlocked_at=at, unlock_reason=reason)
    )
