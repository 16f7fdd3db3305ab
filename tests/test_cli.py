"""The planwatch command as a planner uses it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from planwatch.cli import app

ROOT = Path(__file__).parent.parent
runner = CliRunner(env={"COLUMNS": "240"})


@pytest.fixture(autouse=True)
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{path}")
    return path


def test_parse_prints_the_plan_as_json_matching_the_schema() -> None:
    result = runner.invoke(app, ["parse", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    schema = json.loads((ROOT / "docs" / "plan.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["plan"]["title"].startswith("新建区国民经济和社会发展")
    assert len(data["indicators"]) == 55
    gdp = data["indicators"][31]
    assert gdp["name"] == "地区生产总值" and gdp["target"] == {
        "year": 2025, "value": 545, "raw": "545", "kind": "number", "line": 343,
    }  # fmt: skip


def test_parse_text_summarises() -> None:
    result = runner.invoke(app, ["parse", "--format", "text"])
    assert result.exit_code == 0
    assert "章 13" in result.stdout and "指标：55 个" in result.stdout


def test_ingest_then_list_outline_indicators_and_export(tmp_path: Path) -> None:
    first = runner.invoke(app, ["ingest"])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("1\t已导入")
    again = runner.invoke(app, ["ingest"])
    assert "已存在" in again.stdout

    listing = runner.invoke(app, ["plans"])
    assert "新建区" in listing.stdout and "2021—2025" in listing.stdout

    outline = runner.invoke(app, ["outline", "1", "--depth", "1"])
    assert outline.stdout.count("章·第") == 13

    table = runner.invoke(app, ["indicators", "新建区"])
    assert "地区生产总值" in table.stdout and "约束性" in table.stdout

    exported = runner.invoke(app, ["export", "1", "--format", "json"])
    assert json.loads(exported.stdout)["plan"]["id"] == "1"

    workbook_path = tmp_path / "plan.xlsx"
    xlsx = runner.invoke(app, ["export", "1", "--format", "xlsx", "--output", str(workbook_path)])
    assert xlsx.exit_code == 0, xlsx.output
    workbook = load_workbook(workbook_path)
    assert workbook.sheetnames == [
        "规划",
        "指标",
        "指标单元格",
        "目标",
        "上期完成情况",  # the previous period's results (十三五), not this plan's progress
        "项目",
        "目录",
        "待核实问题",
    ]
    rows = list(workbook["指标"].iter_rows(values_only=True))
    assert len(rows) == 1 + 55
    assert rows[32][3] == "地区生产总值" and rows[32][11] == "545"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "不存在"),
        ("empty.txt", b"", "为空"),
        ("binary.txt", b"\x00\x01\x02\x03" * 100, "二进制"),
        ("old.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, ".doc"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "docx"),
    ],
)
def test_bad_files_give_one_clear_line_and_exit_2(
    tmp_path: Path, database: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    for command in (["parse", str(path)], ["ingest", str(path)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2
        errors = [line for line in result.stderr.splitlines() if line.startswith("错误")]
        assert len(errors) == 1 and message in errors[0] and name in errors[0]
        assert "Traceback" not in result.output
    listing = runner.invoke(app, ["plans"])
    assert "还没有规划" in listing.stdout  # nothing written


def test_an_unknown_plan_is_one_line_too() -> None:
    result = runner.invoke(app, ["outline", "42"])
    assert result.exit_code == 2 and "没有编号为" not in result.stdout
    assert result.stderr.startswith("错误：")


def test_batch_ingest_on_two_processes_stores_every_file_once(tmp_path: Path) -> None:
    text = (ROOT / "tests" / "fixtures" / "plan_utf8_bom.txt").read_text(encoding="utf-8-sig")
    paths = []
    for n in range(5):
        path = tmp_path / f"plan-{n}.txt"
        path.write_text(text + f"\n第{n}稿\n", encoding="utf-8")
        paths.append(str(path))
    result = runner.invoke(app, ["ingest", "--jobs", "2", *paths, paths[0]])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 6
    first, again = lines[0], lines[-1]  # the same file twice: one stored, one found already there
    assert first.split("\t")[0] == again.split("\t")[0]
    assert sorted(line.split("\t")[1][:3] for line in (first, again)) == ["已存在", "已导入"]
    assert {line.split("\t")[0] for line in lines} == {"1"}  # five versions of one plan …
    listing = runner.invoke(app, ["plans"]).stdout
    assert listing.count("某县国民经济") == 1 and "共5版" in listing  # … the repeated file once
