"""Project reports (调度): every version of every period's report, stored; read back "as of" any date.

A correction is a new row, never an update. What was known on a date D is, per (project, period),
the row with the latest `reported_on` ≤ D, ties going to the row entered last (the highest id):
one anti-join over the version index, as `vintages` does for figures, built to read a million
reports at once. The values that repeat (dates, times) are converted once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Select, String, and_, exists, func, insert, literal, or_, select, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from planwatch.project_model import ProjectReport
from planwatch.store.audit import utc
from planwatch.store.schema import project_reports

BATCH_SIZE = 1000
_PLANS_PER_QUERY = 500
# Tests only: a file path. A write of reports puts its pid there after the first batch, then sleeps
# inside the open transaction, so a test can kill it mid-write and check that nothing landed.
PAUSE_ENV = "PLANWATCH_TEST_PAUSE_IN_REPORTS"
_PAUSE_SECONDS = 60

# plan → project key → its reports (the latest version of each period), by period
Reports = dict[int, dict[str, list[ProjectReport]]]

_COLUMNS = (
    "id",
    "plan_id",
    "project_key",
    "period",
    "completed",
    "cumulative",
    "started_on",
    "finished_on",
    "reported_on",
    "progress",
    "issues",
    "coordination",
    "entered_by",
    "entered_at",
    "source",
)
# What a judgement reads: without the texts and who entered them, a million rows come back faster.
_JUDGED = _COLUMNS[:9]


# ---- writing -------------------------------------------------------------------------------------------


def write_reports(
    connection: Connection, plan_id: int, reports: Sequence[ProjectReport], *, entered_by: str, source: str
) -> list[ProjectReport]:
    """Store the reports on the caller's connection (all land or none do); returns them with ids."""
    now = datetime.now(UTC)
    stored: list[ProjectReport] = []
    statement = insert(project_reports).returning(project_reports.c.id, sort_by_parameter_order=True)
    for number, start in enumerate(range(0, len(reports), BATCH_SIZE)):
        batch = reports[start : start + BATCH_SIZE]
        rows = [_row(plan_id, report, entered_by, now, source) for report in batch]
        ids = connection.execute(statement, rows).scalars().all()
        stored += [_stored(r, int(i), entered_by, now, source) for r, i in zip(batch, ids, strict=True)]
        if number == 0:
            _pause_for_tests()
    return stored


def bulk_load(
    connection: Connection, rows: Iterable[tuple[int, ProjectReport]], batch_size: int = 10_000
) -> int:
    """The benchmarks' fast path: (plan_id, report) pairs inserted unchecked on the caller's connection."""
    now = datetime.now(UTC)
    count = 0
    batch: list[dict[str, Any]] = []
    for plan_id, report in rows:
        batch.append(_row(plan_id, report, report.entered_by, report.entered_at or now, report.source))
        if len(batch) >= batch_size:
            connection.execute(project_reports.insert(), batch)
            count += len(batch)
            batch = []
    if batch:
        connection.execute(project_reports.insert(), batch)
        count += len(batch)
    return count


def _row(plan_id: int, r: ProjectReport, entered_by: str, now: datetime, source: str) -> dict[str, Any]:
    return {
        "plan_id": plan_id,
        "project_key": r.project_key,
        "period": r.period,
        "year": r.year,
        "completed": r.completed_wan_yuan,
        "cumulative": r.cumulative_wan_yuan,
        "started_on": r.started_on,
        "finished_on": r.finished_on,
        "progress": r.progress,
        "issues": r.issues,
        "coordination": r.coordination,
        "reported_on": r.reported_on,
        "entered_by": entered_by,
        "entered_at": now,
        "source": source,
    }


def _stored(r: ProjectReport, new_id: int, entered_by: str, now: datetime, source: str) -> ProjectReport:
    return ProjectReport(
        r.project_key,
        r.period,
        r.completed_wan_yuan,
        r.cumulative_wan_yuan,
        r.reported_on,
        r.started_on,
        r.finished_on,
        r.progress,
        r.issues,
        r.coordination,
        entered_by,
        now,
        source,
        new_id,
    )


def _pause_for_tests() -> None:
    marker = os.environ.get(PAUSE_ENV)
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(_PAUSE_SECONDS)


# ---- reading as of a date ---------------------------------------------------------------------------


def reports_as_of(
    connection: Connection,
    as_of: date,
    plan_ids: Iterable[int] | None = None,
    *,
    year: int | None = None,
    keys: Iterable[str] | None = None,
    events_only: bool = False,
    judged_only: bool = False,
) -> Reports:
    """The latest version of each (project, period) known on `as_of`, for the plans given (all when
    None): of one `year` when given, of the projects `keys` when given, and with `events_only` only
    those that report a 开工 or 竣工. `judged_only` leaves out the texts and who entered them."""
    chunks: list[list[int] | None] = [None]
    if plan_ids is not None:
        wanted = sorted(set(plan_ids))
        chunks = [wanted[i : i + _PLANS_PER_QUERY] for i in range(0, len(wanted), _PLANS_PER_QUERY)]
    columns = _JUDGED if judged_only else _COLUMNS
    found: Reports = {}
    for chunk in chunks:
        query = _latest_query(as_of, chunk, year, keys, events_only, columns, connection.dialect.name)
        _collect(connection.execute(query), columns, found)
    for by_key in found.values():
        for reports in by_key.values():
            if len(reports) > 1:
                reports.sort(key=_period_order)
    return found


