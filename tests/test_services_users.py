"""Users and assignments as services: hashed passwords, only an administrator adds users, only
planners assign, and every change is in the audit log with the one who made it."""

from __future__ import annotations

import pytest

from planwatch.model import ParsedPlan
from planwatch.services.actor import Actor, Role, system_actor
from planwatch.services.assignments import assign, assignments_of
from planwatch.services.audit import audit_entries
from planwatch.services.departments import load_starter
from planwatch.services.permissions import PermissionDenied
from planwatch.services.users import add_user, authenticate, find_actor, list_users
from planwatch.store import Store
from planwatch.store.schema import users
from planwatch.store.users import UserError
from tests.helpers import ingest

PASSWORD = "correct horse battery"
SYSTEM = system_actor()
PLANNER = Actor("规划科", Role.PLANNER)
DEPARTMENT = Actor("张三", Role.DEPARTMENT, "区交通运输局")


@pytest.fixture(autouse=True)
def directory(store: Store) -> None:
    load_starter(store, SYSTEM)


def test_a_password_is_stored_hashed_and_verified(store: Store) -> None:
    add_user(store, SYSTEM, "张三", "department", PASSWORD, department="区交通运输局")
    with store.engine.connect() as connection:
        stored = connection.execute(users.select()).one()
    assert PASSWORD not in stored.password_hash and stored.password_hash.startswith("$argon2id$")
    user = authenticate(store, "张三", PASSWORD)
    assert user is not None and user.role == "department" and user.department == "区交通运输局"
    assert authenticate(store, "张三", "wrong password") is None
    assert authenticate(store, "李四", PASSWORD) is None
    assert [u.name for u in list_users(store, SYSTEM)] == ["张三"]


@pytest.mark.parametrize(
    ("name", "role", "password", "department", "reason"),
    [
        ("a", "boss", PASSWORD, None, "角色"),
        ("a", "department", PASSWORD, None, "部门"),
        ("a", "viewer", "short", None, "密码"),
        ("", "viewer", PASSWORD, None, "用户名"),
        ("命令行:root", "viewer", PASSWORD, None, "不能含有"),
    ],
)
def test_a_bad_user_is_refused(
    store: Store, name: str, role: str, password: str, department: str | None, reason: str
) -> None:
    with pytest.raises(UserError, match=reason):
        add_user(store, SYSTEM, name, role, password, department)


def test_a_name_is_taken_once_and_the_adding_is_audited(store: Store) -> None:
    add_user(store, SYSTEM, "admin", "admin", PASSWORD)
    with pytest.raises(UserError, match="已存在"):
        add_user(store, SYSTEM, "admin", "viewer", PASSWORD)
    assert find_actor(store, "admin") == Actor("admin", Role.ADMIN, None)
    with pytest.raises(UserError, match="没有启用的用户“nobody”"):
        find_actor(store, "nobody")
    (entry,) = [e for e in audit_entries(store, SYSTEM) if e.action == "user.add"]
    assert (entry.user, entry.action, entry.target) == (SYSTEM.name, "user.add", "admin")


def test_only_an_administrator_adds_users(store: Store) -> None:
    with pytest.raises(PermissionDenied, match="没有添加用户的权限"):
        add_user(store, PLANNER, "李四", "viewer", PASSWORD)
    assert list_users(store, SYSTEM) == []


def test_assignments_are_logged_old_to_new(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> None:
    plan_id = ingest(store, seed, seed_lines).plan_id
    assert assign(store, PLANNER, plan_id, "T2.01", "区发改委")
    assert assign(store, PLANNER, plan_id, "T2.01", "区交通运输局")
    assert not assign(store, PLANNER, plan_id, "T2.01", "区交通运输局")  # no change, no entry
    assert assignments_of(store, plan_id) == {"T2.01": "区交通运输局"}
    entries = [e for e in audit_entries(store, SYSTEM, plan_id) if e.action == "assign"]
    assert [(e.old, e.new, e.user) for e in entries] == [
        ("区发改委", "区交通运输局", "规划科"),
        (None, "区发改委", "规划科"),
    ]


def test_a_department_may_not_assign_and_nothing_is_logged(
    store: Store, seed: ParsedPlan, seed_lines: list[str]
) -> None:
    plan_id = ingest(store, seed, seed_lines).plan_id
    with pytest.raises(PermissionDenied, match="没有分配指标的权限"):
        assign(store, DEPARTMENT, plan_id, "T2.01", "区交通运输局")
    assert assignments_of(store, plan_id) == {}
    assert [e for e in audit_entries(store, SYSTEM) if e.action == "assign"] == []


def test_only_an_administrator_reads_the_audit_log(store: Store) -> None:
    with pytest.raises(PermissionDenied):
        audit_entries(store, PLANNER)
