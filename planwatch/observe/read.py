"""Import files → `ImportRow`s, one per figure, each knowing its row and column.

CSV (UTF-8, UTF-8 with BOM, GBK/GB18030; comma- or tab-separated) and Excel .xlsx, in the wide
layout (the template: a column per period) or the long one (期间 and 数值 columns). The header is
the first row, among the first ten, that names the indicator (编号 or 指标名称) and either has
period columns or both 期间 and 数值. Cells are kept as text; nothing is interpreted here but the
layout, so that every problem can be reported later with its row and column.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from planwatch.document.encoding import decode
from planwatch.errors import DocumentError
from planwatch.observe import layout
from planwatch.observe.problems import ImportProblem, ImportRefused
from planwatch.observe.values import is_blank, looks_like_period, parse_period, tidy

MAX_BYTES = 50 * 1024 * 1024
_HEADER_SEARCH_ROWS = 10
_DIGIT = re.compile(r"[0-9]")
_PLAN_VALUES = re.compile(r"基期|目标|规划|备注")  # 2020年基期值, 2025年目标: the plan's values, not figures
_INSTRUCTIONS_SHEET = "填写说明"


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One figure of the file, its cells as written."""

    row: int  # 1-based row of the file or sheet
    series_id: str
    name: str
    period: str
    value: str
    unit: str = ""
    kind: str = ""
    source: str = ""
    status: str = ""
    as_of: str = ""
    # field → the header of its column as written, for messages (数值, 2023年, 计量单位…)
    columns: Mapping[str, str] = field(default_factory=dict)

    def column(self, name: str) -> str:
        return self.columns.get(name, "")


@dataclass(frozen=True, slots=True)
class _Header:
    row: int
    fields: dict[str, int]  # field → column index
    periods: list[tuple[int, str]]  # (column index, header as written) in the wide layout
    labels: dict[str, str]  # field → header as written
    problems: list[ImportProblem]

    @property
    def wide(self) -> bool:
        return layout.PERIOD not in self.fields


