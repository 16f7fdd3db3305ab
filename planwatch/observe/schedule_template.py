"""The 调度表 an office fills in: one row per project for one period, the projects' current values
pre-filled, and a 填写说明 sheet. What it writes, `read_schedule` reads back.

Reference columns (专栏, 责任单位, 总投资, 年度计划) are shaded and never read. Text from the plan is
written as text, never as a formula (planwatch.formulas).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planwatch.formulas import append_row
from planwatch.observe import schedule_layout as layout
from planwatch.project_model import LibraryProject, ProjectReport, ReportFrequency

DATA_SHEET = "调度表"
INSTRUCTIONS_SHEET = "填写说明"
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REFERENCE_FILL = PatternFill("solid", fgColor="EDEDED")
_EXAMPLE_FONT = Font(italic=True, color="808080")
_WIDTHS = {"项目名称": 36, "形象进度": 30, "存在问题": 30, "需协调事项": 30, "责任单位": 16}
_DATE_FIELDS = (layout.STARTED, layout.FINISHED, layout.REPORTED)


@dataclass(frozen=True, slots=True)
class TemplateRow:
    project: LibraryProject
    report: ProjectReport | None  # the period's report as known now, pre-filled
    started_on: date | None  # 开工 as reported (any period), pre-filled
    finished_on: date | None


def write_schedule_template(
    path: str | Path, title: str, period: str, frequency: ReportFrequency, rows: Sequence[TemplateRow]
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = DATA_SHEET
    headers = [header for header, _ in layout.COLUMNS]
    append_row(sheet, headers)
    append_row(sheet, _example(period))
    year = int(period[:4])
    for row in rows:
        append_row(sheet, _row(row, period, year))
    _style(sheet, headers)
    _instructions(workbook.create_sheet(INSTRUCTIONS_SHEET), title, period, frequency)
    workbook.save(Path(path))


def _row(row: TemplateRow, period: str, year: int) -> list[object]:
    project, report = row.project, row.report
    plan = project.year_plan(year)
    values: Mapping[str, object] = {
        layout.CODE: project.code,
        layout.NAME: project.name,
        layout.PERIOD: period,
        layout.COMPLETED: report.completed_wan_yuan if report else None,
        layout.CUMULATIVE: report.cumulative_wan_yuan if report else None,
        layout.STARTED: row.started_on,
        layout.FINISHED: row.finished_on,
        layout.PROGRESS: report.progress if report else None,
        layout.ISSUES: report.issues if report else None,
        layout.COORDINATION: report.coordination if report else None,
        layout.REPORTED: None,
    }
    reference = {
        "所属专栏": project.box,
        "责任单位": project.department,
        "总投资（万元）": project.investment_wan_yuan,
        "年度计划投资（万元）": plan.amount_wan_yuan if plan else None,
    }
    return [values[name] if name is not None else reference.get(header) for header, name in layout.COLUMNS]


def _example(period: str) -> list[object]:
    year = int(period[:4])
    example: dict[str, object] = {
        "项目编号": layout.EXAMPLE,
        "项目名称": "示例行，不导入",
        "所属专栏": "专栏6-1",
        "责任单位": "区交通运输局",
        "总投资（万元）": 250000,
        "年度计划投资（万元）": 50000,
        "期间": period,
        "本期完成投资（万元）": 4000,
        "自年初累计完成投资（万元）": 21000,
        "开工日期": f"{year}-03-01",
        "竣工日期": None,
        "形象进度": "主体结构施工至三层",
        "存在问题": "征地拆迁进度滞后",
        "需协调事项": "请自然资源分局加快用地报批",
        "填报日期": None,
    }
    return [example[header] for header, _ in layout.COLUMNS]


def _style(sheet: Worksheet, headers: list[str]) -> None:
    for col, (header, name) in enumerate(layout.COLUMNS, 1):
        cell = sheet.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = _REFERENCE_FILL if name is None else _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = _WIDTHS.get(header, 14)
        for row in range(2, sheet.max_row + 1):
            target = sheet.cell(row=row, column=col)
            if name is None:
                target.fill = _REFERENCE_FILL
            if name == layout.PERIOD:
                target.number_format = "@"  # 2024-05 stays text, not a date
            if name in _DATE_FIELDS:
                target.number_format = "yyyy-mm-dd"
    for example in sheet[2]:
        example.font = _EXAMPLE_FONT
    sheet.freeze_panes = "C2"
    sheet.row_dimensions[1].height = 32


def _instructions(sheet: Worksheet, title: str, period: str, frequency: ReportFrequency) -> None:
    shape = "2024-05（月）" if frequency is ReportFrequency.MONTH else "2024Q2（季度）"
    rows = [
        ("项目", "说明"),
        (
            "用途",
            f"填报《{title}》重大项目{period}的调度情况。"
            "填好后运行：planwatch projects report 规划 本文件.xlsx，或在网页“调度填报”中上传。",
        ),
        ("项目编号、项目名称", "按项目编号匹配项目，请勿修改；编号留空时按项目名称匹配。"),
        ("所属专栏、责任单位、总投资、年度计划投资", "灰色列仅供参考，导入时不读取。"),
        ("期间", f"本规划按{frequency.label}调度，期间写作{shape}。不在规划期内、尚未开始的期间不能填报。"),
        (
            "本期完成投资、自年初累计完成投资",
            "单位万元，只填数字。两项至少填一项：只填本期时，累计按上一次报送的累计加本期计算；只填累计时，"
            "本期按累计减上一次报送的累计计算。累计不能低于本年此前各期的累计，不能超过项目总投资；"
            "单期完成超过年度计划一半的，照收但标注待核实。",
        ),
        ("开工日期、竣工日期", "项目实际开工、竣工时填写（如 2024-03-01），之后各期可保留。"),
        ("形象进度、存在问题、需协调事项", "文字，如实填写；存在问题会列入项目的问题台账。"),
        (
            "填报日期",
            "留空按导入当天。更正已报送的数据时，重新填写该期间再导入即可：每一版都保留，旧版不会被覆盖。",
        ),
        ("不导入的内容", "本期、累计、日期、文字都没有填写的行，以及编号为“示例”的示例行。"),
        (
            "出错时",
            "文件中任何一处有错（不是数字、投资为负数、找不到项目、期间不在规划期内、同一项目同一期间重复、"
            "累计倒退或超过总投资……），整个文件都不导入，并列出全部问题（第几行、哪一列、原因）；改正后重新导入。",
        ),
        ("长表", "也可导入 CSV 文件，列名与本表相同，每行一个项目一个期间。"),
    ]
    for row in rows:
        append_row(sheet, row)
    for heading in sheet[1]:
        heading.font = Font(bold=True)
        heading.fill = _HEADER_FILL
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 100
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
