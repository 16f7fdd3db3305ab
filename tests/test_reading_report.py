"""`planwatch parse FILE --explain`: the reading report lists what was read, where, and what was not."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.document import Document, load_document, split_lines
from planwatch.model import ParsedPlan
from planwatch.parse.pipeline import parse_document
from planwatch.present.reading_report import reading_report

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_report_lists_every_table_indicator_target_project_and_problem(
    seed_document: Document, seed: ParsedPlan
) -> None:
    report = reading_report(seed_document, seed)
    assert report.startswith("读取报告：")
    assert "== 表格（2张）==" in report
    assert "专栏2-1：新建区“十四五”规划主要指标" in report
    assert len(re.findall(r"^  T\d\.\d\d 第\d+行 ", report, re.MULTILINE)) == len(seed.indicators) == 55
    assert len(re.findall(r"^G\d{3} 第\d+行 ", report, re.MULTILINE)) == len(seed.targets)
    assert len(re.findall(r"^F\d{3} 第\d+行 ", report, re.MULTILINE)) == len(seed.facts)
    assert len(re.findall(r"^P\d{3} 第\d+行 ", report, re.MULTILINE)) == len(seed.projects)
    assert f"== 未能读取或需要核对（{len(seed.problems)}处）==" in report
    assert "「全社会研发投入占地区生产总值比重达到**%」" in report  # a placeholder target, with its quote


def test_a_pdf_report_gives_the_page_and_printed_line_beside_each_line() -> None:
    document = load_document(FIXTURES / "plan.pdf")
    report = reading_report(document, parse_document(document))
    assert "（PDF，2页）" in report
    assert re.search(
        r"T1\.01 第14行（第1页第7行） \[经济发展\] 地区生产总值（亿元）：基期2020 210；目标2025 300", report
    )


def test_a_table_that_is_not_an_indicator_table_says_why() -> None:
    text = "专栏1 重点项目\n\t项目\n\t投资\n\n\t道路\n\t5亿元\n\n"
    document = Document("x.txt", "0" * 64, "txt", split_lines(text))
    report = reading_report(document, parse_document(document))
    assert "未作为指标表读取：表头没有“指标”或“名称”列（不是指标表）" in report


def test_cli_parse_explain_prints_the_report(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["parse", str(FIXTURES / "plan.docx"), "--explain"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"读取报告：{FIXTURES / 'plan.docx'}（Word）")
    assert "T1.01" in result.output and "== 目标（" in result.output
