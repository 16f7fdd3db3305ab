"""The one date parser: every date a person types (a CLI option, a web query, an import cell).

`2023-03-15`, `2023/3/15`, `2023.3.15`, `2023年3月15日`, `20230315`, full-width digits too.
Only years a plan office means (1949–2100) are dates here: `9999-12-31` or `0001-01-01` are
refused with the same clear line as a word, instead of overflowing an evaluation later.
"""

from __future__ import annotations

import re
from datetime import date

from planwatch.document.text import strip_spaces, to_halfwidth
from planwatch.errors import PlanwatchError

EARLIEST_YEAR = 1949
LATEST_YEAR = 2100
EXAMPLE = "2025-06-30"

_DATE = re.compile(
    r"(?P<y>[0-9]{4})(?:[-/.年](?P<m>[0-9]{1,2})[-/.月](?P<d>[0-9]{1,2})日?|(?P<m2>[0-9]{2})(?P<d2>[0-9]{2}))"
)


class DateError(PlanwatchError):
    """Text that is not a date a plan office means."""


def parse_date(text: str, *, field: str | None = None) -> date | None:
    """The date written in `text`; None when it is blank; DateError (one Chinese line) otherwise."""
    tidy = strip_spaces(to_halfwidth(text))
    if not tidy:
        return None
    match = _DATE.fullmatch(tidy)
    try:
        if match is None:
            raise ValueError
        day = date(int(match["y"]), int(match["m"] or match["m2"]), int(match["d"] or match["d2"]))
    except ValueError:
        raise DateError(f"“{text.strip()}”不是日期（应写作{EXAMPLE}）", field=field) from None
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise DateError(f"日期“{text.strip()}”超出可用范围（{EARLIEST_YEAR}—{LATEST_YEAR}年）", field=field)
    return day


def date_or_today(text: str | None, *, field: str | None = None, today: date | None = None) -> date:
    """An as-of date option: the date written, or today when none is given."""
    return (parse_date(text, field=field) if text else None) or today or date.today()
