"""Amounts as a planner reads them: 万元 stored, 亿元 shown (written out by planwatch.formatting)."""

from __future__ import annotations

from decimal import Decimal

WAN_PER_YI = Decimal(10000)


def yi_yuan(wan_yuan: Decimal | None) -> Decimal | None:
    return None if wan_yuan is None else wan_yuan / WAN_PER_YI
