"""A filled 调度表 (.xlsx, the template of `planwatch projects template`) or a long CSV with the same
columns → `ScheduleRow`s, one per project and period, each cell as written with its column.

Read within the import limits (planwatch.observe.grids). The header is the first row, among the
first ten, that names the project (项目编号 or 项目名称), the period (期间) and an amount (本期完成投资
or 自年初累计完成投资). Nothing is interpreted here but the layout, so that every problem can be
reported later with its row and column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from planwatch.document import limits
from planwatch.errors import DocumentError
from planwatch.observe import grids
from planwatch.observe import schedule_layout as layout
from planwatch.observe.problems import ImportProblem, ImportRefused
from planwatch.observe.values import is_blank, tidy

_HEADER_SEARCH_ROWS = 10
_UNIT_SUFFIX = re.compile(r"[(（](?P<unit>[^)）]*)[)）]$")


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    row: int  # 1-based row of the sheet or file
    cells: Mapping[str, str]  # field → the cell as written ("" when the column is absent or blank)
    columns: Mapping[str, str] = field(default_factory=dict)  # field → its header as written
    units: Mapping[str, str] = field(default_factory=dict)  # amount field → the unit its header names

    def cell(self, name: str) -> str:
        return self.cells.get(name, "")

    def column(self, name: str) -> str:
        return self.columns.get(name, "")


@dataclass(frozen=True, slots=True)
class _Header:
    row: int
    fields: dict[str, int]
    labels: dict[str, str]
    units: dict[str, str]
    problems: list[ImportProblem]


def read_schedule(path: str | Path, *, shown_name: str | None = None) -> list[ScheduleRow]:
    """Every project row of the file; ImportRefused when the file or its header cannot be read."""
    file = Path(path)
    name = shown_name or str(file)
    suffix = file.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise grids.refused(Path(name), "只能导入 .xlsx 调度表或 .csv 文件")
    data = grids.read_bytes(file)
    try:
        with limits.reading(name):
            sheets = [grids.csv_grid(file, data)] if suffix == ".csv" else grids.xlsx_grids(file, data)
    except DocumentError as error:
        raise grids.refused(Path(name), error.reason) from None
    for grid in sheets:
        header = _find_header(grid)
        if header is not None:
            if header.problems:
                raise ImportRefused(header.problems, file=name)
            return _rows(grid, header)
    reason = "找不到表头：需要“项目编号”或“项目名称”列、“期间”列，以及“本期完成投资”或“自年初累计完成投资”列"
    raise grids.refused(Path(name), reason)


def _find_header(grid: Sequence[Sequence[str]]) -> _Header | None:
    for index, cells in enumerate(grid[:_HEADER_SEARCH_ROWS]):
        header = _header(index + 1, cells)
        named = layout.CODE in header.fields or layout.NAME in header.fields
        amount = any(a in header.fields for a in layout.AMOUNTS)
        if named and layout.PERIOD in header.fields and amount:
            return header
    return None


def _header(row: int, cells: Sequence[str]) -> _Header:
    fields: dict[str, int] = {}
    labels: dict[str, str] = {}
    units: dict[str, str] = {}
    problems: list[ImportProblem] = []
    for col, raw in enumerate(cells):
        label = raw.strip()
        key = tidy(label)
        unit = ""
        if match := _UNIT_SUFFIX.search(key):
            unit = match["unit"]
            key = key[: match.start()]
        if not key or key in layout.IGNORED:
            continue
        name = layout.ALIASES.get(key)
        if name is None:
            continue
        if name in fields:
            problems.append(ImportProblem(row, label, f"与“{labels[name]}”列重复"))
            continue
        if name in layout.AMOUNTS:
            if unit not in ("", "万元", "亿元"):
                problems.append(ImportProblem(row, label, "金额的单位应为万元或亿元"))
            units[name] = unit or "万元"
        fields[name] = col
        labels[name] = label
    return _Header(row, fields, labels, units, problems)


def _rows(grid: Sequence[Sequence[str]], header: _Header) -> list[ScheduleRow]:
    found = []
    for number, cells in enumerate(grid[header.row :], header.row + 1):
        if all(is_blank(c) for c in cells):
            continue
        values = {
            name: (cells[col].strip() if col < len(cells) else "") for name, col in header.fields.items()
        }
        if tidy(values.get(layout.CODE, "")).startswith(layout.EXAMPLE):
            continue
        found.append(ScheduleRow(number, values, header.labels, header.units))
    return found
