"""Every response carries the security headers, and an error nobody foresaw is one Chinese 500,
logged once (issue 17)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from planwatch.present.pages import plans as plans_pages
from planwatch.present.web.app import create_app
from planwatch.present.web.headers import CSP
from planwatch.store import Store
from tests.web_clients import signed_in


@pytest.mark.parametrize(
    "path", ["/plans", "/public", "/public/plans/9", "/login", "/static/app.js", "/nowhere", "/docs"]
)
def test_every_response_carries_the_security_headers(tmp_path: Path, path: str) -> None:
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'h.db'}", secret_key="k"), follow_redirects=False)
    headers = client.get(path).headers  # a redirect to /login or a 404 included
    assert headers["content-security-policy"] == CSP and "script-src 'self'" in CSP
    assert "frame-ancestors 'none'" in CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin" and headers["x-frame-options"] == "DENY"


def test_an_unforeseen_error_is_a_chinese_500_logged_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(store: object) -> dict[str, object]:
        raise RuntimeError("a bug")

    monkeypatch.setattr("planwatch.present.web.app.plans_page", broken)
    url = f"sqlite:///{tmp_path / 'e.db'}"
    app = create_app(url, secret_key="k")
    client = signed_in(app, Store(url))
    with caplog.at_level(logging.ERROR):
        response = client.get("/plans")
    assert response.status_code == 500 and "服务器内部错误" in response.text and "a bug" not in response.text
    assert "content-security-policy" in response.headers
    assert [r.exc_info is not None for r in caplog.records if r.levelno >= logging.ERROR] == [True]
    assert plans_pages.plans_page is not broken
