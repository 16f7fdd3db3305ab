"""Figures in a bulletin's tables: one row per subject, a value column and a growth column.

Columns are found by their headers: the name (指标, 名称, 项目, else the first), the unit (单位),
the level (绝对数, 数值, 总量, 2023年…) and the growth rate (比上年增长, 增速, ±%). A table figure's
line is its cell's; its quote is its row, cells joined by ｜. A table whose title or level header
names another year (a comparison) and a table with no level or growth column are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from planwatch.bulletin.names import clean_subject
from planwatch.bulletin.types import Statement
from planwatch.document import Document, Table, TableCell
from planwatch.document.numbers import is_unit
from planwatch.document.text import strip_spaces, to_halfwidth
from planwatch.model import ObservationKind, ObservationStatus

_NAME = re.compile(r"指标|名称|项目")
_UNIT = re.compile(r"^单位$|计量单位")
_GROWTH = re.compile(r"增长|增速|增减|±|同比")
_LEVEL = re.compile(r"绝对数|绝对值|数值|总量|金额|实绩|完成|合计|^(?:19|20)[0-9]{2}年")
_YEAR = re.compile(r"(?P<year>(?:19|20)[0-9]{2})年")
_NUMBER = re.compile(r"^[+-]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?$")
_UNIT_IN_NAME = re.compile(r"[(（](?P<unit>[^()（）]+)[)）]$")
_JOIN = "｜"


def read_tables(
    document: Document, tables: tuple[Table, ...], year: int, region: str | None
) -> Iterator[Statement]:
    for table in tables:
        if len(table.rows) < 2:
            continue
        header = [strip_spaces(c.raw) for c in table.rows[0]]
        columns = _columns(header)
        if columns is None:
            continue
        name_col, unit_col, level_col, growth_col = columns
        table_year = _year(document, table, header[level_col] if level_col is not None else "") or year
        if table_year != year:
            continue  # another year's table (a comparison): its figures are not this bulletin's news
        for row in table.rows[1:]:
            yield from _row(row, name_col, unit_col, level_col, growth_col, year, region)


def _columns(header: list[str]) -> tuple[int, int | None, int | None, int | None] | None:
    def first(pattern: re.Pattern[str], skip: tuple[int | None, ...] = ()) -> int | None:
        return next((i for i, h in enumerate(header) if pattern.search(h) and i not in skip), None)

    growth = first(_GROWTH)
    unit = first(_UNIT)
    name = first(_NAME, (growth, unit))
    name = 0 if name is None else name
    level = first(_LEVEL, (growth, unit, name))
    if level is None and growth is None:
        return None
    return name, unit, level, growth


def _year(document: Document, table: Table, level_header: str) -> int | None:
    """The year a table is of: its level header's (2022年), else the title line just above it."""
    if match := _YEAR.search(level_header):
        return int(match["year"])
    for number in range(table.first_line - 1, max(table.first_line - 4, 0), -1):
        text = strip_spaces(document.line(number).text)
        if text:
            match = _YEAR.search(text) if text.startswith(("表", "附表")) else None
            return int(match["year"]) if match else None
    return None


def _row(
    row: tuple[TableCell, ...],
    name_col: int,
    unit_col: int | None,
    level_col: int | None,
    growth_col: int | None,
    year: int,
    region: str | None,
) -> Iterator[Statement]:
    cells = {c.col: c for c in row}
    name_cell = cells.get(name_col)
    if name_cell is None:
        return
    written = strip_spaces(to_halfwidth(name_cell.raw))
    unit = (
        strip_spaces(to_halfwidth(cells[unit_col].raw)) if unit_col is not None and unit_col in cells else ""
    )
    if not unit and (in_name := _UNIT_IN_NAME.search(written)) and is_unit(in_name["unit"]):
        unit = in_name["unit"]
    subject = clean_subject(written, region)
    if not subject:
        return
    quote = _JOIN.join(c.raw.strip() for c in row)
    status = ObservationStatus.PRELIMINARY
    for col, kind in ((level_col, ObservationKind.LEVEL), (growth_col, ObservationKind.GROWTH)):
        cell = cells.get(col) if col is not None else None
        value = _number(cell.raw) if cell is not None else None
        if cell is None or value is None:
            continue
        shown = strip_spaces(cell.raw)
        if kind is ObservationKind.GROWTH:
            yield Statement(subject, value, "%", kind, year, status, cell.line, quote, shown + "%")
        elif not unit or is_unit(unit):
            yield Statement(subject, value, unit or None, kind, year, status, cell.line, quote, shown + unit)


def _number(text: str) -> Decimal | None:
    cleaned = strip_spaces(to_halfwidth(text)).replace("−", "-").replace("－", "-")
    if not _NUMBER.match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numerals
        return None
