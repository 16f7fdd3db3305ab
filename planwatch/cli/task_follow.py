"""`planwatch tasks report|review|status|due|remind` and `planwatch duban …`: the follow-up."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli.common import PlanArgument, actor, err, locate, open_store, out, table, user_errors
from planwatch.dates import date_or_today, parse_date
from planwatch.errors import PlanwatchError
from planwatch.present.pages.followup import due_page, notices_page
from planwatch.present.pages.tasks import tasks_page
from planwatch.services import task_notices, task_reports
from planwatch.services.task_reports import ReportForm
from planwatch.tasking.periods import name

duban_app = typer.Typer(help="督办单：签发、列出、回复、办结。", no_args_is_help=True)
AsOf = Annotated[str | None, typer.Option("--as-of", help="截至日期（默认：今天）")]


def register_follow(tasks_app: typer.Typer) -> None:
    tasks_app.command("report")(report)
    tasks_app.command("review")(review)
    tasks_app.command("status")(status)
    tasks_app.command("due")(due)
    tasks_app.command("remind")(remind)


def register(app: typer.Typer) -> None:
    app.add_typer(duban_app, name="duban")


@user_errors
def report(
    plan: PlanArgument,
    key: Annotated[str, typer.Argument(metavar="任务编号", help="任务编号，如 R012")],
    period: Annotated[str, typer.Option("--period", help="报告期：2023H1、2023年上半年、2023Q2、2023")],
    degree: Annotated[str, typer.Option("--degree", help="完成程度：未启动、推进中、已完成、持续推进")],
    progress: Annotated[str, typer.Option("--progress", help="进展情况")],
    problems: Annotated[str, typer.Option("--problems", help="存在问题")] = "",
    next_steps: Annotated[str, typer.Option("--next", help="下步打算")] = "",
    evidence: Annotated[
        list[Path] | None, typer.Option("--evidence", help="佐证材料（PDF、PNG、JPEG），可多次给出")
    ] = None,
) -> None:
    """报送任务进展（部门用户只能报送分配给本单位的任务）。"""
    store = open_store()
    files = []
    for path in evidence or []:
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as error:
            raise PlanwatchError(f"无法读取佐证材料（{error.strerror}）", file=str(path)) from None
    form = ReportForm(period, progress, degree, problems, next_steps)
    filed = task_reports.file_report(
        store, actor(store), locate(store, plan).plan_id, key.upper(), form, files
    )
    err().print(
        f"已报送第{filed.id}号报告：{filed.task_key} {name(filed.period)}（{filed.unit}），待发改审核",
        markup=False,
    )


@user_errors
def review(
    plan: PlanArgument,
    report_id: Annotated[int, typer.Argument(metavar="报告编号", help="报告编号")],
    passed: Annotated[bool, typer.Option("--pass", help="审核通过")] = False,
    returned: Annotated[bool, typer.Option("--return", help="退回（须写 --reason）")] = False,
    reason: Annotated[str, typer.Option("--reason", help="退回理由或审核意见")] = "",
) -> None:
    """审核任务进展报告：通过，或退回并写明理由。"""
    if passed == returned:
        raise PlanwatchError("请选择 --pass（通过）或 --return（退回）之一", field="--pass/--return")
    store = open_store()
    decision = "pass" if passed else "return"
    done = task_reports.review_report(
        store, actor(store), locate(store, plan).plan_id, report_id, decision, reason
    )
    assert done.review is not None
    err().print(f"第{done.id}号报告已{'通过' if passed else '退回'}", markup=False)


@user_errors
def status(
    plan: PlanArgument,
    as_of: AsOf = None,
    by_unit: Annotated[bool, typer.Option("--by-unit", help="按牵头单位汇总")] = False,
) -> None:
    """任务状态（已完成、正常推进、滞后、未报送、逾期未报），截至某日。"""
    store = open_store()
    data = tasks_page(store, locate(store, plan).plan_id, date_or_today(as_of, field="--as-of"))
    if data["list"] is None:
        raise PlanwatchError(f"截至{data['as_of']}没有现行的任务清单")
    counts = "，".join(f"{c['status']}{c['count']}项" for c in data["status_counts"] if c["count"])
    out().print(f"截至{data['as_of']}：共{data['total']}项任务（{counts or '无'}）", markup=False)
    if by_unit:
        shown = table(
            "牵头单位", "任务", "未报送", "已催办", "滞后", "督办单未办结", "逾期事项", wrap={"牵头单位"}
        )
        for u in data["units"]:
            row = (u["tasks"], u["missing"], u["reminded"], u["lagging"], u["notices_open"], u["overdue"])
            shown.add_row(u["unit"], *(str(n) for n in row))
        out().print(shown)
        return
    shown = table("序号", "编号", "重点任务", "牵头单位", "状态", "完成程度", "未报期次", wrap={"重点任务"})
    for group in data["groups"]:
        for t in group["tasks"]:
            missing = "、".join(m["name"] for m in t["missing"])
            shown.add_row(
                t["number"],
                t["key"],
                t["heading"],
                t["lead_unit"] or "",
                t["status"],
                t["degree"] or "—",
                missing,
            )
    out().print(shown)


@user_errors
def due(
    plan: PlanArgument,
    unit: Annotated[str | None, typer.Option("--unit", help="只看一个单位")] = None,
    as_of: AsOf = None,
) -> None:
    """催办清单：待报送、未报送、逾期未报的报告和待回复的督办单。"""
    store = open_store()
    data = due_page(store, locate(store, plan).plan_id, date_or_today(as_of, field="--as-of"), unit)
    if not data["due_items"]:
        out().print(f"截至{data['as_of']}，{unit or '各单位'}没有待报送或逾期的事项。", markup=False)
        return
    shown = table("单位", "编号", "重点任务", "事项", "期限", "状态", wrap={"重点任务"})
    for item in data["due_items"]:
        what = item["period_name"] or item["notice_number"] or ""
        shown.add_row(
            item.get("unit") or "", item["task_key"], item["heading"], what, item["deadline"], item["state"]
        )
    out().print(shown)


@user_errors
def remind(
    plan: PlanArgument,
    unit: Annotated[str | None, typer.Option("--unit", help="只催办一个单位")] = None,
    key: Annotated[str | None, typer.Option("--task", help="只催办一项任务")] = None,
) -> None:
    """催办：为超过报送期限仍未报送的报告发出催办（此后仍未报送即为“逾期未报”）。"""
    store = open_store()
    sent = task_reports.remind(
        store, actor(store), locate(store, plan).plan_id, unit=unit, task_key=key.upper() if key else None
    )
    for r in sent:
        out().print(f"已催办：{r.unit} {r.task_key} {name(r.period)}", markup=False)


@duban_app.command("issue")
@user_errors
def issue(
    plan: PlanArgument,
    key: Annotated[str, typer.Argument(metavar="任务编号", help="任务编号（须为滞后、未报送或逾期未报）")],
    problem: Annotated[str, typer.Option("--problem", help="督办事项：存在的问题")],
    reply_by: Annotated[str, typer.Option("--reply-by", help="回复期限，如 2025-07-31")],
) -> None:
    """签发督办单（编号按 PLANWATCH_NOTICE_NUMBER，如 新发改督〔2025〕1号）。"""
    store = open_store()
    day = parse_date(reply_by, field="--reply-by")
    assert day is not None
    made = task_notices.issue(store, actor(store), locate(store, plan).plan_id, key.upper(), problem, day)
    err().print(f"已签发 {made.number}：{made.unit}，请于{made.reply_by}前回复", markup=False)


@duban_app.command("list")
@user_errors
def list_notices(plan: PlanArgument, as_of: AsOf = None) -> None:
    """列出督办单及其状态（待回复、逾期未回复、已回复、已办结）。"""
    store = open_store()
    data = notices_page(store, locate(store, plan).plan_id, date_or_today(as_of, field="--as-of"))
    shown = table("编号", "督办单号", "任务", "单位", "回复期限", "状态", wrap={"任务"})
    for n in data["notices"]:
        shown.add_row(
            str(n["id"]), n["number"], f"{n['task_key']} {n['heading']}", n["unit"], n["reply_by"], n["state"]
        )
    out().print(shown)


@duban_app.command("reply")
@user_errors
def reply(
    plan: PlanArgument,
    notice: Annotated[str, typer.Argument(metavar="督办单", help="督办单编号（列表中的编号）或督办单号")],
    text: Annotated[str, typer.Option("--text", help="回复内容")],
) -> None:
    """回复督办单（部门用户只能回复发给本单位的督办单）。"""
    store = open_store()
    plan_id = locate(store, plan).plan_id
    found = task_notices.find_notice(store, plan_id, notice)
    task_notices.reply(store, actor(store), plan_id, found.id, text)
    err().print(f"已回复 {found.number}", markup=False)


@duban_app.command("close")
@user_errors
def close(
    plan: PlanArgument,
    notice: Annotated[str, typer.Argument(metavar="督办单", help="督办单编号或督办单号")],
    text: Annotated[str, typer.Option("--text", help="办结意见")] = "",
) -> None:
    """办结督办单（只有发改可以办结，且须已收到回复）。"""
    store = open_store()
    plan_id = locate(store, plan).plan_id
    found = task_notices.find_notice(store, plan_id, notice)
    task_notices.close(store, actor(store), plan_id, found.id, text)
    err().print(f"已办结 {found.number}", markup=False)
