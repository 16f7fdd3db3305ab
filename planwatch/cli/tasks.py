"""`planwatch tasks …`: the task list of a plan (任务分工) — propose, edit, accept, export, import —
and its follow-up (督查督办): reports, review, status, 催办."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli.common import PlanArgument, actor, err, locate, open_store, out, table, user_errors
from planwatch.cli.task_follow import register_follow
from planwatch.dates import date_or_today, parse_date
from planwatch.errors import PlanwatchError
from planwatch.present import jsonout
from planwatch.present.pages.tasks import task_list_page
from planwatch.present.report.task_docx import write_task_docx
from planwatch.present.report.task_xlsx import write_task_xlsx
from planwatch.services import task_edits, tasks
from planwatch.services.task_edits import Changes

tasks_app = typer.Typer(
    help="任务分工与督查督办：拟定、修改、确定任务清单，报送进展、审核、催办。", no_args_is_help=True
)


class ExportFormat(StrEnum):
    docx = "docx"
    xlsx = "xlsx"
    json = "json"


def register(app: typer.Typer) -> None:
    app.add_typer(tasks_app, name="tasks")
    register_follow(tasks_app)


@tasks_app.command("draft")
@user_errors
def draft(
    plan: PlanArgument,
    replace: Annotated[bool, typer.Option("--replace", help="放弃现有草稿，重新拟定")] = False,
) -> None:
    """按现行版本的目录拟定任务清单草稿（节、条目、事项各为一项任务），并按关键词建议牵头单位。"""
    store = open_store()
    found = locate(store, plan)
    made = tasks.draft(store, actor(store), found.plan_id, replace_draft=replace)
    chapters = sum(1 for _, taken in made.chapters if taken)
    suggested = sum(1 for t in made.tasks if t.lead_suggested)
    out().print(
        f"已拟定任务清单草稿（第{made.task_list.number}版）：{len(made.tasks)}项任务，来自{chapters}章；"
        f"{suggested}项已按关键词建议牵头单位（待确认）",
        markup=False,
    )
    if made.carried or made.unmatched:
        out().print(
            f"沿用已确定清单的任务{made.carried}项（编号不变），新增{made.new}项，"
            f"原文未找到{made.unmatched}项（保留并标记，请人工处理）",
            markup=False,
        )
    for skipped in made.skipped:
        out().print(f"  未列为任务：第{skipped.line}行 {skipped.heading}（{skipped.reason}）", markup=False)
    out().print(
        f"下一步：planwatch tasks export {found.plan_id} --draft --format xlsx -o 任务清单.xlsx"
        "（修改后 tasks import），或在网页“任务清单”页修改；"
        f"确定：planwatch tasks accept {found.plan_id} --from 日期",
        markup=False,
    )


@tasks_app.command("list")
@user_errors
def list_tasks(
    plan: PlanArgument,
    draft_list: Annotated[bool, typer.Option("--draft", help="列出草稿（默认：现行清单）")] = False,
    number: Annotated[int | None, typer.Option("--list", help="第几版清单")] = None,
) -> None:
    """列出任务清单：序号、编号、重点任务、牵头单位、责任单位、完成时限、报送周期、原文行。"""
    store = open_store()
    data = task_list_page(store, locate(store, plan).plan_id, _which(draft_list, number))
    if data["list"] is None:
        raise PlanwatchError("还没有任务清单：请先运行 planwatch tasks draft")
    out().print(f"{data['title']}{data['subtitle']}：{data['total']}项任务", markup=False)
    shown = table(
        "序号",
        "编号",
        "重点任务",
        "牵头单位",
        "责任单位",
        "完成时限",
        "周期",
        "原文行",
        wrap={"重点任务", "责任单位"},
    )
    for chapter in data["chapters"]:
        shown.add_row("", "", f"{chapter['numeral']}、{chapter['title']}", "", "", "", "", "")
        for t in chapter["tasks"]:
            lead = (t["lead_unit"] or "（未定）") + ("（建议）" if t["lead_suggested"] else "")
            flag = f"［{t['flag_label']}］" if t["flag_label"] else ""
            shown.add_row(
                t["number"],
                t["key"],
                flag + t["heading"],
                lead,
                "、".join(t["co_units"]),
                t["deadline"],
                t["cycle"],
                f"{t['first_line']}-{t['last_line']}",
            )
    out().print(shown)


@tasks_app.command("export")
@user_errors
def export(
    plan: PlanArgument,
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="docx（任务分工方案）、xlsx（可修改后导入）或 json")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入的文件（默认：任务分工方案.docx 等）")
    ] = None,
    draft_list: Annotated[bool, typer.Option("--draft", help="导出草稿（默认：现行清单）")] = False,
    number: Annotated[int | None, typer.Option("--list", help="第几版清单")] = None,
) -> None:
    """导出任务分工方案：Word（横排表格，表头每页重复，按章编号）或 Excel（修改后可导入）。"""
    store = open_store()
    data = task_list_page(store, locate(store, plan).plan_id, _which(draft_list, number))
    if data["list"] is None:
        raise PlanwatchError("还没有任务清单：请先运行 planwatch tasks draft")
    path = output or Path(f"任务分工方案.{format.value}")
    if format is ExportFormat.docx:
        write_task_docx(data, path)
    elif format is ExportFormat.xlsx:
        write_task_xlsx(data, path)
    else:
        path.write_text(jsonout.dumps(data), encoding="utf-8")
    err().print(f"已写出：{path}（{data['total']}项任务）", markup=False)


@tasks_app.command("import")
@user_errors
def import_sheet(
    plan: PlanArgument,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="文件", help="修改后的任务清单 .xlsx（tasks export --format xlsx 导出的格式）"
        ),
    ],
) -> None:
    """导入修改后的任务清单，替换草稿（有任何问题则整个文件不导入，并列出全部问题）。"""
    store = open_store()
    count = task_edits.import_list(store, actor(store), locate(store, plan).plan_id, file)
    err().print(f"已导入任务清单草稿：{count}项任务", markup=False)


@tasks_app.command("edit")
@user_errors
def edit(
    plan: PlanArgument,
    key: Annotated[str, typer.Argument(metavar="任务编号", help="任务编号，如 R012")],
    heading: Annotated[str | None, typer.Option("--heading", help="重点任务（名称）")] = None,
    summary: Annotated[str | None, typer.Option("--summary", help="任务内容")] = None,
    lead: Annotated[str | None, typer.Option("--lead", help="牵头单位（须在单位名录中）")] = None,
    co: Annotated[str | None, typer.Option("--co", help="责任单位，用顿号分开")] = None,
    deadline: Annotated[str | None, typer.Option("--deadline", help="完成时限：年份，或 长期、持续")] = None,
    cycle: Annotated[str | None, typer.Option("--cycle", help="报送周期：季度、半年、年度")] = None,
    confirm: Annotated[bool, typer.Option("--confirm", help="确认建议的牵头单位")] = False,
) -> None:
    """修改草稿中的一项任务（没有草稿时以现行清单为底稿新建修订稿）。"""
    store = open_store()
    co_units = (
        tuple(u for u in (co or "").replace("，", "、").replace(",", "、").split("、"))
        if co is not None
        else None
    )
    changes = Changes(heading, summary, lead, co_units, deadline, cycle, confirm)
    task = task_edits.edit_task(store, actor(store), locate(store, plan).plan_id, key.upper(), changes)
    suggested = "（建议，待确认）" if task.lead_suggested else ""
    err().print(f"已修改 {task.key}：牵头单位 {task.lead_unit or '（未定）'}{suggested}", markup=False)


@tasks_app.command("confirm")
@user_errors
def confirm(
    plan: PlanArgument,
    keys: Annotated[
        list[str] | None, typer.Argument(metavar="任务编号…", help="任务编号；省略时确认全部建议")
    ] = None,
) -> None:
    """确认按关键词建议的牵头单位（确认前，建议不算分配）。"""
    store = open_store()
    wanted = [k.upper() for k in keys] if keys else None
    count = task_edits.confirm_suggestions(store, actor(store), locate(store, plan).plan_id, wanted)
    err().print(f"已确认{count}项建议的牵头单位", markup=False)


@tasks_app.command("merge")
@user_errors
def merge(
    plan: PlanArgument,
    keys: Annotated[
        list[str], typer.Argument(metavar="任务编号…", help="要合并的任务编号（保留第一个的编号）")
    ],
) -> None:
    """合并任务：第一项保留其编号，原文行取各项之和。"""
    store = open_store()
    task = task_edits.merge_tasks(store, actor(store), locate(store, plan).plan_id, [k.upper() for k in keys])
    err().print(f"已合并为 {task.key}（原文第{task.first_line}-{task.last_line}行）", markup=False)


@tasks_app.command("split")
@user_errors
def split(
    plan: PlanArgument,
    key: Annotated[str, typer.Argument(metavar="任务编号", help="要拆分的任务编号")],
    at: Annotated[int, typer.Option("--at", help="从原文第几行起拆出新任务")],
    heading: Annotated[str, typer.Option("--heading", help="拆出的任务名称")],
) -> None:
    """拆分任务：从某一行起拆出一项新任务（新编号）。"""
    store = open_store()
    task = task_edits.split_task(store, actor(store), locate(store, plan).plan_id, key.upper(), at, heading)
    err().print(f"已拆出 {task.key}（原文第{task.first_line}-{task.last_line}行）", markup=False)


@tasks_app.command("drop")
@user_errors
def drop(
    plan: PlanArgument, key: Annotated[str, typer.Argument(metavar="任务编号", help="任务编号")]
) -> None:
    """从草稿中删去一项任务（其下的任务上移一级；已有的报告保留）。"""
    store = open_store()
    task_edits.drop_task(store, actor(store), locate(store, plan).plan_id, key.upper())
    err().print(f"已删去 {key.upper()}", markup=False)


@tasks_app.command("accept")
@user_errors
def accept(
    plan: PlanArgument,
    in_force_from: Annotated[str, typer.Option("--from", help="施行日期，如 2021-07-01：此后按周期报送进展")],
    document_no: Annotated[str | None, typer.Option("--doc", help="任务分工方案的文号")] = None,
) -> None:
    """确定任务清单草稿（每项任务须有经确认的牵头单位和完成时限）。"""
    store = open_store()
    day = parse_date(in_force_from, field="--from")
    assert day is not None
    made = tasks.accept(store, actor(store), locate(store, plan).plan_id, day, document_no=document_no)
    err().print(f"已确定任务清单第{made.number}版，自{day}起施行", markup=False)


@tasks_app.command("discard")
@user_errors
def discard(plan: PlanArgument) -> None:
    """放弃任务清单草稿。"""
    store = open_store()
    number = tasks.discard_draft(store, actor(store), locate(store, plan).plan_id)
    err().print(f"已放弃任务清单草稿（第{number}版）", markup=False)


def _which(draft_list: bool, number: int | None) -> str | int:
    return number if number is not None else ("draft" if draft_list else "in_force")


def as_of_date(text: str | None) -> date:
    return date_or_today(text, field="--as-of")
