"""Signing in, roles and 数据填报: sessions, CSRF, rate limit, who may write what, the audit log."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.routing import Route

from planwatch import config
from planwatch.present.web import auth
from planwatch.present.web.app import create_app
from planwatch.services.actor import system_actor
from planwatch.services.assignments import assign
from planwatch.services.audit import audit_entries
from planwatch.services.bulletins import proposals_of, read_bulletin_file
from planwatch.services.departments import load_starter
from planwatch.services.evaluation import evaluate_plan
from planwatch.services.figures import load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.services.task_demo import load_task_demo
from planwatch.services.users import add_user
from planwatch.store import Store
from planwatch.store.observations import count_observations, history

PASSWORD = "correct horse battery"
SECRET = "test-secret-key-not-for-production"
SCRIPT = "<script>alert(1)</script>"
DEPT_A, DEPT_B = "区交通运输局", "区发改委"
ITEM_A, ITEM_B = "T2.01", "T2.02"  # assigned to DEPT_A and DEPT_B
BULLETINS = Path(__file__).parent / "fixtures" / "bulletins"
# POSTs that write nothing of the plan or of others (still CSRF-checked): one's own password included.
EXEMPT = {"/login", "/logout", "/account/password"}
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Site:
    app: FastAPI
    store: Store
    url: str
    plan_id: int


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("auth")
    url = f"sqlite:///{folder / 'planwatch.db'}"
    store = Store(url)
    (outcome,) = ingest_files(store, system_actor(), [str(bundled_plan_path())])
    assert outcome.result is not None
    plan_id = outcome.result.plan_id
    load_demo(store, system_actor(), plan_id)
    load_starter(store, system_actor())
    load_task_demo(store, system_actor(), plan_id)  # an accepted task list: its writes are tried too
    add_user(store, system_actor(), "admin", "admin", PASSWORD)
    add_user(store, system_actor(), "planner", "planner", PASSWORD)
    add_user(store, system_actor(), "viewer", "viewer", PASSWORD)
    add_user(store, system_actor(), "dept_a", "department", PASSWORD, DEPT_A)
    add_user(store, system_actor(), "dept_b", "department", PASSWORD, DEPT_B)
    assign(store, system_actor(), plan_id, ITEM_A, DEPT_A)
    assign(store, system_actor(), plan_id, ITEM_B, DEPT_B)
    read_bulletin_file(store, system_actor(), plan_id, BULLETINS / "2021.txt")
    app = create_app(url, secret_key=SECRET)
    yield Site(app, store, url, plan_id)
    app.state.store.close()
    store.close()


def token(client: TestClient, path: str = "/login") -> str:
    found = _TOKEN.search(client.get(path).text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def login(site: Site, name: str, password: str = PASSWORD, **options: Any) -> TestClient:
    client = TestClient(site.app, **options)
    response = client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": token(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return client


def entry_form(client: TestClient, site: Site, series_id: str, **values: str) -> dict[str, str]:
    form = {"series_id": series_id, "period": "2025", "value": "1", "kind": "水平值", "status": "初步"}
    return {**form, **values, "csrf_token": token(client, f"/plans/{site.plan_id}/entry")}


# ---- signing in ------------------------------------------------------------------------------------------


def test_login_and_logout(site: Site) -> None:
    client = login(site, "planner")
    page = client.get(f"/plans/{site.plan_id}")
    assert page.status_code == 200 and "planner" in page.text and "数据填报" in page.text
    response = client.post("/logout", data={"csrf_token": token(client, "/plans")}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert client.get("/plans", follow_redirects=False).status_code == 303


def test_a_wrong_password_is_refused(site: Site) -> None:
    client = TestClient(site.app)
    for name, password in (("admin", "wrong password"), ("nobody", PASSWORD)):
        response = client.post(
            "/login", data={"name": name, "password": password, "csrf_token": token(client)}
        )
        assert response.status_code == 401 and "用户名或密码错误" in response.text
    assert client.get("/plans", follow_redirects=False).status_code == 303


def test_logins_are_rate_limited(site: Site) -> None:
    client = TestClient(site.app)
    add_user(site.store, system_actor(), "limited", "viewer", PASSWORD)
    for _ in range(config.LOGIN_FAILURES.integer()):
        form = {"name": "limited", "password": "wrong password", "csrf_token": token(client)}
        assert client.post("/login", data=form).status_code == 401
    form = {"name": "limited", "password": PASSWORD, "csrf_token": token(client)}
    response = client.post("/login", data=form)
    assert response.status_code == 429 and "登录失败次数过多" in response.text


def test_the_session_cookie_is_httponly_and_samesite(site: Site) -> None:
    client = TestClient(site.app)
    cookie = client.get("/login").headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    secure = TestClient(site.app, base_url="https://testserver")
    assert "Secure" in secure.get("/login").headers["set-cookie"]


def test_a_login_goes_back_only_to_this_site(site: Site) -> None:
    client = TestClient(site.app)
    for target, expected in (("/plans", "/plans"), ("//evil.example/x", "/"), ("https://evil.example", "/")):
        form = {"name": "viewer", "password": PASSWORD, "next": target, "csrf_token": token(client)}
        response = client.post("/login", data=form, follow_redirects=False)
        assert response.headers["location"] == expected


# ---- CSRF ------------------------------------------------------------------------------------------------


def post_routes(app: FastAPI) -> set[str]:
    return {
        r.path
        for r in app.routes
        if isinstance(r, Route) and r.methods and r.methods & {"POST", "PUT", "DELETE"}
    }


@pytest.mark.parametrize("sent", [None, "wrong-token"])
def test_every_post_needs_the_session_csrf_token(site: Site, sent: str | None) -> None:
    client = login(site, "admin")
    for path in post_routes(site.app):
        data = {"csrf_token": sent} if sent else {}
        url = (
            path.replace("{plan}", str(site.plan_id))
            .replace("{session_id}", "1")
            .replace("{proposal_id}", "1")
        )
        response = client.post(url, data={**data, "name": "admin"})
        assert response.status_code == 403, path
        assert "CSRF" in response.text


# ---- the staff app and the portal ------------------------------------------------------------------------


def test_the_staff_app_sends_visitors_to_login(site: Site) -> None:
    client = TestClient(site.app)
    response = client.get(f"/plans/{site.plan_id}/indicators", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")
    twin = client.get(f"/plans/{site.plan_id}.json")
    assert twin.status_code == 401 and twin.json() == {"error": "请先登录"}
    assert client.get("/static/app.css").status_code == 200


def test_anonymous_visitors_read_the_portal_and_nothing_else(site: Site) -> None:
    client = TestClient(site.app)
    assert client.get("/", follow_redirects=False).headers["location"] == "/public/"
    assert client.get(f"/public/plans/{site.plan_id}").status_code == 200
    assert client.get(f"/public/plans/{site.plan_id}.json").status_code == 200
    for path in ("", "/lint", "/entry", "/approval", "/bulletins"):
        staff = client.get(f"/plans/{site.plan_id}{path}", follow_redirects=False)
        assert staff.status_code == 303 and staff.headers["location"].startswith("/login"), path
    form = {"series_id": ITEM_A, "period": "2025", "value": "1", "csrf_token": token(client)}
    written = client.post(f"/plans/{site.plan_id}/entry", data=form, headers={"accept": "application/json"})
    assert written.status_code == 401


# ---- who may write what ----------------------------------------------------------------------------------


def test_a_department_enters_a_figure_that_counts_once_approved(site: Site) -> None:
    today = date.today()
    before = {
        e.series_id: e for e in evaluate_plan(site.store, site.plan_id, today, pending=True).evaluations
    }
    approved = {e.series_id: e for e in evaluate_plan(site.store, site.plan_id, today).evaluations}
    client = login(site, "dept_a")
    page = client.get(f"/plans/{site.plan_id}/entry")
    assert ITEM_A in page.text and f'value="{ITEM_B}"' not in page.text
    form = entry_form(client, site, ITEM_A, value="9999", source="2025年统计公报")
    response = client.post(f"/plans/{site.plan_id}/entry", data=form, follow_redirects=False)
    assert response.status_code == 303
    after = {e.series_id: e for e in evaluate_plan(site.store, site.plan_id, today, pending=True).evaluations}
    assert after[ITEM_A] != before[ITEM_A]
    assert after[ITEM_B] == before[ITEM_B]
    assert {e.series_id: e for e in evaluate_plan(site.store, site.plan_id, today).evaluations} == approved
    latest = history(site.store, site.plan_id, ITEM_A)[-1]
    assert (latest.period, str(latest.value), latest.entered_by) == ("2025", "9999", "dept_a")
    mine = client.get(f"/plans/{site.plan_id}/entry").text
    assert "我录入的数值" in mine and "2025年统计公报" in mine


def test_a_revision_is_audited_old_to_new(site: Site) -> None:
    client = login(site, "planner")
    for value in ("100", "120"):
        form = entry_form(client, site, "T2.03", value=value)
        assert (
            client.post(f"/plans/{site.plan_id}/entry", data=form, follow_redirects=False).status_code == 303
        )
    entry = audit_entries(site.store, system_actor(), site.plan_id)[0]
    assert (entry.user, entry.action, entry.target) == ("planner", "entry", "T2.03 2025 level")
    assert (entry.old["value"], entry.new["value"]) == ("100", "120")
    admin = login(site, "admin")
    page = admin.get("/audit")
    assert page.status_code == 200 and "T2.03 2025年 水平值" in page.text  # in the planner's words
    assert "<td>填报数据</td>" in page.text and "数值：100 → 120" in page.text
    assert client.get("/audit").status_code == 403


def write_attempts(client: TestClient, site: Site, other_item: str) -> dict[str, dict[str, Any]]:
    """One write of `other_item` per write endpoint: the form data and files to POST."""
    csv = f"指标编号,期间,数值\n{other_item},2025,5\n".encode()
    csrf = token(client, "/plans")
    proposal = next(p.id for p in proposals_of(site.store, site.plan_id) if p.series_id == other_item)
    bulletin = (BULLETINS / "2022.txt").read_bytes()
    return {
        "/plans/{plan}/bulletins": {
            "data": {"csrf_token": csrf},
            "files": {"file": ("2022.txt", bulletin, "text/plain")},
        },
        f"/plans/{{plan}}/proposals/{proposal}": {"data": {"decision": "accept", "csrf_token": csrf}},
        "/plans/{plan}/approval": {"data": {"step": "review", "csrf_token": csrf}},
        "/plans/{plan}/locks": {"data": {"year": "2025", "action": "lock", "csrf_token": csrf}},
        "/plans/{plan}/entry": {"data": {**entry_form(client, site, other_item), "csrf_token": csrf}},
        "/plans/{plan}/entry/import": {
            "data": {"csrf_token": csrf},
            "files": {"file": ("figures.csv", csv, "text/csv")},
        },
        "/plans/{plan}/assign": {"data": {"item_id": other_item, "department": DEPT_A, "csrf_token": csrf}},
        "/plans/{plan}/adopt": {"data": {"version": "1", "in_force_from": "2026-01-01", "csrf_token": csrf}},
        "/sessions/{session_id}/end": {"data": {"csrf_token": csrf}},
        "/plans/{plan}/pair": {
            "data": {
                "version": "1",
                "kind": "indicator",
                "local_id": "T2.01",
                "decision": "new",
                "csrf_token": csrf,
            }
        },
        # 调度 (issue 11): P001 has no 责任单位, so it is nobody's but the planners'
        "/plans/{plan}/schedule/entry": {
            "data": {"project": "P001", "period": "2024-05", "cumulative": "1", "csrf_token": csrf}
        },
        "/plans/{plan}/schedule/import": {
            "data": {"csrf_token": csrf},
            "files": {
                "file": (
                    "调度表.csv",
                    "项目编号,期间,自年初累计完成投资\nP001,2024-05,1\n".encode(),
                    "text/csv",
                )
            },
        },
        "/plans/{plan}/schedule/add": {"data": {"name": "新项目", "csrf_token": csrf}},
        "/plans/{plan}/schedule/{key}/edit": {"data": {"status": "在建", "csrf_token": csrf}},
        **task_write_attempts(csrf),
    }


def task_write_attempts(csrf: str) -> dict[str, dict[str, Any]]:
    """The task writes (the demo's task list): none is the viewer's or dept_a's to make. R001 is
    区工信局's task; 督办单 1 was sent to 区科技局."""
    sheet = ("任务清单.xlsx", b"PK\x03\x04", "application/octet-stream")
    report = {"period": "2024H2", "degree": "推进中", "progress": "x", "csrf_token": csrf}
    return {
        "/plans/{plan}/tasks/draft": {"data": {"replace": "1", "csrf_token": csrf}},
        "/plans/{plan}/tasks/edit": {"data": {"key": "R001", "heading": "x", "csrf_token": csrf}},
        "/plans/{plan}/tasks/confirm": {"data": {"csrf_token": csrf}},
        "/plans/{plan}/tasks/merge": {"data": {"key": ["R001", "R002"], "csrf_token": csrf}},
        "/plans/{plan}/tasks/split": {
            "data": {"key": "R001", "at_line": "520", "heading": "x", "csrf_token": csrf}
        },
        "/plans/{plan}/tasks/drop": {"data": {"key": "R001", "csrf_token": csrf}},
        "/plans/{plan}/tasks/accept": {"data": {"in_force_from": "2026-01-01", "csrf_token": csrf}},
        "/plans/{plan}/tasks/discard": {"data": {"csrf_token": csrf}},
        "/plans/{plan}/tasks/import": {"data": {"csrf_token": csrf}, "files": {"file": sheet}},
        "/plans/{plan}/tasks/{key}/report": {"data": report, "path": {"key": "R001"}},
        "/plans/{plan}/reports/{report_id}/review": {
            "data": {"decision": "pass", "csrf_token": csrf},
            "path": {"report_id": "1"},
        },
        "/plans/{plan}/tasks/remind": {"data": {"csrf_token": csrf}},
        "/plans/{plan}/notices": {
            "data": {"key": "R004", "problem": "x", "reply_by": "2099-01-01", "csrf_token": csrf}
        },
        "/plans/{plan}/notices/{notice_id}/reply": {
            "data": {"text": "x", "csrf_token": csrf},
            "path": {"notice_id": "1"},
        },
        "/plans/{plan}/notices/{notice_id}/close": {"data": {"csrf_token": csrf}, "path": {"notice_id": "1"}},
        "/departments": {"data": {"name": "区新单位", "csrf_token": csrf}},
    }


@pytest.mark.parametrize("name", ["viewer", "dept_a"])
def test_every_write_endpoint_refuses_the_wrong_role(site: Site, name: str) -> None:
    client = login(site, name)
    attempts = write_attempts(client, site, ITEM_B)  # ITEM_B belongs to DEPT_B
    tried = {
        path.split("/proposals/")[0] + "/proposals/{proposal_id}" if "/proposals/" in path else path
        for path in attempts
    }
    assert tried == post_routes(site.app) - EXEMPT, "a write endpoint is not tried here"
    stored, logged = (
        count_observations(site.store, site.plan_id),
        _writes_logged(site),
    )
    for path, request in attempts.items():
        url = path.replace("{plan}", str(site.plan_id)).replace("{session_id}", "1")
        for name, value in request.pop("path", {}).items():
            url = url.replace("{" + name + "}", value)
        response = client.post(url, **request)
        assert response.status_code == 403, (path, response.text)
    assert count_observations(site.store, site.plan_id) == stored
    assert _writes_logged(site) == logged  # refusals are logged as such (task.report.refused …), nothing else


def _writes_logged(site: Site) -> int:
    entries = audit_entries(site.store, system_actor(), limit=100_000)
    return sum(1 for e in entries if not e.action.endswith(".refused"))


def test_a_department_cannot_import_another_departments_figures(site: Site) -> None:
    client = login(site, "dept_b")
    csv = f"指标编号,期间,数值\n{ITEM_B},2025,5\n{ITEM_A},2025,5\n".encode()
    files = {"file": ("figures.csv", csv, "text/csv")}
    response = client.post(
        f"/plans/{site.plan_id}/entry/import", data={"csrf_token": token(client, "/plans")}, files=files
    )
    assert response.status_code == 403 and ITEM_A in response.text
    assert [o.period for o in history(site.store, site.plan_id, ITEM_B) if o.entered_by == "dept_b"] == []


def test_an_import_is_stored_and_audited(site: Site) -> None:
    client = login(site, "dept_b")
    files = {"file": ("公报.csv", f"指标编号,期间,数值\n{ITEM_B},2025,123456\n".encode(), "text/csv")}
    response = client.post(
        f"/plans/{site.plan_id}/entry/import", data={"csrf_token": token(client, "/plans")}, files=files
    )
    assert response.status_code == 200 and "导入完成：新增1个数值" in response.text
    entry = audit_entries(site.store, system_actor(), site.plan_id)[0]
    assert (entry.user, entry.action, entry.new["file"]) == ("dept_b", "import", "公报.csv")


def test_an_import_with_problems_is_refused_whole(site: Site) -> None:
    client = login(site, "planner")
    csv = "指标编号,期间,数值\nT2.04,2025,三百\nT9.99,2025,5\nT2.05,2025,7\n".encode()
    files = {"file": ("bad.csv", csv, "text/csv")}
    stored = count_observations(site.store, site.plan_id)
    response = client.post(
        f"/plans/{site.plan_id}/entry/import", data={"csrf_token": token(client, "/plans")}, files=files
    )
    assert response.status_code == 400
    assert "第2行“数值”列：“三百”不是数字" in response.text and "T9.99" in response.text
    assert count_observations(site.store, site.plan_id) == stored


def test_an_upload_over_the_limit_is_refused(site: Site) -> None:
    client = login(site, "dept_a")
    big = b"0" * (auth.upload_limit() + 1)
    response = client.post(
        f"/plans/{site.plan_id}/entry/import",
        data={"csrf_token": token(client, "/plans")},
        files={"file": ("big.csv", big, "text/csv")},
    )
    assert response.status_code == 413 and "5 MB" in response.text


def test_a_bad_figure_is_shown_next_to_its_field_escaped(site: Site) -> None:
    client = login(site, "dept_a")
    form = entry_form(client, site, ITEM_A, value=SCRIPT, period="20x5")
    response = client.post(f"/plans/{site.plan_id}/entry", data=form)
    assert response.status_code == 400
    assert SCRIPT not in response.text and html.escape(SCRIPT, quote=False) in response.text
    assert re.search(r'data-field="value">[^<]*不是数字', response.text)
    assert re.search(r'data-field="period">[^<]*不是期间', response.text)


def test_the_login_page_escapes_what_it_is_given(site: Site) -> None:
    client = TestClient(site.app)
    page = client.get("/login", params={"next": f'/"><{SCRIPT}'})
    assert SCRIPT not in page.text
    failed = client.post("/login", data={"name": SCRIPT, "password": "x" * 8, "csrf_token": token(client)})
    assert failed.status_code == 401 and SCRIPT not in failed.text


@pytest.mark.parametrize("plan", ["99999999999999999999", "-5", "abc"])
def test_an_audit_filter_no_plan_can_have_is_a_chinese_400(site: Site, plan: str) -> None:
    response = login(site, "admin").get(f"/audit?plan={plan}")
    assert response.status_code == 400 and "请求" in response.text


@pytest.mark.parametrize("reference", ["99999999999999999999", "²", "⑴", "2147483648"])
def test_a_plan_reference_no_plan_can_have_is_a_chinese_404(site: Site, reference: str) -> None:
    client = login(site, "planner")
    for path in (f"/plans/{reference}", f"/plans/{reference}.json", f"/plans/{reference}/targets"):
        response = client.get(path)
        assert response.status_code == 404 and "数据库中没有" in response.text, path


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01", "2025-13-01"])
def test_an_as_of_date_out_of_range_is_a_chinese_400(site: Site, as_of: str) -> None:
    response = login(site, "planner").get(f"/plans/{site.plan_id}?as_of={as_of}")
    assert response.status_code == 400 and "日期" in response.text


def test_a_form_of_thousands_of_fields_or_two_files_is_a_chinese_400(site: Site) -> None:
    client = login(site, "planner")
    path = f"/plans/{site.plan_id}/entry/import"
    csrf = token(client, f"/plans/{site.plan_id}/entry")
    fields = {f"f{n}": "x" for n in range(5000)}
    many = client.post(path, data={**fields, "csrf_token": csrf}, files={"file": ("a.csv", b"x", "text/csv")})
    assert many.status_code == 400 and "字段过多" in many.text
    two = client.post(
        path,
        data={"csrf_token": csrf},
        files=[("file", ("a.csv", b"x", "text/csv")), ("file", ("b.csv", b"y", "text/csv"))],
    )
    assert two.status_code == 400 and "一次只能上传一个文件" in two.text


def test_a_step_on_many_figures_selected_at_once_is_read_whole(site: Site) -> None:
    client = login(site, "admin")
    unknown = [str(n) for n in range(900_000, 900_080)]  # 80 boxes ticked: more fields than a plain form
    form = {"csrf_token": token(client, f"/plans/{site.plan_id}/approval"), "step": "review", "id": unknown}
    answer = client.post(f"/plans/{site.plan_id}/approval", data=form)
    assert answer.status_code == 400 and "#900000（不存在）" in answer.text  # read, then refused whole
