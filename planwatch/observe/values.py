"""The cells of an import file: numbers, periods, kinds, statuses, dates and units.

Each reader raises `CellError` with a Chinese reason; the matcher collects them all.
Numbers are Arabic numerals only (1,234.5 or 1234.5, full- or half-width, an optional unit
after them): a data cell holding 三百 or 约420 is more likely a slip than a figure.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from planwatch import dates
from planwatch.document import numbers
from planwatch.document.text import strip_spaces, to_halfwidth
from planwatch.model import ObservationKind, ObservationStatus

# Cells that hold no figure: left empty, marked as not filled in, or the template's example.
_BLANKS = frozenset({"", "未填", "示例", "-", "--", "—", "——", "－", "/", "／", "无", "暂无"})
_NUMBER = re.compile(
    r"(?P<number>[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|[+-]?\.[0-9]+)(?P<unit>.*)"
)

_YEAR = re.compile(r"(?P<year>[0-9]{4})年?(?:度)?")
_QUARTER = re.compile(r"(?P<year>[0-9]{4})年?第?(?P<q>[1-4一二三四])季度?")
_QUARTER_Q = re.compile(r"(?P<year>[0-9]{4})[-/]?Q(?P<q>[1-4])", re.I)
_MONTH = re.compile(r"(?P<year>[0-9]{4})(?:年|[-/.])(?P<month>[0-9]{1,2})月?")
_QUARTER_DIGITS = {"1": 1, "2": 2, "3": 3, "4": 4, "一": 1, "二": 2, "三": 3, "四": 4}
# What planners write in a header after the year: 2021年实际, 2021年完成值.
_HEADER_SUFFIX = re.compile(r"(?:实际值?|完成值?|数据|数值|值)$")

KIND_LABELS = {ObservationKind.LEVEL: "水平值", ObservationKind.GROWTH: "增速"}
_KINDS = {
    "水平值": ObservationKind.LEVEL,
    "水平": ObservationKind.LEVEL,
    "总量": ObservationKind.LEVEL,
    "绝对值": ObservationKind.LEVEL,
    "实际值": ObservationKind.LEVEL,
    "数值": ObservationKind.LEVEL,
    "level": ObservationKind.LEVEL,
    "增速": ObservationKind.GROWTH,
    "增长率": ObservationKind.GROWTH,
    "增幅": ObservationKind.GROWTH,
    "增长": ObservationKind.GROWTH,
    "同比增长": ObservationKind.GROWTH,
    "比上年增长": ObservationKind.GROWTH,
    "growth": ObservationKind.GROWTH,
}
STATUS_LABELS = {
    ObservationStatus.PRELIMINARY: "初步",
    ObservationStatus.VERIFIED: "核实",
    ObservationStatus.FINAL: "最终",
}
# The bureau's words: 初步核算 → 初步核实 → 最终核实.
_STATUSES = {
    "初步": ObservationStatus.PRELIMINARY,
    "初步核算": ObservationStatus.PRELIMINARY,
    "初步数": ObservationStatus.PRELIMINARY,
    "快报": ObservationStatus.PRELIMINARY,
    "preliminary": ObservationStatus.PRELIMINARY,
    "核实": ObservationStatus.VERIFIED,
    "初步核实": ObservationStatus.VERIFIED,
    "核实数": ObservationStatus.VERIFIED,
    "verified": ObservationStatus.VERIFIED,
    "最终": ObservationStatus.FINAL,
    "最终核实": ObservationStatus.FINAL,
    "最终核实数": ObservationStatus.FINAL,
    "终核": ObservationStatus.FINAL,
    "final": ObservationStatus.FINAL,
}


class CellError(ValueError):
    """A cell that cannot be read; the message is the Chinese reason."""


def tidy(text: str) -> str:
    """Half-width, without any whitespace: how cells are compared."""
    return strip_spaces(to_halfwidth(text))


def is_blank(text: str) -> bool:
    return tidy(text) in _BLANKS


def parse_number(text: str, unit: str | None = None) -> tuple[Decimal, str]:
    """`1,234.5亿元` → (1234.5, "亿元"); the unit is "" when none is written.

    A unit written after the number must be one of the unit table or `unit` (the indicator's).
    """
    match = _NUMBER.fullmatch(tidy(text))
    if match is None or (match["unit"] and not _is_unit(match["unit"], unit)):
        raise CellError(f"“{text.strip()}”不是数字")
    try:
        value = Decimal(match["number"].replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numerals
        raise CellError(f"“{text.strip()}”不是数字") from None
    return value, match["unit"]


def _is_unit(text: str, unit: str | None) -> bool:
    return numbers.is_unit(text) or (unit is not None and text == tidy(unit))


def parse_period(text: str) -> str:
    """`2023`, `2023年`, `2023Q2`, `2023年第二季度`, `2023-05`, `2023年5月` → 2023, 2023Q2, 2023-05."""
    s = _HEADER_SUFFIX.sub("", tidy(text))
    if m := _YEAR.fullmatch(s):
        return m["year"]
    if (m := _QUARTER_Q.fullmatch(s)) or (m := _QUARTER.fullmatch(s)):
        return f"{m['year']}Q{_QUARTER_DIGITS[m['q']]}"
    if (m := _MONTH.fullmatch(s)) and 1 <= int(m["month"]) <= 12:
        return f"{m['year']}-{int(m['month']):02d}"
    raise CellError(f"“{text.strip()}”不是期间（应写作2023、2023Q2或2023-05）")


def period_end(period: str) -> date:
    """The last day of a period as `parse_period` writes it: 2023 → 2023-12-31, 2023Q2 → 2023-06-30,
    2023-05 → 2023-05-31. No figure of a period can be published before it."""
    year = int(period[:4])
    if "Q" in period:
        month = 3 * int(period[-1])
    elif "-" in period:
        month = int(period[5:7])
    else:
        month = 12
    return date(year, month, calendar.monthrange(year, month)[1])


def looks_like_period(text: str) -> bool:
    try:
        parse_period(text)
    except CellError:
        return False
    return True


def parse_kind(text: str) -> ObservationKind:
    s = tidy(text)
    if not s:
        return ObservationKind.LEVEL
    kind = _KINDS.get(s.lower())
    if kind is None:
        raise CellError(f"“{text.strip()}”应为“水平值”或“增速”")
    return kind


def parse_status(text: str) -> ObservationStatus:
    s = tidy(text)
    if not s:
        return ObservationStatus.PRELIMINARY
    status = _STATUSES.get(s.lower())
    if status is None:
        raise CellError(f"“{text.strip()}”应为“初步”“核实”或“最终”")
    return status


def parse_date(text: str) -> date | None:
    """A date cell (planwatch.dates); None when empty."""
    try:
        return dates.parse_date(text)
    except dates.DateError as error:
        raise CellError(error.reason) from None


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal | None:
    """`value` in `from_unit` in `to_unit`; the units as a planner types them (spaces, widths tidied)."""
    return numbers.convert(value, tidy(from_unit), tidy(to_unit))
