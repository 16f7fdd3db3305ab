"""`planwatch backup -o FILE` and `planwatch restore FILE`: the whole database, checked table by table.

Administrators only (or the system): `planwatch --as` a user of another role is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planwatch import config
from planwatch.cli.common import actor, describe_url, err, open_store, user_errors
from planwatch.present.times import shown_time
from planwatch.services import backup as services_backup
from planwatch.services.actor import Actor


def register(app: typer.Typer) -> None:
    app.command("backup")(user_errors(backup))
    app.command("restore")(user_errors(restore))


def _say(text: str) -> None:
    err().print(text, markup=False)


def backup(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="备份文件（.zip），已存在则覆盖", show_default=False)
    ],
) -> None:
    """备份整个数据库（SQLite 用在线备份，PostgreSQL 用 pg_dump），附清单：每张表的行数和校验和。"""
    manifest = services_backup.backup(config.database_url(), _acting(), output)
    size = output.stat().st_size / 1024 / 1024
    _say(
        f"已备份：{output}（{size:.1f} MB；{_NAMES[manifest.dialect]}，{len(manifest.tables)} 张表，"
        f"共 {manifest.total_rows} 行，结构版本 {manifest.schema_revision or '无'}）"
    )


def restore(
    file: Annotated[
        Path, typer.Argument(metavar="备份文件", help="planwatch backup 生成的备份文件", show_default=False)
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="不再询问，直接覆盖现有数据库")] = False,
) -> None:
    """用备份文件替换整个数据库；先核对备份的校验和，恢复后再逐表核对行数和校验和。"""
    url = config.database_url()
    who = _acting()
    if not yes:
        typer.confirm(f"将用 {file} 覆盖数据库 {describe_url(url)} 中的全部数据，继续吗？", abort=True)
    manifest = services_backup.restore(url, who, file)
    tables = f"{len(manifest.tables)} 张表，共 {manifest.total_rows} 行"
    _say(f"已恢复：{file}（备份于 {shown_time(manifest.created_at)}；{tables}，逐表核对一致）")


_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _acting() -> Actor:
    store = open_store()
    try:
        return actor(store)
    finally:
        store.close()
