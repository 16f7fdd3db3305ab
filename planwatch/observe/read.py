"""Import files → `ImportRow`s, one per figure, each knowing its row and column.

CSV (UTF-8, UTF-8 with BOM, GBK/GB18030; comma- or tab-separated) and Excel .xlsx (read into grids
of text by planwatch.observe.grids, within the import limits), in the wide
layout (the template: a column per period) or the long one (期间 and 数值 columns). The header is
the first row, among the first ten, that names the indicator (编号 or 指标名称) and either has
period columns or both 期间 and 数值. Cells are kept as text; nothing is interpreted here but the
layout, so that every problem can be reported later with its row and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from planwatch.document import limits
from planwatch.errors import DocumentError
from planwatch.observe import grids, layout
from planwatch.observe.problems import ImportProblem, ImportRefused
from planwatch.observe.values import is_blank, looks_like_period, parse_period, tidy

_HEADER_SEARCH_ROWS = 10
_DIGIT = re.compile(r"[0-9]")
_PLAN_VALUES = re.compile(r"基期|目标|规划|备注")  # 2020年基期值, 2025年目标: the plan's values, not figures


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
    """Every figure of the file; raises ImportRefused when the file or its header cannot be read.

    Reading stops at the first limit (see planwatch.observe.grids): a hostile file costs no more
    than PLANWATCH_IMPORT_MAX_CELLS cells and PLANWATCH_READ_TIMEOUT seconds.
    """
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        reason = "只能导入 .csv 或 .xlsx 文件" + (
            "（.xls 请在 Excel 中另存为 .xlsx）" if suffix == ".xls" else ""
        )
        raise grids.refused(file, reason)
    data = grids.read_bytes(file)
    try:
        with limits.reading(str(file)):
            sheets = [grids.csv_grid(file, data)] if suffix == ".csv" else grids.xlsx_grids(file, data)
    except DocumentError as error:  # the time limit
        raise grids.refused(file, error.reason) from None
    for grid in sheets:
        header = _find_header(grid)
        if header is not None:
            if header.problems:
                raise ImportRefused(header.problems, file=str(file))
            return list(_rows(grid, header))
    raise grids.refused(
        file,
        "找不到表头：需要“编号”或“指标名称”列，以及年份列（如“2021年”）或“期间”“数值”两列",
    )


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
    # One columns mapping per value column, shared by every figure read from it (not one per figure).
    shared: dict[str, Mapping[str, str]] = {}

    def columns_of(column: str) -> Mapping[str, str]:
        if column not in shared:
            period = column if header.wide else header.labels[layout.PERIOD]
            shared[column] = {**header.labels, layout.VALUE: column, layout.PERIOD: period}
        return shared[column]

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
                columns=columns_of(column),
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
