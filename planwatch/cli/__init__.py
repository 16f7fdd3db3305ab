"""The `planwatch` command. Each command parses its options, calls one service and renders the result.

`--as USER` (before the command) acts as that web user, with that user's rights; without it a
command acts as the system: the operator of the server, with every right.
"""

from __future__ import annotations

from typing import Annotated

import typer

from planwatch.cli import backup, departments, figures, plans, reading, reports, serve, users, versions
from planwatch.cli.common import acting

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
        typer.Option("--as", help="以某个网页用户的身份和权限执行（默认：系统，即服务器上的操作者）"),
    ] = None,
) -> None:
    """planwatch：把规划纲要读成结构化、可追溯、可监测的规划。"""
    acting.name = as_user.strip() if as_user else None


for module in (reading, plans, versions, figures, reports, users, departments, backup, serve):
    module.register(app)

__all__ = ["app"]
