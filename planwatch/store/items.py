"""Stable identities: which item key each indicator, target and project of a version carries.

The parser names items by position (T2.01, G012, P008); a new version shifts positions. The key is
what figures, assignments and audit rows use, so they follow the item from version to version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from planwatch.store.schema import plan_versions, version_items


@dataclass(frozen=True, slots=True)
class VersionItem:
    version_id: int
    kind: str  # indicator | target | project
    local_id: str  # as the parser named it in this version
    item_key: str
    reason: str  # same | name | position | quote | new | paired | migrated
    confidence: Decimal | None
    status: str  # auto | pending | confirmed
    previous_local_id: str | None = None


def write_items(connection: Connection, rows: Iterable[VersionItem]) -> None:
    batch = [
        {
            "version_id": r.version_id,
            "kind": r.kind,
            "local_id": r.local_id,
            "item_key": r.item_key,
            "reason": r.reason,
            "confidence": r.confidence,
            "status": r.status,
            "previous_local_id": r.previous_local_id,
        }
        for r in rows
    ]
    if batch:
        connection.execute(version_items.insert(), batch)


def items_of_version(connection: Connection, version_id: int) -> list[VersionItem]:
    i = version_items.c
    query = select(version_items).where(i.version_id == version_id).order_by(i.kind, i.local_id)
    return [
        VersionItem(
            r.version_id,
            r.kind,
            r.local_id,
            r.item_key,
            r.reason,
            r.confidence,
            r.status,
            r.previous_local_id,
        )
        for r in connection.execute(query)
    ]


def keys_of_version(connection: Connection, version_id: int) -> dict[tuple[str, str], str]:
    """(kind, local id) → item key."""
    i = version_items.c
    query = select(i.kind, i.local_id, i.item_key).where(i.version_id == version_id)
    return {(r.kind, r.local_id): r.item_key for r in connection.execute(query)}


def keys_of_plan(connection: Connection, plan_id: int) -> set[str]:
    """Every key any version of the plan ever gave out: a new item never takes one of them."""
    i, v = version_items.c, plan_versions.c
    query = (
        select(i.item_key).join(plan_versions, v.id == i.version_id).where(v.plan_id == plan_id).distinct()
    )
    return {r.item_key for r in connection.execute(query)}


def set_key(connection: Connection, version_id: int, kind: str, local_id: str, key: str, reason: str) -> None:
    """A person's decision: this item is `key` (paired) or is new under its own key (confirmed)."""
    i = version_items.c
    connection.execute(
        update(version_items)
        .where(i.version_id == version_id, i.kind == kind, i.local_id == local_id)
        .values(item_key=key, reason=reason, status="confirmed", confidence=None)
    )
