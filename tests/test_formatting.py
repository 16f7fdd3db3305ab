"""The one number formatter: what every table, message and report writes for a number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.formatting import plain


@pytest.mark.parametrize(
    ("value", "places", "keep_zeros", "shown"),
    [
        (Decimal("25.000"), None, False, "25"),
        (Decimal("1E+1"), None, False, "10"),
        (Decimal("1192.3318"), 2, False, "1192.33"),
        (Decimal("0.125"), 2, False, "0.13"),  # 四舍五入, never banker's rounding
        (Decimal("4.70"), None, True, "4.70"),  # a figure as entered
        (Decimal("-0.5"), None, False, "−0.5"),  # a true minus sign
        (Decimal("-0.001"), 2, False, "0"),  # no −0
        (None, None, False, ""),
    ],
)
def test_numbers_read_as_a_planner_writes_them(
    value: Decimal | None, places: int | None, keep_zeros: bool, shown: str
) -> None:
    assert plain(value, places, keep_zeros=keep_zeros) == shown
