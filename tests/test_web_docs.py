"""The API documentation page works offline: Swagger UI from the vendored copy, no CDN."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from planwatch.present.web.app import create_app


def test_the_api_docs_are_served_without_a_cdn(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'docs.db'}"
    client = TestClient(create_app(url, public=True, secret_key="k"))
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/static/vendor/swagger-ui-bundle.js" in page.text and "/static/swagger-init.js" in page.text
    assert "/openapi.json" in client.get("/static/swagger-init.js").text
    assert "http://" not in page.text and "https://" not in page.text
    assert "<script>" not in page.text  # no inline script: the Content-Security-Policy allows none
    assert client.get("/openapi.json").json()["info"]["title"] == "planwatch"
