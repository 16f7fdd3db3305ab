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

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection

from planwatch.project_model import MANUAL_PREFIX, ReportFrequency
from planwatch.store.audit import utc
from planwatch.store.schema import library_fields, library_projects, schedule_settings


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One field of one project as entered: its value (None: cleared), from when, by whom."""

    field: str
    value: str | None
    set_on: date
    entered_by: str
    entered_at: datetime
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
) -> dict[int, dict[str, dict[str, FieldValue]]]:
    """plan → project key → field → its value on `as_of` (cleared fields included, value None).
    Fields for which `undated(field)` holds are read as they are now, whatever `as_of` says."""
    f = library_fields.c
    query = select(library_fields).where(f.plan_id.in_(sorted(set(plan_ids))))
    if undated is None:
        query = query.where(f.set_on <= as_of)
    if keys is not None:
        query = query.where(f.project_key.in_(sorted(set(keys))))
    found: dict[int, dict[str, dict[str, FieldValue]]] = {}
    for row in connection.execute(query):
        value = _value(row)
        if value.set_on > as_of and not (undated is not None and undated(value.field)):
            continue
        of_key = found.setdefault(row.plan_id, {}).setdefault(row.project_key, {})
        kept = of_key.get(row.field)
        if kept is None or (value.set_on, value.id) > (kept.set_on, kept.id):
            of_key[row.field] = value
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
    return {
        fields["code"].value: key
        for key, fields in latest.items()
        if "code" in fields and fields["code"].value is not None
    }


def departments_of(connection: Connection, plan_id: int, keys: Iterable[str]) -> dict[str, str]:
    """Project key → its 责任单位 now (the latest value entered), for the projects that have one."""
    latest = fields_as_of(connection, [plan_id], date.max, keys).get(plan_id, {})
    return {
        key: fields["department"].value
        for key, fields in latest.items()
        if "department" in fields and fields["department"].value is not None
    }


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
