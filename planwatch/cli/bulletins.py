"""统计公报 from the command line: read a bulletin into the 待审核 queue, list, accept (as written or
edited) or reject its proposals, and keep the synonym table the reader uses."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from planwatch.cli.common import PlanArgument, actor, err, locate, open_store, out, table, user_errors
from planwatch.present import jsonout
from planwatch.present.pages.bulletins import bulletin_page
from planwatch.services import bulletins, synonyms
from planwatch.store.synonyms import DIFFERENT, SAME


class BulletinFormat(StrEnum):
    text = "text"
    json = "json"


class ProposalState(StrEnum):
    pending = "pending"
    accepted = "accepted"
    rejected = "rejected"


class Relation(StrEnum):
    same = SAME
    different = DIFFERENT


proposal_app = typer.Typer(help="统计公报提出的待审核数值：列出、接受、拒绝。", no_args_is_help=True)
synonym_app = typer.Typer(help="公报读取所用的同义词表：列出、添加、删除。", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command()(bulletin)
    app.add_typer(proposal_app, name="proposal")
    app.add_typer(synonym_app, name="synonym")


@user_errors
def bulletin(
    plan: PlanArgument,
    file: Annotated[Path, typer.Argument(metavar="公报文件", help="统计公报文件（.txt/.docx/.pdf/.html）")],
    format: Annotated[BulletinFormat, typer.Option("--format", "-f", help="输出格式")] = BulletinFormat.text,
) -> None:
    """读入统计公报：按规划的指标和目标提出数值，放入待审核队列（同一文件再读不作改动）。"""
    store = open_store()
    who = actor(store)
    plan_id = locate(store, plan).plan_id
    outcome = bulletins.read_bulletin_file(store, who, plan_id, file)
    data = bulletin_page(store, plan_id, outcome.bulletin_id, who)
    err().print(outcome.summary(), markup=False)
    if format is BulletinFormat.json:
        sys.stdout.write(jsonout.dumps(data) + "\n")
        return
    show_proposals(data["proposals"])
    if data["unmentioned"]:
        names = "、".join(f"{u['series_id']} {u['name']}" for u in data["unmentioned"])
        out().print(f"公报未发布（{len(data['unmentioned'])}项，须另行填报）：{names}", markup=False)
    for other in data["other_measures"]:
        out().print(f"{other['series_id']} {other['name']}：{other['note']}", markup=False)
    out().print(
        f"下一步：planwatch proposal accept {plan_id} 编号（或在网页“统计公报”页逐条处理）", markup=False
    )


def show_proposals(rows: list[dict[str, Any]]) -> None:
    shown = table(
        "编号",
        "指标",
        "期间",
        "类型",
        "数值",
        "单位",
        "状态",
        "匹配",
        "行",
        "原文",
        "问题",
        wrap={"指标", "原文", "问题"},
    )
    for p in rows:
        problems = [p["unit_problem"] or ""] + ([f"冲突（第{p['conflict']}组）"] if p["conflict"] else [])
        shown.add_row(
            str(p["id"]),
            f"{p['series_id']} {p['series_name']}",
            p["period"],
            p["kind_label"],
            p["value_text"],
            p["unit"] or "",
            p["state_label"],
            p["match_label"],
            str(p["line"]),
            p["quote"],
            "；".join(x for x in problems if x),
        )
    out().print(shown)


@proposal_app.command("list")
@user_errors
def proposal_list(
    plan: PlanArgument,
    bulletin_id: Annotated[
        int, typer.Argument(metavar="公报编号", help="公报编号（planwatch bulletin 输出的编号）")
    ],
    state: Annotated[
        ProposalState | None,
        typer.Option("--state", help="pending（待审核）、accepted（已接受）或 rejected（已拒绝）"),
    ] = None,
) -> None:
    """列出一份公报提出的数值及其处理情况。"""
    store = open_store()
    data = bulletin_page(store, locate(store, plan).plan_id, bulletin_id, actor(store))
    show_proposals([p for p in data["proposals"] if state is None or p["state"] == state.value])


@proposal_app.command("accept")
@user_errors
def proposal_accept(
    plan: PlanArgument,
    proposal_id: Annotated[int, typer.Argument(metavar="建议编号", help="建议编号")],
    value: Annotated[str | None, typer.Option("--value", help="修改后的数值")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="修改后的单位（按指标单位换算）")] = None,
) -> None:
    """接受一条建议（可修改数值和单位）：成为待审核的数据，来源为《X年统计公报》第N行。"""
    store = open_store()
    decision = bulletins.accept(
        store, actor(store), locate(store, plan).plan_id, proposal_id, value=value, unit=unit
    )
    out().print(decision.summary(), markup=False)


@proposal_app.command("reject")
@user_errors
def proposal_reject(
    plan: PlanArgument,
    proposal_id: Annotated[int, typer.Argument(metavar="建议编号", help="建议编号")],
    reason: Annotated[str, typer.Option("--reason", help="拒绝的理由")] = "",
) -> None:
    """拒绝一条建议（不进入台账）。"""
    store = open_store()
    decision = bulletins.reject(store, actor(store), locate(store, plan).plan_id, proposal_id, reason)
    out().print(decision.summary(), markup=False)


@synonym_app.command("list")
@user_errors
def synonym_list() -> None:
    """列出同义词表。"""
    shown = table("编号", "规划中的名称", "公报中的名称", "关系", "说明", "添加人", wrap={"说明"})
    for s in synonyms.list_synonyms(open_store()):
        shown.add_row(str(s.id), s.name, s.synonym, synonyms.RELATION_LABELS[s.relation], s.note, s.added_by)
    out().print(shown)


@synonym_app.command("add")
@user_errors
def synonym_add(
    name: Annotated[str, typer.Argument(metavar="指标名称", help="规划中的指标名称，如 常住人口城镇化率")],
    synonym: Annotated[str, typer.Argument(metavar="同义词", help="公报中的写法，如 城镇化率")],
    relation: Annotated[
        Relation, typer.Option("--relation", help="same：同义；different：口径不同，永不匹配")
    ] = Relation.same,
    note: Annotated[str, typer.Option("--note", help="说明")] = "",
) -> None:
    """添加一对同义词（或口径不同、不得匹配的名称）。"""
    store = open_store()
    added = synonyms.add_synonym(store, actor(store), name, synonym, relation.value, note)
    relation_label = synonyms.RELATION_LABELS[added.relation]
    err().print(f"已添加同义词 {added.id}：{added.name} — {added.synonym}（{relation_label}）", markup=False)


@synonym_app.command("remove")
@user_errors
def synonym_remove(
    synonym_id: Annotated[
        int, typer.Argument(metavar="同义词编号", help="同义词编号（synonym list 中的编号）")
    ],
) -> None:
    """删除一对同义词。"""
    store = open_store()
    removed = synonyms.remove_synonym(store, actor(store), synonym_id)
    err().print(f"已删除同义词：{removed.name} — {removed.synonym}", markup=False)
