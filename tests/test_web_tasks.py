"""The task pages and forms of the web app: every page with its JSON twin, a department's report on
its own task and the refusal of another's (403, audited), evidence served only as a download, the
任务分工方案 downloads, a refused sheet listing its problems."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from planwatch.present.web.app import create_app
from planwatch.services.actor import system_actor
from planwatch.services.audit import audit_entries
from planwatch.services.departments import load_starter
from planwatch.services.figures import DEMO_AS_OF, load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.services.task_demo import load_task_demo
from planwatch.services.task_reports import reports_of
from planwatch.services.tasks import list_in_force
from planwatch.services.users import add_user
from planwatch.store import Store

PASSWORD = "correct horse battery"
SECRET = "test-secret-key-not-for-production"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass(frozen=True)
class Site:
    app: FastAPI
    store: Store
    plan_id: int
    mine: str  # a task of 区工信局
    others: str  # a task of another unit


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    url = f"sqlite:///{tmp_path_factory.mktemp('web-tasks') / 'planwatch.db'}"
    store = Store(url)
    (outcome,) = ingest_files(store, system_actor(), [str(bundled_plan_path())])
    assert outcome.result is not None
    plan_id = outcome.result.plan_id
    load_demo(store, system_actor(), plan_id)
    load_starter(store, system_actor())
    load_task_demo(store, system_actor(), plan_id)
    add_user(store, system_actor(), "planner", "planner", PASSWORD)
    add_user(store, system_actor(), "admin", "admin", PASSWORD)
    add_user(store, system_actor(), "gongxin", "department", PASSWORD, "区工信局")
    tasks = list_in_force(store, plan_id).tasks
    mine = next(t.key for t in tasks if t.lead_unit == "区工信局")
    others = next(t.key for t in tasks if t.lead_unit != "区工信局" and "区工信局" not in t.co_units)
    app = create_app(url, secret_key=SECRET)
    yield Site(app, store, plan_id, mine, others)
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


def _refusals(site: Site) -> int:
    entries = audit_entries(site.store, system_actor(), site.plan_id, limit=100_000)
    return sum(1 for e in entries if e.action == "task.report.refused")


@pytest.mark.parametrize(
    "path",
    [
        "/plans/{plan}/tasks?as_of={as_of}",
        "/plans/{plan}/tasks?as_of={as_of}&by=unit",
        "/plans/{plan}/tasks?as_of={as_of}&status=逾期未报",
        "/plans/{plan}/tasks/list",
        "/plans/{plan}/tasks/list?which=1",
        "/plans/{plan}/tasks/mine?unit=区工信局&as_of={as_of}",
        "/plans/{plan}/tasks/due?as_of={as_of}",
        "/plans/{plan}/tasks/R001?as_of={as_of}",
        "/plans/{plan}/notices?as_of={as_of}",
        "/plans/{plan}/notices/1?as_of={as_of}",
        "/departments",
    ],
)
def test_every_task_page_and_its_json_twin(site: Site, path: str) -> None:
    client = login(site, "planner")
    url = path.format(plan=site.plan_id, as_of=DEMO_AS_OF)
    page = client.get(url)
    assert page.status_code == 200, page.text
    assert "<h1>" in page.text and "Traceback" not in page.text
    base, _, query = url.partition("?")
    twin = client.get(base + ".json" + (f"?{query}" if query else ""))
    assert twin.status_code == 200 and isinstance(twin.json(), dict)


def test_the_task_page_shows_its_status_its_text_and_its_reports(site: Site) -> None:
    data = login(site, "planner").get(f"/plans/{site.plan_id}/tasks/R004.json?as_of={DEMO_AS_OF}").json()
    assert data["task"]["heading"] == "（1）汽车及汽车零部件产业"
    assert data["text"]["lines"][0]["text"].startswith("（1）汽车及汽车零部件产业")
    assert [a["key"] for a in data["attached"]] == ["G018", "G019", "P001", "P002"]
    assert data["state"]["status"] == "逾期未报"
    assert data["notices"][0]["number"] == "新发改督〔2025〕1号"
    assert data["may"] == {"report": True, "review": True, "issue": True, "remind": False}


def test_the_tasks_page_counts_by_status_and_the_overview_has_its_card(site: Site) -> None:
    client = login(site, "planner")
    tasks = client.get(f"/plans/{site.plan_id}/tasks.json?as_of={DEMO_AS_OF}").json()
    counts = {c["status"]: c["count"] for c in tasks["status_counts"]}
    assert sum(counts.values()) == tasks["total"] == 214
    assert all(counts[s] > 0 for s in ("已完成", "正常推进", "滞后", "未报送", "逾期未报"))
    card = client.get(f"/plans/{site.plan_id}.json?as_of={DEMO_AS_OF}").json()["tasks"]
    assert card["total"] == 214 and card["top_units"][0]["overdue"] >= card["top_units"][-1]["overdue"]
    page = client.get(f"/plans/{site.plan_id}?as_of={DEMO_AS_OF}").text
    assert "任务推进" in page and "逾期事项最多的单位" in page


def test_a_department_reports_on_its_own_task_with_evidence_and_downloads_it(site: Site) -> None:
    client = login(site, "gongxin")
    mine = client.get(f"/plans/{site.plan_id}/tasks/mine.json").json()
    assert mine["unit"] == "区工信局" and site.mine in {t["key"] for t in mine["tasks"]}
    form = {
        "period": f"{date.today().year}H1" if date.today().month > 6 else f"{date.today().year - 1}H2",
        "degree": "推进中",
        "progress": "完成技改项目12个。",
        "csrf_token": token(client, f"/plans/{site.plan_id}/tasks/{site.mine}"),
    }
    response = client.post(
        f"/plans/{site.plan_id}/tasks/{site.mine}/report",
        data=form,
        files={"evidence": ("验收 报告.pdf", PDF, "application/pdf")},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    filed = reports_of(site.store, site.plan_id, site.mine)[-1]
    assert (filed.unit, filed.filed_by, filed.evidence[0].file_name) == (
        "区工信局",
        "gongxin",
        "验收 报告.pdf",
    )
    download = client.get(f"/plans/{site.plan_id}/evidence/{filed.evidence[0].id}")
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"].startswith("attachment;")
    assert (
        "filename*=UTF-8''%E9%AA%8C%E6%94%B6%20%E6%8A%A5%E5%91%8A.pdf"
        in download.headers["content-disposition"]
    )
    assert download.headers["x-content-type-options"] == "nosniff"
    assert (
        TestClient(site.app)
        .get(f"/plans/{site.plan_id}/evidence/{filed.evidence[0].id}", follow_redirects=False)
        .status_code
        == 303
    )


def test_a_report_on_another_units_task_is_refused_403_and_audited(site: Site) -> None:
    client = login(site, "gongxin")
    before, filed = _refusals(site), len(reports_of(site.store, site.plan_id, site.others))
    form = {"period": "2024H2", "degree": "推进中", "progress": "x"}
    form["csrf_token"] = token(client, f"/plans/{site.plan_id}/tasks/mine")
    response = client.post(f"/plans/{site.plan_id}/tasks/{site.others}/report", data=form)
    assert response.status_code == 403 and "未分配给您的单位“区工信局”" in response.text
    assert _refusals(site) == before + 1
    assert len(reports_of(site.store, site.plan_id, site.others)) == filed
    page = client.get(f"/plans/{site.plan_id}/tasks/{site.others}.json").json()
    assert page["may"]["report"] is False


def test_evidence_that_is_not_what_its_name_says_is_refused(site: Site) -> None:
    client = login(site, "gongxin")
    form = {"period": "2024H2", "degree": "推进中", "progress": "x"}
    form["csrf_token"] = token(client, f"/plans/{site.plan_id}/tasks/mine")
    response = client.post(
        f"/plans/{site.plan_id}/tasks/{site.mine}/report",
        data=form,
        files={"evidence": ("照片.png", b"<html><script>alert(1)</script></html>", "image/png")},
    )
    assert response.status_code == 400 and "内容与扩展名.png不符" in response.text


def test_the_plan_downloads_are_attachments(site: Site) -> None:
    client = login(site, "planner")
    for fmt, kind in (("docx", "wordprocessingml"), ("xlsx", "spreadsheetml")):
        response = client.get(f"/plans/{site.plan_id}/tasks/export?format={fmt}&which=in_force")
        assert response.status_code == 200 and kind in response.headers["content-type"]
        assert response.headers["content-disposition"].startswith("attachment;")
        assert response.content[:2] == b"PK"


def test_a_refused_sheet_lists_every_problem_and_changes_nothing(site: Site) -> None:
    client = login(site, "planner")
    response = client.post(
        f"/plans/{site.plan_id}/tasks/import",
        data={"csrf_token": token(client, f"/plans/{site.plan_id}/tasks/list")},
        files={"file": ("清单.xlsx", b"PK\x03\x04 not really", "application/octet-stream")},
    )
    assert (
        response.status_code == 400
        and "导入被拒绝" in response.text
        and "不是有效的 .xlsx 文件" in response.text
    )


def test_the_administrator_keeps_the_department_directory_in_the_browser(site: Site) -> None:
    client = login(site, "admin")
    form = {"name": "区乡村振兴局", "short_name": "振兴局", "kind": "区直部门", "keywords": "乡村振兴；帮扶"}
    form["csrf_token"] = token(client, "/departments")
    assert client.post("/departments", data=form, follow_redirects=False).status_code == 303
    listed = client.get("/departments.json").json()["departments"]
    assert {
        "name": "区乡村振兴局",
        "short_name": "振兴局",
        "kind": "区直部门",
        "keywords": ["乡村振兴", "帮扶"],
        "active": True,
    } in listed
    refused = login(site, "planner")
    form["csrf_token"] = token(refused, "/departments")
    assert refused.post("/departments", data=form).status_code == 403
