"""The portal's pages are kept while nothing changed, change as soon as a figure is approved, and carry
the headers that let a browser or proxy keep them; the staff app's pages are never kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from planwatch.present.web.app import create_app
from planwatch.present.web.cache import PortalCache
from planwatch.services.actor import Actor, Role, system_actor
from planwatch.services.approval import approve, review
from planwatch.services.figures import enter_figure, load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.store import Store
from tests.web_clients import signed_in

PLANNER = Actor("规划科", Role.PLANNER)
REVIEWER = Actor("统计局", Role.DEPARTMENT, "区统计局", frozenset({"review"}))


def _demo(tmp_path: Path) -> tuple[str, Store, int]:
    url = f"sqlite:///{tmp_path / 'cache.db'}"
    store = Store(url)
    outcome = ingest_files(store, system_actor(), [str(bundled_plan_path())])[0]
    assert outcome.result is not None
    load_demo(store, system_actor(), outcome.result.plan_id)
    return url, store, outcome.result.plan_id


def test_a_figure_shows_on_the_portal_once_approved_not_before(tmp_path: Path) -> None:
    url, store, plan_id = _demo(tmp_path)
    client = TestClient(create_app(url, secret_key="k"))
    page = f"/public/plans/{plan_id}/indicators/T2.04.json"
    first = client.get(page).json()
    assert client.get(page).json() == first  # the same answer, from the cache
    figure = {"period": "2025", "value": "210", "unit": "亿元", "as_of": "2026-03-01", "source": "测试"}
    enter_figure(store, PLANNER, plan_id, "T2.04", figure)
    assert client.get(page).json() == first  # entered, not approved: the public sees nothing new
    review(store, REVIEWER, plan_id)
    approve(store, system_actor(), plan_id, today=date.today())
    after = client.get(page).json()
    assert first["evaluation"]["status"] != after["evaluation"]["status"] == "已实现"
    assert "测试" in {f["source"] for f in after["figures"]}


def test_the_portal_is_cacheable_and_revalidates_without_rendering(tmp_path: Path) -> None:
    url, _, plan_id = _demo(tmp_path)
    client = TestClient(create_app(url, secret_key="k"))
    answer = client.get(f"/public/plans/{plan_id}")
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "public, max-age=300"
    assert "set-cookie" not in answer.headers  # no session: any cache may keep it
    again = client.get(f"/public/plans/{plan_id}", headers={"If-None-Match": answer.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_staff_pages_are_never_served_from_the_cache(tmp_path: Path) -> None:
    url, store, plan_id = _demo(tmp_path)
    app = create_app(url, secret_key="k")
    anonymous = TestClient(app, follow_redirects=False)
    assert anonymous.get(f"/plans/{plan_id}").status_code == 303  # to the login page, every time
    assert anonymous.get(f"/plans/{plan_id}").status_code == 303
    staff = signed_in(app, store)
    page = f"/plans/{plan_id}/indicators/T2.04.json?as_of=2025-06-30&pending=1"
    first = staff.get(page).json()
    figure = {"period": "2024", "value": "210", "unit": "亿元", "as_of": "2025-04-01", "source": "测试"}
    enter_figure(store, PLANNER, plan_id, "T2.04", figure)
    after = staff.get(page).json()
    assert (
        after["evaluation"]["unapproved"] and after["evaluation"]["status"] != first["evaluation"]["status"]
    )
    assert "cache-control" not in staff.get(f"/plans/{plan_id}").headers


def test_unknown_query_parameters_share_one_kept_answer_and_the_kept_answers_stay_within_their_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _, plan_id = _demo(tmp_path)
    monkeypatch.setenv("PLANWATCH_PAGE_CACHE_MB", "1")
    app = create_app(url, secret_key="k")
    client = TestClient(app)
    for n in range(40):  # y is read by no page: forty addresses, one answer
        assert client.get(f"/public/plans/{plan_id}/indicators/T2.04?y={n}").status_code == 200
    kept = _portal_cache(app).kept
    assert len(kept.answers) == 1
    for day in range(1, 29):  # as_of is read: every day its own answer, the oldest let go
        client.get(f"/public/plans/{plan_id}?as_of=2025-02-{day:02d}")
    assert kept.size <= 1024 * 1024 and len(kept.answers) > 1


def _portal_cache(app: object) -> PortalCache:
    """The PortalCache in the app's middleware chain (built by the first request)."""
    layer = app.middleware_stack  # type: ignore[attr-defined]
    while not isinstance(layer, PortalCache):
        layer = layer.app
    return layer
