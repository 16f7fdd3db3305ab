"""Import files → grids of cell text, within the limits: what read.py looks for a header in.

CSV (UTF-8, UTF-8 with BOM, GBK/GB18030; comma- or tab-separated) and Excel .xlsx. Both are
streamed row by row and stop at the first limit (PLANWATCH_IMPORT_MAX_ROWS, _MAX_COLUMNS, _MAX_CELLS,
_MAX_FIELD_SIZE; the time limit of limits.reading). An .xlsx is checked on its zip directory
before openpyxl opens it (sizes, shared strings), and read with the sheet's <dimension> ignored:
it is the file's claim about itself, and a claim of 16,384 columns made openpyxl pad every row.
Trailing blank cells of a row are dropped, so a formatted but empty tail costs no column.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from planwatch import config
from planwatch.document import limits
from planwatch.document.encoding import decode
from planwatch.errors import DocumentError
from planwatch.observe.problems import ImportProblem, ImportRefused, ProblemList

Grid = list[list[str]]
INSTRUCTIONS_SHEET = "填写说明"
_TIME_CHECK_ROWS = 1000


def refused(file: Path, reason: str, row: int | None = None) -> ImportRefused:
    return ImportRefused([ImportProblem(row, None, reason)], file=str(file))


def read_bytes(file: Path) -> bytes:
    limit = limits.max_file_size()
    try:
        size = file.stat().st_size
        if size > limit:
            raise refused(file, limits.file_too_large(size))
        with file.open("rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since stat
    except OSError as error:
        raise refused(file, f"无法读取文件（{error.strerror or error.__class__.__name__}）") from None
    if len(data) > limit:
        raise refused(file, limits.file_too_large(len(data)))
    return data


class _Bounds:
    """Counts what a file has cost so far and refuses it at the first limit."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.max_rows = config.count(config.IMPORT_MAX_ROWS)
        self.max_columns = config.count(config.IMPORT_MAX_COLUMNS)
        self.max_cells = config.count(config.IMPORT_MAX_CELLS)
        self.rows = 0
        self.cells = 0

    def row(self, number: int, width: int, cells_read: int, sheet: str = "") -> None:
        """Account for row `number` (1-based in its sheet): `width` cells kept, `cells_read` read."""
        self.rows += 1
        self.cells += cells_read
        where = f"工作表“{sheet}”" if sheet else "文件"
        if number > self.max_rows or self.rows > self.max_rows:
            setting = config.IMPORT_MAX_ROWS.name
            raise refused(self.file, f"{where}超过 {self.max_rows:,} 行（设置 {setting}），请拆分后导入")
        if width > self.max_columns:
            reason = f"{where}第{number}行超过 {self.max_columns} 列（设置 {config.IMPORT_MAX_COLUMNS.name}）"
            raise refused(self.file, reason)
        if self.cells > self.max_cells:
            limit = f"{self.max_cells:,} 个单元格（设置 {config.IMPORT_MAX_CELLS.name}）"
            raise refused(self.file, f"{where}超过 {limit}，请拆分后导入")
        if self.rows % _TIME_CHECK_ROWS == 0:
            limits.check_time()


def _trimmed(cells: Sequence[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return list(cells[:end])


# ---- CSV --------------------------------------------------------------------------------------


def csv_grid(file: Path, data: bytes) -> Grid:
    try:
        text, _ = decode(data, file.name)
    except DocumentError as error:
        raise refused(file, error.reason) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    field_limit = config.size(config.IMPORT_MAX_FIELD_SIZE)
    csv.field_size_limit(field_limit)  # process-wide, but every reader sets the same setting
    bounds = _Bounds(file)
    grid: Grid = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, 1):
            cells = _trimmed(row)
            bounds.row(number, len(cells), len(row))
            grid.append(cells)
    except csv.Error as error:
        number = len(grid) + 1
        if "field larger than field limit" in str(error):
            setting = config.IMPORT_MAX_FIELD_SIZE.name
            reason = f"有一个单元格超过 {limits.describe_size(field_limit)}（设置 {setting}），不像是数据文件"
        else:
            reason = f"不是有效的 CSV 文件（{error}）"
        raise refused(file, reason, row=number) from None
    return grid


# ---- Excel ------------------------------------------------------------------------------------


def xlsx_grids(file: Path, data: bytes) -> list[Grid]:
    """Each sheet but the instructions, as text. A formula Excel never computed is reported, not skipped."""
    from openpyxl import load_workbook  # loads only when an Excel file is imported

    try:
        limits.check_xlsx(data, file.name)
    except DocumentError as error:
        raise refused(file, error.reason) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel features it drops; we read values
            values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            # A second pass, over the formulas, only when a sheet has any: each pass parses every cell.
            formulas = load_workbook(io.BytesIO(data), read_only=True) if _has_formulas(data) else None
    except Exception as error:  # openpyxl raises many types for a damaged or foreign file
        raise refused(file, f"不是有效的 .xlsx 文件（{error.__class__.__name__}）") from None
    grids: list[Grid] = []
    problems = ProblemList()
    bounds = _Bounds(file)
    try:
        for sheet in values.worksheets:
            if sheet.title.strip() == INSTRUCTIONS_SHEET:
                continue
            formula_sheet: Any = formulas[sheet.title] if formulas is not None else None
            grids.append(_sheet_grid(sheet, formula_sheet, bounds, problems))
    except ImportRefused:
        raise
    except Exception as error:  # a sheet damaged past its header: openpyxl fails while streaming it
        raise refused(file, f"不是有效的 .xlsx 文件（{error.__class__.__name__}）") from None
    finally:
        values.close()
        if formulas is not None:
            formulas.close()
    if problems:
        raise problems.refused(str(file))
    return grids


# A formula cell's <f> element, with or without a namespace prefix (<x:f>).
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet holds a formula, by scanning its XML as it inflates (stops at the first)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if not info.filename.lower().startswith("xl/worksheets/"):
                continue
            tail = b""
            with archive.open(info) as member:
                while chunk := member.read(1 << 20):
                    if _FORMULA_TAG.search(tail + chunk):
                        return True
                    tail = chunk[-8:]
    return False


def _sheet_grid(sheet: Any, formula_sheet: Any | None, bounds: _Bounds, problems: ProblemList) -> Grid:
    for each in (sheet, formula_sheet):
        if each is not None:
            each.reset_dimensions()  # never trust <dimension>: read the rows that are there
    formula_rows = iter(()) if formula_sheet is None else formula_sheet.iter_rows(values_only=True)
    grid: Grid = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
        raw_formulas = next(formula_rows, ())
        cells = _trimmed([_text(v) for v in row])
        bounds.row(number, len(cells), len(row), sheet.title)
        for col, (value, formula) in enumerate(zip(row, raw_formulas, strict=False), 1):
            if value is None and isinstance(formula, str) and formula.startswith("="):
                reason = "公式没有计算结果：请在 Excel 中打开并保存后再导入"
                problems.add(ImportProblem(number, _letter(col), reason))
        grid.append(cells)
    return grid


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _text(value: Any) -> str:
    """A cell as a person reads it: 420.5 not 420.49999…, a date as 2023-03-15."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    return str(value).strip()
