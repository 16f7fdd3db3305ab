"""Anonymous pages are kept while nothing changed, and change as soon as a figure is added."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from planwatch.present.web.app import create_app
from planwatch.present.web.cache import PageCache
from planwatch.services.actor import system_actor
from planwatch.services.figures import enter_figure, load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.store import Store


def test_a_new_figure_shows_on_the_next_anonymous_view(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cache.db'}"
    store = Store(url)
    outcome = ingest_files(store, system_actor(), [str(bundled_plan_path())])[0]
    assert outcome.result is not None
    plan_id = outcome.result.plan_id
    load_demo(store, system_actor(), plan_id)
    client = TestClient(create_app(url, public=True, secret_key="k"))
    page = f"/plans/{plan_id}/indicators/T2.04.json?as_of=2025-06-30"
    first = client.get(page).json()
    assert client.get(page).json() == first  # the same answer, from the cache
    figure = {"period": "2024", "value": "210", "unit": "亿元", "as_of": "2025-04-01", "source": "测试"}
    enter_figure(store, system_actor(), plan_id, "T2.04", figure)
    after = client.get(page).json()
    assert first["evaluation"]["status"] != after["evaluation"]["status"] == "提前实现"


def test_signed_in_and_private_views_are_never_served_from_the_cache(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'private.db'}"
    store = Store(url)
    ingest_files(store, system_actor(), [str(bundled_plan_path())])
    client = TestClient(create_app(url, public=False, secret_key="k"), follow_redirects=False)
    assert client.get("/plans/1").status_code == 303  # to the login page, every time
    assert client.get("/plans/1").status_code == 303


def test_unknown_query_parameters_share_one_kept_page_and_the_cache_stays_within_its_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'bounded.db'}"
    store = Store(url)
    ingest_files(store, system_actor(), [str(bundled_plan_path())])
    monkeypatch.setenv("PLANWATCH_PAGE_CACHE_MB", "1")
    app = create_app(url, public=True, secret_key="k")
    client = TestClient(app)
    for n in range(40):
        assert client.get(f"/plans/1/targets?y={n}").status_code == 200  # y is read by no page
    cached = _page_cache(app)
    assert len(cached.pages) == 1
    for n in range(200):  # search words a page does read: many pages, within the byte limit
        client.get(f"/plans/1/search.json?q=水利{n}")
    assert cached.size <= 1024 * 1024 and len(cached.pages) > 1


def _page_cache(app: object) -> PageCache:
    """The PageCache the middleware keeps, found in its closure."""
    from planwatch.present.web import cache as cache_module

    for middleware in app.user_middleware:  # type: ignore[attr-defined]
        dispatch = middleware.kwargs.get("dispatch")
        for cell in getattr(dispatch, "__closure__", None) or ():
            if isinstance(cell.cell_contents, cache_module.PageCache):
                return cell.cell_contents
    raise AssertionError("no page cache")
