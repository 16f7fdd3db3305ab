"""Locking a year of a plan's books (锁定): closed to every write until an administrator unlocks it.

Approvers (审批) and administrators lock; only administrators unlock, with a reason. Every write of
figures checks `require_open` inside its own transaction: entry, import, the demo, accepting a
bulletin's figure and every approval step. Both are audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy.engine import Connection

from planwatch.errors import PlanwatchError
from planwatch.services.actor import Actor, Role
from planwatch.services.permissions import APPROVE, PermissionDenied, require_capability, require_role
from planwatch.store import Store, audit
from planwatch.store import locks as lock_store
from planwatch.store.locks import Lock

MIN_YEAR, MAX_YEAR = 1949, 2100


class YearLocked(PermissionDenied):
    """A write into a locked year (a web request answers 403, the CLI exits 2)."""


class LockError(PlanwatchError):
    """A lock or unlock that cannot be done (a year already locked, none to unlock, no reason)."""


def describe(lock: Lock) -> str:
    return f"{lock.year}年已于{lock.locked_at:%Y-%m-%d}由“{lock.locked_by}”锁定"


def require_open(
    connection: Connection, plan_id: int, years: Iterable[int], doing: str = "填报或修改"
) -> None:
    """Refuse, naming each lock's date and who locked it, when any of `years` is locked."""
    locked = lock_store.active_locks(connection, plan_id, years)
    if locked:
        shown = "；".join(describe(lock) for lock in locked.values())
        raise YearLocked(f"{shown}，不能{doing}该年度的数据；如需修改，请管理员先解锁")


def lock_year(store: Store, actor: Actor, plan_id: int, year: int, reason: str | None = None) -> Lock:
    require_capability(actor, APPROVE)
    _check_year(year)
    with store.transaction() as connection:
        already = lock_store.active_locks(connection, plan_id, [year]).get(year)
        if already is not None:
            raise LockError(describe(already) + "，无需再次锁定")
        lock = lock_store.lock(connection, plan_id, year, actor.name, datetime.now(UTC), reason or None)
        audit.record(
            connection, actor.name, "period.lock", plan_id, f"{year}年", None, {"reason": reason or ""}
        )
    return lock


def unlock_year(store: Store, actor: Actor, plan_id: int, year: int, reason: str) -> Lock:
    require_role(actor, Role.ADMIN, doing="解锁年度数据")
    reason = reason.strip()
    if not reason:
        raise LockError("解锁须说明理由", field="理由")
    with store.transaction() as connection:
        lock = lock_store.active_locks(connection, plan_id, [year]).get(year)
        if lock is None:
            raise LockError(f"{year}年没有锁定，无需解锁")
        lock_store.unlock(connection, lock.id, actor.name, datetime.now(UTC), reason)
        old = {"locked_by": lock.locked_by, "locked_at": lock.locked_at.isoformat(timespec="seconds")}
        audit.record(connection, actor.name, "period.unlock", plan_id, f"{year}年", old, {"reason": reason})
    return lock


def locks_of(store: Store, plan_id: int) -> list[Lock]:
    """Every lock of the plan, the latest first (unlocked ones too)."""
    with store.reading() as connection:
        return lock_store.history(connection, plan_id)


def locked_years(store: Store, plan_id: int) -> dict[int, Lock]:
    with store.reading() as connection:
        return lock_store.active_locks(connection, plan_id)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise LockError(f"年份“{year}”不对", field="年份")
