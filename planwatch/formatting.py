"""The one number formatter: a figure as a planner writes it in a table, a message or a report.

No exponent (`1E+1` → `10`), trailing zeros dropped unless asked to keep them (`4.70` as entered),
rounded half up (四舍五入) when a number of places is given, and a true minus sign (U+2212), never
a hyphen. A leaf module: every stage (lint, evaluate, present) may use it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MINUS = "−"  # U+2212


def plain(value: Decimal | None, places: int | None = None, *, keep_zeros: bool = False) -> str:
    """`Decimal('25.000')` → `25`; `plain(Decimal('1192.3318'), 2)` → `1192.33`; None → ``."""
    if value is None:
        return ""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if not keep_zeros:
        value = value.normalize()
    text = format(value, "f")
    if text.startswith("-"):
        return text[1:] if value.is_zero() else MINUS + text[1:]
    return text
