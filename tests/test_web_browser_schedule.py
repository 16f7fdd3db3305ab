"""调度填报 in a real browser: a department user signs in, sees its unit's 未报送 project first on the
项目调度 page, reports the missing month through the form and sees the colour change; another unit's
project offers no form and a crafted POST for it is refused (403).

Same rules as tests/test_web_browser.py (Debian chromium via Playwright; skipped locally without it,
failing on CI). Screenshots: build/screenshots/schedule.png, schedule-entry.png, project.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from planwatch.schedule.demo import DEMO_AS_OF
from planwatch.services.actor import system_actor
from planwatch.services.departments import load_starter
from planwatch.services.project_demo import load_schedule_demo
from planwatch.services.users import add_user
from planwatch.store import Store
from tests.test_web_browser import CHARTS_DRAWN, DESKTOP, Visit, _screenshot, launched_chromium, watched_page
from tests.web_server import Site, private_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

USER, PASSWORD, UNIT = "发改委", "correct horse 7", "区发改委"
MINE, OTHERS = "P009", "P046"  # 三极光电 (区发改委, 未报送 since July); 交通路网 (区交通运输局)
AS_OF = DEMO_AS_OF.isoformat()
REPORT = {"period": "2024-10", "cumulative": "5200", "progress": "主体封顶", "reported_on": "2024-11-15"}


def _prepare(store: Store, plan_id: int) -> None:
    load_starter(store, system_actor())
    load_schedule_demo(store, system_actor(), plan_id)
    add_user(store, system_actor(), USER, "department", PASSWORD, UNIT)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with private_site(tmp_path_factory.mktemp("web-browser-schedule"), _prepare) as running:
        yield running


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with launched_chromium(tmp_path_factory.mktemp("chromium-home")) as launched:
        yield launched


@pytest.fixture
def visit(browser: Browser, site: Site) -> Iterator[Visit]:
    with watched_page(browser, site.url, {"width": DESKTOP["width"], "height": DESKTOP["height"]}) as seen:
        yield seen


def _badge(visit: Visit, key: str) -> str:
    return visit.page.locator(f'tr[id="{key}"] .badge').inner_text().strip()


def _grey_count(visit: Visit) -> int:
    return int(visit.page.locator(".light.grey b").inner_text())


def test_a_department_reports_a_month_and_sees_the_colour_change(visit: Visit, site: Site) -> None:
    page, schedule = visit.page, f"/plans/{site.plan_id}/schedule?as_of={AS_OF}"

    # (1) Signing in through the form lands on the 项目调度 page asked for.
    visit.open(schedule)
    page.get_by_label("用户名").fill(USER)
    page.get_by_label("密码").fill(PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="登录").click()
    assert page.locator("h1").first.inner_text().startswith("项目调度")

    # (2) The unit's own 未报送 come first; MINE is grey.
    first = page.locator("table.schedule-table tbody tr").first
    assert first.get_attribute("id") == MINE and "mine" in (first.get_attribute("class") or "")
    assert _badge(visit, MINE) == "未报送"
    grey_before = _grey_count(visit)
    _screenshot(page, "schedule", full_page=False)

    # (3) 调度填报: forms only for the unit's projects; report October for MINE.
    page.get_by_role("link", name="调度填报", exact=True).click()  # beside the date, for the signed-in
    page.wait_for_load_state("load")
    assert page.locator("h1").first.inner_text() == "调度填报"
    keys = page.locator("input[name=project]").evaluate_all("els => els.map(e => e.value)")
    assert MINE in keys and OTHERS not in keys
    item = page.locator(f'[id="item-{MINE}"]')
    for name, value in REPORT.items():
        item.locator(f"[name={name}]").fill(value)
    with page.expect_navigation(wait_until="load"):
        item.get_by_role("button", name="保存").click()
    assert page.get_by_role("status").inner_text() == "已保存调度情况"
    _screenshot(page, "schedule-entry", full_page=False)

    # (4) Back on 项目调度 as of the same date: MINE is green now, one grey fewer.
    visit.open(schedule)
    assert _badge(visit, MINE) == "正常"
    assert _grey_count(visit) == grey_before - 1

    # (5) The project page draws its chart and shows the new report with who made it.
    visit.open(f"/plans/{site.plan_id}/schedule/{MINE}?as_of={AS_OF}")
    page.wait_for_function(CHARTS_DRAWN)
    assert USER in page.locator("table.reports").inner_text()
    _screenshot(page, "project", full_page=False)

    # (6) A crafted POST for another unit's project, with this session's cookie and token: 403.
    visit.open(f"/plans/{site.plan_id}/schedule/entry")
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    assert token
    refused = page.request.post(
        f"{site.url}/plans/{site.plan_id}/schedule/entry",
        form={"csrf_token": token, "project": OTHERS, **REPORT},
        max_redirects=0,
    )
    assert refused.status == 403, (refused.status, refused.text()[:300])
    assert OTHERS in refused.text()
    visit.assert_clean()
