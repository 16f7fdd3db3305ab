"""The API documentation page works offline: Swagger UI from the vendored copy, no CDN (signed in)."""

from __future__ import annotations

from pathlib import Path

from planwatch.present.web.app import create_app
from tests.web_clients import signed_in


def test_the_api_docs_are_served_without_a_cdn(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'docs.db'}"
    app = create_app(url, secret_key="k")
    client = signed_in(app, app.state.store)
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/static/vendor/swagger-ui-bundle.js" in page.text and "/static/swagger-init.js" in page.text
    assert "/openapi.json" in client.get("/static/swagger-init.js").text
    assert "http://" not in page.text and "https://" not in page.text
    assert "<script>" not in page.text  # no inline script: the Content-Security-Policy allows none
    assert client.get("/openapi.json").json()["info"]["title"] == "planwatch"
