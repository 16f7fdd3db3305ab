"""The 目标 page and the overview's target card: the plan's prose targets watched like its indicators."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from planwatch.present.web.app import create_app
from planwatch.services.actor import system_actor
from planwatch.services.figures import DEMO_AS_OF, load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.store import Store
from tests.web_clients import signed_in

AS_OF = DEMO_AS_OF.isoformat()
OTHER_PLAN = """新建区国民经济和社会发展第十四个五年规划纲要（第二稿）
第一章 总体要求
到2025年，规模以上工业企业户数突破300家。
"""


@dataclass(frozen=True)
class Site:
    client: TestClient
    demo_plan: int
    bare_plan: int  # a plan without the demo's figures


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("targets")
    url = f"sqlite:///{folder / 'planwatch.db'}"
    other = folder / "other.txt"
    other.write_text(OTHER_PLAN.replace("新建区", "望城区"), encoding="utf-8")
    store = Store(url)
    seed, bare = ingest_files(store, system_actor(), [str(bundled_plan_path()), str(other)])
    assert seed.result is not None and bare.result is not None
    load_demo(store, system_actor(), seed.result.plan_id)
    app = create_app(url, secret_key="test-secret")
    with signed_in(app, store) as client:
        yield Site(client, seed.result.plan_id, bare.result.plan_id)
    store.close()
    app.state.store.close()


def test_the_targets_page_shows_each_prose_target_with_its_status(site: Site) -> None:
    data = site.client.get(f"/plans/{site.demo_plan}/targets.json?as_of={AS_OF}").json()
    rows = {row["id"]: row for row in data["targets"]}
    assert data["judged"] and len(rows) == 98
    assert rows["G015"]["status_code"] not in (None, "no_data")  # the demo gives G015 figures
    assert rows["G001"]["counted_with_indicator"]
    assert rows["G001"]["link_label"] == "同指标T2.01（不重复计数）"
    assert data["summary"]["counted_with_indicators"] == 7
    html = site.client.get(f"/plans/{site.demo_plan}/targets?as_of={AS_OF}").text
    assert f'<span class="badge {rows["G015"]["color"]}">{rows["G015"]["status"]}</span>' in html
    assert rows["G015"]["explanation"] in html


def test_a_plan_without_figures_lists_its_targets_as_without_data(site: Site) -> None:
    data = site.client.get(f"/plans/{site.bare_plan}/targets.json?as_of={AS_OF}").json()
    assert [(t["subject"], t["status"]) for t in data["targets"]] == [("规模以上工业企业户数", "无数据")]
    asked = site.client.get(f"/plans/{site.demo_plan}/targets.json?as_of={AS_OF}&version=1").json()
    assert asked["judged"]  # version 1 is the one in force: judged


def test_the_overview_counts_the_prose_targets_judged_on_their_own(site: Site) -> None:
    data = site.client.get(f"/plans/{site.demo_plan}.json?as_of={AS_OF}").json()
    card = data["targets"]
    assert (card["total"], card["counted_with_indicators"], card["judged"]) == (98, 7, 91)
    assert sum(s["count"] for s in card["status_counts"]) == 91
    html = site.client.get(f"/plans/{site.demo_plan}?as_of={AS_OF}").text
    assert "正文目标" in html and f'href="/plans/{site.demo_plan}/targets?as_of={AS_OF}"' in html


def test_the_demo_view_is_offered_only_where_demo_figures_exist(site: Site) -> None:
    demo = site.client.get(f"/plans/{site.demo_plan}").text
    assert "示例数据视角" in demo
    bare = site.client.get(f"/plans/{site.bare_plan}")
    assert bare.status_code == 200 and "示例数据视角" not in bare.text
    assert site.client.get(f"/plans/{site.bare_plan}.json").json()["demo_as_of"] is None
    assert "示例数据视角" not in site.client.get(f"/plans/{site.bare_plan}/indicators").text
