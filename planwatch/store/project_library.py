"""The project library's own rows: projects added by hand, what the office entered about each project
(a field's value from a date), and each plan's report frequency.

A field is never updated: a change is a new row from its `set_on` date, so the library can be read
as of any date (the latest row of each field with `set_on` on or before it, ties to the highest id).
Writes take the caller's connection (one transaction with the audit entry and the revision bump).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import String, delete, func, insert, select, type_coerce
from sqlalchemy.engine import Connection

from planwatch.project_model import MANUAL_PREFIX, ReportFrequency
from planwatch.store.audit import utc
from planwatch.store.raw import raw_rows
from planwatch.store.schema import library_fields, library_projects, schedule_settings


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One field of one project as entered: its value (None: cleared), from when, by whom."""

    field: str
    value: str | None
    set_on: date
    entered_by: str
    entered_at: datetime | None  # read with the history only
    id: int


# ---- projects added by hand ------------------------------------------------------------------------


def add_manual(connection: Connection, plan_id: int, user: str) -> str:
    """A new key for a project added by hand: H001, H002… (never one of the parser's P001…)."""
    taken = manual_keys(connection, plan_id)
    numbers = [int(k[len(MANUAL_PREFIX) :]) for k in taken if k[len(MANUAL_PREFIX) :].isdigit()]
    key = f"{MANUAL_PREFIX}{max(numbers, default=0) + 1:03d}"
    connection.execute(
        insert(library_projects).values(
            plan_id=plan_id, project_key=key, added_by=user, added_at=datetime.now(UTC)
        )
    )
    return key


def manual_keys(connection: Connection, plan_id: int) -> list[str]:
    m = library_projects.c
    query = select(m.project_key).where(m.plan_id == plan_id).order_by(m.project_key)
    return [r.project_key for r in connection.execute(query)]


def manual_keys_of_plans(connection: Connection, plan_ids: list[int] | None = None) -> dict[int, list[str]]:
    m = library_projects.c
    query = select(m.plan_id, m.project_key).order_by(m.plan_id, m.project_key)
    if plan_ids is not None:
        query = query.where(m.plan_id.in_(plan_ids))
    found: dict[int, list[str]] = {}
    for row in connection.execute(query):
        found.setdefault(row.plan_id, []).append(row.project_key)
    return found


# ---- fields ----------------------------------------------------------------------------------------


def write_fields(
    connection: Connection,
    plan_id: int,
    key: str,
    values: Mapping[str, str | None],
    set_on: date,
    user: str,
) -> None:
    now = datetime.now(UTC)
    rows = [
        {
            "plan_id": plan_id,
            "project_key": key,
            "field": name,
            "value": value,
            "set_on": set_on,
            "entered_by": user,
            "entered_at": now,
        }
        for name, value in values.items()
    ]
    if rows:
        connection.execute(insert(library_fields), rows)


def fields_as_of(
    connection: Connection,
    plan_ids: Iterable[int],
    as_of: date,
    keys: Iterable[str] | None = None,
    *,
    undated: Callable[[str], bool] | None = None,
) -> dict[int, dict[str, dict[str, str | None]]]:
    """plan → project key → field → its value on `as_of` (None: cleared). Fields for which
    `undated(field)` holds are read as they are now, whatever `as_of` says.

    Hot (every field of 20,000 projects when judging them all): rows come in the version index's
    order, so the last row of a field is the one in force; dates are compared as ISO text."""
    f = library_fields.c
    day = (
        func.to_char(f.set_on, "YYYY-MM-DD")
        if connection.dialect.name == "postgresql"
        else type_coerce(f.set_on, String)
    )
    query = select(f.plan_id, f.project_key, f.field, f.value, day).where(
        f.plan_id.in_(sorted(set(plan_ids)))
    )
    if undated is None:
        query = query.where(f.set_on <= as_of)
    if keys is not None:
        query = query.where(f.project_key.in_(sorted(set(keys))))
    query = query.order_by(f.plan_id, f.project_key, f.field, f.set_on, f.id)  # the index's order: no sort
    asked = as_of.isoformat()
    dated: dict[str, bool] = {}
    found: dict[int, dict[str, dict[str, str | None]]] = {}
    last_plan: Any = None
    last_key: Any = None
    of_key: dict[str, str | None] = {}
    for plan_id, key, field, value, set_on in raw_rows(connection, query):
        if set_on > asked:
            skip = dated.get(field)
            if skip is None:
                skip = dated[field] = undated is None or not undated(field)
            if skip:
                continue
        if key != last_key or plan_id != last_plan:
            of_key = found.setdefault(plan_id, {}).setdefault(key, {})
            last_plan, last_key = plan_id, key
        of_key[field] = value
    return found


