"""The status of a task as of a date, from what was filed, reviewed and reminded by then.

- 已完成: a report saying 已完成 was passed (通过) by 发改.
- 滞后: the end of its 完成时限 year has passed and it is not done.
- 逾期未报: a report is past its deadline and missing, and a reminder (催办) for it was sent.
- 未报送: a report is past its deadline and missing.
- 正常推进: otherwise.
In that order: a done task is done, a late one is late whatever its reports.

A period's report counts as received while it is filed and not sent back (退回); a report sent back
leaves its period owed until the unit files again. After the period in which a task was done, no
further reports are due.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from planwatch.tasking import periods
from planwatch.tasking.model import Cycle, Degree, Status
from planwatch.tasking.settings import DEFAULT_TASK_SETTINGS, TaskSettings

PASS = "pass"
RETURN = "return"


@dataclass(frozen=True, slots=True)
class Terms:
    """What a task's follow-up depends on."""

    key: str
    cycle: Cycle
    deadline_year: int | None  # None for 长期 / 持续
    start: date  # the day its list took effect


@dataclass(frozen=True, slots=True)
class Filed:
    """One report and what became of it, as far as known on the day asked about."""

    period: str
    filed_on: date
    degree: Degree
    decision: str | None = None  # pass | return
    decided_on: date | None = None


@dataclass(frozen=True, slots=True)
class Received:
    """The reports of one task as of a date, reduced to what the status needs."""

    periods: frozenset[str]  # periods with a report filed and not sent back
    done_on: date | None  # the first day a report of 已完成 was passed
    done_period: str | None  # the earliest period reported 已完成 and passed: nothing is due after it
    degree: Degree | None  # the degree of the latest passed report
    pending: int = 0  # reports waiting for review


@dataclass(frozen=True, slots=True)
class TaskState:
    key: str
    status: Status
    degree: Degree | None
    done_on: date | None
    due: tuple[str, ...]  # periods whose report was due by the date
    missing: tuple[str, ...]  # … whose deadline has passed without a report
    reminded: tuple[str, ...]  # … of those, reminded (催办) and still missing
    waiting: tuple[str, ...]  # ended, within the grace days, not yet filed (待报送)
    lagging: bool  # past its 完成时限
    pending: int  # reports waiting for 发改's review


def received(reports: Iterable[Filed], as_of: date) -> Received:
    """Reduce a task's reports to what was known on `as_of`."""
    kept: set[str] = set()
    done: tuple[date, str] | None = None
    latest: tuple[date, str, Degree] | None = None
    pending = 0
    for report in reports:
        if report.filed_on > as_of:
            continue
        decided = report.decision if report.decided_on is not None and report.decided_on <= as_of else None
        if decided != RETURN:
            kept.add(report.period)
        if decided is None:
            pending += 1
        if decided == PASS:
            assert report.decided_on is not None
            if report.degree is Degree.DONE:
                done = (
                    (report.decided_on, report.period)
                    if done is None
                    else (min(done[0], report.decided_on), min(done[1], report.period))
                )
            if latest is None or (report.period, report.decided_on) > (latest[1], latest[0]):
                latest = (report.decided_on, report.period, report.degree)
    return Received(
        frozenset(kept),
        done[0] if done else None,
        done[1] if done else None,
        latest[2] if latest else None,
        pending,
    )


@functools.lru_cache(maxsize=4096)
def schedule(
    cycle: Cycle, start: date, deadline_year: int | None, as_of: date, grace_days: int
) -> tuple[tuple[str, ...], frozenset[str]]:
    """(the periods due by `as_of`, those of them whose report deadline has passed): what every task
    of one cycle, start and deadline shares on a date."""
    due = periods.ended(cycle, start, deadline_year, as_of)
    late = frozenset(p for p in due if periods.report_deadline(p, grace_days) < as_of)
    return due, late


def judge(
    terms: Terms,
    got: Received,
    reminded: Iterable[str],
    as_of: date,
    settings: TaskSettings = DEFAULT_TASK_SETTINGS,
) -> TaskState:
    """The status of one task on `as_of`; `reminded`: periods a reminder was sent for by then."""
    due, past_deadline = schedule(
        terms.cycle, terms.start, terms.deadline_year, as_of, settings.report_grace_days
    )
    if got.done_period is not None:
        due = tuple(p for p in due if p <= got.done_period)
    open_periods = [p for p in due if p not in got.periods]
    missing = tuple(p for p in open_periods if p in past_deadline)
    waiting = tuple(p for p in open_periods if p not in past_deadline)
    reminders = set(reminded)
    late = tuple(p for p in missing if p in reminders)
    lagging = _lagging(got.done_on is not None, terms.deadline_year, as_of)
    status = _status(got.done_on is not None, lagging, bool(late), bool(missing))
    return TaskState(
        terms.key, status, got.degree, got.done_on, due, missing, late, waiting, lagging, got.pending
    )


@functools.lru_cache(maxsize=4096)
def checks(
    cycle: Cycle, start: date, deadline_year: int | None, as_of: date, grace_days: int
) -> tuple[bool, tuple[str, ...], str]:
    """What every task of one cycle, start and 完成时限 shares on `as_of`: (lagging unless done, the
    periods whose report must be in, each written `,2021H1,`, and all of them written as one run
    `,2021H1,2021H2,`)."""
    _, past_deadline = schedule(cycle, start, deadline_year, as_of, grace_days)
    ordered = sorted(past_deadline)
    return (
        _lagging(False, deadline_year, as_of),
        tuple(f",{p}," for p in ordered),
        "," + ",".join(ordered) + ",",
    )


def quick_status(
    lagging: bool, required: tuple[str, ...], run: str, received: str, done: bool, reminded: frozenset[str]
) -> Status:
    """`judge(...).status` for one task of very many, from `checks(...)` and the periods received
    written `,2021H1,2021H2,`: the same rules, without the details. `done`: done by the date asked."""
    if done or lagging:
        return _status(done, lagging, False, False)
    if run in received:  # every period required, in a row: the usual case, one test
        return Status.ON_TRACK
    missing = [p for p in required if p not in received]
    return _status(
        False, False, bool(reminded) and any(p.strip(",") in reminded for p in missing), bool(missing)
    )


def _lagging(done: bool, deadline_year: int | None, as_of: date) -> bool:
    return not done and deadline_year is not None and as_of > date(deadline_year, 12, 31)


def _status(done: bool, lagging: bool, reminded_missing: bool, missing: bool) -> Status:
    """In this order: a done task is done, a late one is late whatever its reports."""
    if done:
        return Status.DONE
    if lagging:
        return Status.LAGGING
    if reminded_missing:
        return Status.OVERDUE
    if missing:
        return Status.UNREPORTED
    return Status.ON_TRACK
