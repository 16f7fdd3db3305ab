"""Text from a plan never runs as script in a chart (issue 17): markup in a box title and in an
indicator's name and unit is shown as text in every tooltip and label, and the pages allow no inline
script even if it got through (Content-Security-Policy)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planwatch.services.actor import system_actor
from planwatch.services.figures import load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.services.users import add_user
from planwatch.store import Store
from tests.test_web_browser import launched_chromium
from tests.web_server import AS_OF, COOKIE, VIEWER, VIEWER_PASSWORD, running_server, session_cookie

pytestmark = pytest.mark.browser

ATTACK = "<img src=x onerror=alert(document.cookie)>"
# (line, text as written, text with markup in it)
INJECTED = (
    (531, "专栏3-1：汽车及汽车零部件产业", f"专栏3-1：汽车{ATTACK}及汽车零部件产业"),
    (362, "社会消费品零售总额（亿元）", f"社会消费品零售总额{ATTACK}（亿元）"),
)

# Every chart: its tooltip shown for each point of each series, the tooltip's HTML returned.
SHOW_EVERY_TOOLTIP = """() => {
  const shown = [];
  document.querySelectorAll('[data-chart]').forEach((el) => {
    const chart = echarts.getInstanceByDom(el);
    if (!chart) { return; }
    const option = chart.getOption();
    (option.series || []).forEach((series, s) => {
      const n = (series.data || []).length;
      for (let i = 0; i < n; i++) {
        chart.dispatchAction({ type: 'showTip', seriesIndex: s, dataIndex: i });
        const tip = el.querySelector('div[style*="z-index"]') || document.querySelector('.echarts-tooltip');
        if (tip) { shown.push(tip.innerHTML); }
      }
    });
  });
  return shown;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, str]]:
    folder = tmp_path_factory.mktemp("xss")
    lines = bundled_plan_path().read_text(encoding="utf-8").split("\n")
    for number, old, new in INJECTED:
        assert old in lines[number - 1]
        lines[number - 1] = lines[number - 1].replace(old, new)
    plan = folder / "hostile.txt"
    plan.write_text("\n".join(lines), encoding="utf-8")
    url = f"sqlite:///{folder / 'planwatch.db'}"
    store = Store(url)
    (outcome,) = ingest_files(store, system_actor(), [str(plan)])
    assert outcome.result is not None
    load_demo(store, system_actor(), outcome.result.plan_id)
    add_user(store, system_actor(), VIEWER, "viewer", VIEWER_PASSWORD)
    store.close()
    with running_server(url) as base:
        yield base, outcome.result.plan_id, session_cookie(base, VIEWER, VIEWER_PASSWORD)


def test_markup_in_chart_texts_never_runs_and_shows_as_text(
    hostile_site: tuple[str, int, str], tmp_path: Path
) -> None:
    base, plan_id, cookie = hostile_site
    with launched_chromium(tmp_path / "home") as browser:
        context = browser.new_context(viewport={"width": 1920, "height": 1080})
        context.add_cookies([{"name": COOKIE, "value": cookie, "url": base}])
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        every: list[str] = []
        for path in (f"/plans/{plan_id}?as_of={AS_OF}", f"/plans/{plan_id}/indicators/T2.04?as_of={AS_OF}"):
            page.goto(base + path, wait_until="load")
            page.wait_for_function("() => document.querySelectorAll('[data-chart] canvas').length > 0")
            tips = page.evaluate(SHOW_EVERY_TOOLTIP)
            assert tips, path
            assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0, path
            assert not any("<img" in tip for tip in tips), path  # escaped: &lt;img … shown as text
            every += tips
        assert any("&lt;img src=x" in tip for tip in every)  # the box title reached a tooltip, as text
        assert dialogs == []


def test_inline_script_is_refused_by_the_page_itself(
    hostile_site: tuple[str, int, str], tmp_path: Path
) -> None:
    """Even markup that reached the page as HTML would not run: the policy allows no inline script."""
    base, plan_id, _ = hostile_site
    with launched_chromium(tmp_path / "home") as browser:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{base}/public/plans/{plan_id}", wait_until="load")  # the portal: no sign-in
        page.evaluate(
            """() => { const div = document.createElement('div');
                       div.innerHTML = '<img src=x onerror="alert(1)">';
                       document.body.appendChild(div); }"""
        )
        page.wait_for_timeout(300)
        assert dialogs == []
