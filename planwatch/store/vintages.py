"""What was known on a date: per (series, period, kind) the latest vintage with `as_of` on or before it.

Only approved figures count, each from the later of the day it became known (`as_of`) and the day it
was approved (`approved_on`): as of D, a figure counts when both are on or before D. So an evaluation
as of a past date gives the answer it gave then, whatever was approved since. With `pending=True`
the figures waiting for review or approval count too, from their `as_of` (what the picture would be
if they were approved); a returned figure never counts.

Built for reading every plan at once (the evaluation of thousands of plans): one anti-join over the
vintage index, no sort in SQL, and the values that repeat (dates, times, codes) converted once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from itertools import chain
from operator import attrgetter
from typing import Any, cast

from sqlalchemy import Select, String, and_, exists, func, literal, or_, select, type_coerce
from sqlalchemy.sql.elements import ColumnElement

from planwatch.model import ApprovalState, Observation, ObservationKind, ObservationStatus
from planwatch.store.audit import utc
from planwatch.store.database import Store
from planwatch.store.schema import observations

_PLANS_PER_QUERY = 500  # plan ids bound per query, well under every driver's limit

_PERIOD_ORDER = attrgetter("period", "kind")  # 2023 < 2023-05 < 2023Q2; growth < level
KINDS = {k.value: k for k in ObservationKind}
STATUSES = {s.value: s for s in ObservationStatus}
APPROVALS = {a.value: a for a in ApprovalState}
_COUNTING = (ApprovalState.ENTERED.value, ApprovalState.REVIEWED.value, ApprovalState.APPROVED.value)
COLUMNS = (
    observations.c.id,
    observations.c.plan_id,
    observations.c.series_id,
    observations.c.period,
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


def observations_as_of(
    store: Store,
    plan_id: int,
    as_of: date,
    series_ids: Iterable[str] | None = None,
    *,
    pending: bool = False,
) -> dict[str, list[Observation]]:
    """What was known (and approved) on `as_of`: per series, the latest vintage of each (period, kind),
    by period; with `pending`, figures awaiting review or approval count too."""
    return latest_vintages(store, as_of, [plan_id], series_ids, pending=pending).get(plan_id, {})


def latest_vintages(
    store: Store,
    as_of: date,
    plan_ids: Iterable[int] | None = None,
    series_ids: Iterable[str] | None = None,
    *,
    for_evaluation: bool = False,
    pending: bool = False,
) -> dict[int, dict[str, list[Observation]]]:
    """`observations_as_of` for many plans (every plan when `plan_ids` is None) in one pass.

    Built for reading every plan at once: one anti-join over the vintage index, no sort in SQL,
    and the values that repeat (dates, times, codes) converted once.
    """
    series = None if series_ids is None else sorted(set(series_ids))
    chunks: list[list[int] | None] = [None]
    if plan_ids is not None:
        wanted = sorted(set(plan_ids))
        chunks = [wanted[i : i + _PLANS_PER_QUERY] for i in range(0, len(wanted), _PLANS_PER_QUERY)]
    result: dict[int, dict[str, list[Observation]]] = {}
    with store.engine.connect() as connection:
        for chunk in chunks:
            if for_evaluation:
                query = _ordered_query(as_of, chunk, series, connection.dialect.name, pending)
                rows = cast(Iterable[tuple[Any, ...]], connection.execute(query).cursor)  # the driver's rows
                _collect_judged(rows, result)
            else:
                query = _latest_query(as_of, chunk, series, connection.dialect.name, pending)
                _collect(connection.execute(query), result)
    for by_series in result.values():
        for found in by_series.values():
            if len(found) > 1:
                found.sort(key=_PERIOD_ORDER)
    return result


def _ordered_query(
    as_of: date, plan_ids: list[int] | None, series_ids: list[str] | None, dialect: str, pending: bool
) -> Select[Any]:
    """Every counting vintage known by `as_of`, in the vintage index's own order (plan, series, period,
    kind, as_of, id): the last row of each (series, period, kind) is the one that counts. Reading the
    few superseded rows too is cheaper than asking the database to leave them out (an anti-join)."""
    o = observations.c
    query: Select[Any] = select(*(_raw(c, dialect) for c in _JUDGED_COLUMNS)).where(
        o.as_of <= as_of, counting(observations, as_of, pending)
    )
    if plan_ids is not None:
        query = query.where(o.plan_id.in_(plan_ids))
    if series_ids is not None:
        query = query.where(o.series_id.in_(series_ids))
    return query.order_by(o.plan_id, o.series_id, o.period, o.kind, o.as_of, o.id)


def _latest_query(
    as_of: date,
    plan_ids: list[int] | None,
    series_ids: list[str] | None,
    dialect: str,
    pending: bool = False,
    wanted: tuple[Any, ...] = COLUMNS,
) -> Select[Any]:
    """Counting rows with `as_of` ≤ the date that no later counting vintage of their (series, period,
    kind) supersedes."""
    o, n = observations.alias("o"), observations.alias("n")
    superseding = select(literal(1)).where(
        n.c.plan_id == o.c.plan_id,
        n.c.series_id == o.c.series_id,
        n.c.period == o.c.period,
        n.c.kind == o.c.kind,
        n.c.as_of <= as_of,
        counting(n, as_of, pending),
        or_(n.c.as_of > o.c.as_of, and_(n.c.as_of == o.c.as_of, n.c.id > o.c.id)),
    )
    columns = [_raw(o.c[c.name], dialect) for c in wanted]
    query: Select[Any] = select(*columns).where(
        o.c.as_of <= as_of, counting(o, as_of, pending), ~exists(superseding)
    )
    if plan_ids is not None:
        query = query.where(o.c.plan_id.in_(plan_ids))
    if series_ids is not None:
        query = query.where(o.c.series_id.in_(series_ids))
    return query


def counting(table: Any, as_of: date, pending: bool) -> ColumnElement[bool]:
    """Approved on or before the date; with `pending`, anything not returned."""
    approval: ColumnElement[str] = table.c.approval
    if pending:
        return approval.in_(_COUNTING)
    approved_on: ColumnElement[date] = table.c.approved_on
    return and_(approval == ApprovalState.APPROVED.value, approved_on <= as_of)


def _raw(column: ColumnElement[Any], dialect: str) -> ColumnElement[Any]:
    """A column as the driver gives it, unconverted: _collect converts each distinct date or time once.

    PostgreSQL's dates and times come as ISO text; psycopg would spend more time building the same
    datetime objects a million times than the server spends finding the rows.
    """
    if dialect == "postgresql" and column.name in ("as_of", "approved_on"):
        return func.to_char(column, "YYYY-MM-DD")
    if dialect == "postgresql" and column.name == "entered_at":
        return func.to_char(func.timezone("UTC", column), 'YYYY-MM-DD"T"HH24:MI:SS.US')
    return type_coerce(column, String)


def _collect(rows: Iterable[tuple[Any, ...]], into: dict[int, dict[str, list[Observation]]]) -> None:
    """Rows of COLUMNS → Observations grouped by plan and series. Hot: 10⁶ rows when reading every plan,
    so each distinct date and time is converted once, and a run of rows of one series is appended to
    the list found for its first row."""
    dates: dict[Any, date] = {}
    times: dict[Any, datetime] = {}
    kinds, statuses = KINDS, STATUSES
    last_plan: Any = None
    last_series: Any = None
    last: list[Observation] = []
    for row in rows:
        id_, plan_id, series_id, period, kind, value, unit, source, status, day, entered_by, moment = row[:12]
        approval, approved_day = row[12:]
        as_of = _day(day, dates)
        approved_on = _day(approved_day, dates)
        entered_at = times.get(moment)
        if entered_at is None:
            entered_at = times[moment] = utc(
                moment if isinstance(moment, datetime) else datetime.fromisoformat(moment)
            )
        observation = Observation(
            series_id,
            period,
            Decimal(value),
            unit,
            kinds[kind],
            as_of,
            source,
            statuses[status],
            entered_by,
            entered_at,
            int(id_),
            APPROVALS[approval],
            approved_on,
        )
        if series_id == last_series and plan_id == last_plan:
            last.append(observation)
            continue
        by_series = into.setdefault(plan_id, {})
        found = by_series.get(series_id)
        if found is None:
            found = by_series[series_id] = []
        found.append(observation)
        last_plan, last_series, last = plan_id, series_id, found


def _day(raw: Any, dates: dict[Any, date]) -> Any:
    """A stored date as a `date` (SQLite gives text), each distinct one converted once; None stays None."""
    if raw is None:
        return None
    found = dates.get(raw)
    if found is None:
        found = dates[raw] = raw if isinstance(raw, date) else date.fromisoformat(raw)
    return found


# What a judgement reads: without source, who and when, a million rows come back a third faster.
# The approval stays: a figure counted while still pending is marked 未审批.
_JUDGED_COLUMNS = tuple(c for c in COLUMNS if c.name not in ("source", "entered_by", "entered_at"))


_SLOTS = tuple(getattr(Observation, name).__set__ for name in Observation.__slots__)  # in field order


def _collect_judged(rows: Iterable[tuple[Any, ...]], into: dict[int, dict[str, list[Observation]]]) -> None:
    """Rows of _JUDGED_COLUMNS in vintage order → the last vintage of each (series, period, kind) as an
    Observation (without source, entered_by and entered_at), grouped by plan and series."""
    dates: dict[Any, date] = {}
    kinds, statuses = KINDS, STATUSES
    last_key: tuple[Any, Any] = (None, None)
    last: list[Observation] = []
    new = object.__new__
    (series_of, period_of, value_of, unit_of, kind_of, as_of_of, source_of, status_of, by_of, at_of, id_of,
     approval_of, approved_on_of) = _SLOTS  # fmt: skip
    pending: tuple[Any, ...] | None = None
    for row in chain(rows, (None,)):
        # A row of the same (plan, series, period, kind) as the one pending supersedes it.
        if pending is not None and (row is None or row[1:5] != pending[1:5]):
            id_, plan_id, series_id, period, kind, value, unit, status, day, approval, approved_on = pending
            as_of = _day(day, dates)
            # The fields of a frozen Observation set through its slots: what its __init__ does, at less
            # than half the cost (a million rows). The rows are the store's own, of their declared types.
            observation = new(Observation)
            series_of(observation, series_id)
            period_of(observation, period)
            value_of(observation, Decimal(value))
            unit_of(observation, unit)
            kind_of(observation, kinds[kind])
            as_of_of(observation, as_of)
            source_of(observation, "")
            status_of(observation, statuses[status])
            by_of(observation, "")
            at_of(observation, None)
            id_of(observation, int(id_))
            approval_of(observation, APPROVALS[approval])
            approved_on_of(observation, _day(approved_on, dates))
            if (plan_id, series_id) == last_key:
                last.append(observation)
            else:
                last = into.setdefault(plan_id, {}).setdefault(series_id, [])
                last.append(observation)
                last_key = (plan_id, series_id)
        pending = row
