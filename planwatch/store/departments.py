"""The department directory: units by their unique name, with kind, short name and keywords."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from planwatch.store.schema import departments

_SEPARATORS = re.compile(r"[;；,，、\s]+")


@dataclass(frozen=True, slots=True)
class Department:
    name: str
    short_name: str | None
    kind: str
    keywords: tuple[str, ...]
    active: bool


def split_keywords(text: str) -> tuple[str, ...]:
    return tuple(k for k in _SEPARATORS.split(text or "") if k)


def all_departments(connection: Connection, *, active_only: bool = True) -> list[Department]:
    query = select(departments).order_by(departments.c.id)
    if active_only:
        query = query.where(departments.c.active == 1)
    return [
        Department(r.name, r.short_name, r.kind, split_keywords(r.keywords), bool(r.active))
        for r in connection.execute(query)
    ]


def find(connection: Connection, name: str) -> Department | None:
    row = connection.execute(select(departments).where(departments.c.name == name)).first()
    if row is None:
        return None
    return Department(row.name, row.short_name, row.kind, split_keywords(row.keywords), bool(row.active))


def upsert(connection: Connection, unit: Department) -> Department | None:
    """Add the unit, or update it when its name exists; returns what it was before (None when new)."""
    before = find(connection, unit.name)
    values = {
        "short_name": unit.short_name,
        "kind": unit.kind,
        "keywords": "；".join(unit.keywords),
        "active": 1 if unit.active else 0,
    }
    if before is None:
        connection.execute(insert(departments).values(name=unit.name, created_at=datetime.now(UTC), **values))
    else:
        connection.execute(update(departments).where(departments.c.name == unit.name).values(**values))
    return before
