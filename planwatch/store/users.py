"""Users, the departments items are assigned to, and the audit log of every write.

Passwords are kept as argon2id hashes (argon2-cffi). A write and its audit entry share one
transaction: `record` takes the writer's connection, and `add_observations_logged` stores figures
and their entries together, so neither lands without the other.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from planwatch.errors import PlanwatchError
from planwatch.model import Observation
from planwatch.store.database import Store
from planwatch.store.observations import AddResult, write_observations
from planwatch.store.schema import assignments, audit_log, observations, users

ROLES: Final = ("admin", "planner", "department", "viewer")
ROLE_LABELS: Final = {
    "admin": "管理员",
    "planner": "规划人员",
    "department": "部门用户",
    "viewer": "只读用户",
}
MIN_PASSWORD = 8
MAX_NAME = 100

_hasher = PasswordHasher()
# Checked when the name is unknown, so that a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("planwatch-no-such-user")


class UserError(PlanwatchError):
    """A user that cannot be added (a taken name, an unknown role, a short password)."""


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str
    department: str | None
    active: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    user: str
    action: str
    plan_id: int | None
    target: str
    old: Any  # the JSON value before the write (None when there was none)
    new: Any


# ---- users -------------------------------------------------------------------------------------------


def add_user(store: Store, name: str, role: str, password: str, department: str | None = None) -> User:
    name, department = name.strip(), (department or "").strip() or None
    if not name or len(name) > MAX_NAME:
        raise UserError(f"用户名不能为空，且不超过{MAX_NAME}个字符")
    if role not in ROLES:
        raise UserError(f"角色“{role}”无法识别，应为 {'、'.join(ROLES)} 之一")
    if role == "department" and department is None:
        raise UserError("部门用户须指定所属部门（--department）")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"密码至少{MIN_PASSWORD}个字符")
    created_at = datetime.now(UTC)
    row = {
        "name": name,
        "role": role,
        "department": department,
        "password_hash": _hasher.hash(password),
        "created_at": created_at,
        "active": 1,
    }
    try:
        with store.engine.begin() as connection:
            connection.execute(insert(users).values(**row))
            record(connection, "cli", "user.add", None, name, None, {"role": role, "department": department})
    except IntegrityError:
        raise UserError(f"用户名“{name}”已存在") from None
    return User(name, role, department, True, created_at)


def get_user(store: Store, name: str) -> User | None:
    """The active user of that name, or None."""
    u = users.c
    query = select(u.name, u.role, u.department, u.active, u.created_at).where(u.name == name)
    with store.engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None or not row.active:
        return None
    return User(row.name, row.role, row.department, bool(row.active), _utc(row.created_at))


def list_users(store: Store) -> list[User]:
    u = users.c
    query = select(u.name, u.role, u.department, u.active, u.created_at).order_by(u.name)
    with store.engine.connect() as connection:
        return [
            User(r.name, r.role, r.department, bool(r.active), _utc(r.created_at))
            for r in connection.execute(query)
        ]


def verify_password(store: Store, name: str, password: str) -> User | None:
    """The user, when the name is of an active user and the password is theirs; else None."""
    query = select(users.c.password_hash, users.c.active).where(users.c.name == name)
    with store.engine.connect() as connection:
        row = connection.execute(query).first()
    stored = row.password_hash if row is not None and row.active else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not row.active:
        return None
    if _hasher.check_needs_rehash(stored):
        with store.engine.begin() as connection:
            connection.execute(
                update(users).where(users.c.name == name).values(password_hash=_hasher.hash(password))
            )
    return get_user(store, name)


# ---- assignments ---------------------------------------------------------------------------------------


def assign(store: Store, plan_id: int, item_id: str, department: str | None, *, by: str = "cli") -> None:
    """Give an item (indicator, prose target or project id) of a plan to a department; None takes it back."""
    department = (department or "").strip() or None
    a = assignments.c
    with store.engine.begin() as connection:
        old = connection.execute(
            select(a.department).where(a.plan_id == plan_id, a.item_id == item_id)
        ).scalar_one_or_none()
        if old == department:
            return
        connection.execute(delete(assignments).where(a.plan_id == plan_id, a.item_id == item_id))
        if department is not None:
            connection.execute(
                insert(assignments).values(plan_id=plan_id, item_id=item_id, department=department)
            )
        record(connection, by, "assign", plan_id, item_id, old, department)


def department_of(store: Store, plan_id: int, item_id: str) -> str | None:
    a = assignments.c
    query = select(a.department).where(a.plan_id == plan_id, a.item_id == item_id)
    with store.engine.connect() as connection:
        found: str | None = connection.execute(query).scalar_one_or_none()
    return found


def assignments_of(store: Store, plan_id: int) -> dict[str, str]:
    """item id → department, for one plan."""
    a = assignments.c
    with store.engine.connect() as connection:
        rows = connection.execute(select(a.item_id, a.department).where(a.plan_id == plan_id))
        return {r.item_id: r.department for r in rows}


# ---- the audit log -------------------------------------------------------------------------------------


def record(
    connection: Connection, user: str, action: str, plan_id: int | None, target: str, old: Any, new: Any
) -> None:
    """Log one write on the writer's own connection, i.e. in the transaction of the write it records."""
    connection.execute(
        insert(audit_log).values(
            at=datetime.now(UTC),
            user_name=user,
            action=action,
            plan_id=plan_id,
            target=target,
            old=_json(old),
            new=_json(new),
        )
    )


