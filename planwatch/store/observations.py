"""Observations: every vintage of every figure, stored; read back "as of" any date by `vintages`.

A revised figure is a new row, never an update, so the store can answer what was known
on any date: per (series, period, kind) the row with the latest `as_of` on or before that
date, ties going to the row entered last (the highest id).

Writes are one transaction. A figure identical (value, unit, status) to the vintage that was
current at its `as_of` is not stored again, and a file already imported into a plan (same
sha256) is not imported again, so importing the same data twice changes nothing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from planwatch.errors import NotFoundError
from planwatch.model import ApprovalState, Observation
from planwatch.store.audit import utc
from planwatch.store.database import Store
from planwatch.store.schema import observation_imports, observations, plans
from planwatch.store.vintages import COLUMNS, KINDS, STATUSES, counting

BATCH_SIZE = 1000
# Tests only: a file path. The import writes its pid there after its first batch, then sleeps inside
# the open transaction, so a test can kill it mid-write and check that nothing landed.
PAUSE_ENV = "PLANWATCH_TEST_PAUSE_IN_IMPORT"
_PAUSE_SECONDS = 60


@dataclass(frozen=True, slots=True)
class AddResult:
    added: int  # new vintages stored
    unchanged: int  # figures already known as they are (or the whole file, when already imported)
    already_imported: bool = False  # this file (sha256) was imported into this plan before


@dataclass(frozen=True, slots=True)
class ImportRecord:
    sha256: str
    file_name: str
    rows: int
    added: int
    entered_by: str
    entered_at: datetime


# ---- writing ---------------------------------------------------------------------------------------


def write_observations(
    connection: Connection,
    plan_id: int,
    new: Sequence[Observation],
    *,
    source_sha256: str | None = None,
    file_name: str = "",
    entered_by: str = "",
    approval: ApprovalState = ApprovalState.ENTERED,
) -> tuple[AddResult, list[Observation]]:
    """Store the figures that are news, on the caller's connection: all land or none do.

    `entered_by` (when given) names who entered every row; otherwise each row's own `entered_by`.
    New figures wait for review (`approval` entered) unless the caller says otherwise; an approved
    one is approved on its own `as_of` (the demo's and the benchmarks' figures).
    With `source_sha256`, the file is recorded and a second import of it into this plan is a no-op.
    Returns the result and the figures stored (the news), for the caller's audit entries.
    """
    entered_at = datetime.now(UTC)
    _check_plan(connection, plan_id)
    if source_sha256 is not None and _imported(connection, plan_id, source_sha256):
        return AddResult(0, len(new), already_imported=True), []
    fresh = _news(_known_vintages(connection, plan_id), new)
    rows = [_row(plan_id, o, entered_by or o.entered_by, entered_at, source_sha256, approval) for o in fresh]
    ids: list[int] = []
    inserting = observations.insert().returning(observations.c.id, sort_by_parameter_order=True)
    for number, batch in enumerate(_batches(rows, BATCH_SIZE)):
        ids += [int(r.id) for r in connection.execute(inserting, batch)]
        if number == 0:
            _pause_for_tests()
    fresh = [replace(f, id=i) for f, i in zip(fresh, ids, strict=True)]
    if source_sha256 is not None:
        connection.execute(
            observation_imports.insert().values(
                plan_id=plan_id,
                sha256=source_sha256,
                file_name=file_name,
                rows=len(new),
                added=len(rows),
                entered_by=entered_by,
                entered_at=entered_at,
            )
        )
    return AddResult(len(rows), len(new) - len(rows)), fresh


def bulk_load(store: Store, rows: Iterable[tuple[int, Observation]], *, batch_size: int = 10_000) -> int:
    """The benchmarks' fast path: (plan_id, observation) pairs inserted unchecked and approved on their
    own `as_of`, in one transaction."""
    entered_at = datetime.now(UTC)
    count = 0
    with store.engine.begin() as connection:
        prepared = (
            _row(plan_id, o, o.entered_by, o.entered_at or entered_at, None, ApprovalState.APPROVED)
            for plan_id, o in rows
        )
        for batch in _batches(prepared, batch_size):
            connection.execute(observations.insert(), batch)
            count += len(batch)
    return count


def _check_plan(connection: Connection, plan_id: int) -> None:
    if connection.execute(select(plans.c.id).where(plans.c.id == plan_id)).first() is None:
        raise NotFoundError(f"数据库中没有编号为 {plan_id} 的规划")


def _imported(connection: Connection, plan_id: int, sha256: str) -> bool:
    query = select(observation_imports.c.sha256).where(
        observation_imports.c.plan_id == plan_id, observation_imports.c.sha256 == sha256
    )
    return connection.execute(query).first() is not None


_Key = tuple[str, str, str]  # series, period, kind
_Figure = tuple[Decimal, str | None, str]  # value, unit, status
_Vintage = tuple[date, int, _Figure]  # as_of, order of entry, figure


def _known_vintages(connection: Connection, plan_id: int) -> dict[_Key, list[_Vintage]]:
    o = observations.c
    query = select(o.series_id, o.period, o.kind, o.as_of, o.id, o.value, o.unit, o.status).where(
        o.plan_id == plan_id
    )
    known: dict[_Key, list[_Vintage]] = {}
    for r in connection.execute(query):
        known.setdefault((r.series_id, r.period, r.kind), []).append(
            (r.as_of, r.id, (r.value, r.unit, r.status))
        )
    return known


def _news(known: dict[_Key, list[_Vintage]], new: Sequence[Observation]) -> list[Observation]:
    """The observations that differ from the vintage current at their own `as_of`."""
    fresh: list[Observation] = []
    order = 1 + max((v[1] for vintages in known.values() for v in vintages), default=0)
    for o in new:
        vintages = known.setdefault((o.series_id, o.period, o.kind.value), [])
        figure: _Figure = (o.value, o.unit, o.status.value)
        current = max((v for v in vintages if v[0] <= o.as_of), default=None, key=lambda v: (v[0], v[1]))
        if current is not None and current[2] == figure:
            continue
        vintages.append((o.as_of, order, figure))
        order += 1
        fresh.append(o)
    return fresh


def _row(
    plan_id: int,
    o: Observation,
    entered_by: str,
    entered_at: datetime,
    sha256: str | None,
    approval: ApprovalState,
) -> dict[str, Any]:
    return {
        "approval": approval.value,
        "approved_on": o.as_of if approval is ApprovalState.APPROVED else None,
        "plan_id": plan_id,
        "series_id": o.series_id,
        "period": o.period,
        "period_year": o.year,
        "kind": o.kind.value,
        "value": o.value,
        "unit": o.unit,
        "source": o.source,
        "status": o.status.value,
        "as_of": o.as_of,
        "entered_by": entered_by,
        "entered_at": entered_at,
        "import_sha256": sha256,
    }


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _pause_for_tests() -> None:
    marker = os.environ.get(PAUSE_ENV)
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(_PAUSE_SECONDS)


# ---- reading ---------------------------------------------------------------------------------------


def history(store: Store, plan_id: int, series_id: str) -> list[Observation]:
    """Every vintage of one series, by period, kind and then as entered."""
    o = observations.c
    query = (
        select(*COLUMNS)
        .where(o.plan_id == plan_id, o.series_id == series_id)
        .order_by(o.period_year, o.period, o.kind, o.as_of, o.id)
    )
    with store.engine.connect() as connection:
        return [_observation(row) for row in connection.execute(query)]


def history_counted(
    store: Store, plan_id: int, as_of: date, series_ids: Iterable[str]
) -> dict[str, list[Observation]]:
    """Every vintage of each series that counted on `as_of` — published and approved by then (a later
    revision, or a figure still awaiting approval, unseen) — in `history`'s order, in one query."""
    wanted = sorted(set(series_ids))
    found: dict[str, list[Observation]] = {series_id: [] for series_id in wanted}
    o = observations.c
    query = (
        select(*COLUMNS)
        .where(
            o.plan_id == plan_id,
            o.series_id.in_(wanted),
            o.as_of <= as_of,
            counting(observations, as_of, pending=False),
        )
        .order_by(o.series_id, o.period_year, o.period, o.kind, o.as_of, o.id)
    )
    with store.engine.connect() as connection:
        for row in connection.execute(query):
            found[row.series_id].append(_observation(row))
    return found


