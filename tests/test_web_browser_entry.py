"""数据填报 in a real browser, on a site that requires signing in: a department user signs in through
the form, enters a figure for its own indicator, sees that the evaluation is unchanged until the figure
is approved, and sees it change with the switch that counts pending figures (marked 未审批); another
department's indicator offers no form and a crafted POST for it is refused.

Same rules as tests/test_web_browser.py (Debian chromium via Playwright; skipped locally without it,
failing on CI). Screenshots: build/screenshots/login.png, entry.png, overview-after-entry.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from planwatch.services.actor import system_actor
from planwatch.services.assignments import assign
from planwatch.services.departments import load_starter
from planwatch.services.users import add_user
from planwatch.store import Store
from tests.test_web_browser import (
    CHARTS_DRAWN,
    DESKTOP,
    Visit,
    _screenshot,
    launched_chromium,
    watched_page,
)
from tests.web_server import AS_OF, Site, private_site

if TYPE_CHECKING:  # playwright may be missing: launched_chromium then skips (or fails on CI)
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

USER, PASSWORD, DEPARTMENT = "交通局", "correct horse 7", "区交通运输局"
OTHER_USER, OTHER_DEPARTMENT = "发改委", "区发改委"
MINE, OTHERS = "T2.04", "T2.01"  # 社会消费品零售总额 (assigned to DEPARTMENT); T2.01 to OTHER_DEPARTMENT
# The demo has 2024 at 172 亿元 (滞后于预期 on 2025-06-30); 210 is past the 2025 target of 200 a
# year early → 提前实现.
BEFORE, AFTER = "滞后于预期", "提前实现"
FIGURE = {"period": "2024", "value": "210", "unit": "亿元", "source": "2024年统计公报（更正）"}
PUBLISHED = "2025-04-01"  # before AS_OF, so the evaluation on AS_OF sees it


def _users(store: Store, plan_id: int) -> None:
    load_starter(store, system_actor())
    add_user(store, system_actor(), USER, "department", PASSWORD, DEPARTMENT)
    add_user(store, system_actor(), OTHER_USER, "department", PASSWORD, OTHER_DEPARTMENT)
    assign(store, system_actor(), plan_id, MINE, DEPARTMENT)
    assign(store, system_actor(), plan_id, OTHERS, OTHER_DEPARTMENT)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with private_site(tmp_path_factory.mktemp("web-browser-entry"), _users) as running:
        yield running


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with launched_chromium(tmp_path_factory.mktemp("chromium-home")) as launched:
        yield launched


@pytest.fixture
def visit(browser: Browser, site: Site) -> Iterator[Visit]:
    with watched_page(browser, site.url, {"width": DESKTOP["width"], "height": DESKTOP["height"]}) as seen:
        yield seen


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _status_counts(visit: Visit) -> dict[str, int]:
    """The overview's donut, as drawn from: {status: number of indicators}."""
    counts: list[dict[str, object]] = visit.page.evaluate(
        "JSON.parse(document.getElementById('status-chart-data').textContent)"
    )
    return {str(c["status"]): int(str(c["count"])) for c in counts}


def _status_on_indicator_page(visit: Visit, plan_id: int, item: str, pending: bool = False) -> str:
    visit.open(f"/plans/{plan_id}/indicators/{item}?as_of={AS_OF}" + ("&pending=1" if pending else ""))
    assert item in visit.page.locator("h1").first.inner_text()
    return visit.page.locator("section.card:has(h2:text-is('评估')) .badge").first.inner_text().strip()


