"""A demo database for page-wide checks: the bundled plan with the demo figures, a second version
to compare, users with Chinese names, an assignment and an audit trail; and signing in a client.

    url, plan_id = build(folder)
    client = signed_in(TestClient(app), ADMIN)
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from planwatch.services import assignments
from planwatch.services.actor import system_actor
from planwatch.services.departments import load_starter
from planwatch.services.figures import load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.services.users import add_user
from planwatch.store import Store

PASSWORD = "password-for-tests"
ADMIN = "管理员"  # user names are data: Chinese here, so that no page shows an English one
PLANNER = "规划科"
DEPARTMENT_USER = "交通局填报员"
DEPARTMENT = "区交通运输局"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def build(folder: Path) -> tuple[str, int]:
    """(database URL, plan id) of a fresh SQLite database in `folder`."""
    url = f"sqlite:///{folder / 'planwatch.db'}"
    store = Store(url)
    try:
        seed = ingest_files(store, system_actor(), [str(bundled_plan_path())])[0]
        assert seed.result is not None
        plan_id = seed.result.plan_id
        load_demo(store, system_actor(), plan_id)
        load_starter(store, system_actor())
        add_user(store, system_actor(), ADMIN, "admin", PASSWORD)
        add_user(store, system_actor(), PLANNER, "planner", PASSWORD)
        add_user(store, system_actor(), DEPARTMENT_USER, "department", PASSWORD, DEPARTMENT)
        assignments.assign(store, system_actor(), plan_id, "T2.06", DEPARTMENT)
    finally:
        store.close()
    return url, plan_id


def signed_in(client: TestClient, name: str) -> TestClient:
    token = _TOKEN.search(client.get("/login").text)
    assert token is not None
    response = client.post(
        "/login", data={"name": name, "password": PASSWORD, "csrf_token": token[1]}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return client
