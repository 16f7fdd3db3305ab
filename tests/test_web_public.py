"""The public portal /public/: approved figures only, no one's name, no draft review, every page with
its JSON twin, open data with every vintage as CSV, xlsx and JSON whose text cells no spreadsheet runs
as a formula."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from planwatch.present.pages.public import portal_page, public_indicator_page, public_plan_page
from planwatch.present.web.app import create_app
from planwatch.services.actor import Actor, Role, system_actor
from planwatch.services.approval import approve, review
from planwatch.services.figures import enter_figure, load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.store import Store
from planwatch.store.observations import count_observations

ENTERER = Actor("李填报", Role.PLANNER)
REVIEWER = Actor("王审核", Role.DEPARTMENT, "区统计局", frozenset({"review"}))
APPROVER = Actor("赵审批", Role.PLANNER, None, frozenset({"approve"}))
HOSTILE = '=HYPERLINK("http://evil.example","点我")'
AS_OF = "2030-01-01"


@dataclass(frozen=True)
class Portal:
    client: TestClient
    store: Store
    plan_id: int


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    folder = tmp_path_factory.mktemp("portal")
    url = f"sqlite:///{folder / 'planwatch.db'}"
    store = Store(url)
    (outcome,) = ingest_files(store, system_actor(), [str(bundled_plan_path())])
    assert outcome.result is not None
    plan_id = outcome.result.plan_id
    load_demo(store, system_actor(), plan_id)
    approved = {"period": "2025", "value": "560.40", "unit": "亿元", "as_of": "2026-03-01", "source": HOSTILE}
    enter_figure(store, ENTERER, plan_id, "T2.01", approved)
    review(store, REVIEWER, plan_id)
    approve(store, APPROVER, plan_id, today=date(2026, 4, 1))
    pending = {
        "period": "2025",
        "value": "199.9",
        "unit": "亿元",
        "as_of": "2026-03-01",
        "source": "待审核的数",
    }
    enter_figure(store, ENTERER, plan_id, "T2.04", pending)
    app = create_app(url, secret_key="portal-test")
    with TestClient(app) as client:
        yield Portal(client, store, plan_id)
    app.state.store.close()
    store.close()


def _pages(plan_id: int) -> list[str]:
    base = f"/public/plans/{plan_id}"
    return ["/public", f"{base}?as_of={AS_OF}", f"{base}/indicators/T2.01?as_of={AS_OF}", f"{base}/text"]


def test_every_portal_page_is_open_and_has_its_json_twin(portal: Portal) -> None:
    for path in _pages(portal.plan_id):
        page = portal.client.get(path)
        assert page.status_code == 200 and "规划实施公开门户" in page.text, path
        route, _, query = path.partition("?")
        twin = portal.client.get(f"{route}.json" + (f"?{query}" if query else ""))
        assert twin.status_code == 200, path
    assert portal.client.get("/public/", follow_redirects=False).headers["location"] == "/public"


def test_the_json_twins_are_the_data_functions(portal: Portal) -> None:
    day = date.fromisoformat(AS_OF)
    assert portal.client.get("/public.json").json() == json.loads(
        json.dumps(portal_page(portal.store), default=str)
    )
    plan = portal.client.get(f"/public/plans/{portal.plan_id}.json?as_of={AS_OF}").json()
    expected = public_plan_page(portal.store, portal.plan_id, day)
    assert [(r["id"], r["status"]) for r in plan["indicators"]] == [
        (r["id"], r["status"]) for r in expected["indicators"]
    ]
    indicator = public_indicator_page(portal.store, portal.plan_id, "T2.01", day)
    shown = portal.client.get(f"/public/plans/{portal.plan_id}/indicators/T2.01.json?as_of={AS_OF}").json()
    assert [f["value_text"] for f in shown["figures"]] == [f["value_text"] for f in indicator["figures"]]


def test_only_approved_figures_are_shown(portal: Portal) -> None:
    figures = portal.client.get(f"/public/plans/{portal.plan_id}/indicators/T2.01.json?as_of={AS_OF}").json()
    assert "560.40" in [f["value_text"] for f in figures["figures"]]
    retail = portal.client.get(f"/public/plans/{portal.plan_id}/indicators/T2.04.json?as_of={AS_OF}").json()
    assert "199.9" not in {f["value_text"] for f in retail["figures"]}
    assert "待审核的数" not in portal.client.get(f"/public/plans/{portal.plan_id}/indicators/T2.04").text
    early = portal.client.get(f"/public/plans/{portal.plan_id}/indicators/T2.01.json?as_of=2026-03-31").json()
    assert "560.40" not in [f["value_text"] for f in early["figures"]]  # known, not yet approved then


def test_no_staff_name_appears_anywhere_in_the_portal(portal: Portal) -> None:
    plan_id = portal.plan_id
    answers = [portal.client.get(p).text for p in _pages(plan_id)]
    answers += [portal.client.get(f"/public/plans/{plan_id}/figures.{ext}").text for ext in ("csv", "json")]
    names = ("李填报", "王审核", "赵审批", "命令行:", "planwatch demo")
    for text in answers:
        assert not [n for n in names if n in text]


def test_the_draft_review_and_the_staff_app_are_not_part_of_the_portal(portal: Portal) -> None:
    assert portal.client.get(f"/public/plans/{portal.plan_id}/lint").status_code == 404
    staff = portal.client.get(f"/plans/{portal.plan_id}/lint", follow_redirects=False)
    assert staff.status_code == 303 and staff.headers["location"].startswith("/login")
    page = portal.client.get(f"/public/plans/{portal.plan_id}?as_of={AS_OF}").text
    assert 'method="post"' not in page and "csrf_token" not in page  # nothing to write
    assert "<script" not in page  # tables first, nothing needs JavaScript
    indicator = portal.client.get(f"/public/plans/{portal.plan_id}/indicators/T2.01").text
    assert indicator.index("<table") < indicator.index('data-chart="path"')  # the chart enhances the table


def test_the_open_data_csv_has_every_vintage_and_no_formula(portal: Portal) -> None:
    answer = portal.client.get(f"/public/plans/{portal.plan_id}/figures.csv?as_of={AS_OF}")
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["规划编号", "指标编号", "指标名称"]
    gdp_2022 = [r for r in rows if r[1] == "T2.01" and r[3] == "2022"]
    assert {r[7] for r in gdp_2022} == {"初步", "核实"} and {r[11] for r in gdp_2022} == {"是", "否"}
    hostile = next(r for r in rows if r[10].endswith('"点我")'))
    assert hostile[10] == "'" + HOSTILE and hostile[5] == "560.40"


def test_the_open_data_workbook_keeps_numbers_and_writes_text_as_text(portal: Portal) -> None:
    answer = portal.client.get(f"/public/plans/{portal.plan_id}/figures.xlsx?as_of={AS_OF}")
    sheet = load_workbook(io.BytesIO(answer.content))["已审批数据"]
    rows = list(sheet.iter_rows(min_row=2))
    hostile = next(r for r in rows if str(r[10].value).startswith("=HYPERLINK"))
    assert hostile[10].data_type == "s" and hostile[10].quotePrefix
    assert hostile[5].data_type == "n"
    growth = [r for r in rows if r[4].value == "增速（%）"]
    assert growth and all(r[5].data_type == "n" for r in growth)


def test_the_open_data_json_lists_the_columns_and_the_figures(portal: Portal) -> None:
    data = portal.client.get(f"/public/plans/{portal.plan_id}/figures.json?as_of={AS_OF}").json()
    assert [c["key"] for c in data["columns"]][:2] == ["plan_id", "series_id"]
    assert all(set(row) == {c["key"] for c in data["columns"]} for row in data["figures"])
    demo = count_observations(portal.store, portal.plan_id) - 1  # all but the pending one
    assert len(data["figures"]) == demo  # the demo's and the approved 2025 figure; not the pending one
