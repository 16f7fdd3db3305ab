"""Answers (page data, evaluations, judgements) are kept while the database has not changed, made
afresh after any write, kept apart per argument, bounded in entries, and an older revision's
answers are let go as soon as a write is seen."""

from __future__ import annotations

import gc
import weakref
from datetime import date
from pathlib import Path
from typing import Any

from planwatch.present.pages.kept import kept_while_unchanged
from planwatch.services.actor import system_actor
from planwatch.services.departments import add_department
from planwatch.store import Store
from planwatch.store.kept import LIMIT, kept_per_revision


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
    for day in range(1, LIMIT + 1):  # as many other pages as are kept: the first is let go
        page(store, 1, date(2024, 1, 1).replace(day=1 + day % 28, month=1 + day // 28))
    page(store, 1, date(2025, 6, 30))
    assert calls[-1] == (1, date(2025, 6, 30))


class _Answer:
    """An answer that can be watched for being let go (a dict cannot be weakly referenced)."""

    def __init__(self, revision: int) -> None:
        self.revision = revision


def test_an_older_revision_s_answers_are_let_go_once_a_write_is_seen(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'kept.db'}")

    @kept_per_revision
    def judged(store: Store, plan_id: int) -> _Answer:
        return _Answer(store.revision())

    watched = [weakref.ref(judged(store, plan_id)) for plan_id in (1, 2, 3)]
    gc.collect()
    assert all(ref() is not None for ref in watched)  # kept: the revision has not changed
    add_department(store, system_actor(), "区统计局")
    judged(store, 1)  # the first answer after the write
    gc.collect()
    assert [ref() for ref in watched] == [None, None, None]  # the old ones are gone, not aged out
