"""Every route of the web app is in docs/web.md and every documented route exists; every page has
its JSON twin, the same data as the page's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute, Mount

from planwatch.present.web.app import create_app
from planwatch.services.actor import system_actor
from planwatch.services.bulletins import read_bulletin_file
from planwatch.services.task_demo import load_task_demo
from planwatch.store import Store
from tests.demo_site import ADMIN, DEPARTMENT_USER, build, signed_in

DOCS = Path(__file__).parent.parent / "docs" / "web.md"
BULLETIN = Path(__file__).parent / "fixtures" / "bulletins" / "2022.txt"
AS_OF = "2025-06-30"


def _documented(heading: str) -> list[str]:
    """The paths in the first column of the table under `heading`, without their queries."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    paths = re.findall(r"^\| `([^`]+)`", section, re.M)
    return [path.split("?")[0].replace("/…", "") for path in paths]


def _routes(app: FastAPI) -> set[str]:
    def path(route: BaseRoute) -> str:
        return route.path if isinstance(route, Mount) else str(getattr(route, "path", ""))

    return {path(route) for route in app.routes}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    url, plan_id = build(tmp_path_factory.mktemp("routes"))
    read_bulletin_file(Store(url), system_actor(), plan_id, BULLETIN)  # bulletin 1, for its page
    load_task_demo(Store(url), system_actor(), plan_id)  # task R001 and 督办单 1, for theirs
    app = create_app(url, secret_key="test-secret")
    yield app
    app.state.store.close()


def test_the_docs_list_every_route_and_every_listed_route_exists(app: FastAPI) -> None:
    pages, others = _documented("Pages and their JSON twins"), _documented("Other routes")
    routes = _routes(app)
    twins = {p for p in routes if p.endswith(".json") and p.removesuffix(".json") in routes}
    assert set(pages) | set(others) == (routes - twins) | {"/openapi.json"}
    assert not set(pages) & set(others)


def test_every_page_has_its_json_twin(app: FastAPI) -> None:
    routes = _routes(app)
    assert [page for page in _documented("Pages and their JSON twins") if f"{page}.json" not in routes] == []


def _concrete(path: str) -> str:
    filled = (
        path.replace("{plan}", "1")
        .replace("{indicator_id}", "T2.01")
        .replace("{bulletin_id}", "1")
        .replace("{notice_id}", "1")
        .replace("{key}", "R001" if "/tasks/" in path else "P004")
    )
    return filled + (f"?as_of={AS_OF}" if "entry" not in path and "audit" not in path else "")


@pytest.mark.parametrize("page", _documented("Pages and their JSON twins"))
def test_every_page_and_its_twin_answer_the_same_data(app: FastAPI, page: str) -> None:
    with TestClient(app) as client:
        signed_in(client, ADMIN)
        html = client.get(_concrete(page))
        route, _, query = _concrete(page).partition("?")
        twin = client.get(f"{route}.json" + (f"?{query}" if query else ""))
        accepted = client.get(_concrete(page), headers={"Accept": "application/json"})
    assert html.status_code == twin.status_code == 200, (page, html.status_code, twin.status_code)
    assert html.headers["content-type"].startswith("text/html")
    assert twin.headers["content-type"].startswith("application/json")
    assert accepted.json() == twin.json()


def test_the_entry_and_audit_twins_need_a_signed_in_user_and_the_audit_an_administrator(app: FastAPI) -> None:
    with TestClient(app) as client:
        assert client.get("/plans/1/entry.json").status_code == 401
        assert client.get("/audit.json").status_code == 401
        signed_in(client, DEPARTMENT_USER)
        mine = client.get("/plans/1/entry.json").json()
        assert [i["id"] for i in mine["indicators"]] == ["T2.06"]  # what this department may enter
        assert client.get("/audit.json").status_code == 403
    with TestClient(app) as client:
        signed_in(client, ADMIN)
        log = client.get("/audit.json").json()
    assert log["entries"] and {"action", "action_label", "user_label", "changes", "at"} <= set(
        log["entries"][0]
    )
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", log["entries"][0]["at"])


@pytest.mark.parametrize("path", ["/plans/99", "/plans/99/targets", "/plans/不存在的规划"])
def test_an_unknown_plan_is_named_and_the_page_links_to_the_list(app: FastAPI, path: str) -> None:
    with TestClient(app) as client:
        signed_in(client, ADMIN)
        page = client.get(path)
        twin = client.get(path, headers={"Accept": "application/json"})
    said = "数据库中没有编号为 99 的规划" if "99" in path else "数据库中没有名称含“不存在的规划”的规划"
    assert page.status_code == twin.status_code == 404
    assert said in page.text and '<a href="/plans">查看全部规划（规划列表）</a>' in page.text
    assert "planwatch plans" not in page.text  # a command-line hint has no place on a web page
    assert twin.json() == {"error": said}
