"""`planwatch projects …`: the project library (项目库) and its 调度 — the plan's project list, the
library, the judgement as of a date, one project, the 调度表 template and import, the Excel export,
adding and editing projects.

`planwatch projects PLAN` still lists the plan's projects as read (it means `projects list PLAN`).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text
from typer.core import TyperGroup

from planwatch.cli import plans
from planwatch.cli.common import PlanArgument, actor, err, locate, open_store, out, table, user_errors
from planwatch.dates import date_or_today, parse_date
from planwatch.errors import PlanwatchError
from planwatch.formatting import plain
from planwatch.present import jsonout
from planwatch.present.pages.library import library_page
from planwatch.present.pages.project import project_page
from planwatch.present.pages.schedule import schedule_page
from planwatch.project_model import ReportFrequency
from planwatch.services import project_library, project_reports, project_sheets
from planwatch.services.project_fields import LABELS, NODE_PREFIX, PLAN_PREFIX


class _ListByDefault(TyperGroup):
    """`planwatch projects 1` is `planwatch projects list 1`: the command it was before it had subcommands."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["list", *args]
        return super().parse_args(ctx, args)


projects_app = typer.Typer(
    cls=_ListByDefault,
    help="重大项目：规划所列项目、项目库、调度（投资完成率与序时进度、红黄绿）、调度表导入导出。",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class Format(StrEnum):
    text = "text"
    json = "json"


class Frequency(StrEnum):
    month = "month"
    quarter = "quarter"


AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="按某一日期已知的情况（如 2024-11-20），默认今天", show_default=False),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="输出格式")]
_STYLE = {"green": "bold green", "yellow": "bold yellow", "red": "bold red", "grey": "dim"}


def register(app: typer.Typer) -> None:
    app.add_typer(projects_app, name="projects")


projects_app.command("list")(plans.projects)


@projects_app.command("status")
@user_errors
def status(
    plan: PlanArgument,
    as_of: AsOfOption = None,
    format: FormatOption = Format.text,
    department: Annotated[str | None, typer.Option("--department", help="只看某个责任单位")] = None,
) -> None:
    """重大项目调度：各项目的年度计划、累计完成、投资完成率、序时进度和状态（红黄绿），以及合计。"""
    store = open_store()
    day = date_or_today(as_of, field="--as-of")
    page = schedule_page(store, locate(store, plan, on=day).plan_id, day, {"department": department})
    if format is Format.json:
        sys.stdout.write(jsonout.dumps(page) + "\n")
        return
    shown = table(
        "编号",
        "项目",
        "责任单位",
        "年度计划（亿元）",
        "累计（亿元）",
        "完成率",
        "状态",
        "说明",
        wrap={"项目", "说明", "责任单位"},
    )
    for p in page["projects"]:
        rate = f"{plain(p['rate'])}%" if p["rate"] is not None else ""
        state = Text(p["status"], style=_STYLE[p["color"]])
        name = p["name"] + (f"（{p['in_force_label']}）" if p["in_force_label"] else "")
        shown.add_row(
            p["code"],
            name,
            p["department"] or "",
            _yi(p["planned_yi_yuan"]),
            _yi(p["cumulative_yi_yuan"]),
            rate,
            state,
            p["explanation"],
        )
    out().print(shown)
    t = page["totals"]
    counts = "，".join(f"{label} {n}" for label, n in t["by_status"].items())
    rate = f"{plain(t['rate'])}%" if t["rate"] is not None else "—"
    out().print(
        f"截至{page['as_of']}（{page['due_label']}应已报送，序时进度{plain(page['elapsed'])}%）："
        f"{t['count']}个项目，年度计划{_yi(t['planned_yi_yuan'])}亿元，累计完成{_yi(t['cumulative_yi_yuan'])}亿元，"
        f"完成率{rate}；{counts}。",
        markup=False,
    )


def _yi(value: Any) -> str:
    return plain(value, 2) if value is not None else ""


