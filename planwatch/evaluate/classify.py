"""What an indicator's name and unit say about how to judge it (path, direction, kind of series)."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

_RATE_UNITS = frozenset({"%", "％", "‰"})
# A target written as a fall: the series should go down (贫困发生率下降, 万元GDP碳排放累计下降).
_FALLING_WORDS = ("降低", "下降", "减少", "压减", "削减")
# An intensity: an amount per unit of output (单位GDP能耗, 万元GDP碳排放, 单位工业增加值用水量).
_PER_UNIT_WORDS = ("单位", "万元", "强度")
_INTENSITY_WORDS = ("能耗", "能源消耗", "排放", "用水", "用地", "降低", "下降", "降幅")
_RATE_NAME_WORDS = ("增速", "增长率", "增幅")


def is_linear(name: str, unit: str | None) -> bool:
    """Shares, rates and ratios (%, ‰, 比, 率) move on a straight line; amounts and counts geometrically."""
    if unit in _RATE_UNITS or (unit is not None and "比" in unit):
        return True
    return not unit and ("比" in name or "率" in name)


def is_intensity(name: str) -> bool:
    return any(word in name for word in _PER_UNIT_WORDS) and any(word in name for word in _INTENSITY_WORDS)


def name_direction(name: str) -> Literal["rising", "falling"] | None:
    return "falling" if any(word in name for word in _FALLING_WORDS) else None


def values_are_rates(name: str, unit: str | None) -> bool:
    """A series that is itself a growth rate in % (固定资产投资增速): its level figures are annual rates."""
    return unit in _RATE_UNITS and any(word in name for word in _RATE_NAME_WORDS)


@lru_cache(maxsize=8192)
def classify(
    name: str, unit: str | None
) -> tuple[Literal["geometric", "linear"], Literal["rising", "falling"], bool]:
    """(path, direction by name, values are rates) — names repeat across plans, so this is cached."""
    path: Literal["geometric", "linear"] = "linear" if is_linear(name, unit) else "geometric"
    return path, name_direction(name) or "rising", values_are_rates(name, unit)
