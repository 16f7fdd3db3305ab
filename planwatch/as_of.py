"""The date a judgement is made "as of": read from what a person typed, within a range that works.

The evaluation counts days and years around the date (a year's figure is due 31 December + lag),
and Python's dates end at 9999-12-31: 9999-12-31 or 0001-01-01 made that arithmetic overflow into
a traceback. A plan's dates lie in 1949–2100; the range below is wide and safe. The CLI's
`--as-of` uses this, and the web's `as_of=` can (issue 17).
"""

from __future__ import annotations

from datetime import date

from planwatch.errors import PlanwatchError

EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)


def parse_as_of(text: str, *, field: str | None = None) -> date:
    """`text` (2025-06-30) as a date within EARLIEST…LATEST; PlanwatchError (one Chinese line) if not."""
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise PlanwatchError(f"“{text}”不是日期，应写作2025-06-30", field=field) from None
    if not EARLIEST <= value <= LATEST:
        shown = f"{EARLIEST.isoformat()} 至 {LATEST.isoformat()}"
        raise PlanwatchError(f"日期“{text}”超出可评估的范围（{shown}）", field=field)
    return value
