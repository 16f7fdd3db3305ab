"""The 调度 as an Excel workbook: the projects judged as of a date, totals by 专栏, 项目类别, 责任单位 and
镇街, and the project library. Built from the page data (`schedule_page`, `library_page`), so the
workbook and the JSON agree. Text is written as text, never a formula (planwatch.formulas)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planwatch.formulas import append_row

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_COLOR_FILLS = {
    "green": PatternFill("solid", fgColor="D9EAD3"),
    "yellow": PatternFill("solid", fgColor="FFF2CC"),
    "red": PatternFill("solid", fgColor="F4CCCC"),
    "grey": PatternFill("solid", fgColor="EDEDED"),
}
_SCHEDULE_COLUMNS = (
    ("项目编号", "code", 12),
    ("项目名称", "name", 34),
    ("所属专栏", "box", 10),
    ("项目类别", "category", 10),
    ("责任单位", "department", 16),
    ("建设地点", "location", 12),
    ("总投资（亿元）", "investment_yi_yuan", 12),
    ("年度计划（亿元）", "planned_yi_yuan", 12),
    ("累计完成（亿元）", "cumulative_yi_yuan", 12),
    ("投资完成率（%）", "rate", 10),
    ("序时进度（%）", "elapsed", 10),
    ("差（百分点）", "gap_points", 10),
    ("报送期间", "period", 10),
    ("状态", "status", 10),
    ("说明", "explanation", 60),
    ("待核实", "flags", 40),
    ("规划", "in_force_label", 14),
)
_TOTAL_COLUMNS = (
    ("分组", "label", 24),
    ("项目数", "count", 8),
    ("年度计划（亿元）", "planned_yi_yuan", 12),
    ("累计完成（亿元）", "cumulative_yi_yuan", 12),
    ("投资完成率（%）", "rate", 10),
    ("计划开工", "to_start", 9),
    ("已开工", "started", 9),
    ("开工率（%）", "start_rate", 10),
    ("计划竣工", "to_finish", 9),
    ("已竣工", "finished", 9),
    ("竣工率（%）", "finish_rate", 10),
    ("红", "red", 6),
    ("黄", "yellow", 6),
    ("绿", "green", 6),
    ("灰", "grey", 6),
    ("未报送", "unreported", 8),
)


def write_schedule_xlsx(schedule: dict[str, Any], library: dict[str, Any], path: str | Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "调度"
    append_row(
        sheet,
        [f"{schedule['plan']['title']} 重大项目调度（截至{schedule['as_of']}，{schedule['due_label']}）"],
    )
    _table(sheet, _SCHEDULE_COLUMNS, [_schedule_row(p) for p in schedule["projects"]], first_row=2)
    for row, project in enumerate(schedule["projects"], 3):
        sheet.cell(row=row, column=14).fill = _COLOR_FILLS[project["color"]]
    totals = workbook.create_sheet("汇总")
    groups = [("合计", [schedule["totals"]])] + [
        (title, schedule[name])
        for title, name in (
            ("按专栏", "by_box"),
            ("按项目类别", "by_category"),
            ("按责任单位", "by_department"),
            ("按镇街", "by_location"),
        )
    ]
    rows = []
    for title, found in groups:
        rows += [_total_row(t, title) for t in found]
    _table(totals, _TOTAL_COLUMNS, rows)
    _library_sheet(workbook.create_sheet("项目库"), library)
    workbook.save(Path(path))


def _schedule_row(project: dict[str, Any]) -> dict[str, Any]:
    return {**project, "flags": "；".join(project["flags"])}


def _total_row(totals: dict[str, Any], group: str) -> dict[str, Any]:
    label = totals["label"] if group == "合计" else f"{group}：{totals['label']}"
    return {**totals, **totals["colors"], "label": label}


def _library_sheet(sheet: Worksheet, library: dict[str, Any]) -> None:
    years = library["years"]
    columns: list[tuple[str, str, int]] = [
        ("项目编号", "code", 12),
        ("项目名称", "name", 34),
        ("所属专栏", "box", 10),
        ("项目类别", "category", 10),
        ("建设性质", "nature", 8),
        ("建设地点", "location", 12),
        ("建设起始年份", "start_year", 8),
        ("建设结束年份", "end_year", 8),
        ("总投资（亿元）", "investment_yi_yuan", 12),
        ("项目单位", "owner", 24),
        ("责任单位", "department", 16),
        ("状态", "status", 8),
        ("计划开工", "planned_start", 11),
        ("计划竣工", "planned_finish", 11),
        *((f"{y}年计划（亿元）", f"plan:{y}", 11) for y in years),
        ("来源", "origin", 24),
    ]
    rows = []
    for p in library["projects"]:
        plans = {f"plan:{y}": v["amount_yi_yuan"] for y, v in p["year_plans"].items()}
        source = p["source"]
        origin = f"规划第{source['version']}版第{source['line']}行" if source else "手工添加"
        if p["in_force_label"]:
            origin += f"（{p['in_force_label']}）"
        rows.append({**p, **plans, "origin": origin})
    _table(sheet, tuple(columns), rows)


def _table(
    sheet: Worksheet,
    columns: tuple[tuple[str, str, int], ...],
    rows: list[dict[str, Any]],
    first_row: int = 1,
) -> None:
    append_row(sheet, [header for header, _, _ in columns])
    for row in rows:
        append_row(sheet, [row.get(name) for _, name, _ in columns])
    for col, (_, _, width) in enumerate(columns, 1):
        cell = sheet.cell(row=first_row, column=col)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = f"C{first_row + 1}"
