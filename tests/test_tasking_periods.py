"""Reporting periods: their labels, dates, names, the ways a person writes them, and which are due."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.tasking import Cycle
from planwatch.tasking.periods import (
    PeriodError,
    bounds,
    containing,
    cycle_of,
    ended,
    following,
    name,
    parse,
    report_deadline,
)


@pytest.mark.parametrize(
    ("text", "cycle", "label"),
    [
        ("2023H1", Cycle.HALF, "2023H1"),
        ("2023h2", Cycle.HALF, "2023H2"),
        ("2023年上半年", Cycle.HALF, "2023H1"),
        ("2023年下半年", Cycle.HALF, "2023H2"),
        ("2023Q2", Cycle.QUARTER, "2023Q2"),
        ("2023年第二季度", Cycle.QUARTER, "2023Q2"),
        ("2023年4季度", Cycle.QUARTER, "2023Q4"),
        ("2023", Cycle.YEAR, "2023"),
        ("2023年", Cycle.YEAR, "2023"),
        ("2023年度", Cycle.YEAR, "2023"),
    ],
)
def test_a_period_is_read_as_people_write_it(text: str, cycle: Cycle, label: str) -> None:
    assert parse(text, cycle) == label


def test_a_period_of_another_cycle_is_refused_with_the_cycle_named() -> None:
    with pytest.raises(PeriodError, match="本任务按半年报送"):
        parse("2023Q2", Cycle.HALF)
    with pytest.raises(PeriodError, match="不是报告期"):
        parse("去年", Cycle.YEAR)


@pytest.mark.parametrize(
    ("label", "first", "last", "shown"),
    [
        ("2024H1", date(2024, 1, 1), date(2024, 6, 30), "2024年上半年"),
        ("2024H2", date(2024, 7, 1), date(2024, 12, 31), "2024年下半年"),
        ("2024Q1", date(2024, 1, 1), date(2024, 3, 31), "2024年第一季度"),
        ("2024Q4", date(2024, 10, 1), date(2024, 12, 31), "2024年第四季度"),
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "2024年度"),
    ],
)
def test_a_period_has_its_days_and_its_chinese_name(label: str, first: date, last: date, shown: str) -> None:
    assert bounds(label) == (first, last)
    assert name(label) == shown


def test_a_report_is_due_within_the_grace_days_after_its_period() -> None:
    assert report_deadline("2024H2", 15) == date(2025, 1, 15)


def test_the_periods_due_run_from_the_start_to_the_deadline_year() -> None:
    assert ended(Cycle.HALF, date(2024, 7, 1), 2025, date(2026, 3, 1)) == ("2024H2", "2025H1", "2025H2")
    assert ended(Cycle.HALF, date(2024, 7, 1), None, date(2026, 8, 1)) == (
        "2024H2",
        "2025H1",
        "2025H2",
        "2026H1",
    )
    assert ended(Cycle.YEAR, date(2024, 7, 1), 2025, date(2024, 12, 31)) == ()  # the year has not ended
    assert ended(Cycle.QUARTER, date(2025, 5, 20), 2025, date(2025, 10, 2)) == ("2025Q2", "2025Q3")


_cycles = st.sampled_from(list(Cycle))
_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(_cycles, _days)
def test_every_day_lies_in_the_period_that_contains_it(cycle: Cycle, day: date) -> None:
    period = containing(cycle, day)
    first, last = bounds(period)
    assert first <= day <= last
    assert cycle_of(period) is cycle
    assert parse(period, cycle) == period


@given(_cycles, _days, st.integers(min_value=0, max_value=3000), st.none() | st.integers(2000, 2095))
def test_the_periods_due_follow_each_other_and_have_all_ended(
    cycle: Cycle, start: date, days: int, last_year: int | None
) -> None:
    as_of = start + timedelta(days=days)
    due = ended(cycle, start, last_year, as_of)
    for earlier, later in itertools.pairwise(due):
        assert following(earlier) == later
        assert bounds(earlier)[1] + timedelta(days=1) == bounds(later)[0]
    for period in due:
        assert bounds(period)[1] < as_of
        assert last_year is None or bounds(period)[0].year <= last_year
    if due:
        assert due[0] == containing(cycle, start)
