"""A plan's life from the command line: its versions, adopting one, pairing items, the difference
between versions, and mid-term target adjustments."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from planwatch.cli.common import PlanArgument, actor, emit, err, locate, open_store, out, table, user_errors
from planwatch.dates import date_or_today, parse_date
from planwatch.errors import PlanwatchError
from planwatch.present import jsonout
from planwatch.present.pages.versions import KIND_LABELS, diff_page, versions_page
from planwatch.present.templating import render
from planwatch.present.times import shown_time
from planwatch.services import versions
from planwatch.store import Store


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


class ItemKind(StrEnum):
    indicator = "indicator"
    target = "target"
    project = "project"


def register(app: typer.Typer) -> None:
    app.command("versions")(list_versions)
    app.command()(adopt)
    app.command()(diff)
    app.command()(pair)
    app.command()(adjust)


@user_errors
def list_versions(plan: PlanArgument) -> None:
    """列出规划的各个版本、现行版本、通过记录、待人工确认的对应关系和目标调整。"""
    store = open_store()
    page = versions_page(store, locate(store, plan).plan_id)
    shown = table("版本", "稿次", "行数", "指标数", "导入时间", "现行", wrap={"稿次"})
    for v in page["versions"]:
        row = (f"第{v['version']}版", v["stage"] or "—", str(v["line_count"]), str(v["indicator_count"]))
        shown.add_row(*row, shown_time(v["ingested_at"]), "是" if v["in_force"] else "")
    out().print(shown)
    for a in page["adoptions"]:
        forced = "（强制回退）" if a["forced"] else ""
        out().print(
            f"第{a['version']}版自{a['in_force_from']}起施行{forced}，文号：{a['document_no'] or '—'}，"
            f"操作人：{a['adopted_by']}",
            markup=False,
        )
    for p in page["pending"]:
        candidate = f"，可能是“{p['candidate_key']}”（相似度{p['confidence']}）" if p["candidate_key"] else ""
        out().print(
            f"待确认：第{p['version']}版{p['kind_label']}{p['local_id']}暂记为“{p['provisional_key']}”{candidate}"
            f"——用 planwatch pair 配对或确认为新增",
            markup=False,
        )
    for a in page["adjustments"]:
        out().print(
            f"目标调整：{a['item_key']}自{a['in_force_from']}起为{a['target']}（{a['document_no']}：{a['reason']}）",
            markup=False,
        )


@user_errors
def adopt(
    plan: PlanArgument,
    version: Annotated[int, typer.Argument(metavar="版本", help="第几版，如 2")],
    from_date: Annotated[
        str | None, typer.Option("--from", metavar="日期", help="施行日期，默认今天")
    ] = None,
    document_no: Annotated[str | None, typer.Option("--doc", help="通过该版本的文号")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="允许回退到比当时现行版本更早的版本（记入审计日志）")
    ] = False,
) -> None:
    """把一个版本设为某日起的现行版本（如人大通过的正式稿）；此后的评估按该日现行的版本进行。"""
    store = open_store()
    found = locate(store, plan)
    adopted = versions.adopt(
        store,
        actor(store),
        found.plan_id,
        version,
        date_or_today(from_date, field="--from"),
        document_no=document_no,
        force=force,
    )
    out().print(f"第{adopted.version}版自{adopted.in_force_from}起为现行版本。", markup=False)


@user_errors
def diff(
    plan: PlanArgument,
    first: Annotated[int, typer.Argument(metavar="较早版本", help="较早的版本，如 1")],
    second: Annotated[
        str, typer.Argument(metavar="较新版本", help="较新的版本，如 2（另一规划的版本写作 编号:版本）")
    ],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="输出格式")] = DiffFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文件（HTML 默认 diff.html）")
    ] = None,
) -> None:
    """比较同一规划的两个版本：指标、目标、项目、目录和正文的增删改，两边原文和行号对照。"""
    store = open_store()
    found = locate(store, plan)
    other, number = _other_version(store, second)
    data = diff_page(store, found.plan_id, first, number, other_plan_id=other)
    if format is DiffFormat.json:
        emit(jsonout.dumps(data) + "\n", output)
    elif format is DiffFormat.html:
        target = output or Path("diff.html")
        target.write_text(render("diff.html", data=data, kind_labels=KIND_LABELS), encoding="utf-8")
        err().print(f"已写出：{target}", markup=False)
    else:
        _print_diff(data)


def _other_version(store: Store, text: str) -> tuple[int | None, int]:
    """`2` → (None, 2); `5:1` → (plan 5, version 1)."""
    plan_ref, _, number = text.rpartition(":")
    if not number.strip().isdigit():
        raise PlanwatchError(f"“{text}”不是版本号（应写作 2，或 编号:版本 如 5:1）", field="SECOND")
    return (store.resolve(plan_ref) if plan_ref else None), int(number)


def _print_diff(data: dict[str, Any]) -> None:
    console = out()
    console.print(f"第{data['first']}版 → 第{data['second']}版", markup=False)
    for group in data["summary"]:
        counts = "，".join(f"{label}{n}处" for label, n in group["counts"].items())
        console.print(f"  {group['kind_label']}：{counts}", markup=False)
    for change in data["changes"]:
        head = Text(f"[{change['kind_label']}·{change['change_label']}] ", style="bold")
        head.append(f"{change['key']} {change['name']}".strip())
        console.print(head)
        for field in change["fields"]:
            old, new = field["old"] or "（空）", field["new"] or "（空）"
            console.print(f"    {field['label']}：{old} → {new}", markup=False)
        for side, label, pieces in (
            (change["old"], "原", change["old_pieces"]),
            (change["new"], "新", change["new_pieces"]),
        ):
            if side is not None:
                shown = _around_changes(pieces) if pieces else _short(side["quote"])
                console.print(f"    {label}第{side['line']}行：{shown}", markup=False)
    if not data["changes"]:
        console.print("两个版本没有差别。", markup=False)


def _around_changes(pieces: list[dict[str, Any]], context: int = 20) -> str:
    """A rewritten line around what changed: a few characters either side, the change in 【】."""
    shown = []
    for n, piece in enumerate(pieces):
        text = " ".join(piece["text"].split())
        if piece["mark"]:
            shown.append(f"【{text}】")
        elif n == 0:
            shown.append(("…" + text[-context:]) if len(text) > context else text)
        elif n == len(pieces) - 1:
            shown.append((text[:context] + "…") if len(text) > context else text)
        else:
            shown.append(text if len(text) <= 2 * context else text[:context] + "…" + text[-context:])
    return "".join(shown)


def _short(text: str, most: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


@user_errors
def pair(
    plan: PlanArgument,
    version: Annotated[int, typer.Argument(metavar="版本", help="第几版")],
    kind: Annotated[
        ItemKind, typer.Argument(metavar="类别", help="indicator（指标）、target（目标）或 project（项目）")
    ],
    item: Annotated[str, typer.Argument(metavar="编号", help="该版中条目的编号（解析时的编号，如 T2.05）")],
    key: Annotated[
        str | None, typer.Argument(metavar="早先编号", help="对应的早先条目编号；省略并加 --new 则确认为新增")
    ] = None,
    new: Annotated[bool, typer.Option("--new", help="确认为新增条目")] = False,
) -> None:
    """确认版本之间的对应关系：把新版中的条目配对到早先的条目（沿用其数据），或确认为新增。"""
    if (key is None) == (not new):
        raise PlanwatchError("请给出对应的条目编号，或加 --new 确认为新增（二者选一）")
    store = open_store()
    found = locate(store, plan)
    chosen = versions.pair(store, actor(store), found.plan_id, version, kind.value, item, key)
    out().print(f"第{version}版{KIND_LABELS[kind.value]}{item}现为“{chosen}”。", markup=False)


@user_errors
def adjust(
    plan: PlanArgument,
    item: Annotated[str, typer.Argument(metavar="编号", help="指标或目标编号，如 T2.01")],
    target: Annotated[str, typer.Option("--target", help="调整后的目标值，如 520")],
    from_date: Annotated[str, typer.Option("--from", metavar="日期", help="调整生效日期，如 2023-07-01")],
    document_no: Annotated[str, typer.Option("--doc", help="调整依据的文号")],
    reason: Annotated[str, typer.Option("--reason", help="调整理由")],
) -> None:
    """中期调整：某指标（或目标）的目标值自某日起改变，保留原目标；此后的评估按新目标进行。"""
    try:
        value = Decimal(target.strip())
    except InvalidOperation:
        raise PlanwatchError(f"“{target}”不是数值", field="--target") from None
    day = parse_date(from_date, field="--from")
    if day is None:
        raise PlanwatchError("请写明生效日期", field="--from")
    store = open_store()
    found = locate(store, plan)
    who = actor(store)
    raw = target.strip()
    versions.adjust_target(
        store, who, found.plan_id, item, day, value, document_no=document_no, reason=reason, raw=raw
    )
    out().print(f"已调整：{item}自{day}起目标为{target.strip()}（{document_no}）。", markup=False)
