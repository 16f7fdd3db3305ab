"""Sessions that end when they should (issue 17): logout, a password change, a disabled account, an
administrator, the idle and absolute timeouts each end a session for every copy of its cookie; login
attempts are counted atomically in the database, and a forwarded address is not believed."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import update
from starlette.testclient import TestClient

from planwatch import config
from planwatch.present.web.app import create_app
from planwatch.services.actor import system_actor
from planwatch.services.departments import load_starter
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.services.users import add_user, change_password, set_active
from planwatch.store import Store
from planwatch.store.schema import web_sessions
from tests.web_server import running_server

PASSWORD = "correct horse battery"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[FastAPI, Store, int]]:
    url = f"sqlite:///{tmp_path / 'sessions.db'}"
    store = Store(url)
    (outcome,) = ingest_files(store, system_actor(), [str(bundled_plan_path())])
    assert outcome.result is not None
    load_starter(store, system_actor())
    for name, role in (("admin", "admin"), ("planner", "planner"), ("viewer", "viewer")):
        add_user(store, system_actor(), name, role, PASSWORD)
    app = create_app(url, secret_key="k")
    yield app, store, outcome.result.plan_id
    app.state.store.close()
    store.close()


def _token(client: TestClient, path: str = "/login") -> str:
    found = _TOKEN.search(client.get(path).text)
    assert found
    return found.group(1)


def _login(app: FastAPI, name: str) -> TestClient:
    client = TestClient(app)
    form = {"name": name, "password": PASSWORD, "csrf_token": _token(client)}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303
    return client


def _copy(app: FastAPI, client: TestClient) -> TestClient:
    """Another browser holding a copy of `client`'s cookie."""
    thief = TestClient(app)
    thief.cookies.update(client.cookies)
    return thief


def _signed_in(client: TestClient) -> bool:
    return client.get("/plans", follow_redirects=False).status_code == 200


def test_a_copied_cookie_reads_and_writes_nothing_after_logout(site: tuple[FastAPI, Store, int]) -> None:
    app, _, plan_id = site
    client = _login(app, "planner")
    thief = _copy(app, client)
    csrf = _token(client, f"/plans/{plan_id}/entry")
    assert _signed_in(thief)
    client.post("/logout", data={"csrf_token": _token(client, "/plans")})
    assert not _signed_in(thief)
    form = {"series_id": "T2.03", "period": "2025", "value": "1", "csrf_token": csrf}
    written = thief.post(f"/plans/{plan_id}/entry", data=form, follow_redirects=False)
    assert written.status_code in (303, 403) and written.headers.get("location", "").startswith("/login")


def test_a_password_change_and_a_disabled_account_end_every_session(site: tuple[FastAPI, Store, int]) -> None:
    app, store, _ = site
    first, second = _login(app, "planner"), _login(app, "planner")
    assert change_password(store, system_actor(), "planner", "another long password") == 2
    assert not _signed_in(first) and not _signed_in(second)
    viewer = _login(app, "viewer")
    assert set_active(store, system_actor(), "viewer", False) == 1
    assert not _signed_in(viewer)


def test_sessions_end_when_idle_too_long_or_at_their_end(site: tuple[FastAPI, Store, int]) -> None:
    app, store, _ = site
    idle, old = _login(app, "planner"), _login(app, "viewer")
    now = datetime.now(UTC)
    with store.engine.begin() as connection:
        connection.execute(
            update(web_sessions)
            .where(web_sessions.c.user_name == "planner")
            .values(last_seen=now - timedelta(minutes=config.SESSION_IDLE_MINUTES.integer() + 1))
        )
        connection.execute(
            update(web_sessions).where(web_sessions.c.user_name == "viewer").values(expires_at=now)
        )
    assert not _signed_in(idle) and not _signed_in(old)


def test_an_administrator_sees_the_open_sessions_and_ends_one(site: tuple[FastAPI, Store, int]) -> None:
    app, _, _ = site
    planner = _login(app, "planner")
    admin = _login(app, "admin")
    listed = admin.get("/sessions.json").json()["sessions"]
    assert {s["user"] for s in listed} == {"planner", "admin"}
    target = next(s["id"] for s in listed if s["user"] == "planner")
    admin.post(f"/sessions/{target}/end", data={"csrf_token": _token(admin, "/sessions")})
    assert not _signed_in(planner) and _signed_in(admin)
    assert planner.get("/sessions.json").status_code == 401
    assert _login(app, "viewer").get("/sessions.json").status_code == 403


def test_parallel_wrong_passwords_get_exactly_the_allowed_tries(site: tuple[FastAPI, Store, int]) -> None:
    app, _, _ = site
    clients = [TestClient(app) for _ in range(30)]
    forms = [{"name": "planner", "password": "wrong password", "csrf_token": _token(c)} for c in clients]
    with ThreadPoolExecutor(max_workers=15) as pool:
        statuses = list(
            pool.map(
                lambda pair: pair[0].post("/login", data=pair[1]).status_code,
                zip(clients, forms, strict=True),
            )
        )
    assert statuses.count(401) == config.LOGIN_FAILURES.integer() and statuses.count(
        429
    ) == 30 - statuses.count(401)


def test_a_forwarded_address_does_not_reset_the_count(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'served.db'}"
    store = Store(url)
    add_user(store, system_actor(), "admin", "admin", PASSWORD)
    store.close()
    statuses = []
    with running_server(url) as base:
        for n in range(8):
            jar = CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            page = opener.open(base + "/login").read().decode()
            token = _TOKEN.search(page)
            assert token
            body = urllib.parse.urlencode(
                {"name": "admin", "password": "wrong", "csrf_token": token.group(1)}
            )
            request = urllib.request.Request(
                base + "/login", data=body.encode(), headers={"X-Forwarded-For": f"203.0.113.{n}"}
            )
            try:
                statuses.append(opener.open(request).status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
    allowed = config.LOGIN_FAILURES.integer()
    assert statuses == [401] * allowed + [429] * (8 - allowed)
