"""The web app in a real browser: charts drawn, no script errors, nothing fetched from outside.

Playwright drives Debian's chromium (/usr/bin/chromium; `playwright install` cannot download here).
Screenshots go to build/screenshots/ (CI artefacts, git-ignored). Without chromium the tests skip
locally and fail on CI (`CI` set), which must run them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.web_server import AS_OF, COOKIE, VIEWER, VIEWER_PASSWORD, Site, demo_site, session_cookie

try:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, ViewportSize, sync_playwright
except ImportError:  # pragma: no cover - reported by the `browser` fixture
    sync_playwright = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
DESKTOP = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
SCROLL_TOLERANCE = 8  # px: sub-pixel rounding of the layout, not a scrollbar's worth
SCREENSHOT_MAX_HEIGHT = 8000  # px: the full text and the lint report run to ~60,000 px (20 MB a shot)

# Every chart container holds a canvas of non-zero size with painted (non-transparent) pixels.
CHARTS_DRAWN = """() => {
  const charts = [...document.querySelectorAll('[data-chart]')];
  return charts.length > 0 && charts.every((el) => {
    const canvas = el.querySelector('canvas');
    if (!canvas || !canvas.width || !canvas.height || !window.echarts || !echarts.getInstanceByDom(el)) {
      return false;
    }
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { return true; } }
    return false;
  });
}"""


def _missing_browser(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with demo_site(tmp_path_factory.mktemp("web-browser")) as running:
        yield running


@contextmanager
def launched_chromium(home: Path) -> Iterator[Browser]:
    """Debian's Chromium under Playwright, with its own HOME; skipped (or failed on CI) when missing."""
    if sync_playwright is None:
        _missing_browser("playwright is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.exists():
        _missing_browser(f"{CHROMIUM} is missing (scripts/system-deps.sh test installs chromium)")
    env = {**os.environ, "HOME": str(home)}
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, env=env
        )
        yield launched
        launched.close()


@contextmanager
def watched_page(
    browser: Browser, base_url: str, viewport: ViewportSize, cookie: str | None = None
) -> Iterator[Visit]:
    """A page whose console errors and every request are recorded, for the checks after a visit;
    with `cookie`, signed in with that session."""
    context = browser.new_context(viewport=viewport, locale="zh-CN", timezone_id="Asia/Shanghai")
    if cookie is not None:
        context.add_cookies([{"name": COOKIE, "value": cookie, "url": base_url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    seen = Visit(page, base_url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def on_request(fetched: Request) -> None:
        seen.requests.append(fetched.url)

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.errors.append(f"pageerror: {error}"))
    page.on("request", on_request)
    yield seen
    context.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with launched_chromium(tmp_path_factory.mktemp("chromium-home")) as launched:
        yield launched


@dataclass
class Visit:
    """One page in its own browser context, with everything it logged and fetched."""

    page: Page
    base_url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        local = (self.base_url + "/", "data:", "about:", "blob:")
        return [url for url in self.requests if not url.startswith(local)]

    def open(self, path: str) -> Any:
        response = self.page.goto(self.base_url + path, wait_until="load")
        assert response is not None, path
        assert response.status == 200, f"{path}: HTTP {response.status}"
        return response

    def assert_clean(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.outside() == [], f"requests leaving 127.0.0.1: {self.outside()}"


@pytest.fixture(scope="module")
def signed_in(site: Site) -> str:
    """A colleague's read-only session: the staff app always requires signing in."""
    return session_cookie(site.url, VIEWER, VIEWER_PASSWORD)


@pytest.fixture
def visit(browser: Browser, site: Site, signed_in: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    with watched_page(browser, site.url, getattr(request, "param", DESKTOP), signed_in) as seen:
        yield seen


def _screenshot(page: Page, name: str, full_page: bool) -> None:
    """The viewport, or the whole page down to SCREENSHOT_MAX_HEIGHT."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    clip = None
    if full_page:
        width, height = page.evaluate(
            "[document.scrollingElement.scrollWidth, document.scrollingElement.scrollHeight]"
        )
        clip = {"x": 0, "y": 0, "width": width, "height": min(height, SCREENSHOT_MAX_HEIGHT)}
    page.screenshot(
        path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page, clip=clip, animations="disabled"
    )


def _overview(site: Site) -> str:
    return f"/plans/{site.plan_id}?as_of={AS_OF}"


def test_overview_draws_its_charts_and_fits_a_desktop_screen(visit: Visit, site: Site) -> None:
    visit.open(_overview(site))
    visit.page.wait_for_function(CHARTS_DRAWN)
    sizes = visit.page.eval_on_selector_all(
        "[data-chart]",
        "els => els.map(el => { const r = el.querySelector('canvas').getBoundingClientRect();"
        " return [el.id, r.width, r.height]; })",
    )
    assert len(sizes) >= 2, sizes  # the status donut and the investment bars
    assert all(width > 0 and height > 0 for _, width, height in sizes), sizes
    assert "总览" in visit.page.locator("h1").first.inner_text()
    _screenshot(visit.page, "overview", full_page=False)
    height = visit.page.evaluate("document.scrollingElement.scrollHeight")
    assert height <= DESKTOP["height"] + SCROLL_TOLERANCE, f"overview is {height}px tall on a 1080px screen"
    visit.assert_clean()


@pytest.mark.parametrize("visit", [PHONE], indirect=True, ids=["phone"])
def test_overview_is_usable_on_a_phone(visit: Visit, site: Site) -> None:
    visit.open(_overview(site))
    visit.page.wait_for_function(CHARTS_DRAWN)
    widths = visit.page.evaluate(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert widths[0] <= widths[1] + 1, f"horizontal scroll on a 390px phone: {widths}"
    _screenshot(visit.page, "overview-phone", full_page=True)
    visit.assert_clean()


NAV = [
    # (screenshot name, path after /plans/ID, text the first <h1> contains)
    ("plans", None, "规划列表"),
    ("indicators", f"/indicators?as_of={AS_OF}", "指标"),
    ("indicator", f"/indicators/T2.01?as_of={AS_OF}", "T2.01"),
    ("text", "/text", "规划文本"),
    ("targets", "/targets", "目标"),
    ("projects", "/projects", "项目"),
    ("lint", "/lint", "审稿"),
    ("search", "/search?q=海昏侯", "搜索"),
]


@pytest.mark.parametrize(("name", "tail", "heading"), NAV, ids=[n for n, _, _ in NAV])
def test_page_loads_clean(visit: Visit, site: Site, name: str, tail: str | None, heading: str) -> None:
    path = "/plans" if tail is None else f"/plans/{site.plan_id}{tail}"
    visit.open(path)
    assert heading in visit.page.locator("h1").first.inner_text()
    if visit.page.locator("[data-chart]").count():
        visit.page.wait_for_function(CHARTS_DRAWN)
    if name == "search":
        assert visit.page.locator("main").get_by_text("海昏侯").count() > 0, "search found nothing"
    _screenshot(visit.page, name, full_page=True)
    visit.assert_clean()
