"""The 调度 pages and their JSON twins on the demo, the overview's project card, the Excel export and
template, and the writes: a planner edits the library, a department reports for its own projects only."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from planwatch.present.web.app import create_app
from planwatch.schedule.demo import DEMO_AS_OF
from planwatch.services.actor import system_actor
from planwatch.services.departments import load_starter
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.services.project_demo import load_schedule_demo
from planwatch.services.project_reports import report_history
from planwatch.services.users import add_user
from planwatch.store import Store

PASSWORD = "correct horse battery"
AS_OF = DEMO_AS_OF.isoformat()
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Site:
    app: FastAPI
    store: Store
    plan_id: int


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    url = f"sqlite:///{tmp_path_factory.mktemp('schedule') / 'planwatch.db'}"
    store = Store(url)
    (outcome,) = ingest_files(store, system_actor(), [str(bundled_plan_path())])
    assert outcome.result is not None
    plan_id = outcome.result.plan_id
    load_starter(store, system_actor())
    load_schedule_demo(store, system_actor(), plan_id)
    add_user(store, system_actor(), "planner", "planner", PASSWORD)
    add_user(store, system_actor(), "reader", "viewer", PASSWORD)
    add_user(store, system_actor(), "发改委", "department", PASSWORD, "区发改委")
    app = create_app(url, secret_key="test-secret-key-for-schedule-pages")
    yield Site(app, store, plan_id)
    app.state.store.close()
    store.close()


def login(site: Site, name: str) -> TestClient:
    client = TestClient(site.app)
    form = {"name": name, "password": PASSWORD, "csrf_token": token(client, "/login")}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303
    return client


def token(client: TestClient, path: str) -> str:
    found = _TOKEN.search(client.get(path).text)
    assert found, path
    return found.group(1)


def test_the_schedule_page_and_its_json_twin_agree(site: Site) -> None:
    client = login(site, "reader")
    page = client.get(f"/plans/{site.plan_id}/schedule?as_of={AS_OF}")
    data = client.get(f"/plans/{site.plan_id}/schedule.json?as_of={AS_OF}").json()
    assert page.status_code == 200 and "<h1>项目调度" in page.text
    assert (data["year"], data["due_period"], str(data["elapsed"])) == (2024, "2024-10", "83.3")
    assert data["count"] == {"shown": 150, "total": 150}
    assert set(data["totals"]["colors"]) == {"green", "yellow", "red", "grey"}
    assert data["projects"][0]["status"] == "未报送"  # the first thing anybody should chase
    assert {p["status"] for p in data["projects"]} >= {"正常", "关注", "滞后", "严重滞后", "逾期未开工"}
    first = data["projects"][0]
    assert first["name"] in page.text and first["explanation"] in page.text
    assert {g["label"] for g in data["by_category"]} <= {
        "产业",
        "基础设施",
        "社会民生",
        "生态环保",
        "其他",
        "（未填）",
    }


@pytest.mark.parametrize(
    ("query", "field", "value"),
    [
        ("color=red", "color", "red"),
        ("status=unreported", "status_code", "unreported"),
        ("department=区交通运输局", "department", "区交通运输局"),
        ("box=专栏6-1", "box", "专栏6-1"),
    ],
)
def test_filters_keep_only_matching_projects(site: Site, query: str, field: str, value: str) -> None:
    data = login(site, "reader").get(f"/plans/{site.plan_id}/schedule.json?as_of={AS_OF}&{query}").json()
    assert data["projects"] and all(p[field] == value for p in data["projects"])
    assert data["totals"]["count"] == len(data["projects"])


def test_the_project_page_traces_its_source_and_keeps_every_version(site: Site) -> None:
    client = login(site, "reader")
    data = client.get(f"/plans/{site.plan_id}/schedule/P004.json?as_of={AS_OF}").json()
    assert data["source"]["url"] == f"/plans/{site.plan_id}/text?version=1#L556"
    assert data["chart"]["labels"][0] == "1月" and len(data["chart"]["planned"]) == 12
    later = [v for r in data["reports"] for v in r["versions"] if v["later"]]
    assert later and all(v["reported_on"] > AS_OF for v in later)  # made after the date asked about
    page = client.get(f"/plans/{site.plan_id}/schedule/P004?as_of={AS_OF}")
    assert "规划原文" in page.text and "第1版第556行" in page.text
    assert client.get(f"/plans/{site.plan_id}/schedule/P999").status_code == 404


def test_the_overview_has_a_project_card(site: Site) -> None:
    data = login(site, "reader").get(f"/plans/{site.plan_id}.json?as_of={AS_OF}").json()
    card = data["schedule"]
    assert (card["year"], str(card["elapsed"])) == (2024, "83.3")
    assert card["red"] > 0 and card["yellow"] > 0 and card["unreported"] > 0


def test_the_export_is_a_workbook_of_the_page(site: Site) -> None:
    response = login(site, "reader").get(f"/plans/{site.plan_id}/schedule/export.xlsx?as_of={AS_OF}")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["调度", "汇总", "项目库"]
    assert workbook["调度"].max_row == 152  # title, header, 150 projects


def test_the_template_and_the_entry_page_need_a_sign_in(site: Site) -> None:
    client = TestClient(site.app)
    for path in ("schedule/template.xlsx", "schedule", "schedule/P004", "schedule/entry"):
        assert client.get(f"/plans/{site.plan_id}/{path}", follow_redirects=False).status_code in (303, 401)
    mine = login(site, "发改委")
    page = mine.get(f"/plans/{site.plan_id}/schedule/entry")
    assert page.status_code == 200 and "调度填报" in page.text
    keys = set(re.findall(r'name="project" value="([^"]+)"', page.text))
    assert keys and "P046" not in keys  # 交通路网 is 区交通运输局's
    sheet = mine.get(f"/plans/{site.plan_id}/schedule/template.xlsx?period=2024-10")
    assert sheet.status_code == 200
    rows = list(load_workbook(io.BytesIO(sheet.content))["调度表"].iter_rows(min_row=3, values_only=True))
    assert {r[0] for r in rows} == keys


def test_a_department_reports_its_own_project_and_is_refused_another(site: Site) -> None:
    client = login(site, "发改委")
    csrf = token(client, f"/plans/{site.plan_id}/schedule/entry")
    form = {
        "csrf_token": csrf,
        "project": "P009",  # 未报送 since July
        "period": "2024-10",
        "cumulative": "5200",
        "reported_on": "2024-11-15",
    }
    done = client.post(f"/plans/{site.plan_id}/schedule/entry", data=form, follow_redirects=False)
    assert done.status_code == 303 and "notice=reported-1" in done.headers["location"]
    assert report_history(site.store, site.plan_id, "P009")[-1].entered_by == "发改委"
    after = client.get(f"/plans/{site.plan_id}/schedule/P009.json?as_of={AS_OF}").json()["project"]
    assert (after["status"], str(after["rate"])) == ("正常", "86.7")
    above = client.post(
        f"/plans/{site.plan_id}/schedule/entry", data={**form, "project": "P004", "cumulative": "45000"}
    )
    assert above.status_code == 400 and "高于2024年11月已报送的累计" in above.text
    refused = client.post(f"/plans/{site.plan_id}/schedule/entry", data={**form, "project": "P046"})
    assert refused.status_code == 403 and "P046" in refused.text
    bad = client.post(f"/plans/{site.plan_id}/schedule/entry", data={**form, "cumulative": "abc"})
    assert bad.status_code == 400 and "“abc”不是数字" in bad.text


def test_a_planner_edits_the_library_and_the_edit_is_shown(site: Site) -> None:
    client = login(site, "planner")
    csrf = token(client, f"/plans/{site.plan_id}/schedule/P046")
    form = {"csrf_token": csrf, "plan_year": "2025", "plan_amount": "3", "set_on": date.today().isoformat()}
    response = client.post(f"/plans/{site.plan_id}/schedule/P046/edit", data=form, follow_redirects=False)
    assert response.status_code == 303 and "notice=edited-1" in response.headers["location"]
    page = client.get(response.headers["location"])
    assert "已保存：修改了1项" in page.text and "2025年计划投资" in page.text
    added = client.post(
        f"/plans/{site.plan_id}/schedule/add",
        data={"csrf_token": csrf, "name": "新增项目"},
        follow_redirects=False,
    )
    assert added.status_code == 303 and "/schedule/H002" in added.headers["location"]
    wrong = client.post(
        f"/plans/{site.plan_id}/schedule/P046/edit", data={"csrf_token": csrf, "department": "不存在的局"}
    )
    assert wrong.status_code == 400 and "单位名录中没有“不存在的局”" in wrong.text
