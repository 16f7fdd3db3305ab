"""`planwatch backup -o FILE` and `planwatch restore FILE`: the whole database, checked table by table.

The two commands are registered on the main app by `register(app, user_errors)`, where `user_errors`
is the CLI's decorator turning a PlanwatchError into one Chinese line and exit code 2.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from planwatch import config
from planwatch.store import backup as store_backup


def register(app: typer.Typer, user_errors: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    app.command("backup")(user_errors(backup))
    app.command("restore")(user_errors(restore))


def _say(text: str) -> None:
    Console(stderr=True, highlight=False, soft_wrap=True).print(text, markup=False)


def backup(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="备份文件（.zip），已存在则覆盖", show_default=False)
    ],
) -> None:
    """备份整个数据库（SQLite 用在线备份，PostgreSQL 用 pg_dump），附清单：每张表的行数和校验和。"""
    manifest = store_backup.backup(config.database_url(), output)
    size = output.stat().st_size / 1024 / 1024
    _say(
        f"已备份：{output}（{size:.1f} MB；{_NAMES[manifest.dialect]}，{len(manifest.tables)} 张表，"
        f"共 {manifest.total_rows} 行，结构版本 {manifest.schema_revision or '无'}）"
    )


def restore(
    file: Annotated[Path, typer.Argument(help="planwatch backup 生成的备份文件", show_default=False)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="不再询问，直接覆盖现有数据库")] = False,
) -> None:
    """用备份文件替换整个数据库；先核对备份的校验和，恢复后再逐表核对行数和校验和。"""
    url = config.database_url()
    if not yes:
        typer.confirm(f"将用 {file} 覆盖数据库 {_describe(url)} 中的全部数据，继续吗？", abort=True)
    manifest = store_backup.restore(url, file)
    tables = f"{len(manifest.tables)} 张表，共 {manifest.total_rows} 行"
    _say(f"已恢复：{file}（备份于 {manifest.created_at}；{tables}，逐表核对一致）")


_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _describe(url: str) -> str:
    """The database as a person names it: the SQLite file, or host/database without the password."""
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url.split("@")[-1]