@projects_app.command("library")
@user_errors
def library(
    plan: PlanArgument,
    format: FormatOption = Format.text,
) -> None:
    """项目库：每个项目的编号、专栏、类别、责任单位、总投资、状态和来源（规划原文行号或手工添加）。"""
    store = open_store()
    page = library_page(store, locate(store, plan).plan_id)
    if format is Format.json:
        sys.stdout.write(jsonout.dumps(page) + "\n")
        return
    shown = table(
        "编号",
        "项目名称",
        "专栏",
        "类别",
        "责任单位",
        "建设地点",
        "总投资（亿元）",
        "状态",
        "来源",
        wrap={"项目名称", "来源"},
    )
    for p in page["projects"]:
        source = f"第{p['source']['version']}版第{p['source']['line']}行" if p["source"] else "手工添加"
        if p["in_force_label"]:
            source += f"（{p['in_force_label']}）"
        cells = (
            p["code"],
            p["name"],
            p["box"] or "",
            p["category"] or "",
            p["department"] or "",
            p["location"] or "",
        )
        shown.add_row(*cells, _yi(p["investment_yi_yuan"]), p["status"] or "", source)
    out().print(shown)
    out().print(f"共{len(page['projects'])}个项目；调度频率：{page['frequency']['label']}。", markup=False)


@projects_app.command("show")
@user_errors
def show(
    plan: PlanArgument,
    project: Annotated[str, typer.Argument(help="项目编号（如 P046）")],
    as_of: AsOfOption = None,
    format: FormatOption = Format.text,
) -> None:
    """一个项目：字段及来源、年度计划、节点、判断、每期报送（含更正的各个版本）和问题台账。"""
    store = open_store()
    day = date_or_today(as_of, field="--as-of")
    page = project_page(store, locate(store, plan, on=day).plan_id, project, day)
    if format is Format.json:
        sys.stdout.write(jsonout.dumps(page) + "\n")
        return
    p = page["project"]
    out().print(
        f"{p['code']} {p['name']}" + (f"（{p['in_force_label']}）" if p["in_force_label"] else ""),
        markup=False,
    )
    for f in page["fields"]:
        value = (
            _yi(f["value"]) if f["name"] == "investment" and f["value"] is not None else (f["value"] or "—")
        )
        out().print(f"  {f['label']}：{value}" + (f"（{f['origin']}）" if f["origin"] else ""), markup=False)
    for y in page["year_plans"]:
        out().print(
            f"  {y['year']}年计划投资：{_yi(y['amount_yi_yuan'])}亿元（{y['origin_label']}）", markup=False
        )
    for m in page["milestones"]:
        actual = f"，实际{m['actual_on']}" if m["actual_on"] else ""
        out().print(f"  节点 {m['label']}：计划{m['planned_on']}{actual}（{m['state']}）", markup=False)
    out().print(Text(f"{p['status']}：{p['explanation']}", style=_STYLE[p["color"]]))
    for flag in p["flags"]:
        out().print(f"  待核实：{flag}", markup=False)
    for period in page["reports"]:
        for v in period["versions"]:
            mark = "（当时尚未报送）" if v["later"] else ("" if v["current"] else "（已更正）")
            out().print(
                f"  {period['period']} 本期{_yi(v['completed_yi_yuan'])}亿元 "
                f"累计{_yi(v['cumulative_yi_yuan'])}亿元 {v['progress']} "
                f"填报{v['reported_on']} {v['entered_by']}{mark}",
                markup=False,
            )


@projects_app.command("template")
@user_errors
def template(
    plan: PlanArgument,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出的 Excel 文件")] = None,
    period: Annotated[
        str | None, typer.Option("--period", help="调度期间，如 2024-05；默认为最近一个应报送的期间")
    ] = None,
) -> None:
    """生成调度表（Excel）：每个项目一行，填报本期完成投资、累计完成投资、开工竣工、形象进度和问题。"""
    store = open_store()
    found = locate(store, plan)
    target = output or Path(f"项目调度表-{found.plan_id}.xlsx")
    outcome = project_sheets.write_template(store, actor(store), found.plan_id, target, period=period)
    err().print(f"已写出：{outcome.path}（{outcome.period}，{outcome.rows}个项目）", markup=False)


@projects_app.command("report")
@user_errors
def report(
    plan: PlanArgument,
    file: Annotated[Path, typer.Argument(metavar="文件", help="填好的调度表（.xlsx）或长表（.csv）")],
) -> None:
    """导入调度表；有任何一行不合格则整个文件不导入，并列出全部问题（第几行、哪一列、原因）。"""
    store = open_store()
    outcome = project_reports.import_schedule(store, actor(store), locate(store, plan).plan_id, file)
    out().print(outcome.summary(), markup=False)


