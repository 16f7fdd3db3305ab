"""The audit log: who wrote what, when, and the value before and after, for every write.

`record` takes the writer's connection, so an entry is part of the transaction of the write it
records: neither lands without the other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from planwatch.store.schema import audit_log

DEFAULT_LIMIT = 200


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    user: str
    action: str
    plan_id: int | None
    target: str
    old: Any  # the JSON value before the write (None when there was none)
    new: Any


def record(
    connection: Connection, user: str, action: str, plan_id: int | None, target: str, old: Any, new: Any
) -> None:
    """Log one write on the writer's own connection, i.e. in the transaction of the write it records."""
    connection.execute(
        insert(audit_log).values(
            at=datetime.now(UTC),
            user_name=user,
            action=action,
            plan_id=plan_id,
            target=target,
            old=_json(old),
            new=_json(new),
        )
    )


def record_many(
    connection: Connection, user: str, action: str, plan_id: int | None, changes: list[tuple[str, Any, Any]]
) -> None:
    """Log many writes of one action, (target, old, new) each, as one multi-row INSERT: approving a
    thousand figures writes a thousand entries without a thousand round trips."""
    if not changes:
        return
    at = datetime.now(UTC)
    connection.execute(
        insert(audit_log),
        [
            {
                "at": at,
                "user_name": user,
                "action": action,
                "plan_id": plan_id,
                "target": target,
                "old": _json(old),
                "new": _json(new),
            }
            for target, old, new in changes
        ],
    )


def entries(
    connection: Connection, plan_id: int | None = None, limit: int = DEFAULT_LIMIT
) -> list[AuditEntry]:
    """The latest entries first."""
    a = audit_log.c
    query = select(a.id, a.at, a.user_name, a.action, a.plan_id, a.target, a.old, a.new)
    if plan_id is not None:
        query = query.where(a.plan_id == plan_id)
    query = query.order_by(a.id.desc()).limit(limit)
    return [
        AuditEntry(
            r.id,
            utc(r.at),
            r.user_name,
            r.action,
            r.plan_id,
            r.target,
            None if r.old is None else json.loads(r.old),
            None if r.new is None else json.loads(r.new),
        )
        for r in connection.execute(query)
    ]


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def utc(moment: datetime) -> datetime:
    """SQLite hands back the UTC time it was given without its zone."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