def count_observations(store: Store, plan_id: int | None = None) -> int:
    """Stored rows, every vintage counted."""
    query = select(func.count()).select_from(observations)
    if plan_id is not None:
        query = query.where(observations.c.plan_id == plan_id)
    with store.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def has_source(store: Store, plan_id: int, source: str) -> bool:
    """Whether any figure of the plan was entered with this source (the demo's 示例数据，非真实统计)."""
    o = observations.c
    query = select(o.id).where(o.plan_id == plan_id, o.source == source).limit(1)
    with store.engine.connect() as connection:
        return connection.execute(query).first() is not None


def count_observations_of(connection: Connection, plan_id: int, series_ids: list[str]) -> int:
    """Stored rows of these series of a plan, every vintage counted."""
    o = observations.c
    query = select(func.count()).where(o.plan_id == plan_id, o.series_id.in_(sorted(set(series_ids))))
    return int(connection.execute(query).scalar_one())


def list_imports(store: Store, plan_id: int) -> list[ImportRecord]:
    """The files imported into a plan, oldest first."""
    i = observation_imports.c
    query = (
        select(i.sha256, i.file_name, i.rows, i.added, i.entered_by, i.entered_at)
        .where(i.plan_id == plan_id)
        .order_by(i.entered_at, i.sha256)
    )
    with store.engine.connect() as connection:
        return [
            ImportRecord(r.sha256, r.file_name, r.rows, r.added, r.entered_by, utc(r.entered_at))
            for r in connection.execute(query)
        ]


