"""Users of the web app: name, role, department, argon2id password hash (argon2-cffi).

What a role may do is decided in `planwatch.services.permissions`; this module only keeps users.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from planwatch.errors import PlanwatchError
from planwatch.store.audit import utc
from planwatch.store.schema import users

_hasher = PasswordHasher()
# Checked when the name is unknown, so that a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("planwatch-no-such-user")
_COLUMNS: Final = (
    users.c.name,
    users.c.role,
    users.c.department,
    users.c.active,
    users.c.created_at,
    users.c.capabilities,
)


class UserError(PlanwatchError):
    """A user that cannot be added (a taken name, an unknown role, a short password)."""


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str
    department: str | None
    active: bool
    created_at: datetime
    capabilities: tuple[str, ...] = ()  # granted beside the role: review, approve


def insert_user(connection: Connection, name: str, role: str, password: str, department: str | None) -> User:
    """Store a user with the hash of `password` (the caller has checked the fields)."""
    created_at = datetime.now(UTC)
    row = {
        "name": name,
        "role": role,
        "department": department,
        "password_hash": _hasher.hash(password),
        "created_at": created_at,
        "active": 1,
        "capabilities": "",
    }
    try:
        with connection.begin_nested():
            connection.execute(insert(users).values(**row))
    except IntegrityError:
        raise UserError(f"用户名“{name}”已存在") from None
    return User(name, role, department, True, created_at)


def get_user(connection: Connection, name: str) -> User | None:
    """The active user of that name, or None."""
    row = connection.execute(select(*_COLUMNS).where(users.c.name == name)).first()
    if row is None or not row.active:
        return None
    return _user(row)


def list_users(connection: Connection) -> list[User]:
    return [_user(r) for r in connection.execute(select(*_COLUMNS).order_by(users.c.name))]


def _user(row: Any) -> User:
    granted = tuple(sorted(set(row.capabilities.split()))) if row.capabilities else ()
    return User(row.name, row.role, row.department, bool(row.active), utc(row.created_at), granted)


def set_capabilities(connection: Connection, name: str, capabilities: tuple[str, ...]) -> None:
    """Replace what `name` is granted beside the role (the caller has checked the names)."""
    connection.execute(
        update(users).where(users.c.name == name).values(capabilities=" ".join(sorted(set(capabilities))))
    )


def check_password(connection: Connection, name: str, password: str) -> tuple[User | None, bool]:
    """(the user, when the name is of an active user and the password is theirs; whether the stored
    hash should be renewed with `rehash`)."""
    row = connection.execute(
        select(users.c.password_hash, users.c.active).where(users.c.name == name)
    ).first()
    stored = row.password_hash if row is not None and row.active else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None, False
    if row is None or not row.active:
        return None, False
    return get_user(connection, name), _hasher.check_needs_rehash(stored)


def rehash(connection: Connection, name: str, password: str) -> None:
    connection.execute(update(users).where(users.c.name == name).values(password_hash=_hasher.hash(password)))


def set_password(connection: Connection, name: str, password: str) -> bool:
    found = connection.execute(
        update(users).where(users.c.name == name).values(password_hash=_hasher.hash(password))
    )
    return bool(found.rowcount)


def set_active(connection: Connection, name: str, active: bool) -> bool:
    found = connection.execute(update(users).where(users.c.name == name).values(active=1 if active else 0))
    return bool(found.rowcount)
