"""Report periods: a month (2024-05) or a quarter (2024Q2), when each is due, and the share of the
year it closes (序时进度: month m → m/12, quarter q → q/4)."""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date
from decimal import Decimal

from planwatch.project_model import ReportFrequency

_MONTH = re.compile(r"(?P<year>[0-9]{4})-(?P<month>0[1-9]|1[0-2])")
_QUARTER = re.compile(r"(?P<year>[0-9]{4})Q(?P<quarter>[1-4])")


@functools.lru_cache(maxsize=4096)  # a book has a few dozen distinct periods, read a million times
def parts(period: str) -> tuple[int, ReportFrequency, int]:
    """`2024-05` → (2024, month, 5); `2024Q2` → (2024, quarter, 2). ValueError for anything else."""
    if match := _MONTH.fullmatch(period):
        return int(match["year"]), ReportFrequency.MONTH, int(match["month"])
    if match := _QUARTER.fullmatch(period):
        return int(match["year"]), ReportFrequency.QUARTER, int(match["quarter"])
    raise ValueError(f"not a report period: {period!r}")


@functools.lru_cache(maxsize=4096)
def is_period(period: str) -> bool:
    try:
        parts(period)
    except ValueError:
        return False
    return True


def frequency_of(period: str) -> ReportFrequency:
    return parts(period)[1]


@functools.lru_cache(maxsize=4096)
def end_month(period: str) -> int:
    """The last month the period covers (2024Q2 → 6)."""
    _, frequency, index = parts(period)
    return index if frequency is ReportFrequency.MONTH else index * 3


@functools.lru_cache(maxsize=4096)
def order(period: str) -> tuple[int, int]:
    """Sort key: year, then the last month covered (a month and its quarter's end sort together)."""
    return int(period[:4]), end_month(period)


@functools.lru_cache(maxsize=4096)
def elapsed_share(period: str) -> Decimal:
    """序时进度 at the end of the period: month m → m/12, quarter q → q/4."""
    _, frequency, index = parts(period)
    return Decimal(index) / (12 if frequency is ReportFrequency.MONTH else 4)


def make(year: int, frequency: ReportFrequency, index: int) -> str:
    return f"{year}-{index:02d}" if frequency is ReportFrequency.MONTH else f"{year}Q{index}"


def periods_of_year(year: int, frequency: ReportFrequency) -> list[str]:
    return [make(year, frequency, i) for i in range(1, (12 if frequency is ReportFrequency.MONTH else 4) + 1)]


def containing(day: date, frequency: ReportFrequency) -> str:
    """The period a date falls in."""
    index = day.month if frequency is ReportFrequency.MONTH else (day.month - 1) // 3 + 1
    return make(day.year, frequency, index)


@functools.lru_cache(maxsize=4096)
def previous(period: str) -> str:
    year, frequency, index = parts(period)
    if index > 1:
        return make(year, frequency, index - 1)
    return make(year - 1, frequency, 12 if frequency is ReportFrequency.MONTH else 4)


@functools.lru_cache(maxsize=1024)
def due_date(period: str, due_day: int) -> date:
    """The day the period's report is due: `due_day` of the month after it ends (clamped to that month)."""
    year, month = int(period[:4]), end_month(period) + 1
    if month == 13:
        year, month = year + 1, 1
    return date(year, month, min(due_day, calendar.monthrange(year, month)[1]))


@functools.lru_cache(maxsize=1024)
def latest_due(as_of: date, frequency: ReportFrequency, due_day: int) -> str:
    """The latest period whose report is due on `as_of` (on 2024-06-10 with due day 10: 2024-05)."""
    period = previous(containing(as_of, frequency))
    while due_date(period, due_day) > as_of:
        period = previous(period)
    return period


@functools.lru_cache(maxsize=4096)
def label(period: str) -> str:
    """2024年5月, 2024年第2季度."""
    year, frequency, index = parts(period)
    return f"{year}年{index}月" if frequency is ReportFrequency.MONTH else f"{year}年第{index}季度"


def span_label(period: str) -> str:
    """What a 自年初累计 covers: 2024年1—5月, 2024年1月, 2024年1—2季度, 2024年第1季度."""
    year, frequency, index = parts(period)
    if frequency is ReportFrequency.MONTH:
        return f"{year}年1月" if index == 1 else f"{year}年1—{index}月"
    return f"{year}年第1季度" if index == 1 else f"{year}年1—{index}季度"
