"""The top of every page in Chromium at a phone's and three desktops' widths: the tab row stays one
row with every label on one line (never 总/览), scrolls sideways when the tabs do not fit (the
page's own tab in view), and still does with twelve tabs, as the coming books will need.

Screenshots: build/screenshots/nav-<page>-<width>.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.demo_site import ADMIN, PASSWORD, build
from tests.test_web_browser import SCREENSHOTS, launched_chromium
from tests.web_server import running_server

if TYPE_CHECKING:  # playwright may be missing: launched_chromium then skips (or fails on CI)
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280, 1440, 1920)
PAGES = {"overview": "/plans/1?as_of=2025-06-30", "versions": "/plans/1/versions", "entry": "/plans/1/entry"}
MORE_TABS = ("项目调度", "任务督办", "工作报告", "公开")  # what issues 11–14 may add

# Per tab: how many line boxes its label takes, its top, and whether it lies inside the tab row.
TABS = """() => {
  const row = document.querySelector('.tabs');
  const box = row.getBoundingClientRect();
  return [...row.querySelectorAll('a')].map((a) => {
    const range = document.createRange();
    range.selectNodeContents(a);
    const r = a.getBoundingClientRect();
    return {label: a.textContent.trim(), lines: range.getClientRects().length, top: r.top,
            active: a.classList.contains('active'),
            inside: r.left >= box.left - 1 && r.right <= box.right + 1};
  });
}"""
ADD_TABS = """(labels) => {
  const row = document.querySelector('.tabs');
  for (const label of labels) {
    const a = document.createElement('a');
    a.href = '#'; a.textContent = label; row.appendChild(a);
  }
}"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url, _ = build(tmp_path_factory.mktemp("layout"))
    with running_server(url) as base:
        yield base


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with launched_chromium(tmp_path_factory.mktemp("chromium-home")) as launched:
        yield launched


def _signed_in(browser: Browser, base_url: str, width: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(base_url + "/login")
    page.fill("input[name=name]", ADMIN)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.click("button[type=submit]")
    return page


def _check_tab_row(page: Page, where: str) -> list[dict[str, Any]]:
    tabs: list[dict[str, Any]] = page.evaluate(TABS)
    assert tabs, where
    assert [t["label"] for t in tabs if t["lines"] != 1] == [], f"{where}: a label wraps"
    assert len({round(t["top"]) for t in tabs}) == 1, f"{where}: the tabs are not one row"
    widths = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert widths[0] <= widths[1] + 1, f"{where}: the page scrolls sideways {widths}"
    return tabs


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_the_tab_row_is_one_row_of_whole_labels_with_the_page_s_tab_in_view(
    browser: Browser, base_url: str, width: int, name: str
) -> None:
    page = _signed_in(browser, base_url, width)
    try:
        page.goto(base_url + PAGES[name], wait_until="load")
        tabs = _check_tab_row(page, f"{name} at {width}px")
        active = [t for t in tabs if t["active"]]
        assert len(active) == 1 and active[0]["inside"], f"{name} at {width}px: its tab is out of view"
        header = page.evaluate("document.querySelector('header.top').getBoundingClientRect().height")
        assert header <= 130, f"{name} at {width}px: the top is {header}px tall"
        if width >= 1280:
            assert all(t["inside"] for t in tabs), f"{name} at {width}px: a tab is hidden"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"nav-{name}-{width}.png"), animations="disabled")
    finally:
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_many_tabs_still_make_one_row_that_scrolls_rather_than_wraps(
    browser: Browser, base_url: str, width: int
) -> None:
    page = _signed_in(browser, base_url, width)
    try:
        page.goto(base_url + PAGES["overview"], wait_until="load")
        before = len(page.query_selector_all(".tabs a"))
        page.evaluate(ADD_TABS, list(MORE_TABS))
        tabs = _check_tab_row(page, f"{before + len(MORE_TABS)} tabs at {width}px")
        assert len(tabs) == before + len(MORE_TABS) >= 15
        scrolls = page.evaluate("(() => { const r = document.querySelector('.tabs');"
                                " return r.scrollWidth > r.clientWidth; })()")  # fmt: skip
        if width == 390:
            assert scrolls  # a phone shows some of them and scrolls to the rest
        page.screenshot(path=str(SCREENSHOTS / f"nav-12-tabs-{width}.png"), animations="disabled")
    finally:
        page.context.close()


def test_screenshots_are_written_where_ci_keeps_them() -> None:
    assert Path(SCREENSHOTS).name == "screenshots" and Path(SCREENSHOTS).parent.name == "build"
