"""`planwatch user …`: web users and the departments items are assigned to."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from planwatch import config
from planwatch.cli.common import PlanArgument, actor, err, locate, open_store, out, table, user_errors
from planwatch.present.times import shown_time
from planwatch.services import assignments, users
from planwatch.services.actor import ROLE_LABELS, Role
from planwatch.services.permissions import CAPABILITY_LABELS

user_app = typer.Typer(help="网页界面的用户：添加、列出、分配指标给部门。", no_args_is_help=True)


class RoleOption(StrEnum):
    admin = "admin"
    planner = "planner"
    department = "department"
    viewer = "viewer"


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")


@user_app.command("add")
@user_errors
def user_add(
    name: Annotated[str, typer.Argument(metavar="用户名", help="用户名")],
    role: Annotated[RoleOption, typer.Option("--role", help="角色：admin、planner、department、viewer")],
    department: Annotated[
        str | None, typer.Option("--department", help="所属部门（department 角色必填），如 区交通运输局")
    ] = None,
) -> None:
    """添加网页界面的用户；密码以 argon2 哈希保存。"""
    store = open_store()
    who = actor(store)
    password = config.PASSWORD.value() or typer.prompt("密码", hide_input=True, confirmation_prompt=True)
    user = users.add_user(store, who, name, role.value, password, department)
    where = f"（{user.department}）" if user.department else ""
    err().print(f"已添加用户：{user.name}，角色 {ROLE_LABELS[Role(user.role)]}{where}", markup=False)


@user_app.command("list")
@user_errors
def user_list() -> None:
    """列出网页界面的用户。"""
    store = open_store()
    shown = table("用户名", "角色", "部门", "权限", "状态", "添加时间", wrap=set())
    for u in users.list_users(store, actor(store)):
        created = shown_time(u.created_at)
        state = "启用" if u.active else "停用"
        granted = "、".join(label for c, label in CAPABILITY_LABELS.items() if c in u.capabilities)
        shown.add_row(u.name, ROLE_LABELS[Role(u.role)], u.department or "", granted, state, created)
    out().print(shown)


@user_app.command("assign")
@user_errors
def user_assign(
    plan: PlanArgument,
    item: Annotated[str, typer.Argument(metavar="编号", help="指标、目标或项目编号，如 T2.01")],
    department: Annotated[str, typer.Argument(metavar="部门", help='部门；写作空字符串 "" 则取消分配')],
) -> None:
    """把一个指标（或目标、项目）分配给部门：该部门的用户才能填报它。"""
    store = open_store()
    plan_id = locate(store, plan).plan_id
    assignments.assign(store, actor(store), plan_id, item, department or None)
    err().print(f"已分配：{item} → {department or '（无）'}", markup=False)
