"""Statistics bulletins read for a plan, their lines, and the proposals of the 待审核 queue.

A bulletin is stored once per plan (its sha256); its proposals are rows whose `state` moves from
pending to accepted (with the observation it became) or rejected, never deleted.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from planwatch.store.audit import utc
from planwatch.store.schema import bulletin_lines, bulletin_proposals, bulletins

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"


@dataclass(frozen=True, slots=True)
class BulletinRow:
    id: int
    plan_id: int
    year: int
    title: str
    published_on: date | None
    file_name: str
    format: str
    sha256: str
    line_count: int
    notes: dict[str, Any]  # unmentioned indicators and other measures, as the reader found them
    read_by: str
    read_at: datetime


@dataclass(frozen=True, slots=True)
class ProposalRow:
    id: int
    bulletin_id: int
    plan_id: int
    series_id: str
    series_name: str
    period: str
    kind: str
    value: Decimal
    unit: str | None
    raw: str
    line: int
    quote: str
    match: str
    match_note: str
    unit_problem: str | None
    conflict: int
    status: str
    state: str
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None
    observation_id: int | None


def find(connection: Connection, plan_id: int, sha256: str) -> BulletinRow | None:
    b = bulletins.c
    row = connection.execute(select(bulletins).where(b.plan_id == plan_id, b.sha256 == sha256)).first()
    return None if row is None else _bulletin(row)


def insert_bulletin(
    connection: Connection,
    plan_id: int,
    *,
    year: int,
    title: str,
    published_on: date | None,
    file_name: str,
    format: str,
    sha256: str,
    lines: Sequence[str],
    notes: dict[str, Any],
    read_by: str,
    read_at: datetime,
) -> int:
    values = {
        "plan_id": plan_id,
        "year": year,
        "title": title,
        "published_on": published_on,
        "file_name": file_name,
        "format": format,
        "sha256": sha256,
        "line_count": len(lines),
        "notes": json.dumps(notes, ensure_ascii=False, sort_keys=True),
        "read_by": read_by,
        "read_at": read_at,
    }
    key = connection.execute(insert(bulletins).values(**values)).inserted_primary_key
    assert key is not None
    bulletin_id = int(key[0])
    if lines:
        connection.execute(
            insert(bulletin_lines),
            [{"bulletin_id": bulletin_id, "line_no": n, "raw": raw} for n, raw in enumerate(lines, start=1)],
        )
    return bulletin_id


def insert_proposals(
    connection: Connection, bulletin_id: int, plan_id: int, rows: Sequence[dict[str, Any]]
) -> None:
    if rows:
        connection.execute(
            insert(bulletin_proposals),
            [{**row, "bulletin_id": bulletin_id, "plan_id": plan_id, "state": PENDING} for row in rows],
        )


def bulletins_of(connection: Connection, plan_id: int) -> list[BulletinRow]:
    b = bulletins.c
    query = select(bulletins).where(b.plan_id == plan_id).order_by(b.year.desc(), b.id.desc())
    return [_bulletin(r) for r in connection.execute(query)]


def bulletin(connection: Connection, bulletin_id: int) -> BulletinRow | None:
    row = connection.execute(select(bulletins).where(bulletins.c.id == bulletin_id)).first()
    return None if row is None else _bulletin(row)


def lines_of(
    connection: Connection, bulletin_id: int, numbers: Sequence[int] | None = None
) -> dict[int, str]:
    l = bulletin_lines.c  # noqa: E741 - the table's columns
    query = select(l.line_no, l.raw).where(l.bulletin_id == bulletin_id)
    if numbers is not None:
        query = query.where(l.line_no.in_(sorted(set(numbers))))
    return {int(r.line_no): r.raw for r in connection.execute(query)}


def proposals(
    connection: Connection,
    plan_id: int,
    *,
    bulletin_id: int | None = None,
    state: str | None = None,
    ids: Sequence[int] | None = None,
) -> list[ProposalRow]:
    p = bulletin_proposals.c
    query = select(bulletin_proposals).where(p.plan_id == plan_id)
    if bulletin_id is not None:
        query = query.where(p.bulletin_id == bulletin_id)
    if state is not None:
        query = query.where(p.state == state)
    if ids is not None:
        query = query.where(p.id.in_(sorted(set(ids))))
    return [_proposal(r) for r in connection.execute(query.order_by(p.bulletin_id, p.line, p.id))]


def pending_counts(connection: Connection, plan_id: int) -> dict[int, int]:
    """Bulletin id → proposals still pending."""
    p = bulletin_proposals.c
    query = (
        select(p.bulletin_id, func.count())
        .where(p.plan_id == plan_id, p.state == PENDING)
        .group_by(p.bulletin_id)
    )
    return {int(b): int(n) for b, n in connection.execute(query)}


def decide(
    connection: Connection,
    proposal_id: int,
    state: str,
    by: str,
    at: datetime,
    note: str | None,
    observation_id: int | None = None,
) -> None:
    connection.execute(
        update(bulletin_proposals)
        .where(bulletin_proposals.c.id == proposal_id)
        .values(state=state, decided_by=by, decided_at=at, decision_note=note, observation_id=observation_id)
    )


def _bulletin(r: Any) -> BulletinRow:
    return BulletinRow(
        int(r.id),
        int(r.plan_id),
        int(r.year),
        r.title,
        r.published_on,
        r.file_name,
        r.format,
        r.sha256,
        int(r.line_count),
        json.loads(r.notes),
        r.read_by,
        utc(r.read_at),
    )


def _proposal(r: Any) -> ProposalRow:
    return ProposalRow(
        int(r.id),
        int(r.bulletin_id),
        int(r.plan_id),
        r.series_id,
        r.series_name,
        r.period,
        r.kind,
        r.value,
        r.unit,
        r.raw,
        int(r.line),
        r.quote,
        r.match,
        r.match_note,
        r.unit_problem,
        int(r.conflict),
        r.status,
        r.state,
        r.decided_by,
        None if r.decided_at is None else utc(r.decided_at),
        r.decision_note,
        None if r.observation_id is None else int(r.observation_id),
    )
