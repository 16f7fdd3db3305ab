"""报告 in a real browser: a planner signs in, opens the 报告 tab, chooses the Excel books and a date,
and the browser downloads a workbook made on demand. Screenshot: build/screenshots/reports.png.

Same rules as tests/test_web_browser.py (Debian chromium via Playwright; skipped locally without it,
failing on CI).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from openpyxl import load_workbook

from planwatch.services.actor import system_actor
from planwatch.services.users import add_user
from planwatch.store import Store
from tests.test_web_browser import DESKTOP, Visit, _screenshot, launched_chromium, watched_page
from tests.web_server import AS_OF, Site, private_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

USER, PASSWORD = "规划科", "correct horse 8"


def _planner(store: Store, plan_id: int) -> None:
    add_user(store, system_actor(), USER, "planner", PASSWORD)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with private_site(tmp_path_factory.mktemp("web-browser-reports"), _planner) as running:
        yield running


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with launched_chromium(tmp_path_factory.mktemp("chromium-home")) as launched:
        yield launched


@pytest.fixture
def visit(browser: Browser, site: Site) -> Iterator[Visit]:
    with watched_page(browser, site.url, {"width": DESKTOP["width"], "height": DESKTOP["height"]}) as seen:
        yield seen


def test_a_planner_downloads_the_excel_books_from_the_reports_tab(
    visit: Visit, site: Site, tmp_path: Path
) -> None:
    page = visit.page
    page.goto(f"{site.url}/login?next=/plans/{site.plan_id}", wait_until="load")
    page.get_by_label("用户名").fill(USER)
    page.get_by_label("密码").fill(PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="登录").click()

    with page.expect_navigation(wait_until="load"):
        page.get_by_role("link", name="报告").click()
    assert page.locator("h1").first.inner_text() == "报告"
    page.get_by_label("数据截至").fill(AS_OF)
    page.get_by_label("Excel", exact=False).check()
    _screenshot(page, "reports", full_page=False)
    with page.expect_download() as downloading:
        page.get_by_role("button", name="生成并下载").click()
    download = downloading.value
    assert download.suggested_filename == "规划1新建区-2024年度监测报告数据-2025-06-30.xlsx"
    saved = tmp_path / "books.xlsx"
    download.save_as(saved)
    workbook = load_workbook(saved)
    assert workbook.sheetnames == ["指标评估", "统计数据", "目标", "项目", "任务", "来源"]
    assert workbook["指标评估"].max_row == 25  # the 24 indicators under the header
    visit.assert_clean()
