"""How amounts read to a planner: 万元 stored, 亿元 shown, no trailing zeros, no exponents."""

from __future__ import annotations

from decimal import Decimal

WAN_PER_YI = Decimal(10000)


def plain(value: Decimal | None) -> str:
    """`Decimal('25.000')` → `25`, `Decimal('1E+1')` → `10`; None → ``."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def yi_yuan(wan_yuan: Decimal | None) -> Decimal | None:
    return None if wan_yuan is None else wan_yuan / WAN_PER_YI
