"""The reports an office signs: `planwatch report` (one plan) and `planwatch reports` (many, in a batch)."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from planwatch.cli.common import PlanArgument, err, locate, open_store, user_errors
from planwatch.dates import date_or_today
from planwatch.errors import PlanwatchError
from planwatch.present.report.batch import BatchOutcome, write_file, write_reports
from planwatch.present.report.build import ReportFormat, ReportKind, ReportRequest, build_report
from planwatch.store import Store


class Kind(StrEnum):
    annual = "annual"
    midterm = "midterm"


class Format(StrEnum):
    docx = "docx"
    xlsx = "xlsx"
    pdf = "pdf"


KindOption = Annotated[Kind, typer.Option("--kind", "-k", help="annual：年度监测报告；midterm：中期评估报告")]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="按某一日期已知的数据生成（如 2025-06-30），默认今天")
]
YearOption = Annotated[
    int | None,
    typer.Option("--year", help="年度监测报告的年度（默认：截至日期前应已发布数据的最近年度）"),
]


class ReportOptionError(PlanwatchError):
    """An output file whose kind cannot be told (report.odt)."""


def register(app: typer.Typer) -> None:
    app.command()(report)
    app.command()(reports)


@user_errors
def report(
    plan: PlanArgument,
    kind: KindOption = Kind.annual,
    as_of: AsOfOption = None,
    year: YearOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="输出文件（.docx/.xlsx/.pdf）；默认按报告命名")
    ] = None,
    format: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="docx（Word）、xlsx（Excel 数据）或 pdf；默认按文件扩展名"),
    ] = None,
) -> None:
    """生成年度监测报告或中期评估报告（Word 征求意见稿；也可生成 Excel 数据或 PDF）。"""
    chosen = _format(format, output)
    store = open_store()
    day = date_or_today(as_of, field="--as-of")
    plan_id = locate(store, plan, on=day).plan_id
    made = build_report(store, plan_id, ReportRequest(ReportKind(kind.value), day, year, chosen))
    target = output or Path(made.name)
    write_file(target, made.data)
    err().print(f"已写出：{target}", markup=False)


def _format(format: Format | None, output: Path | None) -> ReportFormat:
    if format is not None:
        if output is not None and output.suffix.lower() not in ("", f".{format.value}"):
            raise ReportOptionError(f"输出文件 {output.name} 的扩展名与 --format {format.value} 不一致")
        return ReportFormat(format.value)
    if output is None or not output.suffix:
        return ReportFormat.DOCX
    suffix = output.suffix.lower().lstrip(".")
    if suffix not in {f.value for f in ReportFormat}:
        raise ReportOptionError(
            f"无法从扩展名 {output.suffix} 判断报告格式：请用 .docx、.xlsx 或 .pdf，或加 --format"
        )
    return ReportFormat(suffix)


@user_errors
def reports(
    plans: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="规划…", help="规划编号或名称的一部分；省略时为数据库中的全部规划", show_default=False
        ),
    ] = None,
    kind: KindOption = Kind.annual,
    as_of: AsOfOption = None,
    year: YearOption = None,
    directory: Annotated[Path, typer.Option("--output-dir", "-o", help="报告写入的目录")] = Path("reports"),
    format: Annotated[Format, typer.Option("--format", "-f", help="docx、xlsx 或 pdf")] = Format.docx,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="并行生成的进程数（至少 1）")] = 2,
) -> None:
    """为多个规划批量生成报告（多进程并行，显示进度）；某个规划失败时其余照常生成。"""
    if jobs < 1:
        raise PlanwatchError(f"并行进程数应至少为 1，而不是 {jobs}", field="--jobs")
    store = open_store()
    day = date_or_today(as_of, field="--as-of")
    plan_ids = _plan_ids(store, plans or [])
    request = ReportRequest(ReportKind(kind.value), day, year, ReportFormat(format.value))
    started = time.perf_counter()
    columns = (TextColumn("生成报告"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err(), transient=True) as progress:
        task = progress.add_task("reports", total=len(plan_ids))
        outcomes = write_reports(
            store, plan_ids, request, directory, jobs, progress=lambda _: progress.advance(task)
        )
    elapsed = time.perf_counter() - started
    _summary(outcomes, directory, elapsed)


def _plan_ids(store: Store, references: list[str]) -> list[int]:
    if not references:
        return [row.id for row in store.plans()]
    return list(dict.fromkeys(locate(store, reference).plan_id for reference in references))


def _summary(outcomes: list[BatchOutcome], directory: Path, elapsed: float) -> None:
    failed = [o for o in outcomes if o.error]
    for outcome in failed:
        err().print(f"错误：规划 {outcome.plan_id}：{outcome.error}", markup=False)
    made = len(outcomes) - len(failed)
    rate = made / elapsed if elapsed > 0 else 0.0
    speed = f"用时 {elapsed:.1f} 秒（每秒 {rate:.1f} 份）"
    err().print(f"已生成 {made} 份报告，失败 {len(failed)} 份，写入 {directory}；{speed}。", markup=False)
    if failed:
        raise typer.Exit(2)
