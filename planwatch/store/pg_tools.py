"""PostgreSQL's own pg_dump and pg_restore, run for a SQLAlchemy URL (no password on a command line).

The tools are found in PLANWATCH_PG_BIN, else on PATH, else in the newest /usr/lib/postgresql/*/bin
(Debian's layout). The connection is passed as a libpq connection string without the password,
which goes in PGPASSWORD, so it never shows in a process list.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url

from planwatch import config
from planwatch.errors import StoreError

T = TypeVar("T")
_DEBIAN_BINARIES = Path("/usr/lib/postgresql")


def dump(url: str, target: Path, read: Callable[[Connection], T]) -> T:
    """pg_dump the database into `target` (custom format) and return `read(connection)`, both seeing
    one snapshot: a repeatable-read transaction exports it and pg_dump imports it (--snapshot)."""
    engine = create_engine(url, isolation_level="REPEATABLE READ")
    try:
        with engine.connect() as connection, connection.begin():
            connection.execute(text("SET TRANSACTION READ ONLY"))
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar()
            _run(
                "pg_dump",
                [
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                ],
                url,
            )
            return read(connection)
    finally:
        engine.dispose()


def restore(url: str, archive: Path) -> None:
    """Replace the database's objects with those of `archive`, all in one transaction."""
    _run("pg_restore", ["--list", str(archive)], None)  # readable at all, before anything is dropped
    _run(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(archive),
        ],
        url,
    )


def tool(name: str) -> str | None:
    """The path of pg_dump or pg_restore, or None when PostgreSQL's client tools are not installed."""
    configured = config.PG_BIN.value()
    if configured:
        candidate = Path(configured) / name
        return str(candidate) if candidate.is_file() else None
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(_DEBIAN_BINARIES.glob(f"*/bin/{name}"), key=lambda p: _major(p.parts[-3]))
    return str(versions[-1]) if versions else None


def _major(version: str) -> int:
    return int(version) if version.isdigit() else 0


def _run(name: str, arguments: list[str], url: str | None) -> None:
    binary = tool(name)
    if binary is None:
        hint = f"请安装 PostgreSQL 客户端工具（postgresql-client），或用 {config.PG_BIN.name} 指定其目录"
        raise StoreError(f"找不到 {name}：{hint}")
    env = dict(os.environ)
    command = [binary, *arguments]
    if url is not None:
        conninfo, password = _conninfo(url)
        command.append(f"--dbname={conninfo}")
        if password:
            env["PGPASSWORD"] = password
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        detail = lines[-1] if lines else f"退出码 {result.returncode}"
        raise StoreError(f"{name} 失败：{detail}")


def _conninfo(url: str) -> tuple[str, str | None]:
    """A libpq connection string for `url`, and its password kept apart."""
    parsed = make_url(url)
    parts = {"host": parsed.host, "port": parsed.port, "user": parsed.username, "dbname": parsed.database}
    parts.update({key: value for key, value in parsed.query.items() if isinstance(value, str)})
    conninfo = " ".join(f"{key}={_quoted(str(value))}" for key, value in parts.items() if value is not None)
    return conninfo, parsed.password


def _quoted(value: str) -> str:
    """A libpq conninfo value: in single quotes, with backslash and quote escaped."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