def _observation(row: Any) -> Observation:
    return Observation(
        approval=ApprovalState(row.approval),
        approved_on=row.approved_on,
        series_id=row.series_id,
        period=row.period,
        value=row.value,
        unit=row.unit,
        kind=KINDS[row.kind],
        as_of=row.as_of,
        source=row.source,
        status=STATUSES[row.status],
        entered_by=row.entered_by,
        entered_at=utc(row.entered_at),
        id=row.id,
    )


def current_figures(
    connection: Connection, plan_id: int, series_ids: Iterable[str]
) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Per (series, period, kind), the latest vintage stored now (latest as_of, then last entered):
    the "old" value an audit entry shows."""
    o = observations.c
    query = (
        select(o.series_id, o.period, o.kind, o.value, o.unit, o.status, o.as_of, o.source)
        .where(o.plan_id == plan_id, o.series_id.in_(sorted(set(series_ids))))
        .order_by(o.as_of, o.id)
    )
    current: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in connection.execute(query):
        current[(r.series_id, r.period, r.kind)] = {
            "value": str(r.value),
            "unit": r.unit,
            "status": r.status,
            "as_of": r.as_of if isinstance(r.as_of, str) else r.as_of.isoformat(),
            "source": r.source,
        }
    return current


def entries_by(store: Store, plan_id: int, user: str, limit: int = 100) -> list[dict[str, Any]]:
    """What `user` entered into a plan, the latest first."""
    o = observations.c
    query = (
        select(
            o.series_id,
            o.period,
            o.kind,
            o.value,
            o.unit,
            o.status,
            o.as_of,
            o.source,
            o.entered_at,
            o.approval,
        )
        .where(o.plan_id == plan_id, o.entered_by == user)
        .order_by(o.id.desc())
        .limit(limit)
    )
    with store.engine.connect() as connection:
        return [
            {
                "series_id": r.series_id,
                "period": r.period,
                "kind": r.kind,
                "value": r.value,
                "unit": r.unit,
                "status": r.status,
                "as_of": r.as_of.isoformat(),
                "source": r.source,
                "entered_at": utc(r.entered_at).isoformat(timespec="seconds"),
                "approval": r.approval,
            }
            for r in connection.execute(query)
        ]
