"""Commands about stored plans: ingest, list, and show their outline, indicators, targets, projects."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from planwatch.cli.common import (
    PlanArgument,
    VersionOption,
    actor,
    describe_url,
    emit,
    err,
    load,
    locate,
    open_store,
    out,
    table,
    user_errors,
    value_text,
)
from planwatch.formatting import plain
from planwatch.present import jsonout
from planwatch.present.labels import SECTION_KIND, attribute_label, target_kind_label
from planwatch.present.pages.listings import projects_page
from planwatch.present.pages.plans import plans_page
from planwatch.present.pages.search import search_page
from planwatch.present.plan_data import plan_data
from planwatch.present.times import shown_time
from planwatch.services.plans import IngestOutcome, bundled_plan_path, ingest_files
from planwatch.store import Store


class ExportFormat(StrEnum):
    json = "json"
    xlsx = "xlsx"


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command("plans")(list_plans)
    app.command()(outline)
    app.command()(indicators)
    app.command()(targets)
    app.command()(search)
    app.command()(export)


@user_errors
def ingest(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="规划文件", help="规划文件；省略时导入内置的新建区规划纲要", show_default=False
        ),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="并行解析的进程数（默认为 CPU 核数）")] = 0,
) -> None:
    """把规划文件导入数据库（同一文件重复导入不会重复；内容变化的文件成为新版本）。"""
    paths = [str(f) for f in files] if files else [str(bundled_plan_path())]
    store = open_store()
    who = actor(store)
    jobs = jobs or os.cpu_count() or 1
    if len(paths) == 1:
        outcomes = ingest_files(store, who, paths, jobs=1)
    else:
        outcomes = _ingest_with_progress(store, paths, jobs)
    for outcome in outcomes:
        _print_outcome(outcome, quiet=len(outcomes) > 20)
    failed = [o for o in outcomes if o.error]
    stored = len(outcomes) - len(failed)
    err().print(f"数据库：{describe_url(store.url)}；成功 {stored} 个，失败 {len(failed)} 个。", markup=False)
    if failed:
        raise typer.Exit(2)


def _ingest_with_progress(store: Store, paths: list[str], jobs: int) -> list[IngestOutcome]:
    columns = (TextColumn("导入规划"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    who = actor(store)
    with Progress(*columns, console=err(), transient=True) as progress:
        task = progress.add_task("ingest", total=len(paths))
        return ingest_files(store, who, paths, jobs=jobs, progress=lambda _: progress.advance(task))


def _print_outcome(outcome: IngestOutcome, quiet: bool) -> None:
    if outcome.error:
        err().print(f"错误：{outcome.error}", markup=False)
        return
    assert outcome.result is not None and outcome.digest is not None
    # Plain stdout, not rich: scripts read the id before the tab.
    if quiet:
        typer.echo(outcome.result.plan_id)
        return
    result, digest = outcome.result, outcome.digest
    state = "已导入" if result.created else "已存在（文件未变化，未重复导入）"
    carry = f"；与上一版对照：{outcome.carry.summary()}" if outcome.carry is not None else ""
    typer.echo(
        f"{result.plan_id}\t{state}：{digest.title}（第{result.version}版，{digest.line_count}行，"
        f"{digest.sections}个目录条目，{digest.indicators}个指标，{digest.targets}个目标，{digest.projects}个项目）"
        + carry
    )


@user_errors
def list_plans() -> None:
    """列出数据库中的规划（按地区和类型），及各自的现行版本。"""
    page = plans_page(open_store())
    if not page["plans"]:
        out().print("数据库中还没有规划。先运行：planwatch ingest [文件]", markup=False)
        return
    shown = table(
        "编号", "规划名称", "地区", "类型", "规划期", "现行版本", "稿次", "指标数", "最近导入",
        wrap={"规划名称", "稿次"},
    )  # fmt: skip
    for p in page["plans"]:
        period = f"{p['period_start']}—{p['period_end']}" if p["period_start"] else "—"
        version = f"第{p['version']}版（共{p['versions']}版）" if p["versions"] > 1 else f"第{p['version']}版"
        shown.add_row(
            str(p["id"]), p["title"], f"{p['region'] or '—'}（{p['level_label']}）", p["kind_label"], period,
            version, p["stage"] or "—", str(p["indicator_count"]), shown_time(p["ingested_at"]),
        )  # fmt: skip
    out().print(shown)


@user_errors
def outline(
    plan: PlanArgument,
    version: VersionOption = None,
    depth: Annotated[int, typer.Option("--depth", "-d", help="显示的层数（0 为全部）")] = 0,
) -> None:
    """显示规划的目录（章、节、条、项、专栏）及行号。"""
    parsed = load(plan, version)
    depth_of: dict[str, int] = {}
    for section in parsed.sections:
        level = depth_of.get(section.parent_id or "", -1) + 1
        depth_of[section.id] = level
        if depth and level >= depth:
            continue
        label = SECTION_KIND.get(section.kind.value, "")
        out().print(
            f"{'  ' * level}{section.number} {section.title}  [{label}·第{section.line}行]", markup=False
        )


@user_errors
def indicators(plan: PlanArgument, version: VersionOption = None) -> None:
    """以表格显示规划的主要指标。"""
    parsed = load(plan, version)
    shown = table(
        "编号", "专栏", "类别", "指标名称", "单位", "基期", "目标", "年均增速/累计", "属性", "行",
        wrap={"类别", "指标名称"},
    )  # fmt: skip
    for i in parsed.indicators:
        base, target = value_text(i.base), value_text(i.target)
        growth = i.growth.raw if i.growth else ""
        attribute = attribute_label(i.attribute.value if i.attribute else None)
        cells = (i.id, i.box or "", i.category or "", i.name, i.unit or "", base, target, growth, attribute)
        shown.add_row(*cells, str(i.line))
    out().print(shown)
    if parsed.problems:
        out().print(f"待核实：{len(parsed.problems)} 处（见 planwatch export 的“待核实问题”）", markup=False)


@user_errors
def targets(
    plan: PlanArgument,
    version: VersionOption = None,
    facts: Annotated[
        bool, typer.Option("--facts", help="显示上一时期的完成情况（事实），而不是目标")
    ] = False,
) -> None:
    """以表格显示正文中的量化目标（或上一时期的完成情况）及其原文位置。"""
    parsed = load(plan, version)
    rows = parsed.facts if facts else parsed.targets
    shown = table("编号", "对象", "数值", "单位", "类型", "年份", "方向", "行", "原文", wrap={"对象", "原文"})
    for t in rows:
        value = (
            f"{plain(t.value_min)}～{plain(t.value_max)}"
            if t.value is None and t.value_min
            else plain(t.value)
        )
        year = str(t.year) if t.year else (f"（{t.year_implied}）" if t.year_implied else "")
        kind = target_kind_label(t.kind.value) + (
            "·左右" if t.qualifier == "approx" and t.kind.value != "approx" else ""
        )
        cells = (t.id, t.subject, value or "（无）", t.unit or "", kind, year, t.direction or "")
        shown.add_row(*cells, str(t.line), t.quote)
    out().print(shown)
    noun = "项完成情况" if facts else "个量化目标"
    out().print(f"共 {len(rows)} {noun}。年份带括号的是未写明年份、按规划期末计。", markup=False)


@user_errors
def projects(plan: PlanArgument, version: VersionOption = None) -> None:
    """以表格显示专栏中的重大项目，按专栏小计总投资（亿元）。"""
    store = open_store()
    found = locate(store, plan, version)
    page = projects_page(store, found.plan_id, found.version)
    shown = table(
        "编号", "专栏", "项目名称", "建设单位", "总投资（亿元）", "用地（亩）", "规模", "行",
        wrap={"项目名称", "建设单位", "规模"},
    )  # fmt: skip
    boxes = {box["box"]: box for box in page["boxes"]}
    rows = page["projects"]
    last_of_box = {p["box"]: index for index, p in enumerate(rows)}
    for index, p in enumerate(rows):
        investment = plain(p["investment_yi_yuan"])
        if investment and p["investment_qualifier"] == "approx":
            investment = "约" + investment
        if p["repeat_of"]:
            investment = f"{investment}（重复列入，同{p['repeat_of']['id']}，不重复计算）".lstrip()
        land = plain(p["land_mu"], 2)
        cells = (
            p["id"],
            p["box"] or "",
            p["name"],
            p["owner"] or "",
            investment,
            land,
            p["capacity_raw"] or "",
        )
        shown.add_row(*cells, str(p["line"]))
        if index == last_of_box[p["box"]]:  # once, under the box's last project (a box may come back)
            _subtotal(shown, boxes[p["box"]])
    overall = page["overall"]
    out().print(shown)
    repeats = f"（另有 {overall['repeats']} 个重复列入，只计一次）" if overall["repeats"] else ""
    out().print(
        f"合计：{overall['count']} 个项目{repeats}，其中 {overall['with_investment']} 个列明投资，"
        f"总投资 {_amount(overall['investment_yi_yuan'])} 亿元。",
        markup=False,
    )


def _subtotal(shown: Any, box: dict[str, Any]) -> None:
    label = f"{box['box'] or ''} 小计：{box['count']} 个项目，{box['with_investment']} 个列明投资"
    shown.add_row("", "", label, "", _amount(box["investment_yi_yuan"]), "", "", "", style="bold")
    shown.add_section()


def _amount(value: Any) -> str:
    """A total: 未列明 when no project of it states an amount (not 0)."""
    return "未列明" if value is None else plain(value)


@user_errors
def search(
    plan: PlanArgument,
    query: Annotated[str, typer.Argument(metavar="检索词", help="要找的词，多个词用空格分开（须同时出现）")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="最多显示几条")] = 20,
    version: VersionOption = None,
) -> None:
    """在规划的正文、目标和项目中全文检索，显示行号和高亮片段。"""
    store = open_store()
    found = locate(store, plan, version)
    page = search_page(store, found.plan_id, query, limit=limit, version=found.version)
    if not page["hits"]:
        out().print(f"没有找到“{query}”。", markup=False)
        return
    for hit in page["hits"]:
        line = Text(f"第{hit['line']}行 ", style="cyan")
        ref = "·" + hit["ref_id"] if hit["ref_id"] else ""
        line.append(f"[{hit['kind_label']}{ref}] ", style="dim")
        for piece in hit["pieces"]:
            line.append(piece["text"], style="bold reverse" if piece["hit"] else "")
        out().print(line)


@user_errors
def export(
    plan: PlanArgument,
    version: VersionOption = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="导出格式")] = ExportFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="输出文件；JSON 省略时写到标准输出")
    ] = None,
) -> None:
    """导出规划（JSON 或 Excel）。"""
    data = plan_data(load(plan, version))
    if format is ExportFormat.json:
        emit(jsonout.dumps(data) + "\n", output)
        return
    from planwatch.present.report.xlsx import write_plan_xlsx  # openpyxl loads only when asked for

    target = output or Path(f"plan-{data['plan']['id']}.xlsx")
    write_plan_xlsx(data, target)
    err().print(f"已写出：{target}", markup=False)
