"""A chart draws what its evaluation counted: a figure still awaiting approval, or entered after
the page's date, is listed in the book but is not an actual level on the chart."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from planwatch.present.pages.indicators import indicator_page
from planwatch.present.pages.overview import overview_page
from planwatch.services.actor import Actor, Role, system_actor
from planwatch.services.figures import enter_figure, load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.store import Store

PLANNER = Actor("规划科", Role.PLANNER)
LATER = date(2026, 6, 30)


def _store_with_a_pending_2025_figure(tmp_path: Path) -> tuple[Store, int]:
    store = Store(f"sqlite:///{tmp_path / 'charts.db'}")
    (outcome,) = ingest_files(store, system_actor(), [str(bundled_plan_path())])
    assert outcome.result is not None
    plan_id = outcome.result.plan_id
    load_demo(store, system_actor(), plan_id)
    figure = {"period": "2025", "value": "999", "unit": "亿元", "as_of": "2026-03-01", "source": "快报"}
    enter_figure(store, PLANNER, plan_id, "T2.04", figure)
    return store, plan_id


def _drawn(chart: dict[str, object], year: str) -> object:
    years = chart["years"]
    assert isinstance(years, list)
    actual = chart["actual"]
    assert isinstance(actual, list)
    return actual[years.index(year)] if year in years else None


def test_a_figure_awaiting_approval_is_listed_but_not_drawn(tmp_path: Path) -> None:
    store, plan_id = _store_with_a_pending_2025_figure(tmp_path)
    page = indicator_page(store, plan_id, "T2.04", LATER)
    assert any(o["period"] == "2025" and o["approval"] != "approved" for o in page["observations"])
    assert _drawn(page["chart"], "2025") is None
    with_pending = indicator_page(store, plan_id, "T2.04", LATER, pending=True)
    assert _drawn(with_pending["chart"], "2025") == Decimal("999")


def test_a_figure_entered_after_the_page_s_date_is_not_drawn(tmp_path: Path) -> None:
    store, plan_id = _store_with_a_pending_2025_figure(tmp_path)
    before = indicator_page(store, plan_id, "T2.04", date(2026, 1, 31), pending=True)
    assert _drawn(before["chart"], "2025") is None


def test_the_overview_cards_draw_the_same_counted_levels(tmp_path: Path) -> None:
    store, plan_id = _store_with_a_pending_2025_figure(tmp_path)
    for pending in (False, True):
        overview = overview_page(store, plan_id, LATER, pending=pending)
        indicator = indicator_page(store, plan_id, "T2.04", LATER, pending=pending)
        card = next(c for c in overview["key_indicators"] if c["indicator_id"] == "T2.04")
        assert card["chart"]["actual"] == indicator["chart"]["actual"]