def _latest_query(
    as_of: date,
    plan_ids: list[int] | None,
    year: int | None,
    keys: Iterable[str] | None,
    events_only: bool,
    columns: tuple[str, ...],
    dialect: str,
) -> Select[Any]:
    o, n = project_reports.alias("o"), project_reports.alias("n")
    superseding = select(literal(1)).where(
        n.c.plan_id == o.c.plan_id,
        n.c.year == o.c.year,
        n.c.project_key == o.c.project_key,
        n.c.period == o.c.period,
        n.c.reported_on <= as_of,
        or_(n.c.reported_on > o.c.reported_on, and_(n.c.reported_on == o.c.reported_on, n.c.id > o.c.id)),
    )
    query: Select[Any] = select(*(_raw(o.c[name], dialect) for name in columns)).where(
        o.c.reported_on <= as_of, ~exists(superseding)
    )
    if plan_ids is not None:
        query = query.where(o.c.plan_id.in_(plan_ids))
    if year is not None:
        query = query.where(o.c.year == year)
    if keys is not None:
        query = query.where(o.c.project_key.in_(sorted(set(keys))))
    if events_only:
        query = query.where(or_(o.c.started_on.is_not(None), o.c.finished_on.is_not(None)))
    return query


def _raw(column: ColumnElement[Any], dialect: str) -> ColumnElement[Any]:
    """A column as the driver gives it, unconverted: `_collect` converts each distinct value once.
    PostgreSQL's dates and times come as ISO text (psycopg would build a million date objects)."""
    if dialect == "postgresql" and column.name in _DATES:
        return func.to_char(column, "YYYY-MM-DD")
    if dialect == "postgresql" and column.name == "entered_at":
        return func.to_char(func.timezone("UTC", column), 'YYYY-MM-DD"T"HH24:MI:SS.US')
    if column.name in ("completed", "cumulative") or (dialect != "postgresql" and column.name in _TIMES):
        return type_coerce(column, String)
    return column


_DATES = ("started_on", "finished_on", "reported_on")
_TIMES = (*_DATES, "entered_at")


def _collect(rows: Iterable[Sequence[Any]], columns: tuple[str, ...], into: Reports) -> None:
    """Rows → ProjectReports grouped by plan and project. Hot: each distinct date, time and amount is
    converted once, and the plan's and project's lists are looked up once per run of rows."""
    dates: dict[Any, date | None] = {None: None}
    amounts: dict[str, Decimal] = {}
    times: dict[Any, datetime] = {}
    full = len(columns) == len(_COLUMNS)
    last_key: tuple[Any, Any] = (None, None)
    last: list[ProjectReport] = []
    for row in rows:
        id_, plan_id, key, period, completed, cumulative, started, finished, reported = row[:9]
        reported_on = _day(reported, dates)
        assert reported_on is not None
        if full:
            progress, issues, coordination, entered_by, entered_at, source = row[9:]
            moment = times.get(entered_at)
            if moment is None:
                moment = times[entered_at] = utc(
                    entered_at if isinstance(entered_at, datetime) else datetime.fromisoformat(entered_at)
                )
        else:
            progress = issues = coordination = entered_by = source = ""
            moment = None
        report = ProjectReport(
            project_key=key,
            period=period,
            completed_wan_yuan=_amount(completed, amounts),
            cumulative_wan_yuan=_amount(cumulative, amounts),
            reported_on=reported_on,
            started_on=_day(started, dates),
            finished_on=_day(finished, dates),
            progress=progress,
            issues=issues,
            coordination=coordination,
            entered_by=entered_by,
            entered_at=moment,
            source=source,
            id=int(id_),
        )
        if (plan_id, key) != last_key:
            last = into.setdefault(plan_id, {}).setdefault(key, [])
            last_key = (plan_id, key)
        last.append(report)


def _amount(text: str, seen: dict[str, Decimal]) -> Decimal:
    value = seen.get(text)
    if value is None:
        value = seen[text] = Decimal(text)
    return value


def _day(value: Any, seen: dict[Any, date | None]) -> date | None:
    if value in seen:
        return seen[value]
    day = value if isinstance(value, date) else date.fromisoformat(value)
    seen[value] = day
    return day


def _period_order(report: ProjectReport) -> tuple[int, int]:
    month = report.period[5:]
    return int(report.period[:4]), int(month) if report.period[4] == "-" else int(month) * 3


# ---- one project's history --------------------------------------------------------------------------


def history(connection: Connection, plan_id: int, key: str) -> list[ProjectReport]:
    """Every version of every period of one project: by period, then as entered."""
    r = project_reports.c
    query = select(*(_raw(r[name], connection.dialect.name) for name in _COLUMNS)).where(
        r.plan_id == plan_id, r.project_key == key
    )
    found: Reports = {}
    _collect(connection.execute(query), _COLUMNS, found)
    reports = found.get(plan_id, {}).get(key, [])
    return sorted(reports, key=lambda x: (*_period_order(x), x.reported_on, x.id or 0))


def count_reports(connection: Connection, plan_id: int | None = None) -> int:
    query = select(func.count()).select_from(project_reports)
    if plan_id is not None:
        query = query.where(project_reports.c.plan_id == plan_id)
    return int(connection.execute(query).scalar_one())


def has_source(connection: Connection, plan_id: int, source: str) -> bool:
    """Whether any report of the plan came from `source` (a file name, the demo's label)."""
    r = project_reports.c
    query = select(r.id).where(r.plan_id == plan_id, r.source == source).limit(1)
    return connection.execute(query).first() is not None