def audit_entries(store: Store, plan_id: int | None = None, limit: int = 200) -> list[AuditEntry]:
    """The latest entries first."""
    a = audit_log.c
    query = select(a.id, a.at, a.user_name, a.action, a.plan_id, a.target, a.old, a.new)
    if plan_id is not None:
        query = query.where(a.plan_id == plan_id)
    query = query.order_by(a.id.desc()).limit(limit)
    with store.engine.connect() as connection:
        return [
            AuditEntry(
                r.id,
                _utc(r.at),
                r.user_name,
                r.action,
                r.plan_id,
                r.target,
                None if r.old is None else json.loads(r.old),
                None if r.new is None else json.loads(r.new),
            )
            for r in connection.execute(query)
        ]


def add_observations_logged(
    store: Store,
    plan_id: int,
    new: Sequence[Observation],
    *,
    user: str,
    action: str,
    source_sha256: str | None = None,
    file_name: str = "",
) -> AddResult:
    """`add_observations` by `user`, with an audit entry (old → new) per stored figure, in one transaction."""
    with store.engine.begin() as connection:
        before = _current_figures(connection, plan_id, {o.series_id for o in new})
        result, fresh = write_observations(
            connection, plan_id, new, source_sha256=source_sha256, file_name=file_name, entered_by=user
        )
        for o in fresh:
            key = (o.series_id, o.period, o.kind.value)
            target = f"{o.series_id} {o.period} {o.kind.value}"
            record(connection, user, action, plan_id, target, before.get(key), _figure(o, file_name))
    return result


def entries_by(store: Store, plan_id: int, user: str, limit: int = 100) -> list[dict[str, Any]]:
    """What `user` entered into a plan, the latest first."""
    o = observations.c
    query = (
        select(o.series_id, o.period, o.kind, o.value, o.unit, o.status, o.as_of, o.source, o.entered_at)
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
                "entered_at": _utc(r.entered_at).isoformat(timespec="seconds"),
            }
            for r in connection.execute(query)
        ]


def _current_figures(
    connection: Connection, plan_id: int, series_ids: Iterable[str]
) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Per (series, period, kind), the latest vintage stored now (latest as_of, then last entered)."""
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
            "as_of": _iso(r.as_of),
            "source": r.source,
        }
    return current


def _figure(o: Observation, file_name: str) -> dict[str, Any]:
    figure = {
        "value": str(o.value),
        "unit": o.unit,
        "status": o.status.value,
        "as_of": o.as_of.isoformat(),
        "source": o.source,
    }
    return {**figure, "file": file_name} if file_name else figure


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _iso(value: date | str) -> str:
    return value if isinstance(value, str) else value.isoformat()


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
