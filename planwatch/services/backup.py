"""Backing up and restoring the whole database: administrators (or the system) only.

A restore replaces everything, the audit log included; the restore itself is then recorded in the
restored database, so the log says when it was put back and by whom.
"""

from __future__ import annotations

from pathlib import Path

from planwatch.services.actor import Actor, Role
from planwatch.services.permissions import require_role
from planwatch.store import Store, audit
from planwatch.store import backup as store_backup
from planwatch.store.backup import Manifest


def backup(url: str, actor: Actor, target: Path) -> Manifest:
    require_role(actor, Role.ADMIN, doing="备份数据库")
    return store_backup.backup(url, target)


def restore(url: str, actor: Actor, source: Path) -> Manifest:
    require_role(actor, Role.ADMIN, doing="恢复数据库")
    manifest = store_backup.restore(url, source)
    store = Store(url)
    try:
        with store.transaction() as connection:
            new = {"file": source.name, "created_at": manifest.created_at, "rows": manifest.total_rows}
            audit.record(connection, actor.name, "database.restore", None, source.name, None, new)
    finally:
        store.close()
    return manifest
