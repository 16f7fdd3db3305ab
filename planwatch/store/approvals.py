"""A figure's way to counting: 填报 → 审核 → 审批, or back to its enterer with a reason.

The state lives on the figure (`observations.approval`, `approved_on`); every step after the entry
is a row of `approval_steps` (who, when, why). Writes take the caller's connection, so the step,
its audit entries and the revision bump are one transaction. Moving many figures is one UPDATE and
one multi-row INSERT, whatever their number.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from planwatch.model import ApprovalState
from planwatch.store.audit import utc
from planwatch.store.schema import approval_steps, observations

_CHUNK: Final = 500  # ids bound per statement, well under every driver's limit


@dataclass(frozen=True, slots=True)
class Figure:
    """A stored figure as the approval pages and commands show it."""

    id: int
    series_id: str
    period: str
    year: int
    kind: str
    value: Decimal
    unit: str | None
    source: str
    status: str
    as_of: date
    entered_by: str
    entered_at: datetime
    approval: ApprovalState
    approved_on: date | None


@dataclass(frozen=True, slots=True)
class Step:
    observation_id: int
    step: str  # review | approve | return | resubmit
    user: str
    at: datetime
    reason: str | None


_FIGURE_COLUMNS = (
    observations.c.id,
    observations.c.series_id,
    observations.c.period,
    observations.c.period_year,
    observations.c.kind,
    observations.c.value,
    observations.c.unit,
    observations.c.source,
    observations.c.status,
    observations.c.as_of,
    observations.c.entered_by,
    observations.c.entered_at,
    observations.c.approval,
    observations.c.approved_on,
)


def _figure(r: Any) -> Figure:
    return Figure(
        int(r.id),
        r.series_id,
        r.period,
        int(r.period_year),
        r.kind,
        r.value,
        r.unit,
        r.source,
        r.status,
        r.as_of,
        r.entered_by,
        utc(r.entered_at),
        ApprovalState(r.approval),
        r.approved_on,
    )


def figures(
    connection: Connection,
    plan_id: int,
    *,
    states: Iterable[ApprovalState] | None = None,
    year: int | None = None,
    ids: Sequence[int] | None = None,
    entered_by: str | None = None,
    limit: int | None = None,
) -> list[Figure]:
    """A plan's stored figures, filtered; by series, period and order of entry."""
    o = observations.c
    query = select(*_FIGURE_COLUMNS).where(o.plan_id == plan_id)
    if states is not None:
        query = query.where(o.approval.in_([s.value for s in states]))
    if year is not None:
        query = query.where(o.period_year == year)
    if entered_by is not None:
        query = query.where(o.entered_by == entered_by)
    query = query.order_by(o.series_id, o.period, o.kind, o.id)
    if ids is None:
        if limit is not None:
            query = query.limit(limit)
        return [_figure(r) for r in connection.execute(query)]
    wanted = sorted(set(ids))
    found: list[Figure] = []
    for start in range(0, len(wanted), _CHUNK):
        found += [
            _figure(r) for r in connection.execute(query.where(o.id.in_(wanted[start : start + _CHUNK])))
        ]
    return sorted(found, key=lambda f: (f.series_id, f.period, f.kind, f.id))


def counts(connection: Connection, plan_id: int) -> dict[tuple[int, str], int]:
    """(year, approval state) → how many figures."""
    o = observations.c
    found: dict[tuple[int, str], int] = {}
    for year, state in connection.execute(select(o.period_year, o.approval).where(o.plan_id == plan_id)):
        found[(int(year), state)] = found.get((int(year), state), 0) + 1
    return found


def move(
    connection: Connection,
    plan_id: int,
    ids: Sequence[int],
    to: ApprovalState,
    step: str,
    user: str,
    at: datetime,
    *,
    approved_on: date | None = None,
    reason: str | None = None,
) -> None:
    """Set the figures' state and record the step, one statement each per chunk of ids."""
    o = observations.c
    values: dict[str, Any] = {"approval": to.value, "approved_on": approved_on}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        connection.execute(update(observations).where(o.plan_id == plan_id, o.id.in_(chunk)).values(**values))
    record_steps(connection, plan_id, ids, step, user, at, reason)


def record_steps(
    connection: Connection,
    plan_id: int,
    ids: Sequence[int],
    step: str,
    user: str,
    at: datetime,
    reason: str | None = None,
) -> None:
    """One step row per figure, one multi-row INSERT."""
    if ids:
        connection.execute(
            insert(approval_steps),
            [
                {
                    "plan_id": plan_id,
                    "observation_id": i,
                    "step": step,
                    "user_name": user,
                    "at": at,
                    "reason": reason,
                }
                for i in ids
            ],
        )


def steps(connection: Connection, observation_ids: Sequence[int]) -> dict[int, list[Step]]:
    """The steps of each figure, oldest first."""
    s = approval_steps.c
    found: dict[int, list[Step]] = {}
    wanted = sorted(set(observation_ids))
    for start in range(0, len(wanted), _CHUNK):
        query = (
            select(s.observation_id, s.step, s.user_name, s.at, s.reason)
            .where(s.observation_id.in_(wanted[start : start + _CHUNK]))
            .order_by(s.id)
        )
        for r in connection.execute(query):
            found.setdefault(int(r.observation_id), []).append(
                Step(int(r.observation_id), r.step, r.user_name, utc(r.at), r.reason)
            )
    return found


def approved(
    connection: Connection, plan_id: int, as_of: date, series_ids: Sequence[str] | None = None
) -> list[Figure]:
    """Every vintage approved and known by `as_of` (the public's figures), by series and period."""
    o = observations.c
    query = select(*_FIGURE_COLUMNS).where(
        o.plan_id == plan_id,
        o.approval == ApprovalState.APPROVED.value,
        o.approved_on <= as_of,
        o.as_of <= as_of,
    )
    if series_ids is not None:
        query = query.where(o.series_id.in_(sorted(set(series_ids))))
    query = query.order_by(o.series_id, o.period_year, o.period, o.kind, o.as_of, o.id)
    return [_figure(r) for r in connection.execute(query)]
