"""Open data of the public portal: a plan's approved figures with every vintage, as CSV and xlsx.

Both are written from `pages.public.open_data`, the dict the JSON download is. A text cell that a
spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) is written
as text: in the CSV with a leading apostrophe, in the workbook as a string cell with Excel's quote
prefix. Numbers stay numbers (a negative growth rate is a number, not a formula). The CSV is UTF-8
with a byte order mark, so Excel opens the Chinese correctly.

(A shared helper for this rule is being written elsewhere; until it lands, `text_cell` is it.)
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def text_cell(value: str) -> str:
    """`value` as a CSV cell no spreadsheet reads as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return ""
    return value


def csv_bytes(data: dict[str, Any]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = data["columns"]
    writer.writerow([text_cell(c["label"]) for c in columns])
    for row in data["figures"]:
        cells = [_cell(row[c["key"]]) for c in columns]
        writer.writerow([str(c) if isinstance(c, Decimal | int) else text_cell(str(c)) for c in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(data: dict[str, Any]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "已审批数据"
    columns = data["columns"]
    sheet.append([c["label"] for c in columns])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
    for number, row in enumerate(data["figures"], start=2):
        for col, column in enumerate(columns, start=1):
            value = _cell(row[column["key"]])
            cell = sheet.cell(number, col)
            if isinstance(value, Decimal | int):
                cell.value = value
                continue
            cell.value = str(value)
            if cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"  # never a formula
                cell.quotePrefix = True
    for letter, width in zip("ABCDEFGHIJKL", (8, 10, 28, 8, 10, 12, 8, 10, 12, 12, 30, 12), strict=False):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    about = workbook.create_sheet("说明")
    about.append(["规划", data["plan"]["title"]])
    about.append(["截至", data["as_of"]])
    about.append(["说明", "经审核、审批的统计数据，含全部修订版本；“截至当日最新”为评估所用的版本"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
