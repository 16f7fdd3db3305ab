"""A task's status as of a date, by hand-computed cases and properties."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from planwatch.tasking import Cycle, Degree, Status
from planwatch.tasking.periods import ended
from planwatch.tasking.status import (
    PASS,
    RETURN,
    Filed,
    Received,
    Terms,
    checks,
    judge,
    quick_status,
    received,
)

HALF = Terms("R001", Cycle.HALF, 2025, date(2024, 7, 1))
FILED = date(2025, 1, 10)


def _status(terms: Terms, reports: list[Filed], as_of: date, reminded: tuple[str, ...] = ()) -> Status:
    return judge(terms, received(reports, as_of), reminded, as_of).status


def test_nothing_is_owed_before_the_first_period_ends() -> None:
    state = judge(HALF, received([], date(2024, 12, 31)), (), date(2024, 12, 31))
    assert (state.status, state.due, state.waiting) == (Status.ON_TRACK, (), ())


def test_a_report_within_its_grace_days_is_waited_for_then_missing() -> None:
    waiting = judge(HALF, received([], date(2025, 1, 15)), (), date(2025, 1, 15))
    assert (waiting.status, waiting.waiting, waiting.missing) == (Status.ON_TRACK, ("2024H2",), ())
    late = judge(HALF, received([], date(2025, 1, 16)), (), date(2025, 1, 16))
    assert (late.status, late.missing) == (Status.UNREPORTED, ("2024H2",))


def test_a_missing_report_reminded_is_overdue_from_the_reminder_on() -> None:
    assert _status(HALF, [], date(2025, 1, 20)) is Status.UNREPORTED
    assert _status(HALF, [], date(2025, 1, 26), ("2024H2",)) is Status.OVERDUE


def test_a_report_sent_back_is_owed_again_until_filed_anew() -> None:
    first = Filed("2024H2", FILED, Degree.UNDERWAY, RETURN, date(2025, 1, 12))
    assert _status(HALF, [first], date(2025, 1, 11)) is Status.ON_TRACK  # not yet sent back
    assert _status(HALF, [first], date(2025, 1, 20)) is Status.UNREPORTED
    again = Filed("2024H2", date(2025, 1, 22), Degree.UNDERWAY)
    assert _status(HALF, [first, again], date(2025, 1, 23)) is Status.ON_TRACK


def test_a_filed_report_waits_for_review_and_counts_as_filed() -> None:
    state = judge(
        HALF, received([Filed("2024H2", FILED, Degree.UNDERWAY)], date(2025, 2, 1)), (), date(2025, 2, 1)
    )
    assert (state.status, state.pending, state.degree) == (Status.ON_TRACK, 1, None)


def test_done_once_a_report_of_done_is_passed_and_nothing_is_due_after_it() -> None:
    done = Filed("2024H2", FILED, Degree.DONE, PASS, date(2025, 1, 20))
    before = judge(HALF, received([done], date(2025, 1, 19)), (), date(2025, 1, 19))
    assert before.status is Status.ON_TRACK and before.pending == 1
    after = judge(HALF, received([done], date(2025, 8, 1)), (), date(2025, 8, 1))
    assert (after.status, after.done_on, after.due, after.missing) == (
        Status.DONE,
        date(2025, 1, 20),
        ("2024H2",),
        (),
    )
    assert after.degree is Degree.DONE


def test_past_its_deadline_year_and_not_done_it_lags_whatever_its_reports() -> None:
    terms = Terms("R002", Cycle.YEAR, 2024, date(2024, 1, 1))
    passed = Filed("2024", date(2025, 1, 5), Degree.UNDERWAY, PASS, date(2025, 1, 6))
    state = judge(terms, received([passed], date(2025, 1, 7)), (), date(2025, 1, 7))
    assert (state.status, state.lagging, state.degree) == (Status.LAGGING, True, Degree.UNDERWAY)


def test_a_long_term_task_never_lags() -> None:
    terms = Terms("R003", Cycle.YEAR, None, date(2021, 7, 1))
    reports = [
        Filed(str(y), date(y + 1, 1, 5), Degree.ONGOING, PASS, date(y + 1, 1, 6)) for y in range(2021, 2030)
    ]
    assert _status(terms, reports, date(2030, 6, 1)) is Status.ON_TRACK


def test_what_was_filed_after_the_date_asked_about_is_not_seen() -> None:
    late = Filed("2024H2", date(2025, 3, 1), Degree.UNDERWAY)
    assert _status(HALF, [late], date(2025, 2, 1)) is Status.UNREPORTED
    assert _status(HALF, [late], date(2025, 3, 1)) is Status.ON_TRACK


_cycles = st.sampled_from(list(Cycle))
_starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 12, 31))


@given(_cycles, _starts, st.integers(0, 2000), st.none() | st.integers(2020, 2030))
def test_a_task_with_every_due_report_filed_is_never_unreported(
    cycle: Cycle, start: date, days: int, deadline: int | None
) -> None:
    terms = Terms("R009", cycle, deadline, start)
    as_of = start + timedelta(days=days)
    periods = frozenset(ended(cycle, start, deadline, as_of))
    state = judge(terms, Received(periods, None, None, None), (), as_of)
    assert state.status not in (Status.UNREPORTED, Status.OVERDUE)
    assert state.missing == ()


@given(_cycles, _starts, st.integers(0, 2000), st.none() | st.integers(2020, 2030))
def test_only_a_reminder_makes_a_missing_report_overdue(
    cycle: Cycle, start: date, days: int, deadline: int | None
) -> None:
    terms = Terms("R010", cycle, deadline, start)
    as_of = start + timedelta(days=days)
    nothing = Received(frozenset(), None, None, None)
    unreminded = judge(terms, nothing, (), as_of)
    assert unreminded.status is not Status.OVERDUE
    reminded = judge(terms, nothing, unreminded.missing, as_of)
    if unreminded.missing and not reminded.lagging:
        assert reminded.status is Status.OVERDUE
    assert reminded.reminded == unreminded.missing


_periods_pool = st.sets(st.sampled_from([f"{y}H{h}" for y in range(2020, 2028) for h in (1, 2)]), max_size=16)


@given(
    _starts,
    st.integers(0, 2500),
    st.none() | st.integers(2020, 2030),
    _periods_pool,
    _periods_pool,
    st.booleans(),
)
def test_the_quick_status_of_many_tasks_is_the_status_of_one(
    start: date, days: int, deadline: int | None, got: set[str], reminded: set[str], done: bool
) -> None:
    as_of = start + timedelta(days=days)
    terms = Terms("R011", Cycle.HALF, deadline, start)
    done_period = min(got) if done and got else None
    full = judge(
        terms, Received(frozenset(got), as_of if done_period else None, done_period, None), reminded, as_of
    )
    lagging, required, run = checks(Cycle.HALF, start, deadline, as_of, 15)
    text = "," + ",".join(sorted(got)) + ","
    assert (
        quick_status(lagging, required, run, text, done_period is not None, frozenset(reminded))
        is full.status
    )
