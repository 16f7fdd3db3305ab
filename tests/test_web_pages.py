"""The web app: every page in Chinese with a JSON twin, errors in Chinese, text escaped, no CDN."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from planwatch.present.jsonout import dumps
from planwatch.present.pages.indicators import indicator_page, indicators_page
from planwatch.present.pages.listings import projects_page, targets_page
from planwatch.present.pages.overview import overview_page
from planwatch.present.pages.plans import plans_page
from planwatch.present.pages.review import lint_page
from planwatch.present.pages.search import search_page
from planwatch.present.pages.text import text_page
from planwatch.present.web.app import create_app
from planwatch.services.actor import system_actor
from planwatch.services.figures import DEMO_AS_OF, load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.store import Store
from tests.web_clients import signed_in

SCRIPT = "<script>alert(1)</script>"
EVIL_PLAN = f"""{SCRIPT}新建区国民经济和社会发展第十四个五年规划纲要
第一章 {SCRIPT}总体要求
第一节 发展基础
到2025年，地区生产总值达到500亿元。{SCRIPT}
"""
AS_OF = DEMO_AS_OF.isoformat()


@dataclass(frozen=True)
class Site:
    client: TestClient
    store: Store
    plan_id: int
    evil_id: int


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("web")
    url = f"sqlite:///{folder / 'planwatch.db'}"
    store = Store(url)
    evil_path = folder / "evil.txt"
    evil_path.write_text(EVIL_PLAN, encoding="utf-8")
    seed, evil = ingest_files(store, system_actor(), [str(bundled_plan_path()), str(evil_path)])
    assert seed.result is not None and evil.result is not None
    load_demo(store, system_actor(), seed.result.plan_id)
    app = create_app(url, secret_key="test-secret")
    with signed_in(app, store) as client:
        yield Site(client, store, seed.result.plan_id, evil.result.plan_id)
    app.state.store.close()
    store.close()


def _pages(plan_id: int) -> list[tuple[str, str]]:
    base = f"/plans/{plan_id}"
    return [
        ("/plans", "规划列表"),
        (f"{base}?as_of={AS_OF}", "总览"),
        (f"{base}/indicators?as_of={AS_OF}", "指标"),
        (f"{base}/indicators/T2.01?as_of={AS_OF}", "指标详情"),
        (f"{base}/text", "规划文本"),
        (f"{base}/targets?as_of={AS_OF}", "目标"),
        (f"{base}/projects", "项目"),
        (f"{base}/lint", "审稿"),
        (f"{base}/search?q=新能源", "搜索"),
    ]


def _json_path(path: str) -> str:
    route, _, query = path.partition("?")
    return f"{route}.json" + (f"?{query}" if query else "")


def _direct(site: Site, path: str) -> dict[str, Any]:
    """What the page's data function returns when called without the web layer."""
    store, plan_id = site.store, site.plan_id
    table: dict[str, Any] = {
        "/plans": lambda: plans_page(store),
        f"/plans/{plan_id}": lambda: overview_page(store, plan_id, DEMO_AS_OF),
        f"/plans/{plan_id}/indicators": lambda: indicators_page(store, plan_id, DEMO_AS_OF),
        f"/plans/{plan_id}/indicators/T2.01": lambda: indicator_page(store, plan_id, "T2.01", DEMO_AS_OF),
        f"/plans/{plan_id}/text": lambda: text_page(store, plan_id),
        f"/plans/{plan_id}/targets": lambda: targets_page(store, plan_id, DEMO_AS_OF),
        f"/plans/{plan_id}/projects": lambda: projects_page(store, plan_id),
        f"/plans/{plan_id}/lint": lambda: lint_page(store, plan_id),
        f"/plans/{plan_id}/search": lambda: search_page(store, plan_id, "新能源"),
    }
    result: dict[str, Any] = table[path.partition("?")[0]]()
    return result


def test_home_redirects_to_the_latest_plan(site: Site) -> None:
    response = site.client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/plans/{max(site.plan_id, site.evil_id)}"


