"""The `planwatch` command. Each command parses its options and calls one library function."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from planwatch import config
from planwatch.errors import PlanwatchError
from planwatch.lint import LintSettings
from planwatch.model import ParsedPlan, Project, Severity, ValueRef
from planwatch.monitor import evaluate_plan
from planwatch.observe import import_observations
from planwatch.present import jsonout
from planwatch.present.amounts import plain, yi_yuan
from planwatch.present.evaluation_data import evaluation_data
from planwatch.present.labels import SEARCH_KIND, SECTION_KIND, attribute_label, target_kind_label
from planwatch.present.lint_data import KIND_LABELS, SEVERITY_LABELS, annotated_lines, at_least, lint_data
from planwatch.present.plan_data import plan_data, project_totals
from planwatch.present.reading_report import explain_file
from planwatch.present.templating import render
from planwatch.store import Store
from planwatch.workflow import (
    DEMO_AS_OF,
    IngestOutcome,
    bundled_plan_path,
    ingest_paths,
    lint_file,
    load_demo,
    read_plan,
)

app = typer.Typer(
    help="planwatch：把规划纲要读成结构化、可追溯、可监测的规划。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def out() -> Console:
    # Made per use so the terminal width (or COLUMNS) is read when printing, not at import.
    # Piped into a file, a table is not squeezed into 80 columns.
    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return Console(highlight=False, soft_wrap=True, width=160 if piped else None)


def err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


P = ParamSpec("P")
R = TypeVar("R")


def user_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Our errors become one line on stderr and exit code 2: a user's mistake is never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except PlanwatchError as error:
            err().print(f"错误：{error.one_line()}", markup=False)
            for detail in error.details():
                err().print(f"  {detail}", markup=False)
            raise typer.Exit(error.exit_code) from None

    return wrapper


class ParseFormat(StrEnum):
    json = "json"
    text = "text"


class ExportFormat(StrEnum):
    json = "json"
    xlsx = "xlsx"


FileArgument = Annotated[
    Path | None,
    typer.Argument(
        help="规划文件（.txt/.docx/.pdf/.html）；省略时使用内置的新建区规划纲要", show_default=False
    ),
]
PlanArgument = Annotated[str, typer.Argument(help="规划编号，或规划名称的一部分（取最新版本）")]


def _store() -> Store:
    return Store(config.database_url())


@app.command()
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


@app.command()
@user_errors
def ingest(
    files: Annotated[
        list[Path] | None, typer.Argument(help="规划文件；省略时导入内置的新建区规划纲要", show_default=False)
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="并行解析的进程数（默认为 CPU 核数）")] = 0,
) -> None:
    """把规划文件导入数据库（同一文件重复导入不会重复；内容变化的文件成为新版本）。"""
    paths = [str(f) for f in files] if files else [str(bundled_plan_path())]
    store = _store()
    jobs = jobs or os.cpu_count() or 1
    if len(paths) == 1:
        outcomes = ingest_paths(store, paths, jobs=1)
    else:
        outcomes = _ingest_with_progress(store, paths, jobs)
    for outcome in outcomes:
        _print_outcome(outcome, quiet=len(outcomes) > 20)
    failed = [o for o in outcomes if o.error]
    stored = len(outcomes) - len(failed)
    err().print(
        f"数据库：{_describe_url(store.url)}；成功 {stored} 个，失败 {len(failed)} 个。", markup=False
    )
    if failed:
        raise typer.Exit(2)


def _ingest_with_progress(store: Store, paths: list[str], jobs: int) -> list[IngestOutcome]:
    columns = (TextColumn("导入规划"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err(), transient=True) as progress:
        task = progress.add_task("ingest", total=len(paths))
        return ingest_paths(store, paths, jobs=jobs, progress=lambda _: progress.advance(task))


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
    typer.echo(
        f"{result.plan_id}\t{state}：{digest.title}（第{result.version}版，{digest.line_count}行，"
        f"{digest.sections}个目录条目，{digest.indicators}个指标，{digest.targets}个目标，{digest.projects}个项目）"
    )


@app.command("plans")
@user_errors
def list_plans() -> None:
    """列出数据库中的规划。"""
    summaries = _store().plans()
    if not summaries:
        out().print("数据库中还没有规划。先运行：planwatch ingest [文件]", markup=False)
        return
    table = _table(
        "编号",
        "规划名称",
        "地区",
        "规划期",
        "版本",
        "稿次",
        "行数",
        "指标数",
        "导入时间",
        wrap={"规划名称", "稿次"},
    )
    for s in summaries:
        period = f"{s.period_start}—{s.period_end}" if s.period_start else "—"
        table.add_row(
            str(s.id), s.title, s.region or "—", period, str(s.version), s.stage or "—",
            str(s.line_count), str(s.indicator_count), s.ingested_at.strftime("%Y-%m-%d %H:%M"),
        )  # fmt: skip
    out().print(table)


@app.command()
@user_errors
def outline(
    plan: PlanArgument,
    depth: Annotated[int, typer.Option("--depth", "-d", help="显示的层数（0 为全部）")] = 0,
) -> None:
    """显示规划的目录（章、节、条、项、专栏）及行号。"""
    parsed = _load(plan)
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


@app.command()
@user_errors
def indicators(plan: PlanArgument) -> None:
    """以表格显示规划的主要指标。"""
    parsed = _load(plan)
    table = _table(
        "编号", "专栏", "类别", "指标名称", "单位", "基期", "目标", "年均增速/累计", "属性", "行",
        wrap={"类别", "指标名称"},
    )  # fmt: skip
    for i in parsed.indicators:
        base, target = _value_text(i.base), _value_text(i.target)
        growth = i.growth.raw if i.growth else ""
        attribute = attribute_label(i.attribute.value if i.attribute else None)
        cells = (i.id, i.box or "", i.category or "", i.name, i.unit or "", base, target, growth, attribute)
        table.add_row(*cells, str(i.line))
    out().print(table)
    if parsed.problems:
        out().print(f"待核实：{len(parsed.problems)} 处（见 planwatch export 的“待核实问题”）", markup=False)


@app.command()
@user_errors
def targets(
    plan: PlanArgument,
    facts: Annotated[
        bool, typer.Option("--facts", help="显示上一时期的完成情况（事实），而不是目标")
    ] = False,
) -> None:
    """以表格显示正文中的量化目标（或上一时期的完成情况）及其原文位置。"""
    parsed = _load(plan)
    rows = parsed.facts if facts else parsed.targets
    table = _table(
        "编号", "对象", "数值", "单位", "类型", "年份", "方向", "行", "原文", wrap={"对象", "原文"}
    )
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
        table.add_row(
            t.id,
            t.subject,
            value or "（无）",
            t.unit or "",
            kind,
            year,
            t.direction or "",
            str(t.line),
            t.quote,
        )
    out().print(table)
    noun = "项完成情况" if facts else "个量化目标"
    out().print(f"共 {len(rows)} {noun}。年份带括号的是未写明年份、按规划期末计。", markup=False)


@app.command()
@user_errors
def projects(plan: PlanArgument) -> None:
    """以表格显示专栏中的重大项目，按专栏小计总投资（亿元）。"""
    parsed = _load(plan)
    table = _table(
        "编号", "专栏", "项目名称", "建设单位", "总投资（亿元）", "用地（亩）", "规模", "行",
        wrap={"项目名称", "建设单位", "规模"},
    )  # fmt: skip
    totals = project_totals(parsed.projects)
    by_box: dict[str | None, list[Project]] = {}
    for project in parsed.projects:
        by_box.setdefault(project.box, []).append(project)
    for box_total in totals["boxes"]:
        for p in by_box.get(box_total["box"], []):
            investment = plain(yi_yuan(p.investment_wan_yuan))
            if investment and p.investment_qualifier == "approx":
                investment = "约" + investment
            land = plain(p.land_mu.quantize(Decimal("0.01")) if p.land_mu is not None else None)
            table.add_row(
                p.id, p.box or "", p.name, p.owner or "", investment, land, p.capacity_raw or "", str(p.line)
            )
        count, priced = box_total["count"], box_total["with_investment"]
        label = f"{box_total['box'] or ''} 小计：{count} 个项目，{priced} 个列明投资"
        subtotal = plain(yi_yuan(box_total["investment_wan_yuan"]))
        table.add_row("", "", label, "", subtotal, "", "", "", style="bold")
        table.add_section()
    overall = totals["overall"]
    out().print(table)
    out().print(
        f"合计：{overall['count']} 个项目，其中 {overall['with_investment']} 个列明投资，"
        f"总投资 {plain(yi_yuan(overall['investment_wan_yuan']))} 亿元。",
        markup=False,
    )


@app.command()
@user_errors
def search(
    plan: PlanArgument,
    query: Annotated[str, typer.Argument(help="要找的词，多个词用空格分开（须同时出现）")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="最多显示几条")] = 20,
) -> None:
    """在规划的正文、目标和项目中全文检索，显示行号和高亮片段。"""
    store = _store()
    hits = store.search(query, plan_id=store.resolve(plan), limit=limit)
    if not hits:
        out().print(f"没有找到“{query}”。", markup=False)
        return
    for hit in hits:
        line = Text(f"第{hit.line}行 ", style="cyan")
        line.append(
            f"[{SEARCH_KIND.get(hit.kind, hit.kind)}{'·' + hit.ref_id if hit.ref_id else ''}] ", style="dim"
        )
        snippet = Text(hit.snippet)
        for start, end in hit.snippet_spans:
            snippet.stylize("bold reverse", start, end)
        out().print(line + snippet)


@app.command()
@user_errors
def observe(
    plan: PlanArgument,
    file: Annotated[
        Path, typer.Argument(help="填好的 .csv 或 .xlsx（planwatch template 生成的模板，或长表）")
    ],
    by: Annotated[str, typer.Option("--by", help="填报人")] = "",
) -> None:
    """导入监测数据（统计数据）；有任何一行不合格则整个文件不导入，并列出全部问题。"""
    store = _store()
    outcome = import_observations(store, store.resolve(plan), file, entered_by=by or _user())
    out().print(outcome.summary(), markup=False)


@app.command()
@user_errors
def template(
    plan: PlanArgument,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出的 Excel 文件")] = None,
) -> None:
    """生成监测数据填报模板（Excel）：每个指标一行，每年一列。"""
    from planwatch.observe.template import write_template  # openpyxl loads only when asked for

    store = _store()
    plan_id = store.resolve(plan)
    target = output or Path(f"填报模板-{plan_id}.xlsx")
    write_template(store.load(plan_id), target)
    err().print(f"已写出：{target}", markup=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
    workers: Annotated[int, typer.Option(help="工作进程数")] = 1,
) -> None:
    """打开网页界面：总览、指标、规划文本、目标、项目、审稿、搜索；登录后可填报数据。"""
    import uvicorn  # the web stack loads only for this command

    count = max(1, workers)
    err().print(f"网页界面：http://{host}:{port}（{count} 个工作进程；Ctrl+C 退出）", markup=False)
    uvicorn.run(
        "planwatch.present.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=count,
        log_level="warning",
    )


user_app = typer.Typer(help="网页界面的用户：添加、列出、分配指标给部门。", no_args_is_help=True)
app.add_typer(user_app, name="user")

PASSWORD_ENV = "PLANWATCH_PASSWORD"  # for scripts; otherwise the password is asked for, twice, unechoed


class Role(StrEnum):
    admin = "admin"
    planner = "planner"
    department = "department"
    viewer = "viewer"


@user_app.command("add")
@user_errors
def user_add(
    name: Annotated[str, typer.Argument(help="用户名")],
    role: Annotated[Role, typer.Option("--role", help="角色：admin、planner、department、viewer")],
    department: Annotated[
        str | None, typer.Option("--department", help="所属部门（department 角色必填），如 区交通运输局")
    ] = None,
) -> None:
    """添加网页界面的用户；密码以 argon2 哈希保存。"""
    from planwatch.store.users import add_user

    password = os.environ.get(PASSWORD_ENV) or typer.prompt("密码", hide_input=True, confirmation_prompt=True)
    user = add_user(_store(), name, role.value, password, department)
    where = f"（{user.department}）" if user.department else ""
    err().print(f"已添加用户：{user.name}，角色 {user.role}{where}", markup=False)


@user_app.command("list")
@user_errors
def user_list() -> None:
    """列出网页界面的用户。"""
    from planwatch.store.users import ROLE_LABELS, list_users

    table = _table("用户名", "角色", "部门", "状态", "添加时间", wrap=set())
    for u in list_users(_store()):
        created = u.created_at.isoformat(timespec="seconds")
        state = "启用" if u.active else "停用"
        table.add_row(u.name, ROLE_LABELS[u.role], u.department or "", state, created)
    out().print(table)


@user_app.command("assign")
@user_errors
def user_assign(
    plan: PlanArgument,
    item: Annotated[str, typer.Argument(help="指标、目标或项目编号，如 T2.01")],
    department: Annotated[str, typer.Argument(help='部门；写作空字符串 "" 则取消分配')],
) -> None:
    """把一个指标（或目标、项目）分配给部门：该部门的用户才能填报它。"""
    from planwatch.store.users import assign

    store = _store()
    plan_id = store.resolve(plan)
    parsed = store.load(plan_id)
    known = {i.id for i in parsed.indicators} | {t.id for t in parsed.targets}
    known |= {p.id for p in parsed.projects}
    if item not in known:
        raise PlanwatchError(f"规划 {plan_id} 中没有编号为“{item}”的指标、目标或项目")
    assign(store, plan_id, item, department or None, by=f"cli:{_user()}")
    err().print(f"已分配：{item} → {department or '（无）'}", markup=False)


def _user() -> str:
    return os.environ.get("USER", "")


class EvaluateFormat(StrEnum):
    text = "text"
    json = "json"


_COLOR_STYLE = {"green": "bold green", "yellow": "bold yellow", "red": "bold red", "grey": "dim"}


@app.command()
@user_errors
def evaluate(
    plan: PlanArgument,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="按某一日期已知的数据评估（如 2025-06-30），默认今天")
    ] = None,
    format: Annotated[EvaluateFormat, typer.Option("--format", "-f", help="输出格式")] = EvaluateFormat.text,
) -> None:
    """评估规划指标的完成情况：进度、序时差、后续年均需增长、规划期末预计值。"""
    store = _store()
    result = evaluate_plan(store, store.resolve(plan), _date_option(as_of, "--as-of"))
    data = evaluation_data(result)
    if format is EvaluateFormat.json:
        sys.stdout.write(jsonout.dumps(data) + "\n")
        return
    table = _table("编号", "指标", "属性", "状态", "说明", wrap={"指标", "说明"})
    for row in data["results"]:
        status = Text(row["status"], style=_COLOR_STYLE[row["color"]])
        table.add_row(
            row["indicator_id"], row["name"], attribute_label(row["attribute"]), status, row["explanation"]
        )
    out().print(table)
    summary = data["summary"]
    counts = "，".join(f"{status} {n}" for status, n in summary["by_status"].items())
    out().print(
        f"{data['plan_title']}：截至{data['as_of']}共评估{summary['total']}项指标（{counts}）；"
        f"约束性指标红色预警{summary['binding_red']}项。",
        markup=False,
    )


@app.command()
@user_errors
def demo() -> None:
    """导入内置规划并载入一套示例数据（示例数据，非真实统计），便于体验评估与看板。"""
    store = _store()
    outcome = ingest_paths(store, [str(bundled_plan_path())])[0]
    assert outcome.result is not None
    loaded = load_demo(store, outcome.result.plan_id)
    out().print(
        f"已载入示例数据（示例数据，非真实统计）：{loaded.added}个数值"
        + (f"，{loaded.unchanged}个已存在" if loaded.unchanged else "")
        + ("（此前已载入，未作改动）" if loaded.already_imported else ""),
        markup=False,
    )
    out().print(f"下一步：planwatch evaluate {outcome.result.plan_id} --as-of {DEMO_AS_OF}", markup=False)


def _date_option(text: str | None, option: str) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise PlanwatchError(f"“{text}”不是日期，应写作2025-06-30", field=option) from None


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


@app.command()
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
        _emit(jsonout.dumps(data) + "\n", output)
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
        line = Text(f"第{f['line']}行 ", style="cyan")
        line.append(SEVERITY_LABELS[f["severity"]], style=_SEVERITY_STYLE[f["severity"]])
        line.append(f" [{KIND_LABELS[f['kind']]}·{f['rule']}] ", style="dim")
        line.append(f["message"])
        console.print(line)
    summary = data["summary"]
    counts = "，".join(f"{SEVERITY_LABELS[s]} {n}" for s, n in summary["by_severity"].items())
    kinds = "，".join(f"{KIND_LABELS[k]} {n}" for k, n in summary["by_kind"].items() if n)
    console.print(f"共 {summary['total']} 处问题（{counts}）：{kinds or '无'}", markup=False)


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err().print(f"已写出：{output}", markup=False)


@app.command()
@user_errors
def export(
    plan: PlanArgument,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="导出格式")] = ExportFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="输出文件；JSON 省略时写到标准输出")
    ] = None,
) -> None:
    """导出规划（JSON 或 Excel）。"""
    data = plan_data(_load(plan))
    if format is ExportFormat.json:
        text = jsonout.dumps(data) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            output.write_text(text, encoding="utf-8")
            err().print(f"已写出：{output}", markup=False)
        return
    from planwatch.present.report.xlsx import write_plan_xlsx  # openpyxl loads only when asked for

    target = output or Path(f"plan-{data['plan']['id']}.xlsx")
    write_plan_xlsx(data, target)
    err().print(f"已写出：{target}", markup=False)


def _value_text(ref: ValueRef | None) -> str:
    """`382（2020年）`; an empty cell shows as `（空）` so it is not mistaken for a missing column."""
    if ref is None:
        return ""
    year = f"（{ref.year}年）" if ref.year else ""
    return f"{ref.raw.strip() or '（空）'}{year}"


def _table(*headers: str, wrap: set[str]) -> Table:
    """Long Chinese cells (`wrap`) fold instead of being cut off; short ones never break."""
    table = Table()
    for header in headers:
        if header in wrap:
            table.add_column(header, overflow="fold", min_width=8)
        else:
            table.add_column(header, no_wrap=True)
    return table


def _load(reference: str) -> ParsedPlan:
    store = _store()
    return store.load(store.resolve(reference))


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


def _describe_url(url: str) -> str:
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url.split("@")[-1]
