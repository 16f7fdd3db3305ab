"""The arithmetic of the method, in float.

Logarithms, fractional powers and standard deviations have no exact Decimal form, and
Decimal's versions cost ten times more; the evaluation of 180,000 series must take seconds.
So the math runs in float (15–16 significant digits, far beyond what is reported) and every
reported number is rounded back into a Decimal at the end (`to_decimal`). Nothing here raises
on finite positive inputs: overflow becomes inf and a non-finite result becomes None upstream.
"""

from __future__ import annotations

import math
from decimal import Decimal

_INF = math.inf


def power(base: float, exponent: float) -> float:
    """base ** exponent for base ≥ 0, inf on overflow (float ** raises OverflowError instead)."""
    if base <= 0.0:
        return 0.0
    try:
        return float(base**exponent)
    except OverflowError:
        return _INF


# 四舍五入: half away from zero. A binary float sits just below or above a decimal tie
# (2.675 is 2.67499999…), so nudge it outward by a relative 1e-12 before formatting: far below
# any digit reported (at most 6 places of values below 10⁶), enough to lift every tie.
NUDGE = 1.0 + 1e-12


def fixed(value: float, decimals: int) -> str:
    """`value` rounded half away from zero, as text with exactly `decimals` places."""
    return "%.*f" % (decimals, value * NUDGE)  # noqa: UP031 (faster than a nested f-string spec)


def round_half_up(value: float, decimals: int) -> float:
    """四舍五入 to `decimals` places (Python's round() is half-even on the binary value)."""
    return float("%.*f" % (decimals, value * NUDGE))  # noqa: UP031 (faster than a nested f-string spec)


def to_decimal(value: float | None, decimals: int) -> Decimal | None:
    if value is None or value - value != 0.0:  # None, inf or nan
        return None
    return Decimal("%.*f" % (decimals, value * NUDGE))  # noqa: UP031 (faster than a nested f-string spec)


def geometric_mean_rate(rates: list[float]) -> float:
    """Average annual growth of reported rates (fractions): (Π(1 + rᵢ))^(1/n) − 1."""
    product = 1.0
    for rate in rates:
        product *= 1.0 + rate
    if product <= 0.0:
        return -1.0
    return power(product, 1.0 / len(rates)) - 1.0


def cagr(first: float, last: float, years: int) -> float | None:
    """(last/first)^(1/years) − 1, or None when it is undefined (non-positive values, no time)."""
    if first <= 0.0 or last <= 0.0 or years <= 0:
        return None
    return power(last / first, 1.0 / years) - 1.0


def stdev(values: list[float]) -> float | None:
    """Sample standard deviation (n − 1); None below two values."""
    n = len(values)
    if n < 2:
        return None
    mean = sum(values) / n
    return math.sqrt(sum([(v - mean) * (v - mean) for v in values]) / (n - 1))


def decimals_for(value: float, minimum: int) -> int:
    """Decimal places showing at least four significant digits, and at least `minimum`."""
    if value == 0.0 or not math.isfinite(value):
        return minimum
    wanted = 3 - math.floor(math.log10(abs(value)))
    return max(minimum, min(wanted, 6), 0)