@pytest.mark.parametrize("index", range(9))
def test_every_page_answers_in_chinese_with_a_json_twin_of_the_same_data(site: Site, index: int) -> None:
    path, title = _pages(site.plan_id)[index]
    page = site.client.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert re.search(rf"<title>{title}( · [^<]*)? · planwatch 规划监测</title>", page.text)
    twin = site.client.get(_json_path(path))
    assert twin.status_code == 200
    assert twin.headers["content-type"].startswith("application/json")
    assert twin.json() == json.loads(dumps(_direct(site, path), indent=None))  # the very same data
    accepted = site.client.get(path, headers={"Accept": "application/json"})
    assert accepted.json() == twin.json()


@pytest.mark.parametrize("index", range(9))
def test_no_page_loads_anything_from_another_site(site: Site, index: int) -> None:
    path, _ = _pages(site.plan_id)[index]
    html = site.client.get(path).text
    assert not re.search(r"""(src|href|action)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert "/static/vendor/echarts.min.js" in html and "/static/vendor/htmx.min.js" in html


def test_the_overview_embeds_its_chart_data_as_json(site: Site) -> None:
    html = site.client.get(f"/plans/{site.plan_id}?as_of={AS_OF}").text
    data = site.client.get(f"/plans/{site.plan_id}.json?as_of={AS_OF}").json()
    embedded = {
        match[0]: json.loads(match[1])
        for match in re.findall(
            r'<script type="application/json" id="([\w-]+)-data">(.*?)</script>', html, re.S
        )
    }
    assert embedded["status-chart"] == data["status_counts"]
    assert embedded["projects-chart"] == data["projects_by_box"]
    assert sum(row["count"] for row in data["status_counts"]) == data["summary"]["total"] == 24


def test_the_overview_judges_as_of_the_date_asked(site: Site) -> None:
    data = site.client.get(f"/plans/{site.plan_id}.json?as_of={AS_OF}").json()
    assert data["as_of"] == AS_OF and data["freshness"]["due_year"] == 2024
    card = data["key_indicators"][0]
    assert isinstance(card["latest_value"], int | float)  # Decimal reaches JSON as a number
    assert all(
        r["attribute"] == "binding" and r["color"] in ("red", "yellow") for r in data["binding_off_track"]
    )
    early = site.client.get(f"/plans/{site.plan_id}.json?as_of=2021-01-01").json()
    assert early["key_indicators"] == []


def test_the_indicator_page_shows_every_vintage_and_the_source_line(site: Site) -> None:
    data = site.client.get(f"/plans/{site.plan_id}/indicators/T2.01.json?as_of={AS_OF}").json()
    assert data["observations"] and data["evaluation"]["indicator_id"] == "T2.01"
    assert len(data["chart"]["years"]) == len(data["chart"]["actual"]) == len(data["chart"]["expected"])
    html = site.client.get(f"/plans/{site.plan_id}/indicators/T2.01?as_of={AS_OF}").text
    assert f'href="/plans/{site.plan_id}/text#L{data["source_line"]}"' in html
    assert 'id="indicator-chart-data"' in html


def test_the_indicator_list_filters_by_attribute(site: Site) -> None:
    data = site.client.get(f"/plans/{site.plan_id}/indicators.json?as_of={AS_OF}&attribute=binding").json()
    assert data["indicators"] and len(data["indicators"]) < data["total"]
    assert {row["attribute"] for row in data["indicators"]} == {"binding"}


def test_the_text_page_anchors_every_line_and_links_the_outline(site: Site) -> None:
    html = site.client.get(f"/plans/{site.plan_id}/text").text
    lines = site.store.lines(site.plan_id)
    assert f'id="L{len(lines)}"' in html
    first_chapter = next(s for s in site.store.load(site.plan_id).sections if s.kind.value == "chapter")
    assert f'href="#L{first_chapter.line}"' in html


def test_search_highlights_the_matches(site: Site) -> None:
    data = site.client.get(f"/plans/{site.plan_id}/search.json?q=新能源").json()
    assert data["hits"]
    assert all(any(p["hit"] and p["text"] == "新能源" for p in h["pieces"]) for h in data["hits"])
    assert "<mark>新能源</mark>" in site.client.get(f"/plans/{site.plan_id}/search?q=新能源").text


def test_projects_are_totalled_per_box_in_yi_yuan(site: Site) -> None:
    data = site.client.get(f"/plans/{site.plan_id}/projects.json").json()
    box = next(b for b in data["boxes"] if b["investment_wan_yuan"])
    assert box["investment_yi_yuan"] == pytest.approx(box["investment_wan_yuan"] / 10000)


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/plans/999", 404, "没有"),
        ("/plans/{plan}/indicators/NOPE", 404, "NOPE"),
        ("/no/such/page", 404, "页面不存在"),
        ("/plans/{plan}?as_of=30.6.2025", 400, "不是日期（应写作2025-06-30）"),
        ("/plans/{plan}?as_of=9999-12-31", 400, "超出可用范围"),
    ],
)
def test_errors_answer_in_chinese_as_a_page_or_as_json(
    site: Site, path: str, status: int, words: str
) -> None:
    path = path.format(plan=site.plan_id)
    page = site.client.get(path)
    assert page.status_code == status
    assert words in page.text and "Traceback" not in page.text
    assert "<title>" in page.text and ("找不到内容" in page.text or "请求有误" in page.text)
    twin = site.client.get(path, headers={"Accept": "application/json"})
    assert twin.status_code == status
    assert list(twin.json()) == ["error"] and words in twin.json()["error"]


def test_an_unknown_plan_json_twin_is_a_json_404(site: Site) -> None:
    response = site.client.get("/plans/999/targets.json")
    assert response.status_code == 404 and "error" in response.json()


@pytest.mark.parametrize("suffix", ["", "/text", "/lint", "/targets", "/search?q=alert", "/indicators"])
def test_markup_in_a_plan_renders_as_text(site: Site, suffix: str) -> None:
    html = site.client.get(f"/plans/{site.evil_id}{suffix}").text
    assert SCRIPT not in html
    if suffix in ("/text", "/lint"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_query_with_markup_is_escaped(site: Site) -> None:
    html = site.client.get(f"/plans/{site.plan_id}/search", params={"q": SCRIPT}).text
    assert SCRIPT not in html and "&lt;script&gt;" in html


def test_the_stylesheet_and_script_are_served_and_the_openapi_schema_is_local(site: Site) -> None:
    assert site.client.get("/static/app.css").status_code == 200
    assert site.client.get("/static/app.js").status_code == 200
    assert site.client.get("/docs").status_code == 200  # Swagger UI from the vendored copy (test_web_docs.py)
    assert "/plans/{plan}.json" in site.client.get("/openapi.json").json()["paths"]


def test_the_plan_list_names_every_plan_grouped_by_region(site: Site) -> None:
    data = site.client.get("/plans.json").json()
    assert sorted(p["id"] for p in data["plans"]) == sorted([site.plan_id, site.evil_id])
    listed = [plan_id for group in data["groups"] for plan_id in group["plan_ids"]]
    assert sorted(listed) == sorted(p["id"] for p in data["plans"])  # each plan in exactly one group


def test_the_plan_text_marks_what_was_extracted_with_links_to_it(site: Site) -> None:
    data = site.client.get(f"/plans/{site.plan_id}/text.json").json()
    assert all(data["marked"][kind] > 20 for kind in ("indicator", "target", "project"))
    line = next(row for row in data["lines"] if row["number"] == 556)  # 2、南昌乾照光电基地（二期）：…
    project = next(piece for piece in line["pieces"] if piece.get("kind") == "project")
    assert project["text"] == "南昌乾照光电基地（二期）"
    assert project["link"].startswith(f"/plans/{site.plan_id}/projects#P")
    page = site.client.get(f"/plans/{site.plan_id}/text").text
    assert f'<a class="hl target" href="/plans/{site.plan_id}/targets#G' in page
