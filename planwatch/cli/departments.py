"""`planwatch department …`: the directory of units (单位名录) that users and assignments name."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli.common import actor, err, open_store, out, table, user_errors
from planwatch.services import departments

department_app = typer.Typer(
    help="单位名录：添加、列出、导入单位（部门、乡镇街道、园区）。", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(department_app, name="department")


@department_app.command("add")
@user_errors
def department_add(
    name: Annotated[str, typer.Argument(metavar="单位名称", help="单位名称，如 区交通运输局")],
    short_name: Annotated[str | None, typer.Option("--short", help="简称，如 交通局")] = None,
    kind: Annotated[str, typer.Option("--kind", help="类别：区直部门、乡镇街道、园区、其他")] = "区直部门",
    keywords: Annotated[str, typer.Option("--keywords", help="关键词，用；分开，如 交通；公路")] = "",
    inactive: Annotated[bool, typer.Option("--inactive", help="停用（不再用于新的分配）")] = False,
) -> None:
    """添加或修改单位名录中的一个单位。"""
    store = open_store()
    unit = departments.add_department(
        store, actor(store), name, short_name=short_name, kind=kind, keywords=keywords, active=not inactive
    )
    err().print(f"已保存单位：{unit.name}（{unit.kind}）", markup=False)


@department_app.command("list")
@user_errors
def department_list() -> None:
    """列出单位名录。"""
    shown = table("单位名称", "简称", "类别", "关键词", wrap={"关键词"})
    for unit in departments.list_departments(open_store(), active_only=False):
        name = unit.name if unit.active else f"{unit.name}（停用）"
        shown.add_row(name, unit.short_name or "", unit.kind, "；".join(unit.keywords))
    out().print(shown)


@department_app.command("import")
@user_errors
def department_import(
    file: Annotated[
        Path,
        typer.Argument(metavar="文件", help="单位名录 .xlsx 或 .csv（列：单位名称、简称、类别、关键词）"),
    ],
) -> None:
    """导入单位名录（有任何一行不合格则整个文件不导入，并列出全部问题）。"""
    store = open_store()
    count = departments.import_departments(store, actor(store), file)
    err().print(f"已导入{count}个单位", markup=False)


@department_app.command("starter")
@user_errors
def department_starter() -> None:
    """载入区县常见单位的初始名录（已有的单位不变），供管理员修改。"""
    store = open_store()
    added = departments.load_starter(store, actor(store))
    err().print(f"已载入初始单位名录：新增{added}个单位（用 planwatch department list 查看）", markup=False)


@department_app.command("suggest")
@user_errors
def department_suggest(
    text: Annotated[str, typer.Argument(metavar="文字", help="一段文字，如某项任务的标题")],
) -> None:
    """按关键词为一段文字推荐牵头单位（仅为建议，须人工确认）。"""
    found = departments.suggest(open_store(), text)
    if not found:
        out().print("没有关键词相符的单位。", markup=False)
    for s in found:
        out().print(f"{s.department}（关键词“{s.keyword}”）", markup=False)
