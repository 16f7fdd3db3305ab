"""Users, assignments and the audit log in the store: hashed passwords, a write and its entry together."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from planwatch.model import Observation, ObservationKind, ParsedPlan
from planwatch.store import Store
from planwatch.store.observations import history
from planwatch.store.schema import users
from planwatch.store.users import (
    UserError,
    add_observations_logged,
    add_user,
    assign,
    audit_entries,
    department_of,
    get_user,
    list_users,
    verify_password,
)

PASSWORD = "correct horse battery"


def test_a_password_is_stored_hashed_and_verified(store: Store) -> None:
    add_user(store, "张三", "department", PASSWORD, department="区交通运输局")
    with store.engine.connect() as connection:
        stored = connection.execute(users.select()).one()
    assert PASSWORD not in stored.password_hash and stored.password_hash.startswith("$argon2id$")
    user = verify_password(store, "张三", PASSWORD)
    assert user is not None and user.role == "department" and user.department == "区交通运输局"
    assert verify_password(store, "张三", "wrong password") is None
    assert verify_password(store, "李四", PASSWORD) is None
    assert [u.name for u in list_users(store)] == ["张三"]


@pytest.mark.parametrize(
    ("name", "role", "password", "department", "reason"),
    [
        ("a", "boss", PASSWORD, None, "角色"),
        ("a", "department", PASSWORD, None, "部门"),
        ("a", "viewer", "short", None, "密码"),
        ("", "viewer", PASSWORD, None, "用户名"),
    ],
)
def test_a_bad_user_is_refused(
    store: Store, name: str, role: str, password: str, department: str | None, reason: str
) -> None:
    with pytest.raises(UserError, match=reason):
        add_user(store, name, role, password, department)


def test_a_name_is_taken_once(store: Store) -> None:
    add_user(store, "admin", "admin", PASSWORD)
    with pytest.raises(UserError, match="已存在"):
        add_user(store, "admin", "viewer", PASSWORD)
    assert get_user(store, "admin") is not None and get_user(store, "nobody") is None


def test_assignments_are_logged_old_to_new(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> None:
    plan_id = store.ingest(seed, seed_lines).plan_id
    assign(store, plan_id, "T2.01", "区发改委", by="planner")
    assign(store, plan_id, "T2.01", "区交通运输局", by="planner")
    assign(store, plan_id, "T2.01", "区交通运输局", by="planner")  # no change, no entry
    assert department_of(store, plan_id, "T2.01") == "区交通运输局"
    assert department_of(store, plan_id, "T2.02") is None
    entries = [e for e in audit_entries(store, plan_id) if e.action == "assign"]
    assert [(e.old, e.new, e.user) for e in entries] == [
        ("区发改委", "区交通运输局", "planner"),
        (None, "区发改委", "planner"),
    ]


def test_figures_and_their_entries_land_together(
    store: Store, seed: ParsedPlan, seed_lines: list[str]
) -> None:
    plan_id = store.ingest(seed, seed_lines).plan_id

    def figure(value: str) -> Observation:
        return Observation("T2.01", "2023", Decimal(value), "亿元", ObservationKind.LEVEL, date(2024, 3, 1))

    add_observations_logged(store, plan_id, [figure("500")], user="张三", action="entry")
    add_observations_logged(store, plan_id, [figure("510")], user="张三", action="entry")
    latest = audit_entries(store, plan_id)[0]
    assert latest.user == "张三" and latest.target == "T2.01 2023 level"
    assert latest.old["value"] == "500" and latest.new["value"] == "510"
    assert [o.entered_by for o in history(store, plan_id, "T2.01")] == ["张三", "张三"]
    with pytest.raises(Exception, match="规划"):
        add_observations_logged(store, plan_id + 99, [figure("520")], user="张三", action="entry")
    assert len(audit_entries(store)) == 2  # the refused write left no entry
