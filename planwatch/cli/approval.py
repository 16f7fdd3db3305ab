"""数据审核审批 from the command line: the figures and their approval state, review, approve, return,
resubmit; locking and unlocking a year; granting the review and approve capabilities."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

import typer

from planwatch.cli.common import PlanArgument, actor, err, locate, open_store, out, table, user_errors
from planwatch.cli.users import user_app
from planwatch.formatting import plain
from planwatch.model import ApprovalState
from planwatch.present.labels import OBSERVATION_KIND
from planwatch.services import approval, capabilities, locks
from planwatch.services.approval import STATE_LABELS
from planwatch.services.permissions import CAPABILITY_LABELS

IdsArgument = Annotated[
    list[int] | None,
    typer.Argument(metavar="编号…", help="数值编号（planwatch figures 中的编号）；省略则为全部"),
]
YearOption = Annotated[int | None, typer.Option("--year", help="只处理该年度的数值")]


class State(StrEnum):
    entered = "entered"
    reviewed = "reviewed"
    approved = "approved"
    returned = "returned"


class Capability(StrEnum):
    review = "review"
    approve = "approve"


def register(app: typer.Typer) -> None:
    app.command()(figures)
    app.command()(review)
    app.command()(approve)
    app.command("return")(return_figures)
    app.command()(resubmit)
    app.command()(lock)
    app.command()(unlock)
    app.command("locks")(list_locks)
    user_app.command("grant")(grant)
    user_app.command("revoke")(revoke)


@user_errors
def figures(
    plan: PlanArgument,
    state: Annotated[
        State | None,
        typer.Option("--state", help="entered（待审核）、reviewed（待审批）、approved、returned"),
    ] = None,
    year: YearOption = None,
) -> None:
    """列出规划的数值及其审核审批状态。"""
    store = open_store()
    plan_id = locate(store, plan).plan_id
    states = [ApprovalState(state.value)] if state else None
    shown = table("编号", "指标", "期间", "类型", "数值", "单位", "审批状态", "来源", "填报人", wrap={"来源"})
    found = approval.figures_of(store, plan_id, states=states, year=year)
    for f in found:
        shown.add_row(
            str(f.id), f.series_id, f.period, OBSERVATION_KIND.get(f.kind, f.kind),
            plain(f.value, keep_zeros=True), f.unit or "",
            _state(f.approval, f.approved_on), f.source, f.entered_by,
        )  # fmt: skip
    out().print(shown)
    out().print(f"共{len(found)}个数值", markup=False)


@user_errors
def review(plan: PlanArgument, ids: IdsArgument = None, year: YearOption = None) -> None:
    """审核（统计）：待审核的数值变为待审批；需“审核”权限，不能审核自己填报的数值。"""
    store = open_store()
    outcome = approval.review(store, actor(store), locate(store, plan).plan_id, ids or None, year=year)
    out().print(outcome.summary(), markup=False)


@user_errors
def approve(plan: PlanArgument, ids: IdsArgument = None, year: YearOption = None) -> None:
    """审批（发改）：待审批的数值变为已审批，自今日起计入评估；需“审批”权限。"""
    store = open_store()
    outcome = approval.approve(store, actor(store), locate(store, plan).plan_id, ids or None, year=year)
    out().print(outcome.summary(), markup=False)


@user_errors
def return_figures(
    plan: PlanArgument,
    ids: Annotated[list[int], typer.Argument(metavar="编号…", help="数值编号")],
    reason: Annotated[str, typer.Option("--reason", help="退回理由（必填）")] = "",
) -> None:
    """退回：待审核或待审批的数值退回填报人，附理由。"""
    store = open_store()
    outcome = approval.return_figures(store, actor(store), locate(store, plan).plan_id, ids, reason)
    out().print(outcome.summary(), markup=False)


@user_errors
def resubmit(
    plan: PlanArgument, ids: Annotated[list[int], typer.Argument(metavar="编号…", help="数值编号")]
) -> None:
    """重新提交：已退回的数值回到待审核。"""
    store = open_store()
    outcome = approval.resubmit(store, actor(store), locate(store, plan).plan_id, ids)
    out().print(outcome.summary(), markup=False)


@user_errors
def lock(
    plan: PlanArgument,
    year: Annotated[int, typer.Argument(metavar="年份", help="年份，如 2023")],
    reason: Annotated[str, typer.Option("--reason", help="锁定说明")] = "",
) -> None:
    """锁定年度：该年度的数值不能再填报、导入、接受或审核审批，直到管理员解锁。"""
    store = open_store()
    done = locks.lock_year(store, actor(store), locate(store, plan).plan_id, year, reason or None)
    out().print(f"已锁定{done.year}年（{done.locked_by}）", markup=False)


@user_errors
def unlock(
    plan: PlanArgument,
    year: Annotated[int, typer.Argument(metavar="年份", help="年份")],
    reason: Annotated[str, typer.Option("--reason", help="解锁理由（必填）")] = "",
) -> None:
    """解锁年度（管理员，须说明理由）。"""
    store = open_store()
    locks.unlock_year(store, actor(store), locate(store, plan).plan_id, year, reason)
    out().print(f"已解锁{year}年", markup=False)


@user_errors
def list_locks(plan: PlanArgument) -> None:
    """列出年度锁定记录。"""
    store = open_store()
    shown = table(
        "年份", "锁定人", "锁定时间", "说明", "解锁人", "解锁时间", "解锁理由", wrap={"说明", "解锁理由"}
    )
    for l in locks.locks_of(store, locate(store, plan).plan_id):  # noqa: E741
        shown.add_row(
            str(l.year), l.locked_by, l.locked_at.isoformat(timespec="seconds"), l.reason or "",
            l.unlocked_by or "（锁定中）", _moment(l.unlocked_at),
            l.unlock_reason or "",
        )  # fmt: skip
    out().print(shown)


@user_errors
def grant(
    name: Annotated[str, typer.Argument(metavar="用户名", help="用户名")],
    capability: Annotated[
        Capability, typer.Argument(metavar="权限", help="review（审核）或 approve（审批）")
    ],
) -> None:
    """授予用户“审核”或“审批”权限（管理员）。"""
    store = open_store()
    user = capabilities.grant(store, actor(store), name, capability.value)
    held = "、".join(label for c, label in CAPABILITY_LABELS.items() if c in user.capabilities) or "无"
    err().print(
        f"已授予 {user.name}“{CAPABILITY_LABELS[capability.value]}”权限（现有：{held}）", markup=False
    )


@user_errors
def revoke(
    name: Annotated[str, typer.Argument(metavar="用户名", help="用户名")],
    capability: Annotated[
        Capability, typer.Argument(metavar="权限", help="review（审核）或 approve（审批）")
    ],
) -> None:
    """收回用户的“审核”或“审批”权限（管理员）。"""
    store = open_store()
    user = capabilities.revoke(store, actor(store), name, capability.value)
    held = "、".join(label for c, label in CAPABILITY_LABELS.items() if c in user.capabilities) or "无"
    err().print(
        f"已收回 {user.name}“{CAPABILITY_LABELS[capability.value]}”权限（现有：{held}）", markup=False
    )


def _state(state: ApprovalState, approved_on: date | None) -> str:
    return STATE_LABELS[state] + (f"（{approved_on}）" if approved_on else "")


def _moment(at: datetime | None) -> str:
    return at.isoformat(timespec="seconds") if at else ""
