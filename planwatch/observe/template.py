"""The Excel template a planner fills in: one row per indicator, then one per prose target whose
figures are its own, one column per plan year and one for the base year.

What it writes, `read_import` reads back: the template is the wide import layout, with an
example row (编号 示例, never imported) and a 填写说明 sheet explaining every column. Text from
the plan is written as text, never as a formula (planwatch.formulas).

Which prose targets get a row is the caller's to say (`targets`): those about a row of the table
read that row's figures (planwatch.evaluate.link), and a second row for them would split a series.
The base-year column matters for them: the prose states no base, so a level target is judged
against the base-year figure entered here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planwatch.errors import PlanwatchError
from planwatch.formulas import append_row
from planwatch.model import (
    Attribute,
    Indicator,
    ObservationKind,
    ObservationStatus,
    ParsedPlan,
    Target,
    TargetKind,
    ValueRef,
)
from planwatch.observe import layout
from planwatch.observe.values import KIND_LABELS, STATUS_LABELS

DATA_SHEET = "指标数据"
INSTRUCTIONS_SHEET = "填写说明"
TARGET_CATEGORY = "正文目标"
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_YEAR_FILL = PatternFill("solid", fgColor="FFF2CC")
_BASE_FILL = PatternFill("solid", fgColor="EDEDED")
_EXAMPLE_FONT = Font(italic=True, color="808080")
_ATTRIBUTES = {Attribute.EXPECTED: "预期性", Attribute.BINDING: "约束性"}
_WIDTHS = {
    "编号": 8,
    "类别": 12,
    "指标名称": 34,
    "单位": 10,
    "属性": 8,
    "类型": 8,
    "数据来源": 20,
    "发布日期": 12,
}


def template_years(parsed: ParsedPlan) -> list[int]:
    """The plan's years (2021…2025); from the indicators when the plan states no period."""
    period = parsed.period()
    if period is None:
        raise PlanwatchError("规划没有注明规划期，也没有可推断年份的指标，无法生成模板")
    return list(range(period[0], period[1] + 1))


def write_template(parsed: ParsedPlan, path: str | Path, targets: Sequence[Target] = ()) -> None:
    """The template of the plan's indicators and of `targets` (prose targets with figures of their own)."""
    years = template_years(parsed)
    columns = [years[0] - 1, *years]  # the base year first: the figure prose targets are judged from
    headers = [*layout.WIDE_FIXED, *(f"{y}年" for y in columns), *layout.WIDE_TRAILING]
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = DATA_SHEET
    append_row(sheet, headers)
    append_row(sheet, _example(columns))
    for indicator in parsed.monitored_indicators():
        append_row(sheet, _row(indicator, len(columns)))
    for target in targets:
        append_row(sheet, _target_row(target, len(columns)))
    _style(sheet, headers, columns)
    _instructions(workbook.create_sheet(INSTRUCTIONS_SHEET), parsed, years)
    workbook.save(Path(path))


def _row(indicator: Indicator, year_count: int) -> list[object]:
    return [
        indicator.id,
        indicator.category or "",
        indicator.name,
        indicator.unit or "",
        _ATTRIBUTES.get(indicator.attribute, "") if indicator.attribute else "",
        *_ref(indicator.base),
        *_ref(indicator.target),
        KIND_LABELS[ObservationKind.LEVEL],
        *([None] * year_count),
        *([None] * len(layout.WIDE_TRAILING)),
    ]


def _target_row(target: Target, year_count: int) -> list[object]:
    """A prose target: its subject as the name (what the import matches with its id); a growth
    target's figures are the yearly rates, in %."""
    growth = target.kind is TargetKind.GROWTH
    goal = target.value_raw or (str(target.value) if target.value is not None else "")
    return [
        target.id,
        TARGET_CATEGORY,
        target.subject,
        "%" if growth else target.unit or "",
        "",
        None,
        "",
        target.year or target.year_implied,
        f"{goal}{target.unit or ''}",
        KIND_LABELS[ObservationKind.GROWTH if growth else ObservationKind.LEVEL],
        *([None] * year_count),
        *([None] * len(layout.WIDE_TRAILING)),
    ]


def _ref(ref: ValueRef | None) -> tuple[object, str]:
    return (ref.year, ref.raw.strip()) if ref is not None else (None, "")


def _example(columns: list[int]) -> list[object]:
    years = columns[1:]
    values: list[object] = [None, "420.5", "未填", *([None] * (len(columns) - 3))]
    return [
        layout.EXAMPLE,
        "示例行，不导入",
        "地区生产总值",
        "亿元",
        "预期性",
        years[0] - 1,
        "382",
        years[-1],
        "545",
        KIND_LABELS[ObservationKind.LEVEL],
        *values[: len(columns)],
        f"{years[0]}年统计公报",
        STATUS_LABELS[ObservationStatus.PRELIMINARY],
        f"{years[0] + 1}-03-15",
    ]