def read_import(path: str | Path) -> list[ImportRow]:
    """Every figure of the file; raises ImportRefused when the file or its header cannot be read."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix == ".csv":
        grids = [_csv_grid(file)]
    elif suffix in (".xlsx", ".xlsm"):
        grids = _xlsx_grids(file)
    else:
        reason = "只能导入 .csv 或 .xlsx 文件" + (
            "（.xls 请在 Excel 中另存为 .xlsx）" if suffix == ".xls" else ""
        )
        raise _refused(file, reason)
    for grid in grids:
        header = _find_header(grid)
        if header is not None:
            if header.problems:
                raise ImportRefused(header.problems, file=str(file))
            return list(_rows(grid, header))
    raise _refused(
        file,
        "找不到表头：需要“编号”或“指标名称”列，以及年份列（如“2021年”）或“期间”“数值”两列",
    )


def _refused(file: Path, reason: str) -> ImportRefused:
    return ImportRefused([ImportProblem(None, None, reason)], file=str(file))


# ---- files → grids of text ---------------------------------------------------------------------


def _read_bytes(file: Path) -> bytes:
    try:
        if file.stat().st_size > MAX_BYTES:
            raise _refused(file, f"文件超过 {MAX_BYTES // 1024 // 1024} MB")
        return file.read_bytes()
    except OSError as error:
        raise _refused(file, f"无法读取文件（{error.strerror or error.__class__.__name__}）") from None


def _csv_grid(file: Path) -> list[list[str]]:
    data = _read_bytes(file)
    try:
        text, _ = decode(data, file.name)
    except DocumentError as error:
        raise _refused(file, error.reason) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _xlsx_grids(file: Path) -> list[list[list[str]]]:
    """Each sheet but the instructions, as text. A formula Excel never computed is reported, not skipped."""
    from openpyxl import load_workbook  # loads only when an Excel file is imported

    data = _read_bytes(file)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel features it drops; we read values
            values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many types for a damaged or foreign file
        raise _refused(file, f"不是有效的 .xlsx 文件（{error.__class__.__name__}）") from None
    grids: list[list[list[str]]] = []
    problems: list[ImportProblem] = []
    try:
        for sheet in values.worksheets:
            if sheet.title.strip() == _INSTRUCTIONS_SHEET:
                continue
            formula_rows = formulas[sheet.title].iter_rows(values_only=True)
            grid: list[list[str]] = []
            for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
                raw_formulas = next(formula_rows, ())
                for col, (value, formula) in enumerate(zip(row, raw_formulas, strict=False), 1):
                    if value is None and isinstance(formula, str) and formula.startswith("="):
                        problems.append(
                            ImportProblem(
                                number, _letter(col), "公式没有计算结果：请在 Excel 中打开并保存后再导入"
                            )
                        )
                grid.append([_text(v) for v in row])
            grids.append(grid)
    finally:
        values.close()
        formulas.close()
    if problems:
        raise ImportRefused(problems, file=str(file))
    return grids


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


# ---- grids → rows ------------------------------------------------------------------------------


def _find_header(grid: Sequence[Sequence[str]]) -> _Header | None:
    for index, cells in enumerate(grid[:_HEADER_SEARCH_ROWS]):
        header = _header(index + 1, cells)
        has_indicator = layout.ID in header.fields or layout.NAME in header.fields
        long = layout.PERIOD in header.fields and layout.VALUE in header.fields
        if has_indicator and (long or header.periods):
            return header
    return None


def _header(row: int, cells: Sequence[str]) -> _Header:
    fields: dict[str, int] = {}
    labels: dict[str, str] = {}
    periods: list[tuple[int, str]] = []
    seen_periods: dict[str, str] = {}
    problems: list[ImportProblem] = []
    for col, raw in enumerate(cells):
        label = raw.strip()
        key = tidy(label)
        if not key or key in layout.IGNORED:
            continue
        name = layout.ALIASES.get(key)
        if name is not None:
            if name in fields:
                problems.append(ImportProblem(row, label, f"与“{labels[name]}”列重复"))
            fields.setdefault(name, col)
            labels.setdefault(name, label)
        elif looks_like_period(label):
            period = parse_period(label)
            if period in seen_periods:
                problems.append(ImportProblem(row, label, f"与“{seen_periods[period]}”列是同一期间"))
            seen_periods.setdefault(period, label)
            periods.append((col, label))
        elif _DIGIT.search(key) and not _PLAN_VALUES.search(key):
            problems.append(
                ImportProblem(row, label, "无法识别的列：年份列应写作“2023年”，季度“2023Q2”，月份“2023-05”")
            )
    if layout.PERIOD in fields and layout.VALUE in fields:
        problems += [
            ImportProblem(row, label, "长表（有“期间”“数值”列）中不能再有年份列") for _, label in periods
        ]
        periods = []
    return _Header(row, fields, periods, labels, problems)


def _rows(grid: Sequence[Sequence[str]], header: _Header) -> Iterator[ImportRow]:
    columns = dict(header.labels)
    for number, cells in enumerate(grid[header.row :], header.row + 1):
        if all(is_blank(c) for c in cells) or _is_example(cells, header.fields):
            continue
        common = {
            name: _cell(cells, header.fields.get(name))
            for name in (layout.ID, layout.NAME, layout.UNIT, layout.KIND, layout.SOURCE, layout.STATUS)
        }
        as_of = _cell(cells, header.fields.get(layout.AS_OF))
        for period_label, value, column in _figures(cells, header):
            if is_blank(value):
                continue
            yield ImportRow(
                row=number,
                series_id=common[layout.ID],
                name=common[layout.NAME],
                period=period_label,
                value=value,
                unit=common[layout.UNIT],
                kind=common[layout.KIND],
                source=common[layout.SOURCE],
                status=common[layout.STATUS],
                as_of=as_of,
                columns={
                    **columns,
                    layout.VALUE: column,
                    layout.PERIOD: column if header.wide else columns[layout.PERIOD],
                },
            )


def _figures(cells: Sequence[str], header: _Header) -> Iterable[tuple[str, str, str]]:
    """(period as written, value as written, the value's column header) of one row."""
    if header.wide:
        return [(label, _cell(cells, col), label) for col, label in header.periods]
    period = _period_cell(_cell(cells, header.fields[layout.PERIOD]))
    return [(period, _cell(cells, header.fields[layout.VALUE]), header.labels[layout.VALUE])]


def _period_cell(text: str) -> str:
    """Excel turns a typed 2023-05 into the date 2023-05-01: read such a date back as the month."""
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})-01", text)
    return f"{match[1]}-{match[2]}" if match else text


def _cell(cells: Sequence[str], col: int | None) -> str:
    if col is None or col >= len(cells):
        return ""
    return cells[col].strip()


def _is_example(cells: Sequence[str], fields: Mapping[str, int]) -> bool:
    looked_at = [_cell(cells, fields.get(name)) for name in (layout.ID, layout.NAME)] + [_cell(cells, 0)]
    return any(tidy(text).startswith(layout.EXAMPLE) for text in looked_at)
