"""Signing in and out of the web app: sessions kept in the database, so that logging out, changing a
password or disabling an account ends them at once, wherever a copy of the cookie is.

A session ends when it is revoked, when it has been idle longer than PLANWATCH_SESSION_IDLE_MINUTES,
or PLANWATCH_SESSION_HOURS after it began. Login attempts are counted per user name and address,
atomically in the database: PLANWATCH_LOGIN_FAILURES attempts in PLANWATCH_LOGIN_WINDOW_SECONDS,
then refused until the window has passed; a success clears the count.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from planwatch import config
from planwatch.errors import PlanwatchError
from planwatch.services.actor import Actor, Role
from planwatch.services.permissions import require_role
from planwatch.services.users import actor_of, authenticate
from planwatch.store import Store, audit
from planwatch.store import sessions as session_store
from planwatch.store import users as user_store
from planwatch.store.sessions import SessionRow

_TOUCH_EVERY = timedelta(minutes=1)  # last_seen is written at most this often per session


class TooManyAttempts(PlanwatchError):
    """Too many login attempts for one user name from one address (a web request answers 429)."""


@dataclass(frozen=True, slots=True)
class SignedIn:
    token: str  # for the browser's cookie only; the database keeps its hash
    actor: Actor


def lifetime() -> timedelta:
    return timedelta(hours=config.SESSION_HOURS.integer(minimum=1))


def idle_limit() -> timedelta:
    return timedelta(minutes=config.SESSION_IDLE_MINUTES.integer(minimum=1))


def sign_in(store: Store, name: str, password: str, address: str, agent: str = "") -> SignedIn | None:
    """A new session when the name and password are right; None when not; TooManyAttempts when this
    name and address have used up their attempts (the password is then not even checked)."""
    key = f"{name.strip().casefold()}|{address}"
    window = timedelta(seconds=config.LOGIN_WINDOW_SECONDS.integer(minimum=1))
    allowed = config.LOGIN_FAILURES.integer(minimum=1)
    now = datetime.now(UTC)
    with store.transaction(bump_revision=False) as connection:
        attempts = session_store.reserve_attempt(connection, key, window, now)
        started = session_store.window_start(connection, key)
    if attempts > allowed:
        left = (started or now) + window - now
        minutes = max(1, round(left.total_seconds() / 60))
        raise TooManyAttempts(f"登录失败次数过多，请{minutes}分钟后再试")
    user = authenticate(store, name, password)
    if user is None:
        return None
    token = secrets.token_urlsafe(32)
    with store.transaction(bump_revision=False) as connection:
        session_store.clear_attempts(connection, key)
        session_store.create(connection, token, user.name, lifetime(), address, agent)
    return SignedIn(token, actor_of(user))


def session_actor(store: Store, token: str) -> Actor | None:
    """Who a session token signs in, or None when the session has ended (or the account is disabled)."""
    now = datetime.now(UTC)
    with store.reading() as connection:
        row = session_store.find(connection, token)
        user = user_store.get_user(connection, row.user_name) if row is not None else None
    if row is None or user is None or row.revoked_at is not None:
        return None
    if now >= row.expires_at or now - row.last_seen >= idle_limit():
        return None
    if now - row.last_seen >= _TOUCH_EVERY:
        with store.transaction(bump_revision=False) as connection:
            session_store.touch(connection, row.id, now)
    return actor_of(user)


def sign_out(store: Store, token: str) -> None:
    with store.transaction(bump_revision=False) as connection:
        session_store.revoke(connection, why="退出登录", token=token)


def live_sessions(store: Store, actor: Actor) -> list[SessionRow]:
    """The sessions that would still sign someone in (administrators: the 会话 page)."""
    require_role(actor, Role.ADMIN, doing="查看登录会话")
    with store.reading() as connection:
        return session_store.live_sessions(connection, datetime.now(UTC), idle_limit())


def end_session(store: Store, actor: Actor, session_id: int) -> None:
    """An administrator ends one session."""
    require_role(actor, Role.ADMIN, doing="结束登录会话")
    with store.transaction() as connection:
        if session_store.revoke(connection, why=f"管理员 {actor.name} 结束", session_id=session_id):
            audit.record(connection, actor.name, "session.end", None, f"会话 {session_id}", None, None)
