"""报告 on the web: only signed-in users choose a report and download it, made on demand, the same
bytes as the CLI's for the same date; what cannot be made is a Chinese 400, never a broken file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from planwatch.present.report.build import ReportFormat, ReportKind, ReportRequest, build_report
from planwatch.present.web.app import create_app
from planwatch.services.actor import system_actor
from planwatch.services.figures import DEMO_AS_OF
from planwatch.services.users import add_user
from planwatch.store import Store
from tests.report_reading import open_docx
from tests.web_server import build_demo_store

PASSWORD = "correct horse battery"
SECRET = "test-secret-key-not-for-production"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Site:
    app: FastAPI
    store: Store
    plan_id: int


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    url, plan_id = build_demo_store(tmp_path_factory.mktemp("web-reports"))
    store = Store(url)
    add_user(store, system_actor(), "viewer", "viewer", PASSWORD)
    app = create_app(url, secret_key=SECRET)
    yield Site(app, store, plan_id)
    app.state.store.close()
    store.close()


@pytest.fixture(scope="module")
def signed_in(site: Site) -> TestClient:
    client = TestClient(site.app)
    found = _TOKEN.search(client.get("/login").text)
    assert found
    response = client.post(
        "/login",
        data={"name": "viewer", "password": PASSWORD, "csrf_token": found.group(1)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    return client


def test_anonymous_visitors_are_sent_to_sign_in(site: Site) -> None:
    anonymous = TestClient(site.app)
    for path in (f"/plans/{site.plan_id}/reports", f"/plans/{site.plan_id}/reports/file?as_of=2025-06-30"):
        response = anonymous.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")
    assert anonymous.get(f"/plans/{site.plan_id}/reports.json").status_code == 401
    portal = anonymous.get(f"/public/plans/{site.plan_id}").text
    assert f'href="/plans/{site.plan_id}/reports"' not in portal  # the public portal offers no reports


def test_a_signed_in_user_sees_the_tab_and_the_form(site: Site, signed_in: TestClient) -> None:
    overview = signed_in.get(f"/plans/{site.plan_id}").text
    assert f'href="/plans/{site.plan_id}/reports">报告</a>' in overview
    page = signed_in.get(f"/plans/{site.plan_id}/reports?as_of=2025-06-30")
    assert page.status_code == 200
    assert 'action="/plans/1/reports/file"' in page.text and 'value="2025-06-30"' in page.text
    data = signed_in.get(f"/plans/{site.plan_id}/reports.json?as_of=2025-06-30").json()
    assert [k["value"] for k in data["kinds"]] == ["annual", "midterm"]
    assert [f["value"] for f in data["formats"]] == ["docx", "xlsx", "pdf"]
    assert data["default_year"] == 2024 and data["years"] == [2021, 2022, 2023, 2024, 2025]


def test_the_download_is_the_report_made_on_demand(site: Site, signed_in: TestClient) -> None:
    response = signed_in.get(f"/plans/{site.plan_id}/reports/file?kind=annual&as_of=2025-06-30&format=docx")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessing"
    )
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="planwatch-1-annual-2025-06-30.docx"')
    assert unquote(disposition.split("UTF-8''")[1]) == "规划1新建区-2024年度监测报告-2025-06-30.docx"
    direct = build_report(site.store, site.plan_id, ReportRequest(ReportKind.ANNUAL, DEMO_AS_OF))
    assert response.content == direct.data  # the same bytes as the CLI's
    assert "2024年度监测报告" in [p.text for p in open_docx(response.content).paragraphs]


def test_the_excel_books_and_the_midterm_report_download_too(site: Site, signed_in: TestClient) -> None:
    books = signed_in.get(f"/plans/{site.plan_id}/reports/file?kind=midterm&as_of=2025-06-30&format=xlsx")
    assert books.status_code == 200 and books.content.startswith(b"PK")
    direct = build_report(
        site.store, site.plan_id, ReportRequest(ReportKind.MIDTERM, DEMO_AS_OF, format=ReportFormat.XLSX)
    )
    assert books.content == direct.data


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("kind=final&as_of=2025-06-30", "报告类型无法识别"),
        ("as_of=2025-06-30&format=odt", "格式无法识别"),
        ("as_of=2020-01-01", "截至日期2020-01-01早于规划期起始（2021年）"),
        ("as_of=2025-06-30&year=20x5", "年度应为四位数字"),
        ("kind=midterm&as_of=2025-06-30&year=2023", "中期评估报告不按年度生成"),
        ("as_of=2025-13-40", "不是日期"),
    ],
)
def test_what_cannot_be_made_is_a_chinese_400(
    site: Site, signed_in: TestClient, query: str, message: str
) -> None:
    response = signed_in.get(f"/plans/{site.plan_id}/reports/file?{query}")
    assert response.status_code == 400
    assert message in response.text and "content-disposition" not in response.headers
