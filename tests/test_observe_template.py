"""The Excel template: a row per indicator, a column per year, Chinese headers, and it imports back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from planwatch.evaluate import unlinked_targets
from planwatch.model import ParsedPlan
from planwatch.observe import ImportRefused, match_rows, read_import
from planwatch.observe.template import DATA_SHEET, INSTRUCTIONS_SHEET, write_template

TODAY = date(2024, 1, 1)
HEADERS = [
    "编号", "类别", "指标名称", "单位", "属性", "基期年份", "基期值", "目标年份", "目标值", "类型",
    "2020年", "2021年", "2022年", "2023年", "2024年", "2025年", "数据来源", "数据状态", "发布日期",
]  # fmt: skip


@pytest.fixture
def template(tmp_path: Path, seed: ParsedPlan) -> Path:
    path = tmp_path / "template.xlsx"
    write_template(seed, path)
    return path


def _sheet(path: Path, name: str = DATA_SHEET) -> Worksheet:
    sheet = load_workbook(path)[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def _column(sheet: Worksheet, header: str) -> int:
    return HEADERS.index(header) + 1


def test_one_row_per_indicator_of_the_plan_and_a_column_per_year(template: Path, seed: ParsedPlan) -> None:
    sheet = _sheet(template)
    assert [c.value for c in sheet[1]] == HEADERS
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "K2"
    assert sheet.cell(2, 1).value == "示例"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    current = [i for i in seed.indicators if i.id.startswith("T2.")]  # not the 十三五 review table
    assert [r[0] for r in rows] == [i.id for i in current]
    assert rows[0][:10] == [
        "T2.01",
        "综合质效",
        "地区生产总值",
        "亿元",
        "预期性",
        2020,
        "382",
        2025,
        "545",
        "水平值",
    ]
    assert all(value is None for row in rows for value in row[10:])


def test_the_instructions_explain_columns_statuses_growth_and_ignored_cells(template: Path) -> None:
    text = "\n".join(str(c.value) for row in _sheet(template, INSTRUCTIONS_SHEET).iter_rows() for c in row)
    for words in ("初步", "核实", "最终", "增速", "水平值", "可比价格", "示例", "未填", "发布日期", "万元"):
        assert words in text


def test_the_template_offers_the_kinds_and_statuses_as_choices(template: Path) -> None:
    formulas = {v.formula1 for v in _sheet(template).data_validations.dataValidation}
    assert formulas == {'"水平值,增速"', '"初步,核实,最终"'}


def test_an_unfilled_template_imports_nothing(template: Path, seed: ParsedPlan) -> None:
    with pytest.raises(ImportRefused) as refused:
        match_rows(read_import(template), seed, today=TODAY)
    assert refused.value.messages() == ["文件中没有可导入的数值（空白、“未填”和示例行不导入）"]


def test_a_filled_template_imports_back(template: Path, seed: ParsedPlan, tmp_path: Path) -> None:
    workbook = load_workbook(template)
    sheet = workbook[DATA_SHEET]
    assert isinstance(sheet, Worksheet)
    gdp, income = 3, 3 + 18  # T2.01 地区生产总值 (亿元), T2.19 城镇居民人均可支配收入 (元)
    sheet.cell(gdp, _column(sheet, "2021年"), 420.5)
    sheet.cell(gdp, _column(sheet, "2022年"), "455.30")
    sheet.cell(gdp, _column(sheet, "2023年"), "未填")
    sheet.cell(gdp, _column(sheet, "数据来源"), "2022年统计公报")
    sheet.cell(gdp, _column(sheet, "数据状态"), "核实")
    sheet.cell(gdp, _column(sheet, "发布日期"), datetime(2023, 3, 20))
    assert sheet.cell(income, 1).value == "T2.19"
    sheet.cell(income, _column(sheet, "单位"), "万元")
    sheet.cell(income, _column(sheet, "2021年"), 4.6)
    # A planner copies a row to add the reported growth rate.
    growth_row = sheet.max_row + 1
    for col, value in enumerate(["T2.01", "综合质效", "地区生产总值", "%"], 1):
        sheet.cell(growth_row, col, value)
    sheet.cell(growth_row, _column(sheet, "类型"), "增速")
    sheet.cell(growth_row, _column(sheet, "2021年"), 8.6)
    filled = tmp_path / "filled.xlsx"
    workbook.save(filled)

    found = match_rows(read_import(filled), seed, today=TODAY)
    assert [
        (o.series_id, o.period, str(o.value), o.unit, o.kind.value, o.status.value, o.as_of) for o in found
    ] == [
        ("T2.01", "2021", "420.5", "亿元", "level", "verified", date(2023, 3, 20)),
        ("T2.01", "2022", "455.30", "亿元", "level", "verified", date(2023, 3, 20)),
        ("T2.19", "2021", "46000", "元", "level", "preliminary", TODAY),
        ("T2.01", "2021", "8.6", "%", "growth", "preliminary", TODAY),
    ]


def test_prose_targets_about_no_row_get_rows_after_the_indicators(seed: ParsedPlan, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    own = unlinked_targets(seed.targets, seed.monitored_indicators(), (2021, 2025))
    write_template(seed, path, own)
    rows = [[c.value for c in row] for row in _sheet(path).iter_rows(min_row=3)]
    target_rows = [r for r in rows if r[1] == "正文目标"]
    assert [r[0] for r in target_rows] == [t.id for t in own]
    assert "G001" not in {r[0] for r in target_rows}  # 地区生产总值超过545亿元 is the row T2.01
    g015 = next(r for r in target_rows if r[0] == "G015")
    assert g015[:10] == ["G015", "正文目标", "全区规模以上工业营业收入", "亿元", None, None, None, 2025,
                         "1000亿元", "水平值"]  # fmt: skip


def test_a_prose_target_filled_in_the_template_imports_with_its_base_year(
    seed: ParsedPlan, tmp_path: Path
) -> None:
    path = tmp_path / "template.xlsx"
    write_template(seed, path, unlinked_targets(seed.targets, seed.monitored_indicators(), (2021, 2025)))
    workbook = load_workbook(path)
    sheet = workbook[DATA_SHEET]
    assert isinstance(sheet, Worksheet)
    row = next(r[0].row for r in sheet.iter_rows(min_row=3) if r[0].value == "G016")
    sheet.cell(row, _column(sheet, "2020年"), 200)
    sheet.cell(row, _column(sheet, "2023年"), 236)
    sheet.cell(row, _column(sheet, "发布日期"), datetime(2024, 3, 15))
    filled = tmp_path / "filled.xlsx"
    workbook.save(filled)
    found = match_rows(read_import(filled), seed, today=date(2024, 6, 30))
    assert [(o.series_id, o.period, str(o.value), o.unit) for o in found] == [
        ("G016", "2020", "200", "家"),
        ("G016", "2023", "236", "家"),
    ]
