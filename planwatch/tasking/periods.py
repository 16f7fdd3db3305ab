"""Reporting periods: 2023Q2 (季度), 2023H1 (半年), 2023 (年度); their dates, names and which are due.

A period's report is due from the day after the period ends and is to be filed within the grace
days (TaskSettings.report_grace_days); after that a missing report is 未报送. A task's periods run
from the one in which its list took effect to the one that holds the end of its 完成时限 year
(for 长期/持续: without end).
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

from planwatch.tasking.model import Cycle

_LABEL = re.compile(r"^(\d{4})(?:(Q)([1-4])|(H)([12]))?$")
_WRITTEN = (
    (re.compile(r"^(\d{4})\s*年?\s*(?:第\s*)?([一二三四1-4])\s*季度$"), "Q"),
    (re.compile(r"^(\d{4})\s*年?\s*([上下])半年$"), "H"),
    (re.compile(r"^(\d{4})\s*年?\s*(?:全年|年度)?$"), ""),
)
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "上": 1, "下": 2}


class PeriodError(ValueError):
    """Text that is not a reporting period of the task's cycle (the message is Chinese)."""


def parts_per_year(cycle: Cycle) -> int:
    return {Cycle.QUARTER: 4, Cycle.HALF: 2, Cycle.YEAR: 1}[cycle]


def label(cycle: Cycle, year: int, part: int) -> str:
    if cycle is Cycle.QUARTER:
        return f"{year}Q{part}"
    if cycle is Cycle.HALF:
        return f"{year}H{part}"
    return str(year)


def cycle_of(period: str) -> Cycle:
    match = _LABEL.match(period)
    if match is None:
        raise PeriodError(f"“{period}”不是报告期")
    return Cycle.QUARTER if match[2] else Cycle.HALF if match[4] else Cycle.YEAR


def bounds(period: str) -> tuple[date, date]:
    """The first and last day of a period."""
    match = _LABEL.match(period)
    if match is None:
        raise PeriodError(f"“{period}”不是报告期")
    year = int(match[1])
    if match[2]:
        quarter = int(match[3])
        start = date(year, 3 * quarter - 2, 1)
        end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
        return start, end - timedelta(days=1)
    if match[4]:
        return (
            (date(year, 1, 1), date(year, 6, 30))
            if match[5] == "1"
            else (date(year, 7, 1), date(year, 12, 31))
        )
    return date(year, 1, 1), date(year, 12, 31)


def name(period: str) -> str:
    """2023H1 → 2023年上半年, 2023Q2 → 2023年第二季度, 2023 → 2023年度."""
    match = _LABEL.match(period)
    if match is None:
        return period
    if match[2]:
        return f"{match[1]}年第{'一二三四'[int(match[3]) - 1]}季度"
    if match[4]:
        return f"{match[1]}年{'上下'[int(match[5]) - 1]}半年"
    return f"{match[1]}年度"


def parse(text: str, cycle: Cycle) -> str:
    """A period as a person writes it (2023H1, 2023年上半年, 2023年第二季度, 2023) for a task that
    reports every `cycle`; PeriodError when it is not a period of that cycle."""
    tidy = text.strip().upper().replace(" ", "")
    if _LABEL.match(tidy):
        found = tidy
    else:
        found = ""
        for pattern, kind in _WRITTEN:
            match = pattern.match(text.strip())
            if match is None:
                continue
            year = int(match[1])
            if kind == "Q":
                part = _CN.get(match[2]) or int(match[2])
                found = label(Cycle.QUARTER, year, part)
            elif kind == "H":
                found = label(Cycle.HALF, year, _CN[match[2]])
            else:
                found = str(year)
            break
    if not found:
        raise PeriodError(f"“{text.strip()}”不是报告期（应写作 2023H1、2023年上半年、2023Q2 或 2023）")
    if cycle_of(found) is not cycle:
        raise PeriodError(f"本任务按{cycle.value}报送，报告期“{text.strip()}”不是{cycle.value}报告期")
    return found


def containing(cycle: Cycle, day: date) -> str:
    if cycle is Cycle.QUARTER:
        return label(cycle, day.year, (day.month - 1) // 3 + 1)
    if cycle is Cycle.HALF:
        return label(cycle, day.year, 1 if day.month <= 6 else 2)
    return str(day.year)


def following(period: str) -> str:
    cycle = cycle_of(period)
    _, end = bounds(period)
    return containing(cycle, end + timedelta(days=1))


@functools.lru_cache(maxsize=4096)
def report_deadline(period: str, grace_days: int) -> date:
    return bounds(period)[1] + timedelta(days=grace_days)


@functools.lru_cache(maxsize=4096)
def ended(cycle: Cycle, start: date, last_year: int | None, as_of: date) -> tuple[str, ...]:
    """The task's periods that have ended by `as_of` (the report is then due), oldest first: from the
    period holding `start` to the one holding 31 December of `last_year` (None: no end). Kept: the
    tasks of a list share a few such combinations."""
    found: list[str] = []
    period = containing(cycle, start)
    while True:
        first_day, last_day = bounds(period)
        if last_day >= as_of or (last_year is not None and first_day.year > last_year):
            return tuple(found)
        found.append(period)
        period = following(period)
