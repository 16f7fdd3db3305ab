"""Page data is kept while the database has not changed, made afresh after any write, kept apart
per argument, and bounded in entries."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from planwatch.present.pages import kept
from planwatch.present.pages.kept import kept_while_unchanged
from planwatch.services.actor import system_actor
from planwatch.services.departments import add_department
from planwatch.store import Store


def _counting_page() -> tuple[list[tuple[int, date]], Any]:
    calls: list[tuple[int, date]] = []

    @kept_while_unchanged
    def page(store: Store, plan_id: int, as_of: date) -> dict[str, Any]:
        calls.append((plan_id, as_of))
        return {"revision": store.revision(), "plan": plan_id}

    return calls, page


def test_a_page_is_made_once_until_something_is_written(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'kept.db'}")
    calls, page = _counting_page()
    first = page(store, 1, date(2025, 6, 30))
    assert page(store, 1, date(2025, 6, 30)) is first and len(calls) == 1
    add_department(store, system_actor(), "区统计局")  # any write raises the revision
    after = page(store, 1, date(2025, 6, 30))
    assert after is not first and after["revision"] > first["revision"] and len(calls) == 2


def test_each_set_of_arguments_is_its_own_page_and_the_oldest_go_first(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'kept.db'}")
    calls, page = _counting_page()
    page(store, 1, date(2025, 6, 30))
    page(store, 2, date(2025, 6, 30))
    assert len(calls) == 2
    for day in range(1, kept._KEPT + 1):  # as many other pages as are kept: the first is let go
        page(store, 1, date(2024, 1, 1).replace(day=1 + day % 28, month=1 + day // 28))
    page(store, 1, date(2025, 6, 30))
    assert calls[-1] == (1, date(2025, 6, 30))