@projects_app.command("export")
@user_errors
def export(
    plan: PlanArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的 Excel 文件")],
    as_of: AsOfOption = None,
) -> None:
    """导出调度情况（截至某日）、分组汇总和项目库（Excel）。"""
    from planwatch.present.report.schedule_xlsx import write_schedule_xlsx  # openpyxl on use

    store = open_store()
    day = date_or_today(as_of, field="--as-of")
    plan_id = locate(store, plan, on=day).plan_id
    write_schedule_xlsx(schedule_page(store, plan_id, day), library_page(store, plan_id), output)
    err().print(f"已写出：{output}", markup=False)


@projects_app.command("add")
@user_errors
def add(
    plan: PlanArgument,
    name: Annotated[str, typer.Option("--name", help="项目名称")],
    fields: Annotated[
        list[str] | None, typer.Option("--set", help="其他字段，如 --set 责任单位=区交通运输局")
    ] = None,
) -> None:
    """添加规划未列出的项目（注明手工添加，编号 H001…）。"""
    store = open_store()
    values = {"name": name, **_fields(fields or [])}
    key = project_library.add_project(store, actor(store), locate(store, plan).plan_id, values)
    err().print(f"已添加项目 {key}：{name}", markup=False)


@projects_app.command("edit")
@user_errors
def edit(
    plan: PlanArgument,
    project: Annotated[str, typer.Argument(help="项目编号（如 P046）")],
    fields: Annotated[
        list[str],
        typer.Option(
            "--set",
            help="字段=值，如 --set 责任单位=区交通运输局 --set 2024年计划投资=5 "
            "--set 节点:主体封顶=2024-09-30；值留空则清除",
        ),
    ],
    effective: Annotated[
        str | None, typer.Option("--from", help="年度计划、节点、开工竣工日期和状态的生效日期（默认今天）")
    ] = None,
) -> None:
    """修改项目库字段（记入审计日志：谁、何时、原值→新值）。金额单位亿元，也可写 5000万元。"""
    store = open_store()
    set_on = parse_date(effective, field="--from") if effective else None
    changes = project_library.edit_project(
        store, actor(store), locate(store, plan).plan_id, project, _fields(fields), set_on=set_on
    )
    for c in changes:
        err().print(f"{c.label}：{c.old or '（空）'} → {c.new or '（空）'}", markup=False)
    if not changes:
        err().print("没有改动", markup=False)


class SuggestedField(StrEnum):
    """The library fields the directory suggests (typed by their English names, like the columns)."""

    DEPARTMENT = "department"
    LOCATION = "location"


@projects_app.command("accept")
@user_errors
def accept(
    plan: PlanArgument,
    field: Annotated[
        list[SuggestedField] | None,
        typer.Option("--field", help="department（责任单位）或 location（建设地点）；默认两者"),
    ] = None,
) -> None:
    """采纳单位名录给出的建议（责任单位按关键词、建设地点按乡镇街道名），只填尚未填写的项目。"""
    store = open_store()
    chosen = [f.value for f in field] if field else [f.value for f in SuggestedField]
    taken = project_library.accept_suggestions(store, actor(store), locate(store, plan).plan_id, chosen)
    err().print(f"已采纳{taken}条建议", markup=False)


@projects_app.command("frequency")
@user_errors
def frequency(
    plan: PlanArgument,
    value: Annotated[Frequency, typer.Argument(metavar="频率", help="month（月报）或 quarter（季报）")],
) -> None:
    """设置规划的调度频率：按月或按季度报送。"""
    store = open_store()
    chosen = ReportFrequency(value.value)
    changed = project_library.set_frequency(store, actor(store), locate(store, plan).plan_id, chosen)
    err().print(f"调度频率：{chosen.label}" + ("" if changed else "（未改变）"), markup=False)


_BY_LABEL = {label: name for name, label in LABELS.items()}


def _fields(pairs: list[str]) -> dict[str, str]:
    """`责任单位=区交通运输局`, `department=…`, `2024年计划投资=5`, `节点:主体封顶=2024-09-30` → by field."""
    found: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise PlanwatchError(f"“{pair}”应写作 字段=值", field="--set")
        if name.endswith("年计划投资") and name[:4].isdigit():
            name = PLAN_PREFIX + name[:4]
        elif name.startswith(("节点:", "节点：")):
            name = NODE_PREFIX + name[3:]
        found[_BY_LABEL.get(name, name)] = value
    return found
