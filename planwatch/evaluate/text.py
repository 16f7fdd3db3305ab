"""Numbers as a planner writes them in an evaluation report: 472.8亿元, 进度差 −0.5%, 后续两年."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planwatch.evaluate.mathx import NUDGE
from planwatch.formatting import MINUS  # U+2212, as in the method's example (进度差 −0.5%)
from planwatch.formatting import plain as _plain

_CHINESE_COUNTS = ("零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十")


def plain(value: Decimal) -> str:
    """A figure as entered (472, 4.70, 0.0472), never in exponent form (planwatch.formatting)."""
    return _plain(value, keep_zeros=True)


_HALF = tuple(0.5 * 10.0**-places for places in range(12))  # below this, a number rounds to zero
_ZERO = tuple("0." + "0" * places if places else "0" for places in range(12))


def number(value: float, decimals: int) -> str:
    """Rounded half away from zero (see mathx.NUDGE), with a true minus sign and no −0.0."""
    if -_HALF[decimals] < value < _HALF[decimals]:
        return _ZERO[decimals]
    shown = "%.*f" % (decimals, value * NUDGE)  # noqa: UP031 (faster than a nested f-string spec)
    return MINUS + shown[1:] if shown[0] == "-" else shown


def signed(value: float, decimals: int) -> str:
    """+0.3 / −0.5 / 0.0."""
    shown = number(value, decimals)
    return "+" + shown if value > 0.0 and shown != _ZERO[decimals] else shown


def percent(fraction: float, decimals: int = 1) -> str:
    return number(fraction * 100.0, decimals) + "%"


def count(n: int) -> str:
    return _CHINESE_COUNTS[n] if 0 <= n < len(_CHINESE_COUNTS) else str(n)


def years(first: int, last: int) -> str:
    return f"{first}年" if first == last else f"{first}—{last}年"


def day(when: date) -> str:
    return f"{when.year}年{when.month}月{when.day}日"


def remaining(m: int) -> str:
    """后续两年需年均… / 最后一年需…"""
    return "最后一年需" if m == 1 else f"后续{count(m)}年需年均"


def points_unit(unit: str | None) -> str:
    if unit in ("%", "％"):
        return "个百分点"
    if unit == "‰":
        return "个千分点"
    return unit or ""


def change(rate: float, decimals: int = 1) -> str:
    """增长7.5% / 下降3.1%."""
    if rate < 0.0:
        return "下降" + number(-rate * 100.0, decimals) + "%"
    return "增长" + number(rate * 100.0, decimals) + "%"


def point_change(points: float, unit: str | None, decimals: int) -> str:
    """提高0.8个百分点 / 降低0.02."""
    word = "降低" if points < 0 else "提高"
    return word + number(abs(points), decimals) + points_unit(unit)


def schedule_gap(gap: float) -> str:
    """进度差 −19.6%: g is a share of the way from base to target, never rate points (个百分点)."""
    return "进度差 " + signed(gap * 100.0, 1) + "%"


def distance(
    difference: float,
    unit: str | None,
    decimals: int,
    reference: str = "序时应达值",
    words: tuple[str, str] = ("高", "低"),
) -> str:
    """比序时应达值低4.09个百分点 / 高12.3亿元 / 与序时应达值持平: in the indicator's own unit."""
    shown = number(abs(difference), decimals)
    if shown == _ZERO[decimals]:
        return f"与{reference}持平"
    return f"比{reference}{words[0] if difference > 0.0 else words[1]}{shown}{points_unit(unit)}"
