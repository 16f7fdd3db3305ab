"""The `planwatch` command. Each command parses its options, calls one service and renders the result.

`--as USER` (before the command) acts as that web user, with that user's rights; without it a
command acts as the system: the operator of the server, with every right.
"""

from __future__ import annotations

from typing import Annotated

import typer

from planwatch.cli import (
    approval,
    backup,
    bulletins,
    chinese,
    departments,
    figures,
    plans,
    projects,
    reading,
    reports,
    serve,
    task_follow,
    tasks,
    users,
    versions,
)
from planwatch.cli.common import acting

chinese.install()  # Typer's own words (help, usage errors) in Chinese, before the app is built

app = typer.Typer(
    help="planwatch：把规划纲要读成结构化、可追溯、可监测的规划。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@app.callback()
def main(
    as_user: Annotated[
        str | None,
        typer.Option(
            "--as", metavar="用户名", help="以某个网页用户的身份和权限执行（默认：系统，即服务器上的操作者）"
        ),
    ] = None,
) -> None:
    """planwatch：把规划纲要读成结构化、可追溯、可监测的规划。"""
    acting.name = as_user.strip() if as_user else None


for module in (
    reading,
    plans,
    versions,
    figures,
    reports,
    projects,
    tasks,
    task_follow,
    bulletins,
    approval,
    users,
    departments,
    backup,
    serve,
):
    module.register(app)

__all__ = ["app"]
