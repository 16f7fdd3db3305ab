"""Reading the audit log: administrators only."""

from __future__ import annotations

from planwatch.services.actor import Actor, Role
from planwatch.services.permissions import require_role
from planwatch.store import Store
from planwatch.store import audit as audit_store
from planwatch.store.audit import AuditEntry


def audit_entries(
    store: Store, actor: Actor, plan_id: int | None = None, limit: int = audit_store.DEFAULT_LIMIT
) -> list[AuditEntry]:
    require_role(actor, Role.ADMIN, doing="查看审计日志")
    with store.reading() as connection:
        return audit_store.entries(connection, plan_id, limit)
