"""Web sessions kept in the database, and the login throttle.

A session's token is never stored, only its SHA-256: a copy of the table signs nobody in. The
throttle counts attempts per key with one statement (an upsert returning the count), so parallel
attempts and several server workers see one count.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from planwatch.store.audit import utc
from planwatch.store.schema import login_throttle, web_sessions


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    user_name: str
    created_at: datetime
    last_seen: datetime
    expires_at: datetime
    revoked_at: datetime | None
    revoked_why: str | None
    address: str
    agent: str


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(
    connection: Connection, token: str, user_name: str, lifetime: timedelta, address: str, agent: str
) -> None:
    now = datetime.now(UTC)
    connection.execute(
        insert(web_sessions).values(
            token_hash=token_hash(token),
            user_name=user_name,
            created_at=now,
            last_seen=now,
            expires_at=now + lifetime,
            address=address[:64],
            agent=agent[:300],
        )
    )


def find(connection: Connection, token: str) -> SessionRow | None:
    row = connection.execute(
        select(web_sessions).where(web_sessions.c.token_hash == token_hash(token))
    ).first()
    return None if row is None else _session(row)


def touch(connection: Connection, session_id: int, moment: datetime) -> None:
    connection.execute(update(web_sessions).where(web_sessions.c.id == session_id).values(last_seen=moment))


def revoke(
    connection: Connection,
    *,
    why: str,
    token: str | None = None,
    user_name: str | None = None,
    session_id: int | None = None,
) -> int:
    """End sessions (one by token or id, or every live one of a user); returns how many ended."""
    s = web_sessions.c
    query = update(web_sessions).where(s.revoked_at.is_(None))
    if token is not None:
        query = query.where(s.token_hash == token_hash(token))
    elif session_id is not None:
        query = query.where(s.id == session_id)
    elif user_name is not None:
        query = query.where(s.user_name == user_name)
    else:
        raise ValueError("revoke what?")
    return int(connection.execute(query.values(revoked_at=datetime.now(UTC), revoked_why=why)).rowcount)


def live_sessions(connection: Connection, now: datetime, idle: timedelta) -> list[SessionRow]:
    """Sessions neither revoked, nor past their end, nor idle too long; the latest seen first."""
    s = web_sessions.c
    query = (
        select(web_sessions)
        .where(s.revoked_at.is_(None), s.expires_at > now, s.last_seen > now - idle)
        .order_by(s.last_seen.desc())
    )
    return [_session(row) for row in connection.execute(query)]


def reserve_attempt(connection: Connection, key: str, window: timedelta, now: datetime) -> int:
    """Count one login attempt for `key` in the current window and return the count, in one statement."""
    t = login_throttle.c
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    start_fresh = t.window_start <= now - window
    statement = (
        dialect.insert(login_throttle)
        .values(key=key[:300], window_start=now, attempts=1)
        .on_conflict_do_update(
            index_elements=["key"],
            set_={
                "attempts": case((start_fresh, 1), else_=t.attempts + 1),
                "window_start": case((start_fresh, now), else_=t.window_start),
            },
        )
        .returning(login_throttle.c.attempts, login_throttle.c.window_start)
    )
    row = connection.execute(statement).one()
    return int(row.attempts)


def window_start(connection: Connection, key: str) -> datetime | None:
    found = connection.execute(
        select(login_throttle.c.window_start).where(login_throttle.c.key == key[:300])
    ).scalar()
    return None if found is None else utc(found)


def clear_attempts(connection: Connection, key: str) -> None:
    connection.execute(delete(login_throttle).where(login_throttle.c.key == key[:300]))


def _session(r: Any) -> SessionRow:
    return SessionRow(
        r.id,
        r.user_name,
        utc(r.created_at),
        utc(r.last_seen),
        utc(r.expires_at),
        None if r.revoked_at is None else utc(r.revoked_at),
        r.revoked_why,
        r.address,
        r.agent,
    )
