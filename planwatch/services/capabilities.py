"""Granting the review (审核) and approve (审批) capabilities: administrators only, audited.

A capability is granted only where the role can carry it (permissions.GRANTABLE): review to planners
and department users, approve to planners. Administrators hold both already; a viewer only reads.
"""

from __future__ import annotations

from planwatch.services.actor import ROLE_LABELS, Actor, Role
from planwatch.services.permissions import CAPABILITY_LABELS, GRANTABLE, require_role
from planwatch.store import Store, audit
from planwatch.store import users as user_store
from planwatch.store.users import User, UserError


def grant(store: Store, actor: Actor, name: str, capability: str) -> User:
    return _change(store, actor, name, capability, granting=True)


def revoke(store: Store, actor: Actor, name: str, capability: str) -> User:
    return _change(store, actor, name, capability, granting=False)


def _change(store: Store, actor: Actor, name: str, capability: str, *, granting: bool) -> User:
    require_role(actor, Role.ADMIN, doing="授予或收回权限")
    if capability not in GRANTABLE:
        raise UserError(f"权限“{capability}”无法识别，应为 review（审核）或 approve（审批）")
    label = CAPABILITY_LABELS[capability]
    with store.transaction() as connection:
        user = user_store.get_user(connection, name)
        if user is None:
            raise UserError(f"没有启用的用户“{name}”")
        role = Role(user.role)
        if granting and role is Role.ADMIN:
            raise UserError(f"管理员已拥有审核、审批权限，无需授予“{label}”")
        if granting and role not in GRANTABLE[capability]:
            raise UserError(f"{_role_label(role)}不能被授予“{label}”权限（{_who(capability)}）")
        before = set(user.capabilities)
        after = before | {capability} if granting else before - {capability}
        user_store.set_capabilities(connection, name, tuple(after))
        audit.record(
            connection,
            actor.name,
            "user.grant" if granting else "user.revoke",
            None,
            name,
            {"capabilities": sorted(before)},
            {"capabilities": sorted(after)},
        )
        changed = user_store.get_user(connection, name)
    assert changed is not None
    return changed


def _role_label(role: Role) -> str:
    return ROLE_LABELS[role]


def _who(capability: str) -> str:
    return "可授予：" + "、".join(_role_label(r) for r in GRANTABLE[capability])
