"""One table per sheet, laid out the same way: a bold shaded header frozen above a filter, numbers in
their formats, long text wrapped, widths from the text (a Chinese character is two columns wide),
and a status column coloured by conditional formatting on the row's 颜色 (绿/黄/红/灰)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from planwatch.formulas import append_row
from planwatch.present.report.categories import COLOR_LABEL, FILL, INK

GENERAL: Final = "General"
DECIMAL2: Final = "#,##0.00"
PERCENT: Final = "0.0%"
DATE: Final = "yyyy-mm-dd"
_HEADER_FILL: Final = PatternFill("solid", fgColor="D9E2F3")
_WIDEST: Final = 60  # characters; longer text wraps
_WRAPPED: Final = 50
_MEASURED_ROWS: Final = 500  # widths from the first rows: a 10,000-row sheet is not measured cell by cell


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    number_format: str | None = None  # for numbers and dates; text and counts keep the default
    wrap: bool = False


def table_sheet(
    workbook: Workbook,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Any]],
    *,
    colored: str | None = None,
    color_column: str | None = None,
) -> None:
    sheet = workbook.create_sheet(title)
    append_row(sheet, [c.title for c in columns])
    for row in rows:
        append_row(sheet, row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", horizontal="center", wrap_text=True)
    last = sheet.max_row
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        if column.number_format or column.wrap:
            for (cell,) in sheet.iter_rows(min_row=2, max_row=last, min_col=index, max_col=index):
                if column.number_format and cell.value is not None and not isinstance(cell.value, str):
                    cell.number_format = column.number_format
                if column.wrap:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[letter].width = _width(sheet, index, column)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(last, 2)}"
    if colored and color_column:
        _color_rules(sheet, columns, colored, color_column, last)


def _width(sheet: Any, index: int, column: Column) -> float:
    longest = display_width(column.title) + 2  # the filter button sits beside the title
    for (cell,) in sheet.iter_rows(
        min_row=2, max_row=min(sheet.max_row, _MEASURED_ROWS), min_col=index, max_col=index
    ):
        if cell.value is not None:
            longest = max(longest, display_width(_shown(cell.value, column)))
    return min(longest + 2, _WRAPPED if column.wrap else _WIDEST)


def _shown(value: Any, column: Column) -> str:
    if column.number_format == DATE:
        return "2025-06-30"
    if column.number_format in (DECIMAL2, PERCENT):
        return f"{value:,.2f}" if not isinstance(value, str) else value
    return str(value)


def display_width(text: str) -> int:
    """Columns a text takes: two for a CJK character or a full-width sign, one otherwise."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _color_rules(sheet: Any, columns: Sequence[Column], colored: str, color_column: str, last: int) -> None:
    titles = [c.title for c in columns]
    target = get_column_letter(titles.index(colored) + 1)
    source = get_column_letter(titles.index(color_column) + 1)
    cells = f"{target}2:{target}{max(last, 2)}"
    for color, label in COLOR_LABEL.items():
        fill = PatternFill("solid", start_color=FILL[color], end_color=FILL[color])
        rule = FormulaRule(  # type: ignore[no-untyped-call]
            formula=[f'${source}2="{label}"'], fill=fill, font=Font(color=INK[color])
        )
        sheet.conditional_formatting.add(cells, rule)
