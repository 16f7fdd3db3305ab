"""`planwatch report` and `planwatch reports` as a planner runs them: files written whole or not at
all, one Chinese line and exit 2 for what cannot be made, a batch that goes on past a failing plan."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from planwatch.cli import app
from tests.report_reading import open_docx

runner = CliRunner(env={"COLUMNS": "240"})
AS_OF = "2025-06-30"


@pytest.fixture(autouse=True)
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["demo"]).exit_code == 0
    return path


def test_report_writes_the_word_report_named_after_the_plan_and_date(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "新建区", "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    written = tmp_path / "规划1新建区-2024年度监测报告-2025-06-30.docx"
    assert f"已写出：{written.name}" in result.stderr
    texts = [p.text for p in open_docx(written.read_bytes()).paragraphs]
    assert "2024年度监测报告" in texts and "二、主要指标完成情况" in texts


def test_report_takes_its_format_from_the_file_name_and_the_kind_option(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "1", "--kind", "midterm", "--as-of", AS_OF, "-o", "评估.xlsx"])
    assert result.exit_code == 0, result.output
    workbook = load_workbook(tmp_path / "评估.xlsx")
    assert workbook.sheetnames == ["指标评估", "统计数据", "目标", "项目", "任务", "来源"]
    sources = {row[0].value: row[1].value for row in workbook["来源"].iter_rows(min_row=2)}
    assert sources["报告"] == "中期评估报告"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--as-of", "2020-06-30"],
            "错误：--as-of：截至日期2020-06-30早于规划期起始（2021年），无法生成报告",
        ),
        (["--as-of", AS_OF, "--year", "2019"], "错误：--year：2019年不在规划期（2021—2025年）内"),
        (["--as-of", "明天"], "错误：--as-of：“明天”不是日期"),
        (["--as-of", AS_OF, "-o", "报告.odt"], "错误：无法从扩展名 .odt 判断报告格式"),
        (["--as-of", AS_OF, "-o", "报告.docx", "--format", "pdf"], "与 --format pdf 不一致"),
    ],
)
def test_a_report_that_cannot_be_made_is_one_line_exit_2_and_no_file(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    before = set(tmp_path.iterdir())
    result = runner.invoke(app, ["report", "1", *arguments])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert set(tmp_path.iterdir()) == before


def test_a_missing_font_or_libreoffice_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = set(tmp_path.iterdir())
    monkeypatch.setenv("PLANWATCH_REPORT_FONT", "/nonexistent/font.ttc")
    result = runner.invoke(app, ["report", "1", "--as-of", AS_OF, "-o", "报告.docx"])
    assert result.exit_code == 2 and "找不到设置 PLANWATCH_REPORT_FONT 指定的字体文件" in result.stderr
    monkeypatch.setenv("PLANWATCH_SOFFICE", "/nonexistent/soffice")
    result = runner.invoke(app, ["report", "1", "--as-of", AS_OF, "-o", "报告.pdf"])
    assert result.exit_code == 2 and "未找到 LibreOffice" in result.stderr
    assert set(tmp_path.iterdir()) == before


def test_reports_makes_one_file_per_plan_on_two_processes_and_goes_on_past_a_failure(tmp_path: Path) -> None:
    later = tmp_path / "青山县十五五.txt"
    later.write_text(
        "青山县国民经济和社会发展第十五个五年规划纲要\n（2026—2030年）\n第一章 总体要求\n", encoding="utf-8"
    )
    plain = tmp_path / "白水县十四五.txt"
    plain.write_text("白水县国民经济和社会发展第十四个五年规划纲要\n第一章 发展目标\n", encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(later), str(plain)]).exit_code == 0
    result = runner.invoke(app, ["reports", "--as-of", AS_OF, "-o", "out", "--jobs", "2"])
    assert result.exit_code == 2  # one plan (starting in 2026) could not be reported
    assert "已生成 2 份报告，失败 1 份" in result.stderr
    assert "错误：规划 2：--as-of：截至日期2025-06-30早于规划期起始（2026年）" in result.stderr
    made = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert made == [
        "规划1新建区-2024年度监测报告-2025-06-30.docx",
        "规划3白水县-2024年度监测报告-2025-06-30.docx",
    ]
    cover = [p.text for p in open_docx((tmp_path / "out" / made[1]).read_bytes()).paragraphs[:10]]
    assert "注意：本规划未识别出可监测的主要指标。" in cover  # said on the first page, no empty table


def test_two_processes_make_the_same_bytes(tmp_path: Path, database: Path) -> None:
    """Each run in its own interpreter, with its own hash seed: nothing of a process leaks into the file."""
    made = []
    for seed, name in (("1", "a"), ("2", "b")):
        env = {**os.environ, "PLANWATCH_DATABASE_URL": f"sqlite:///{database}", "PYTHONHASHSEED": seed}
        for suffix in ("docx", "xlsx"):
            command = [
                sys.executable,
                "-m",
                "planwatch",
                "report",
                "1",
                "--as-of",
                AS_OF,
                "-o",
                f"{name}.{suffix}",
            ]
            subprocess.run(command, env=env, cwd=tmp_path, check=True, capture_output=True)
        made.append(((tmp_path / f"{name}.docx").read_bytes(), (tmp_path / f"{name}.xlsx").read_bytes()))
    assert made[0] == made[1]
