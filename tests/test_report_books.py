"""The Excel books of a report, opened with openpyxl: the sheets, the rows against the evaluation JSON,
frozen headers and filters, number formats, conditional colours, widths, and no formula from plan text."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from planwatch.present.evaluation_data import evaluation_data
from planwatch.present.report.books import write_books
from planwatch.present.report.content import ReportContent, ReportKind, report_content
from planwatch.present.report.sections import NO_PROJECT_DATA, NO_TASK_DATA
from planwatch.services.evaluation import evaluate_plan
from planwatch.services.figures import DEMO_AS_OF
from planwatch.store import Store
from tests.web_server import build_demo_store

SHEETS = ["指标评估", "统计数据", "目标", "项目", "任务", "来源"]


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ReportContent, dict[str, Any]]]:
    url, plan_id = build_demo_store(tmp_path_factory.mktemp("report-books"))
    store = Store(url)
    yield (
        report_content(store, plan_id, ReportKind.ANNUAL, DEMO_AS_OF, None),
        evaluation_data(evaluate_plan(store, plan_id, DEMO_AS_OF)),
    )
    store.close()


def _open(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def _records(workbook: Workbook, sheet: str) -> list[dict[str, Any]]:
    rows = list(workbook[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_books_have_their_six_sheets(content: tuple[ReportContent, dict[str, Any]]) -> None:
    assert _open(write_books(content[0])).sheetnames == SHEETS


def test_indicator_rows_are_the_evaluation_json(content: tuple[ReportContent, dict[str, Any]]) -> None:
    records = _records(_open(write_books(content[0])), "指标评估")
    expected = content[1]["results"]
    assert [r["编号"] for r in records] == [r["indicator_id"] for r in expected]
    for record, result in zip(records, expected, strict=True):
        assert (record["状态"], record["状态代码"]) == (result["status"], result["status_code"])
        assert record["颜色"] == {"green": "绿", "yellow": "黄", "red": "红", "grey": "灰"}[result["color"]]
        for column, key in (
            ("最新值", "latest_value"),
            ("序时应达", "expected_value"),
            ("进度差", "schedule_gap"),
        ):
            if result[key] is None:
                assert record[column] is None
            else:
                assert Decimal(str(record[column])) == result[key]
        assert record["说明"] == result["explanation"]


def test_every_sheet_has_a_frozen_header_a_filter_and_fitted_widths(
    content: tuple[ReportContent, dict[str, Any]],
) -> None:
    workbook = _open(write_books(content[0]))
    for name in SHEETS:
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), name
    sheet = workbook["指标评估"]
    widths = {cell.value: sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    assert widths["指标名称"] >= 2 * len("高新技术产业增加值占GDP比重") - 4  # Chinese counts double
    assert widths["编号"] < widths["指标名称"]
    assert widths["说明"] <= 50  # long text wraps instead


def test_numbers_and_dates_are_typed_with_formats(content: tuple[ReportContent, dict[str, Any]]) -> None:
    workbook = _open(write_books(content[0]))
    sheet = workbook["指标评估"]
    header = [c.value for c in sheet[1]]
    gdp = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "T2.01")
    assert gdp[header.index("时间进度")].number_format == "0.0%"
    assert gdp[header.index("序时应达")].number_format == "#,##0.00"
    figures = workbook["统计数据"]
    header = [c.value for c in figures[1]]
    first = figures[2]
    assert isinstance(first[header.index("发布日期")].value, datetime)
    assert first[header.index("发布日期")].number_format == "yyyy-mm-dd"
    assert isinstance(first[header.index("数值")].value, int | float)


def test_status_cells_are_coloured_by_conditional_formatting(
    content: tuple[ReportContent, dict[str, Any]],
) -> None:
    sheet = _open(write_books(content[0]))["指标评估"]
    header = [c.value for c in sheet[1]]
    status = sheet.cell(row=1, column=header.index("状态") + 1).column_letter
    color = sheet.cell(row=1, column=header.index("颜色") + 1).column_letter
    rules = {
        str(ranges.sqref): [(rule.formula[0], rule.dxf.fill.fgColor.rgb) for rule in found]
        for ranges, found in sheet.conditional_formatting._cf_rules.items()
    }
    (covered,) = rules
    assert covered == f"{status}2:{status}{sheet.max_row}"
    assert sorted(rules[covered]) == sorted(
        [
            (f'${color}2="绿"', "00C6EFCE"),
            (f'${color}2="黄"', "00FFEB9C"),
            (f'${color}2="红"', "00FFC7CE"),
            (f'${color}2="灰"', "00EDEDED"),
        ]
    )


def test_empty_project_and_task_books_say_so(content: tuple[ReportContent, dict[str, Any]]) -> None:
    workbook = _open(write_books(content[0]))
    assert _records(workbook, "项目")[0]["专栏"] == NO_PROJECT_DATA
    assert _records(workbook, "任务")[0]["牵头单位"] == NO_TASK_DATA
    sources = {r["项目"]: r["内容"] for r in _records(workbook, "来源")}
    assert sources["数据截至"] == "2025-06-30" and sources["规划期"] == "2021—2025年"
    assert any(key.startswith("数据来源：") for key in sources)


def test_every_vintage_known_on_the_date_is_in_the_figures_sheet(
    content: tuple[ReportContent, dict[str, Any]],
) -> None:
    records = _records(_open(write_books(content[0])), "统计数据")
    assert len(records) == len(content[0].vintages) >= len(content[0].figures)
    used = [r for r in records if r["评估采用"] == "是"]
    assert [r["附表1序号"] for r in used] == [f"1-{f.number}" for f in content[0].figures]


def test_plan_text_that_looks_like_a_formula_stays_text(
    content: tuple[ReportContent, dict[str, Any]],
) -> None:
    first = content[0].indicators[0]
    evil = '=HYPERLINK("http://evil.example/","点我")'
    changed = replace(content[0], indicators=[replace(first, result={**first.result, "name": evil})])
    sheet = _open(write_books(changed))["指标评估"]
    cell = sheet.cell(row=2, column=3)
    assert cell.value == evil and cell.data_type == "s"


def test_the_targets_sheet_lists_every_plan_line_with_its_judgement(
    content: tuple[ReportContent, dict[str, Any]],
) -> None:
    records = _records(_open(write_books(content[0])), "目标")
    assert [r["附表2序号"] for r in records] == [f"2-{p.number}" for p in content[0].plan_lines]
    gdp = next(r for r in records if r["编号"] == "T2.01")
    assert (gdp["类别"], gdp["目标值"], gdp["单位"], gdp["目标年份"], gdp["状态"]) == (
        "指标",
        545,
        "亿元",
        2025,
        "快于预期",
    )
    judged = {r["target_id"]: r for r in content[0].evaluation["targets"]["results"]}
    for record in records:
        if record["类别"] == "目标":
            assert record["状态"] == judged[record["编号"]]["status"]
