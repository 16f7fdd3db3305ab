"""Signed-in test clients: the staff app always requires signing in (the portal /public/ does not)."""

from __future__ import annotations

import contextlib
import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from planwatch.services.actor import system_actor
from planwatch.services.users import add_user
from planwatch.store import Store
from planwatch.store.users import UserError

PASSWORD = "colleague-password-7"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def signed_in(app: FastAPI, store: Store, name: str = "同事", role: str = "viewer") -> TestClient:
    """A TestClient signed in as `name` (made with `role` if missing), through the login form."""
    with contextlib.suppress(UserError):  # made by an earlier test of the module
        add_user(store, system_actor(), name, role, PASSWORD)
    client = TestClient(app)
    found = _TOKEN.search(client.get("/login").text)
    assert found, "no CSRF token on /login"
    response = client.post(
        "/login",
        data={"name": name, "password": PASSWORD, "csrf_token": found.group(1)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return client