def field_history(connection: Connection, plan_id: int, key: str) -> list[FieldValue]:
    """Every value a project's fields were given, in the order entered."""
    f = library_fields.c
    query = select(library_fields).where(f.plan_id == plan_id, f.project_key == key).order_by(f.id)
    return [_value(row) for row in connection.execute(query)]


def latest_set_on(connection: Connection, plan_id: int, key: str, names: Iterable[str]) -> dict[str, date]:
    """The latest `set_on` of each named field (fields never set are absent)."""
    f = library_fields.c
    query = (
        select(f.field, func.max(f.set_on).label("set_on"))
        .where(f.plan_id == plan_id, f.project_key == key, f.field.in_(sorted(set(names))))
        .group_by(f.field)
    )
    return {row.field: _date(row.set_on) for row in connection.execute(query)}


def codes_in_use(connection: Connection, plan_id: int) -> dict[str, str]:
    """项目编号 → project key, for the codes given by hand (the latest code of each project)."""
    latest = fields_as_of(connection, [plan_id], date.max).get(plan_id, {})
    return {code: key for key, fields in latest.items() if (code := fields.get("code")) is not None}


def departments_of(connection: Connection, plan_id: int, keys: Iterable[str]) -> dict[str, str]:
    """Project key → its 责任单位 now (the latest value entered), for the projects that have one."""
    latest = fields_as_of(connection, [plan_id], date.max, keys).get(plan_id, {})
    return {key: unit for key, fields in latest.items() if (unit := fields.get("department")) is not None}


def _value(row: object) -> FieldValue:
    return FieldValue(
        row.field,  # type: ignore[attr-defined]
        row.value,  # type: ignore[attr-defined]
        _date(row.set_on),  # type: ignore[attr-defined]
        row.entered_by,  # type: ignore[attr-defined]
        utc(row.entered_at),  # type: ignore[attr-defined]
        row.id,  # type: ignore[attr-defined]
    )


def _date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


# ---- the report frequency ---------------------------------------------------------------------------


def frequency_of(connection: Connection, plan_id: int) -> ReportFrequency:
    found = connection.execute(
        select(schedule_settings.c.frequency).where(schedule_settings.c.plan_id == plan_id)
    ).scalar_one_or_none()
    return ReportFrequency(found) if found else ReportFrequency.MONTH


def frequencies_of(connection: Connection, plan_ids: list[int]) -> dict[int, ReportFrequency]:
    s = schedule_settings.c
    rows = connection.execute(select(s.plan_id, s.frequency).where(s.plan_id.in_(plan_ids)))
    found = {row.plan_id: ReportFrequency(row.frequency) for row in rows}
    return {plan_id: found.get(plan_id, ReportFrequency.MONTH) for plan_id in plan_ids}


def set_frequency(connection: Connection, plan_id: int, frequency: ReportFrequency) -> None:
    connection.execute(delete(schedule_settings).where(schedule_settings.c.plan_id == plan_id))
    connection.execute(insert(schedule_settings).values(plan_id=plan_id, frequency=frequency.value))
