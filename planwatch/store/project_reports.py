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
from planwatch.store.raw import raw_rows
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
    those that report a 开工 or 竣工. `judged_only` leaves out the texts and who entered them. Each
    project's reports come by period (as text: 2024-05 < 2024-10; all months before all quarters)."""
    chunks: list[list[int] | None] = [None]
    if plan_ids is not None:
        wanted = sorted(set(plan_ids))
        chunks = [wanted[i : i + _PLANS_PER_QUERY] for i in range(0, len(wanted), _PLANS_PER_QUERY)]
    columns = _JUDGED if judged_only else _COLUMNS
    found: Reports = {}
    for chunk in chunks:
        query = _latest_query(as_of, chunk, year, keys, events_only, columns, connection.dialect.name)
        _collect(raw_rows(connection, query), columns, found)
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
    # Each project's periods in order as text (months, or quarters; the judgement orders a mix), which
    # is the version index's own order when one year is read: no sort.
    return query.order_by(o.c.plan_id, o.c.project_key, o.c.period)


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
    """Rows → ProjectReports grouped by plan and project. Hot: 10⁵–10⁶ rows when judging every project,
    so each distinct amount, date and time is converted once, reports are built positionally, and a
    run of rows of one project is appended to the list found for its first row."""
    amounts: dict[str, Decimal] = {}
    dates: dict[Any, date | None] = {None: None}
    times: dict[Any, datetime] = {}
    full = len(columns) == len(_COLUMNS)
    last_plan: Any = None
    last_key: Any = None
    last: list[ProjectReport] = []
    progress = issues = coordination = entered_by = source = ""
    moment: datetime | None = None
    for row in rows:
        if full:
            id_, plan_id, key, period, completed, cumulative, started, finished, reported, *rest = row
            progress, issues, coordination, entered_by, entered_at, source = rest
            moment = times.get(entered_at)
            if moment is None:
                moment = times[entered_at] = _to_time(entered_at)
        else:
            id_, plan_id, key, period, completed, cumulative, started, finished, reported = row
        done = amounts.get(completed)
        if done is None:
            done = amounts[completed] = Decimal(completed)
        total = amounts.get(cumulative)
        if total is None:
            total = amounts[cumulative] = Decimal(cumulative)
        made = dates.get(reported)
        if made is None:
            made = dates[reported] = _to_date(reported)
        begun = dates[started] if started in dates else _remember(dates, started)
        ended = dates[finished] if finished in dates else _remember(dates, finished)
        report = ProjectReport(
            key, period, done, total, made, begun, ended,
            progress, issues, coordination, entered_by, moment, source, id_,
        )  # fmt: skip
        if key != last_key or plan_id != last_plan:
            last = into.setdefault(plan_id, {}).setdefault(key, [])
            last_plan, last_key = plan_id, key
        last.append(report)


def _to_time(value: Any) -> datetime:
    return utc(value if isinstance(value, datetime) else datetime.fromisoformat(value))


def _to_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _remember(seen: dict[Any, date | None], value: Any) -> date | None:
    day = seen[value] = _to_date(value)
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
    _collect(connection.execute(query).all(), _COLUMNS, found)
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