def _style(sheet: Worksheet, headers: list[str], years: list[int]) -> None:
    first_year = len(layout.WIDE_FIXED) + 1
    for col, header in enumerate(headers, 1):
        cell = sheet.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = _YEAR_FILL if first_year < col < first_year + len(years) else _HEADER_FILL
        if col == first_year:
            cell.fill = _BASE_FILL  # the base year: filled where the plan states no base
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(col)].width = _WIDTHS.get(header, 11)
    for example in sheet[2]:
        example.font = _EXAMPLE_FONT
    sheet.freeze_panes = f"{get_column_letter(first_year)}2"
    last = sheet.max_row + 500  # rows a planner adds (a growth rate row) get the drop-downs too
    kind_col = get_column_letter(layout.WIDE_FIXED.index("类型") + 1)
    status_col = get_column_letter(len(headers) - 1)
    date_col = get_column_letter(len(headers))
    for column, choices in (
        (kind_col, KIND_LABELS.values()),
        (status_col, STATUS_LABELS.values()),
    ):
        validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
        validation.add(f"{column}3:{column}{last}")
        sheet.add_data_validation(validation)
    for row in range(2, sheet.max_row + 1):
        sheet[f"{date_col}{row}"].number_format = "yyyy-mm-dd"


def _instructions(sheet: Worksheet, parsed: ParsedPlan, years: list[int]) -> None:
    first, last = f"{years[0]}年", f"{years[-1]}年"
    base = years[0] - 1
    rows = [
        ("项目", "说明"),
        (
            "用途",
            f"录入《{parsed.plan.title}》主要指标和正文量化目标的实际值。"
            "填好后运行：planwatch observe 规划 本文件.xlsx",
        ),
        (
            "正文目标",
            f"类别为“{TARGET_CATEGORY}”的行是规划正文中的量化目标（如“规模以上工业企业户数突破260家”），"
            "按编号（G开头）匹配，评估方法与指标相同。与指标表同一指标的目标不单列，填该指标即可。"
            f"正文一般不写基期值：请同时填基期{years[0] - 1}年的实际值，否则只能判断是否已达到目标。",
        ),
        (
            "编号",
            "按编号匹配指标，请勿修改。编号留空时按“指标名称”匹配（不区分全角半角和空格，名称后括号里的单位可写可不写）。",
        ),
        ("类别、属性、基期、目标", "仅供参考，导入时不读取。"),
        (
            "单位",
            "所填数值的单位，默认为指标单位。可改为同类单位（如把“亿元”改为“万元”），导入时自动换算；"
            "不同类的单位（如“万美元”与“亿元”）无法换算，整个文件将被拒绝。",
        ),
        (
            "类型",
            "水平值：指标本身的数值（地区生产总值等按当年价格）。增速：统计部门公布的增长率（%），"
            "地区生产总值、规模以上工业增加值等按可比价格计算，与两年水平值相除得到的名义增长不同，请照公布数填写。"
            "同一指标既要填水平值又要填增速时，复制该行，把“类型”改为“增速”、“单位”改为“%”。",
        ),
        (
            f"{base}年",
            "基期实际值（灰色列）。指标表已写明基期值的指标不必填；正文目标和基期值空缺的指标请填写。",
        ),
        (
            f"{first}…{last}",
            "各年实际值，只填数字（可带千分位逗号），不要写“约”“左右”或中文数字。"
            "季度、月度数据可增加“2023Q2”“2023-05”这样的列。",
        ),
        ("数据来源", "如“2022年统计公报”“2022年统计年鉴”。"),
        ("数据状态", "初步（初步核算）、核实（初步核实）、最终（最终核实）。留空按“初步”。"),
        (
            "发布日期",
            "数据公布的日期（如统计公报发布日，写作2023-03-15），不能早于所填期间结束（2023年的数据不会在2023-12-31之前公布），"
            "也不能晚于今天。按“截至某日”查看时，只看得到此前公布的数值。"
            "留空按导入当天。一行只有一个发布日期：各年数值公布日期不同时，可分几行填写，或用长表格式。",
        ),
        (
            "修订",
            "数值修订后（初步→核实→最终），填新的数值、状态和发布日期再导入即可：每一版都保留，旧值不会被覆盖。",
        ),
        ("不导入的内容", "空白单元格、填“未填”的单元格，以及编号为“示例”的示例行。"),
        (
            "出错时",
            "文件中任何一处有错（不是数字、找不到指标、单位不兼容、同一指标同一期间重复、年份不在规划期内……），"
            "整个文件都不导入，并列出问题（第几行、哪一列、原因；最多列出前100条，并给出总数）；改正后重新导入。同一文件重复导入不会重复记录。",
        ),
        ("长表格式", "也可导入每行一个数值的表（CSV 或 Excel），列为：" + "、".join(layout.LONG) + "。"),
    ]
    for row in rows:
        append_row(sheet, row)
    for heading in sheet[1]:
        heading.font = Font(bold=True)
        heading.fill = _HEADER_FILL
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
