"""The arithmetic two rules share: compounding a base at a growth rate, and numbers as planners write them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

HUNDRED = Decimal(100)
# Real (comparable-price) growth against a nominal level: the level may run ahead of the growth.
REAL_GROWTH = re.compile(r"生产总值|增加值|GDP")


@dataclass(frozen=True, slots=True)
class Compounded:
    expected: Decimal  # base · (1 + rate)^years
    gap: Decimal  # (stated − expected) / expected
    implied_rate: Decimal  # the rate in % that would take the base to the stated value

    def off(self, tolerance: Decimal, name: str) -> bool:
        """Beyond tolerance; for real growth of a GDP-like aggregate, only when the level falls short."""
        return abs(self.gap) > tolerance and not (REAL_GROWTH.search(name) and self.gap > 0)


def compound(base: Decimal, rate_percent: Decimal, years: int, stated: Decimal) -> Compounded:
    expected = base * (1 + rate_percent / HUNDRED) ** years
    implied = ((stated / base) ** (Decimal(1) / years) - 1) * HUNDRED
    return Compounded(expected, (stated - expected) / expected, implied)


def percent_change(ratio: Decimal) -> str:
    return f"{ratio * HUNDRED:+.1f}%".replace("-", "−")
