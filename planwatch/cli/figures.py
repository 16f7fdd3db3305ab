"""Commands for the monitoring books: the template, importing figures, the demo, evaluating."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from planwatch.cli.common import PlanArgument, actor, err, locate, open_store, out, table, user_errors
from planwatch.dates import date_or_today
from planwatch.evaluate import unlinked_targets
from planwatch.present import jsonout
from planwatch.present.evaluation_data import evaluation_data
from planwatch.present.labels import attribute_label
from planwatch.services.departments import load_starter
from planwatch.services.evaluation import evaluate_plan
from planwatch.services.figures import DEMO_AS_OF, import_figures, load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.services.project_demo import load_schedule_demo
from planwatch.services.task_demo import load_task_demo


class EvaluateFormat(StrEnum):
    text = "text"
    json = "json"


_COLOR_STYLE = {"green": "bold green", "yellow": "bold yellow", "red": "bold red", "grey": "dim"}


def register(app: typer.Typer) -> None:
    app.command()(observe)
    app.command()(template)
    app.command()(evaluate)
    app.command()(demo)


@user_errors
def observe(
    plan: PlanArgument,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="数据文件", help="填好的 .csv 或 .xlsx（planwatch template 生成的模板，或长表）"
        ),
    ],
) -> None:
    """导入监测数据（统计数据）；有任何一行不合格则整个文件不导入，并列出问题（前100条及总数）。"""
    store = open_store()
    outcome = import_figures(store, actor(store), locate(store, plan).plan_id, file)
    out().print(outcome.summary(), markup=False)


@user_errors
def template(
    plan: PlanArgument,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出的 Excel 文件")] = None,
) -> None:
    """生成监测数据填报模板（Excel）：每个指标和每个另需填报的正文目标一行，每年一列。"""
    from planwatch.observe.template import template_years, write_template  # openpyxl loads on use

    store = open_store()
    found = locate(store, plan)
    target = output or Path(f"填报模板-{found.plan_id}.xlsx")
    parsed = store.load(found.version_id)
    years = template_years(parsed)
    own = unlinked_targets(parsed.targets, parsed.monitored_indicators(), (years[0], years[-1]))
    write_template(parsed, target, own)
    err().print(f"已写出：{target}", markup=False)


@user_errors
def evaluate(
    plan: PlanArgument,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="日期", help="按某一日期已知的数据评估（如 2025-06-30），默认今天"),
    ] = None,
    format: Annotated[EvaluateFormat, typer.Option("--format", "-f", help="输出格式")] = EvaluateFormat.text,
    pending: Annotated[
        bool, typer.Option("--pending", help="把待审核、待审批的数据也计入（结果标为“未审批”）")
    ] = False,
) -> None:
    """评估规划指标和正文量化目标的完成情况：进度、序时差、后续年均需增长、规划期末预计值（只计入已审批的数据）。"""
    store = open_store()
    day = date_or_today(as_of, field="--as-of")
    result = evaluate_plan(store, locate(store, plan, on=day).plan_id, day, pending=pending)
    data = evaluation_data(result)
    if format is EvaluateFormat.json:
        sys.stdout.write(jsonout.dumps(data) + "\n")
        return
    shown = table("编号", "指标", "属性", "状态", "说明", wrap={"指标", "说明"})
    for row in data["results"]:
        status = Text(
            row["status"] + ("（未审批）" if row["unapproved"] else ""), style=_COLOR_STYLE[row["color"]]
        )
        attribute = attribute_label(row["attribute"])
        shown.add_row(row["indicator_id"], row["name"], attribute, status, row["explanation"])
    out().print(shown)
    summary = data["summary"]
    counts = "，".join(f"{status} {n}" for status, n in summary["by_status"].items())
    out().print(
        f"{data['plan_title']}：截至{data['as_of']}共评估{summary['total']}项指标（{counts}）；"
        f"约束性指标红色预警{summary['binding_red']}项。",
        markup=False,
    )
    _print_targets(data["targets"])


def _print_targets(section: dict[str, Any]) -> None:
    """The prose targets judged on their own that have figures; the rest counted in one line."""
    rows = [r for r in section["results"] if not r["counted_with_indicator"]]
    shown = [r for r in rows if r["status_code"] != "no_data"]
    if shown:
        targets = table("编号", "目标", "状态", "说明", wrap={"目标", "说明"})
        for row in shown:
            status = Text(row["status"], style=_COLOR_STYLE[row["color"]])
            targets.add_row(row["target_id"], row["quote"], status, row["explanation"])
        out().print(targets)
    summary = section["summary"]
    counts = "，".join(f"{status} {n}" for status, n in summary["by_status"].items())
    out().print(
        f"正文量化目标{summary['total']}项：{summary['counted_with_indicators']}项与指标表目标相同，"
        f"按指标评估不重复计数；其余{summary['judged']}项（{counts or '无'}）。"
        + (
            f"{len(rows) - len(shown)}项尚无数据，可用 planwatch template 生成的模板填报。"
            if len(shown) < len(rows)
            else ""
        ),
        markup=False,
    )


@user_errors
def demo() -> None:
    """导入内置规划并载入一套示例数据（示例数据，非真实统计），便于体验评估与看板。"""
    store = open_store()
    who = actor(store)
    outcome = ingest_files(store, who, [str(bundled_plan_path())])[0]
    assert outcome.result is not None
    loaded = load_demo(store, who, outcome.result.plan_id)
    load_starter(store, who)  # the usual units of a district, so that assignments can be tried at once
    load_task_demo(store, who, outcome.result.plan_id)  # an illustrative task list with a few reports
    out().print(
        f"已载入示例数据（示例数据，非真实统计）：{loaded.added}个数值"
        + (f"，{loaded.unchanged}个已存在" if loaded.unchanged else "")
        + ("（此前已载入，未作改动）" if loaded.already_imported else ""),
        markup=False,
    )
    out().print(load_schedule_demo(store, who, outcome.result.plan_id).summary(), markup=False)
    out().print(f"下一步：planwatch evaluate {outcome.result.plan_id} --as-of {DEMO_AS_OF}", markup=False)
