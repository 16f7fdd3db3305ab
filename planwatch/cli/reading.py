"""Commands that read a file without a database: `parse` and `lint`."""

from __future__ import annotations

import sys
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from planwatch.cli.common import FileArgument, emit, err, out, user_errors
from planwatch.lint import LintSettings
from planwatch.model import ParsedPlan, Severity
from planwatch.present import jsonout
from planwatch.present.labels import SECTION_KIND
from planwatch.present.lint_data import KIND_LABELS, SEVERITY_LABELS, annotated_lines, at_least, lint_data
from planwatch.present.plan_data import plan_data
from planwatch.present.reading_report import explain_file
from planwatch.present.templating import render
from planwatch.services.plans import bundled_plan_path, lint_file, read_plan


class ParseFormat(StrEnum):
    json = "json"
    text = "text"


class LintFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


class SeverityOption(StrEnum):
    info = "info"
    warning = "warning"
    error = "error"


class FailOn(StrEnum):
    info = "info"
    warning = "warning"
    error = "error"
    never = "never"


_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def register(app: typer.Typer) -> None:
    app.command()(parse)
    app.command()(lint)


@user_errors
def parse(
    file: FileArgument = None,
    format: Annotated[ParseFormat, typer.Option("--format", "-f", help="输出格式")] = ParseFormat.json,
    explain: Annotated[
        bool, typer.Option("--explain", help="读取报告：逐表逐项列出读到了什么、跳过了什么及原因")
    ] = False,
) -> None:
    """读取规划文件并输出结构化结果（不写数据库）。"""
    if explain:
        sys.stdout.write(explain_file(file or bundled_plan_path()))
        return
    read = read_plan(file or bundled_plan_path())
    if format is ParseFormat.json:
        sys.stdout.write(jsonout.dumps(plan_data(read.parsed)) + "\n")
    else:
        _print_summary(read.parsed)


@user_errors
def lint(
    file: FileArgument = None,
    format: Annotated[LintFormat, typer.Option("--format", "-f", help="输出格式")] = LintFormat.text,
    min_severity: Annotated[
        SeverityOption, typer.Option("--min-severity", help="只显示不低于此级别的问题")
    ] = SeverityOption.info,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="出现不低于此级别的问题时以状态码 1 退出")
    ] = FailOn.error,
    tolerance: Annotated[float, typer.Option("--tolerance", help="增速核算的容差（百分比），默认 2")] = 2.0,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件（HTML 默认 lint.html）")
    ] = None,
) -> None:
    """审查规划草稿：占位符、数据矛盾、编号、重复、写法不一、错别字。"""
    settings = LintSettings(growth_tolerance=Decimal(str(tolerance)) / 100)
    report = lint_file(file or bundled_plan_path(), settings)
    findings = at_least(report.findings, Severity(min_severity.value))
    data = lint_data(report.document, report.parsed, findings)
    if format is LintFormat.json:
        emit(jsonout.dumps(data) + "\n", output)
    elif format is LintFormat.html:
        rows = annotated_lines(report.document, findings)
        page = render(
            "lint.html", data=data, rows=rows, kind_labels=KIND_LABELS, severity_labels=SEVERITY_LABELS
        )
        target = output or Path("lint.html")
        target.write_text(page, encoding="utf-8")
        err().print(f"已写出：{target}（{len(findings)} 处问题）", markup=False)
    else:
        _print_findings(data)
    if fail_on is not FailOn.never and at_least(report.findings, Severity(fail_on.value)):
        raise typer.Exit(1)


def _print_findings(data: dict[str, Any]) -> None:
    console = out()
    for f in data["findings"]:
        # Where a person finds it first (section path, paragraph or cell, PDF page, a quote to search
        # for); the message under it; the line of the extracted text last, for the HTML view.
        where = f["where"]
        place = Text(where["text"], style="cyan")
        place.append(f"  “{where['quote']}”")
        console.print(place)
        line = Text("  ")
        line.append(SEVERITY_LABELS[f["severity"]], style=_SEVERITY_STYLE[f["severity"]])
        line.append(f"·{KIND_LABELS[f['kind']]}：", style="dim")
        line.append(f["message"])
        line.append(f"（第{f['line']}行）", style="dim")
        console.print(line)
    summary = data["summary"]
    counts = "，".join(f"{SEVERITY_LABELS[s]} {n}" for s, n in summary["by_severity"].items())
    kinds = "，".join(f"{KIND_LABELS[k]} {n}" for k, n in summary["by_kind"].items() if n)
    console.print(f"共 {summary['total']} 处问题（{counts}）：{kinds or '无'}", markup=False)


def _print_summary(parsed: ParsedPlan) -> None:
    plan = parsed.plan
    out().print(f"{plan.title}", markup=False)
    period = f"{plan.period_start}—{plan.period_end}年" if plan.period_start else "未识别"
    out().print(f"地区：{plan.region or '未识别'}　规划期：{period}　稿次：{plan.stage or '—'}", markup=False)
    counts: dict[str, int] = {}
    for section in parsed.sections:
        counts[section.kind.value] = counts.get(section.kind.value, 0) + 1
    summary = "，".join(f"{SECTION_KIND[k]} {counts.get(k, 0)}" for k in SECTION_KIND)
    out().print(f"目录：{summary}", markup=False)
    out().print(f"指标：{len(parsed.indicators)} 个；待核实问题：{len(parsed.problems)} 处", markup=False)
