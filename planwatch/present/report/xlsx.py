"""The plan as an Excel workbook: one sheet per kind of thing, Chinese headers.

Built from `plan_data`, the same dict the JSON export writes, so the two agree. Every text cell
is the plan's text, never a formula (planwatch.formulas).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planwatch.formulas import append_row
from planwatch.present.amounts import yi_yuan
from planwatch.present.labels import SECTION_KIND, attribute_label, cell_kind_label, target_kind_label

PREVIOUS_RESULTS_SHEET = "上期完成情况"  # the prose's facts: what the previous plan achieved

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WIDTH_LIMIT = 60


def write_plan_xlsx(data: dict[str, Any], path: Path) -> None:
    workbook = Workbook()
    _plan_sheet(workbook.active, data["plan"])  # type: ignore[arg-type]
    _sheet(workbook, "指标", _indicator_header(), [_indicator_row(i) for i in data["indicators"]])
    _sheet(
        workbook,
        "指标单元格",
        ["指标编号", "指标名称", "列标题", "原文", "类型", "数值", "年份", "行号"],
        [
            [
                i["id"],
                i["name"],
                c["header"],
                c["raw"],
                cell_kind_label(c["kind"]),
                c["value"],
                c["year"],
                c["line"],
            ]
            for i in data["indicators"]
            for c in i["cells"]
        ],
    )
    target_header = [
        "编号",
        "对象",
        "数值",
        "下限",
        "上限",
        "原文数值",
        "单位",
        "类型",
        "限定",
        "年份",
        "隐含年份",
        "方向",
        "行号",
        "原文",
    ]
    _sheet(workbook, "目标", target_header, [_target_row(t) for t in data["targets"]])
    # the previous period's results (十三五 in a 十四五 plan), not this plan's progress
    _sheet(workbook, PREVIOUS_RESULTS_SHEET, target_header, [_target_row(t) for t in data["facts"]])
    _sheet(workbook, "项目", _project_header(), [_project_row(p) for p in data["projects"]])
    _sheet(
        workbook,
        "目录",
        ["编号", "层级", "序号", "标题", "行号", "上级编号"],
        [
            [
                s["id"],
                SECTION_KIND.get(s["kind"], s["kind"]),
                s["number"],
                s["title"],
                s["line"],
                s["parent_id"],
            ]
            for s in data["sections"]
        ],
    )
    _sheet(
        workbook,
        "待核实问题",
        ["行号", "字段", "问题", "原文"],
        [[p["line"], p["field"], p["reason"], p["raw"]] for p in data["problems"]],
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def _indicator_header() -> list[str]:
    return [
        "指标编号", "专栏", "类别", "指标名称", "单位", "属性",
        "基期年份", "基期值", "基期原文", "目标年份", "目标值", "目标原文", "目标类型",
        "年均增速或累计", "行号",
    ]  # fmt: skip


def _indicator_row(indicator: dict[str, Any]) -> list[Any]:
    base = indicator["base"] or {}
    target = indicator["target"] or {}
    growth = indicator["growth"] or {}
    return [
        indicator["id"],
        indicator["box"],
        indicator["category"],
        indicator["name"],
        indicator["unit"],
        attribute_label(indicator["attribute"]),
        base.get("year"),
        base.get("value"),
        base.get("raw"),
        target.get("year"),
        target.get("value"),
        target.get("raw"),
        cell_kind_label(target.get("kind")),
        growth.get("raw"),
        indicator["line"],
    ]


def _target_row(target: dict[str, Any]) -> list[Any]:
    return [
        target["id"], target["subject"], target["value"], target["value_min"], target["value_max"],
        target["value_raw"], target["unit"], target_kind_label(target["kind"]), target["qualifier"],
        target["year"], target["year_implied"], target["direction"], target["line"], target["quote"],
    ]  # fmt: skip


def _project_header() -> list[str]:
    return [
        "编号", "专栏", "专栏标题", "序号", "项目名称", "建设单位", "总投资（万元）", "总投资（亿元）",
        "投资原文", "投资限定", "用地（亩）", "用地原文", "规模", "年度目标", "起始行", "结束行",
    ]  # fmt: skip


def _project_row(project: dict[str, Any]) -> list[Any]:
    wan = project["investment_wan_yuan"]
    schedule = "；".join(entry["text"] for entry in project["schedule"])
    head = [project[k] for k in ("id", "box", "box_title", "number", "name", "owner")]
    middle = [
        project[k] for k in ("investment_raw", "investment_qualifier", "land_mu", "land_raw", "capacity_raw")
    ]
    return [*head, wan, yi_yuan(wan), *middle, schedule, project["line"], project["last_line"]]


def _plan_sheet(sheet: Worksheet, plan: dict[str, Any]) -> None:
    sheet.title = "规划"
    period = f"{plan['period_start']}—{plan['period_end']}年" if plan["period_start"] else "未识别"
    rows: list[list[Any]] = [
        ["规划名称", plan["title"]],
        ["地区", plan["region"]],
        ["规划期", period],
        ["稿次", plan["stage"]],
        ["版本", plan["version"]],
        ["来源文件", plan["source"]["path"]],
        ["SHA-256", plan["source"]["sha256"]],
        ["总行数", plan["source"]["line_count"]],
    ]
    for row in rows:
        append_row(sheet, row)
    for cell in sheet["A"]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 70


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> None:
    sheet = workbook.create_sheet(title)
    append_row(sheet, header)
    for row in rows:
        append_row(sheet, row)  # Decimals go in as numbers; text that looks like a formula stays text
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(sheet.iter_cols(min_row=1, max_row=min(sheet.max_row, 200)), start=1):
        width = max((_display_width(str(c.value)) for c in column if c.value is not None), default=6)
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, _WIDTH_LIMIT)


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
