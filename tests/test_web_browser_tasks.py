"""One whole 督查督办 cycle in a real browser, on a site that requires signing in: a department signs
in and lands on its own items (我的任务), reports on its task; 发改 sends the report back with a
reason; the department reports again; 发改 passes it; 发改 issues a 督办单 for the lagging task, the
department replies, and 发改 closes it (办结).

Same rules as tests/test_web_browser.py (Debian chromium via Playwright; skipped locally without it,
failing on CI). Screenshots: build/screenshots/tasks-mine.png, task-report.png, task-returned.png,
notice-closed.png, tasks.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from planwatch.services.actor import system_actor
from planwatch.services.departments import load_starter
from planwatch.services.task_demo import load_task_demo
from planwatch.services.tasks import list_in_force
from planwatch.services.users import add_user
from planwatch.store import Store
from tests.test_web_browser import DESKTOP, Visit, _screenshot, launched_chromium, watched_page
from tests.web_server import AS_OF, Site, private_site

if TYPE_CHECKING:  # playwright may be missing: launched_chromium then skips (or fails on CI)
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

UNIT, UNIT_USER, PLANNER, PASSWORD = "区工信局", "工信局填报员", "发改委规划科", "correct horse 7"
REASON = "请补充完成投资额和开工项目数"


def _users(store: Store, plan_id: int) -> None:
    load_starter(store, system_actor())
    load_task_demo(store, system_actor(), plan_id)  # an accepted list, in force since 2024-07-01
    add_user(store, system_actor(), UNIT_USER, "department", PASSWORD, UNIT)
    add_user(store, system_actor(), PLANNER, "planner", PASSWORD)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with private_site(tmp_path_factory.mktemp("web-browser-tasks"), _users) as running:
        yield running


@pytest.fixture(scope="module")
def task_key(site: Site) -> str:
    """A task of the unit with a 完成时限 of a year: past 2025 it lags, so a 督办单 may be issued."""
    store = Store(site.store_url)
    try:
        tasks = list_in_force(store, site.plan_id).tasks
    finally:
        store.close()
    return next(t.key for t in tasks if t.lead_unit == UNIT and t.deadline.isdigit() and not t.co_units)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with launched_chromium(tmp_path_factory.mktemp("chromium-home")) as launched:
        yield launched


@pytest.fixture
def unit(browser: Browser, site: Site) -> Iterator[Visit]:
    with watched_page(browser, site.url, {"width": DESKTOP["width"], "height": DESKTOP["height"]}) as seen:
        yield seen


@pytest.fixture
def planner(browser: Browser, site: Site) -> Iterator[Visit]:
    with watched_page(browser, site.url, {"width": DESKTOP["width"], "height": DESKTOP["height"]}) as seen:
        yield seen


def _sign_in(visit: Visit, name: str) -> None:
    page = visit.page
    page.goto(visit.base_url + "/login", wait_until="load")
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="登录").click()


def _submit(page: Page, button: str) -> None:
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name=button).click()


def _report(page: Page, progress: str) -> None:
    form = page.locator("form.report-form").first
    assert form.locator("input[name=period]").input_value(), "the period owed is offered"
    form.locator("select[name=degree]").select_option("推进中")
    form.locator("textarea[name=progress]").fill(progress)
    form.locator("textarea[name=problems]").fill("项目用地报批周期较长。")
    _submit(page, "报送")


def _latest_report(page: Page) -> str:
    return page.locator("article.report").first.inner_text()


def test_a_whole_cycle_report_return_report_pass_notice_close(
    unit: Visit, planner: Visit, site: Site, task_key: str
) -> None:
    task_path = f"/plans/{site.plan_id}/tasks/{task_key}"

    # (1) The department signs in and lands on its own items: its tasks and what it owes.
    _sign_in(unit, UNIT_USER)
    page = unit.page
    assert page.url.endswith(f"/plans/{site.plan_id}/tasks/mine"), page.url
    assert page.locator("h1").first.inner_text().startswith("我的任务")
    assert UNIT in page.locator("h1").first.inner_text()
    assert page.locator("table.due tbody tr").count() > 0
    _screenshot(page, "tasks-mine", full_page=False)

    # (2) It opens its task from the list and reports.
    with page.expect_navigation(wait_until="load"):
        page.locator(f'table.tasks a[href^="{task_path}?"]').first.click()
    earlier = page.locator("article.report").count()  # the demo's reports of this task
    _report(page, "已完成技改项目8个，完成投资2.1亿元。")
    assert "待审核" in _latest_report(page)
    _screenshot(page, "task-report", full_page=False)

    # (3) 发改 sends it back with a reason.
    _sign_in(planner, PLANNER)
    planner.open(task_path)
    report = planner.page.locator("article.report").first
    report.locator("input[name=reason]").fill(REASON)
    _submit(planner.page, "退回")
    returned = _latest_report(planner.page)
    assert "退回" in returned and REASON in returned

    # (4) The department sees why and reports again.
    unit.open(task_path)
    assert REASON in page.locator("article.report").first.inner_text()
    _screenshot(page, "task-returned", full_page=False)
    _report(page, "已完成技改项目8个，完成投资2.1亿元，新开工项目3个。")
    assert "待审核" in _latest_report(page)

    # (5) 发改 passes it.
    planner.open(task_path)
    _submit(planner.page, "通过")
    assert "通过" in _latest_report(planner.page)
    assert planner.page.locator("article.report").count() == earlier + 2

    # (6) 发改 issues a 督办单 for the task (past its 完成时限: lagging).
    assert "滞后" in planner.page.locator("h1").first.inner_text()
    issue = planner.page.locator("form.report-form:has(textarea[name=problem])")
    issue.locator("textarea[name=problem]").fill("任务已超过完成时限，请说明原因并提出整改措施。")
    issue.locator("input[name=reply_by]").fill("2099-01-31")
    _submit(planner.page, "签发督办单")
    heading = planner.page.locator("h1").first.inner_text()
    assert "新发改督〔" in heading and "待回复" in heading
    notice_path = planner.page.url.removeprefix(site.url)

    # (7) The department finds it among its items and replies.
    unit.open(f"/plans/{site.plan_id}/tasks/mine")
    with page.expect_navigation(wait_until="load"):
        page.locator(f'table.due a[href="{notice_path}"]').click()
    page.locator("textarea[name=text]").fill("已制定整改方案，年内完成。")
    _submit(page, "提交回复")
    assert "已回复" in page.locator("h1").first.inner_text()
    assert page.get_by_role("button", name="办结").count() == 0  # only 发改 closes

    # (8) 发改 closes it.
    planner.open(notice_path)
    _submit(planner.page, "办结")
    assert "已办结" in planner.page.locator("h1").first.inner_text()
    assert "已制定整改方案" in planner.page.locator(".event").first.inner_text()
    _screenshot(planner.page, "notice-closed", full_page=False)

    # (9) The tasks page shows the colours; nothing went wrong, nothing was fetched from outside.
    planner.open(f"/plans/{site.plan_id}/tasks?as_of={AS_OF}")
    assert planner.page.locator("table.tasks .badge.red").count() > 0
    _screenshot(planner.page, "tasks", full_page=False)
    unit.assert_clean()
    planner.assert_clean()
