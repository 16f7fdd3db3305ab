"""Import files are read within their limits: rows, columns, cells, shared strings, problems listed."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from planwatch.model import ParsedPlan
from planwatch.observe import ImportProblem, ImportRefused, match_rows, read_import
from planwatch.observe.problems import ProblemList
from tests import hostile_files

TODAY = date(2024, 1, 1)


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "指标数据"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _rewrite_sheet(path: Path, change: dict[str, str]) -> None:
    """Replace text in the first worksheet's XML, as a hand-edited or hostile file would have it."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for old, new in change.items():
        assert old in xml, old
        xml = xml.replace(old, new)
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _refusal(path: Path) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        read_import(path)
    return refused.value.messages()


LONG = [["编号", "期间", "数值"], ["T2.01", "2021", 420.5], ["T2.01", "2022", 455.1]]


def test_a_dimension_claiming_the_whole_sheet_is_ignored_and_the_rows_there_are_read(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "figures.xlsx", LONG)
    _rewrite_sheet(path, {'<dimension ref="A1:C3"/>': '<dimension ref="A1:XFD1048576"/>'})
    rows = read_import(path)
    assert [(r.row, r.series_id, r.period, r.value) for r in rows] == [
        (2, "T2.01", "2021", "420.5"),
        (3, "T2.01", "2022", "455.1"),
    ]


def test_a_value_in_column_xfd_is_refused_at_the_column_limit(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "figures.xlsx", LONG)
    _rewrite_sheet(path, {"</row></sheetData>": '<c r="XFD3" t="n"><v>1</v></c></row></sheetData>'})
    assert _refusal(path) == ["工作表“指标数据”第3行超过 200 列（设置 PLANWATCH_IMPORT_MAX_COLUMNS）"]


def test_a_formatted_empty_cell_far_right_costs_no_column(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "figures.xlsx", LONG)
    _rewrite_sheet(path, {"</row></sheetData>": '<c r="XFD3" s="0"/></row></sheetData>'})
    assert len(read_import(path)) == 2


def test_rows_past_the_row_limit_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_IMPORT_MAX_ROWS", "2")
    path = _workbook(tmp_path / "figures.xlsx", LONG)
    assert _refusal(path) == ["工作表“指标数据”超过 2 行（设置 PLANWATCH_IMPORT_MAX_ROWS），请拆分后导入"]
    csv = tmp_path / "figures.csv"
    csv.write_text("编号,期间,数值\nT2.01,2021,420.5\nT2.01,2022,455.1\n", encoding="utf-8")
    assert _refusal(csv) == ["文件超过 2 行（设置 PLANWATCH_IMPORT_MAX_ROWS），请拆分后导入"]


def test_cells_past_the_cell_limit_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_IMPORT_MAX_CELLS", "8")
    csv = tmp_path / "figures.csv"
    csv.write_text("编号,期间,数值\nT2.01,2021,420.5\nT2.01,2022,455.1\n", encoding="utf-8")
    assert _refusal(csv) == ["文件超过 8 个单元格（设置 PLANWATCH_IMPORT_MAX_CELLS），请拆分后导入"]


def test_shared_strings_are_counted_not_taken_from_the_count_attribute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANWATCH_XLSX_MAX_SHARED_STRINGS", "3")
    path = hostile_files.xlsx_huge_shared_strings(tmp_path, size=200, text=b"a")
    with zipfile.ZipFile(path) as archive:
        strings = archive.read("xl/sharedStrings.xml").decode()
    assert strings.count("<si>") == 11 and 'uniqueCount="1"' in strings
    assert _refusal(path) == ["共享字符串表的条目超过上限 3 个（设置 PLANWATCH_XLSX_MAX_SHARED_STRINGS）"]
    monkeypatch.setenv("PLANWATCH_XLSX_MAX_SHARED_STRINGS", "11")
    assert read_import(path) == []  # within the limit, the file is read: a header and no figures


def test_a_csv_field_over_the_field_limit_names_its_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANWATCH_IMPORT_MAX_FIELD_SIZE", "1KB")
    csv = tmp_path / "figures.csv"
    csv.write_text("编号,期间,数值\nT2.01,2021,420.5\nT2.01,2022," + "9" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        read_import(csv)
    assert refused.value.problems == [
        ImportProblem(
            3, None, "有一个单元格超过 1 KB（设置 PLANWATCH_IMPORT_MAX_FIELD_SIZE），不像是数据文件"
        )
    ]


def test_a_file_of_150_bad_rows_lists_the_first_100_and_counts_all(tmp_path: Path, seed: ParsedPlan) -> None:
    csv = tmp_path / "figures.csv"
    rows = "".join(f"T9.{n:02d},2021,1\n" for n in range(150))
    csv.write_text("编号,期间,数值\n" + rows, encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        match_rows(read_import(csv), seed, today=TODAY, file=str(csv))
    error = refused.value
    assert (error.total, len(error.problems), error.unlisted) == (150, 100, 50)
    assert error.one_line() == f"{csv}：导入被拒绝：共150个问题（以下列出前100个），数据库未作任何改动"
    details = error.details()
    assert len(details) == 101
    assert details[0] == "第2行：找不到指标编号“T9.00”"
    assert details[-1] == "……另有50个问题未列出，请先改正以上问题后重新导入"


def test_a_million_duplicates_would_be_counted_without_keeping_them(seed: ParsedPlan) -> None:
    problems = ProblemList(limit=3)
    for n in range(1000):
        problems.add(ImportProblem(n, None, "重复"))
    refused = problems.refused("f.csv")
    assert (refused.total, len(refused.problems)) == (1000, 3)


def test_a_wide_row_reports_its_indicator_problem_once(tmp_path: Path, seed: ParsedPlan) -> None:
    csv = tmp_path / "figures.csv"
    csv.write_text("编号,2021年,2022年,2023年\nT9.99,1,2,3\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        match_rows(read_import(csv), seed, today=TODAY, file=str(csv))
    assert refused.value.messages() == ["第2行：找不到指标编号“T9.99”"]