def test_a_department_signs_in_enters_a_figure_and_sees_the_status_change(visit: Visit, site: Site) -> None:
    page, overview = visit.page, f"/plans/{site.plan_id}?as_of={AS_OF}"
    my_card = page.locator(f'a.indicator-card[href*="/indicators/{MINE}?"] .badge')

    # (1) Anonymous: the overview sends the visitor to the login page, remembering where they were going.
    visit.open(overview)
    assert _path(page.url).startswith("/login?next="), page.url
    assert page.locator("h1").first.inner_text() == "登录"
    assert page.get_by_role("link", name="数据填报").count() == 0
    _screenshot(page, "login", full_page=False)

    # (2) Signing in through the form lands on the overview asked for.
    page.get_by_label("用户名").fill(USER)
    page.get_by_label("密码").fill(PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="登录").click()
    assert _path(page.url) == overview, page.url
    assert f"{USER}（{DEPARTMENT}）" in page.locator("header .account").inner_text()

    # (3) T2.04 before: 滞后于预期 on its own page (and on the overview's card, when among the 12 shown).
    page.wait_for_function(CHARTS_DRAWN)
    counts_before = _status_counts(visit)
    if my_card.count():
        assert my_card.inner_text().strip() == BEFORE
    assert _status_on_indicator_page(visit, site.plan_id, MINE) == BEFORE

    # (4) 数据填报: only the user's own indicator has a form; enter a 2024 figure and save.
    page.get_by_role("link", name="数据填报").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").first.inner_text() == "数据填报"
    assert page.locator("input[name=series_id]").evaluate_all("els => els.map(e => e.value)") == [MINE]
    assert page.locator(f'[id="item-{OTHERS}"]').count() == 0
    item = page.locator(f'[id="item-{MINE}"]')
    for name, value in FIGURE.items():
        item.locator(f"input[name={name}]").fill(value)
    item.locator("input[name=as_of]").fill(PUBLISHED)
    item.locator("select[name=kind]").select_option("水平值")
    item.locator("select[name=status]").select_option("核实")
    with page.expect_navigation(wait_until="load"):
        item.get_by_role("button", name="保存").click()
    assert _path(page.url) == f"/plans/{site.plan_id}/entry?notice=saved-1", page.url
    assert page.get_by_role("status").inner_text() == "已保存"
    mine = page.locator("section.card:has(h2:text-is('我录入的数值'))")
    assert MINE in mine.inner_text() and PUBLISHED in mine.inner_text()
    _screenshot(page, "entry", full_page=True)

    # (5) T2.04 after: unchanged while the figure awaits review; with 含未审批数据 ticked, 提前实现,
    # marked 未审批, and on the overview one 滞后于预期 fewer, one 提前实现 more.
    assert _status_on_indicator_page(visit, site.plan_id, MINE) == BEFORE
    after = _status_on_indicator_page(visit, site.plan_id, MINE, pending=True)
    assert after != BEFORE and after == AFTER
    judged = page.locator("section.card:has(h2:text-is('评估'))")
    assert "210" in judged.inner_text() and "未审批" in judged.inner_text()
    visit.open(overview)
    page.wait_for_function(CHARTS_DRAWN)
    assert _status_counts(visit) == counts_before
    page.get_by_label("含未审批数据").check()
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="重新评估").click()
    assert "pending=1" in page.url
    page.wait_for_function(CHARTS_DRAWN)
    counts_after = _status_counts(visit)
    assert counts_after.get(BEFORE, 0) == counts_before[BEFORE] - 1, (counts_before, counts_after)
    assert counts_after[AFTER] == counts_before.get(AFTER, 0) + 1, (counts_before, counts_after)
    if my_card.count():
        assert my_card.inner_text().strip() == AFTER
    _screenshot(page, "overview-after-entry", full_page=False)

    # (6) A crafted POST for another department's indicator, with this session's cookie and token: 403.
    visit.open(f"/plans/{site.plan_id}/entry")
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    assert token
    refused = page.request.post(
        f"{site.url}/plans/{site.plan_id}/entry",
        form={"csrf_token": token, "series_id": OTHERS, **FIGURE, "kind": "水平值", "status": "核实"},
        max_redirects=0,
    )
    assert refused.status == 403, (refused.status, refused.text()[:300])
    assert OTHERS in refused.text()

    # (7) Nothing went wrong in the page, nothing was fetched from outside.
    visit.assert_clean()
