"""The overview's 数据时效 card names every indicator missing its due figure, and links to them all."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from planwatch.present.web.app import create_app
from tests.demo_site import ADMIN, build, signed_in


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url, _ = build(tmp_path_factory.mktemp("overview"))
    app = create_app(url, secret_key="test-secret")
    with TestClient(app) as client:
        yield signed_in(client, ADMIN)
    app.state.store.close()


def test_every_missing_indicator_is_listed_and_the_card_links_to_all_of_them(client: TestClient) -> None:
    as_of = "2026-06-30"  # the 2025 figures are due, and the demo has none: every indicator lacks them
    data = client.get(f"/plans/1.json?as_of={as_of}").json()
    missing = data["freshness"]["missing"]
    assert data["freshness"]["due_year"] == 2025 and len(missing) == 24
    page = client.get(f"/plans/1?as_of={as_of}").text
    card = page.split("<h2>数据时效", 1)[1].split("</section>", 1)[0]
    assert "24 项指标缺少 2025 年数据" in card
    assert len(re.findall(r"<li>", card)) == 24
    link = f'href="/plans/1/indicators?as_of={as_of}&amp;missing=true">全部 24 项 →</a>'
    assert link in card
    listed = client.get(f"/plans/1/indicators.json?as_of={as_of}&missing=true").json()["indicators"]
    assert [i["id"] for i in listed] == sorted((m["indicator_id"] for m in missing), key=_table_order)


def _table_order(indicator_id: str) -> tuple[int, ...]:
    return tuple(int(part) for part in indicator_id.removeprefix("T").split("."))


def test_the_missing_filter_keeps_the_indicators_with_the_due_figure_out(client: TestClient) -> None:
    as_of = "2025-06-30"
    missing = {
        m["indicator_id"] for m in client.get(f"/plans/1.json?as_of={as_of}").json()["freshness"]["missing"]
    }
    listed = client.get(f"/plans/1/indicators.json?as_of={as_of}&missing=true").json()
    assert {i["id"] for i in listed["indicators"]} == missing and len(missing) < listed["total"]
