"""An edited task list (.xlsx, the layout `planwatch tasks export --format xlsx` writes) → rows.

The sheet 任务清单 has a header row (序号, 任务编号, 重点任务, 牵头单位, 责任单位, 完成时限, 报送周期,
and optionally 章节, 任务内容, 原文行, 备注). Chapter rows (a 序号 without a dot: 三、建设现代产业体系)
are headings, not tasks. What a row says about the structure is checked here, without the list it
edits: a 序号 written twice, a task without a lead unit, a blank task name. What needs the list (the
keys, the units of the directory) is checked by the service; both lists of problems are reported
together and nothing is imported when there is any.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from planwatch.document import limits
from planwatch.errors import DocumentError
from planwatch.observe import grids
from planwatch.observe.problems import ImportProblem

SHEET = "任务清单"
REQUIRED = ("序号", "任务编号", "重点任务", "牵头单位", "责任单位", "完成时限", "报送周期")
OPTIONAL = ("章节", "任务内容", "原文行", "备注")
PATH_SEPARATOR = "›"  # between the headings of 章节: 第三章 … › 第一节 …
SUGGESTED = "（建议）"  # written after a lead unit the system suggested and no person confirmed
_NUMBER = re.compile(r"^\d+(?:\.\d+)+$")
_HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True, slots=True)
class SheetRow:
    row: int  # as Excel numbers it
    cells: dict[str, str]  # header → text as written (stripped)
    columns: dict[str, str] = field(default_factory=dict)  # header → column letter, for messages

    def get(self, name: str) -> str:
        return self.cells.get(name, "")


@dataclass(frozen=True, slots=True)
class Sheet:
    rows: list[SheetRow]
    problems: list[ImportProblem]


def read_task_sheet(path: Path, file_name: str) -> Sheet:
    """The task rows of the file and the problems of their structure (nothing raised for those).
    A file that cannot be read at all, or has no header, is refused at once (ImportRefused)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise grids.refused(
            Path(file_name),
            "任务清单只能从 .xlsx 文件导入（用 planwatch tasks export --format xlsx 导出后修改）",
        )
    data = grids.read_bytes(path)
    try:
        with limits.reading(file_name):
            sheets = grids.xlsx_grids(Path(file_name), data)
    except DocumentError as error:
        raise grids.refused(Path(file_name), error.reason) from None
    for grid in sheets:
        for index, cells in enumerate(grid[:_HEADER_SEARCH_ROWS]):
            header = [c.strip() for c in cells]
            if "序号" in header and "重点任务" in header:
                return _rows(grid, index, header)
    raise grids.refused(Path(file_name), f"找不到任务清单的表头（应有：{'、'.join(REQUIRED)}）")


def _rows(grid: list[list[str]], header_index: int, header: list[str]) -> Sheet:
    problems = [
        ImportProblem(header_index + 1, name, "缺少这一列") for name in REQUIRED if name not in header
    ]
    at = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}
    rows: list[SheetRow] = []
    seen: dict[str, int] = {}
    for index, cells in enumerate(grid[header_index + 1 :], start=header_index + 2):
        values = {name: (cells[i].strip() if i < len(cells) else "") for name, i in at.items()}
        if not any(values.values()):
            continue
        number = values.get("序号", "")
        if number and not _NUMBER.match(number) and not values.get("任务编号") and not values.get("牵头单位"):
            continue  # a chapter row: 三、建设现代产业体系
        row = SheetRow(index, values)
        problems += _row_problems(row, seen)
        rows.append(row)
    return Sheet(rows, problems)


def _row_problems(row: SheetRow, seen: dict[str, int]) -> list[ImportProblem]:
    found = []
    number = row.get("序号")
    if not number:
        found.append(ImportProblem(row.row, "序号", "序号不能为空"))
    elif not _NUMBER.match(number):
        found.append(ImportProblem(row.row, "序号", f"“{number}”不是任务序号（应写作 3.1、3.1.2 这样）"))
    elif number in seen:
        found.append(ImportProblem(row.row, "序号", f"序号“{number}”重复", seen[number]))
    else:
        seen[number] = row.row
    if not row.get("重点任务"):
        found.append(ImportProblem(row.row, "重点任务", "任务名称不能为空"))
    if not row.get("牵头单位").removesuffix(SUGGESTED).strip():
        found.append(ImportProblem(row.row, "牵头单位", "每项任务须有一个牵头单位"))
    lines = row.get("原文行")
    if lines and not re.fullmatch(r"\d+(?:\s*[-—～~]\s*\d+)?", lines):
        found.append(ImportProblem(row.row, "原文行", f"“{lines}”不是行号范围（应写作 529-541）"))
    return found
