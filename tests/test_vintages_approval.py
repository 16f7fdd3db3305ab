"""As of a date, the books answer what was known and approved on that date: a figure counts from
max(as_of, approved_on), the latest such vintage per series, period and kind winning (ties: the one
entered last). Checked against a reference written out here, on random books (Hypothesis)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from planwatch.model import ApprovalState, Observation, ObservationKind, ParsedPlan, Plan, Source
from planwatch.store import Store
from planwatch.store.approvals import move
from planwatch.store.observations import write_observations
from planwatch.store.schema import approval_steps, observations
from planwatch.store.vintages import observations_as_of
from tests.helpers import ingest

START = date(2023, 1, 1)
STATES = list(ApprovalState)


@dataclass(frozen=True)
class Book:
    series: str
    period: str
    as_of: int  # days after START
    state: ApprovalState
    approved: int  # days after START, for an approved figure


books = st.lists(
    st.builds(
        Book,
        series=st.sampled_from(["T2.01", "T2.04"]),
        period=st.sampled_from(["2022", "2023"]),
        as_of=st.integers(0, 60),
        state=st.sampled_from(STATES),
        approved=st.integers(0, 90),
    ),
    max_size=12,
)


@pytest.fixture(scope="module")
def database() -> Iterator[tuple[Store, int]]:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{Path(folder) / 'property.db'}")
        plan = Plan(None, "甲区“十四五”规划纲要", "甲区", 2021, 2025, Source("甲.txt", "a" * 64, 1))
        plan_id = ingest(store, ParsedPlan(plan, (), ()), ["甲区“十四五”规划纲要"]).plan_id
        yield store, plan_id
        store.close()


def _store(store: Store, plan_id: int, written: list[Book]) -> list[int]:
    """The books as figures (each a distinct value: none is "already known"); their ids in order."""
    with store.transaction() as connection:
        connection.execute(delete(approval_steps))
        connection.execute(delete(observations))
        figures = [
            Observation(
                b.series, b.period, Decimal(n), "亿元", ObservationKind.LEVEL, START + timedelta(b.as_of)
            )
            for n, b in enumerate(written)
        ]
        _, fresh = write_observations(connection, plan_id, figures)
        ids = [o.id for o in fresh]
        for book, figure_id in zip(written, ids, strict=True):
            assert figure_id is not None
            approved_on = START + timedelta(book.approved) if book.state is ApprovalState.APPROVED else None
            move(
                connection,
                plan_id,
                [figure_id],
                book.state,
                "test",
                "测试",
                datetime.now(UTC),
                approved_on=approved_on,
            )
    return [i for i in ids if i is not None]


def _reference(written: list[Book], ids: list[int], day: date, pending: bool) -> dict[tuple[str, str], int]:
    """(series, period) → the value (= its index) that should be read as of `day`."""
    best: dict[tuple[str, str], tuple[date, int, int]] = {}
    for n, (book, figure_id) in enumerate(zip(written, ids, strict=True)):
        known = START + timedelta(book.as_of)
        if pending:
            counts = book.state is not ApprovalState.RETURNED and known <= day
        else:
            approved = START + timedelta(book.approved)
            counts = book.state is ApprovalState.APPROVED and known <= day and approved <= day
        key = (book.series, book.period)
        if counts and (key not in best or (known, figure_id) > best[key][:2]):
            best[key] = (known, figure_id, n)
    return {key: found[2] for key, found in best.items()}


def _read(store: Store, plan_id: int, day: date, pending: bool) -> dict[tuple[str, str], int]:
    found = observations_as_of(store, plan_id, day, pending=pending)
    return {(o.series_id, o.period): int(o.value) for series in found.values() for o in series}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(written=books, day=st.integers(-1, 95), pending=st.booleans())
def test_as_of_a_date_the_books_read_what_was_known_and_approved_then(
    database: tuple[Store, int], written: list[Book], day: int, pending: bool
) -> None:
    store, plan_id = database
    ids = _store(store, plan_id, written)
    when = START + timedelta(day)
    assert _read(store, plan_id, when, pending) == _reference(written, ids, when, pending)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(written=books, day=st.integers(0, 60))
def test_an_approval_given_later_never_changes_the_answer_as_of_an_earlier_date(
    database: tuple[Store, int], written: list[Book], day: int
) -> None:
    store, plan_id = database
    ids = _store(store, plan_id, written)
    when = START + timedelta(day)
    before = _read(store, plan_id, when, pending=False)
    waiting = [i for b, i in zip(written, ids, strict=True) if b.state is not ApprovalState.APPROVED]
    with store.transaction() as connection:
        later = when + timedelta(1)
        move(
            connection,
            plan_id,
            waiting,
            ApprovalState.APPROVED,
            "approve",
            "测试",
            datetime.now(UTC),
            approved_on=later,
        )
    assert _read(store, plan_id, when, pending=False) == before
