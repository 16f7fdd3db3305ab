"""The task list as the Excel sheet a planner edits and imports back (任务清单), with a 填写说明 sheet.

Chapter rows (三、建设现代产业体系…) group the tasks and are skipped on import. A lead unit the
system suggested and no person confirmed is written with （建议） after it: deleting the mark
confirms it. Every text cell is written as text, never as a formula (planwatch.formulas).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from planwatch.formulas import append_row
from planwatch.observe.task_sheet import PATH_SEPARATOR, SHEET, SUGGESTED

HEADERS = (
    "序号",
    "任务编号",
    "章节",
    "重点任务",
    "任务内容",
    "牵头单位",
    "责任单位",
    "完成时限",
    "报送周期",
    "原文行",
    "备注",
)
WIDTHS = {
    "序号": 10,
    "任务编号": 10,
    "章节": 28,
    "重点任务": 36,
    "任务内容": 56,
    "牵头单位": 20,
    "责任单位": 28,
}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_CHAPTER_FILL = PatternFill("solid", fgColor="F2F2F2")


def write_task_xlsx(data: dict[str, Any], path: Path) -> None:
    """`data`: the task-list data (present.pages.tasks.task_list_data)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    append_row(sheet, [data["title"]])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(sheet, HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for chapter in data["chapters"]:
        append_row(sheet, [chapter["numeral"], "", "", chapter["heading"]])
        for cell in sheet[sheet.max_row]:
            cell.fill = _CHAPTER_FILL
            cell.font = Font(bold=True)
        for task in chapter["tasks"]:
            append_row(sheet, _row(task))
    for col, header in enumerate(HEADERS, 1):
        sheet.column_dimensions[get_column_letter(col)].width = WIDTHS.get(header, 12)
    for row_cells in sheet.iter_rows(min_row=3):
        for cell in row_cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    last = sheet.max_row + 200
    for header, choices in (("报送周期", ("季度", "半年", "年度")),):
        column = get_column_letter(HEADERS.index(header) + 1)
        validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
        validation.add(f"{column}3:{column}{last}")
        sheet.add_data_validation(validation)
    _instructions(workbook.create_sheet("填写说明"))
    workbook.save(path)


def _row(task: dict[str, Any]) -> list[object]:
    lead = task["lead_unit"] or ""
    if lead and task["lead_suggested"]:
        lead += SUGGESTED
    lines = (
        f"{task['first_line']}-{task['last_line']}"
        if task["first_line"] != task["last_line"]
        else str(task["first_line"])
    )
    return [
        task["number"],
        task["key"],
        f" {PATH_SEPARATOR} ".join(task["path"]),
        task["heading"],
        task["summary"],
        lead,
        "、".join(task["co_units"]),
        task["deadline"],
        task["cycle"],
        lines,
        task["note"],
    ]


def _instructions(sheet: Any) -> None:
    rows = [
        ("项目", "说明"),
        (
            "用途",
            "修改后在网页“任务清单”页导入，或运行：planwatch tasks import 规划 本文件.xlsx。"
            "导入替换任务清单草稿。",
        ),
        (
            "序号",
            "按章编号（3.1、3.1.2）。序号不能重复；3.1.2 归属于 3.1。"
            "章标题行（三、…）只作分组，导入时不读取。",
        ),
        (
            "任务编号",
            "R001 等，请勿修改：它把任务与历次报告、督办单连在一起。"
            "合并任务：在保留的一行写“R003、R004”，删去另一行。拆分任务：复制一行（保留同一编号），改写名称和原文行。"
            "新增任务：编号留空，并写明原文行。删除任务：删去整行（其已有的报告仍保留）。",
        ),
        ("重点任务、任务内容", "可改写。"),
        (
            "牵头单位",
            f"每项任务一个，须是单位名录中的单位。写有“{SUGGESTED}”的是系统按关键词建议的：确认时删去“{SUGGESTED}”。",
        ),
        ("责任单位", "可填多个，用顿号“、”分开。"),
        ("完成时限", "年份（如 2025）或 长期、持续。"),
        ("报送周期", "季度、半年 或 年度。"),
        ("原文行", "任务在规划文本中的行号范围（如 529-541），用于追溯。"),
        (
            "出错时",
            "有任何一处问题（序号重复、缺少牵头单位、单位不在名录中……），整个文件都不导入，并列出全部问题。",
        ),
    ]
    for row in rows:
        append_row(sheet, row)
    for heading in sheet[1]:
        heading.font = Font(bold=True)
        heading.fill = _HEADER_FILL
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 100
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
