"""Back up and restore the whole database, checked table by table.

A backup is one zip file holding `manifest.json` and the database itself:

- SQLite: `database.sqlite`, a copy made by SQLite's online backup API (consistent while others
  write; the web app need not stop).
- PostgreSQL: `database.pgdump`, made by the real `pg_dump --format=custom` inside a repeatable-read
  transaction whose snapshot the dump shares, so the manifest and the dump see the same data.

The manifest names the format, planwatch's version, the schema revision and the database kind, the
payload's size and SHA-256, and for every table its row count and checksum (table_sums). A restore
reads a backup as hostile input: the manifest must parse, the payload must match its size and
SHA-256; a SQLite copy is checked table by table before it replaces anything. It then replaces the
whole database (SQLite: the backup API again; PostgreSQL: `pg_restore --clean --single-transaction`)
and checks every table of the result against the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url

from planwatch import __version__
from planwatch.errors import StoreError
from planwatch.store import pg_tools
from planwatch.store.migrate import head_revision
from planwatch.store.table_sums import TableSum, differences, table_sums

FORMAT = "planwatch-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
_PAYLOAD = {"sqlite": "database.sqlite", "postgresql": "database.pgdump"}
_MAX_MANIFEST_BYTES = 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Manifest:
    dialect: str
    schema_revision: str | None
    created_at: str
    planwatch_version: str
    payload: str
    payload_bytes: int
    payload_sha256: str
    tables: dict[str, TableSum]

    @property
    def total_rows(self) -> int:
        return sum(table.rows for table in self.tables.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "planwatch_version": self.planwatch_version,
            "created_at": self.created_at,
            "dialect": self.dialect,
            "schema_revision": self.schema_revision,
            "payload": {"name": self.payload, "bytes": self.payload_bytes, "sha256": self.payload_sha256},
            "tables": {name: table.as_json() for name, table in self.tables.items()},
        }


def backup(url: str, target: Path) -> Manifest:
    """Write a backup of the database at `url` to `target` (replaced only once complete)."""
    dialect = _dialect(url)
    with tempfile.TemporaryDirectory(prefix="planwatch-backup-") as temp:
        payload = Path(temp) / _PAYLOAD[dialect]
        if dialect == "sqlite":
            _sqlite_copy(_sqlite_path(url, must_exist=True), payload)
            tables, revision = _sums_of_sqlite_file(payload)
        else:
            tables, revision = pg_tools.dump(url, payload, _sums_and_revision)
        manifest = Manifest(
            dialect=dialect,
            schema_revision=revision,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            planwatch_version=__version__,
            payload=payload.name,
            payload_bytes=payload.stat().st_size,
            payload_sha256=_sha256(payload),
            tables=tables,
        )
        _write_archive(target, manifest, payload)
    return manifest


def restore(url: str, source: Path) -> Manifest:
    """Replace the database at `url` with the backup in `source`; StoreError if anything does not match."""
    dialect = _dialect(url)
    with tempfile.TemporaryDirectory(prefix="planwatch-restore-") as temp:
        manifest, payload = _open_archive(source, Path(temp))
        if manifest.dialect != dialect:
            raise StoreError(
                f"这是 {_NAMES[manifest.dialect]} 数据库的备份，不能恢复到 {_NAMES[dialect]}",
                file=str(source),
            )
        _check_revision(manifest, source)
        if dialect == "sqlite":
            copied, _ = _sums_of_sqlite_file(payload)
            _compare(manifest.tables, copied, source, "备份文件中的数据库与清单不符")
            target = _sqlite_path(url, must_exist=False)
            target.parent.mkdir(parents=True, exist_ok=True)
            _sqlite_copy(payload, target)
        else:
            pg_tools.restore(url, payload)
        engine = create_engine(url)
        try:
            with engine.connect() as connection:
                restored = table_sums(connection)
        finally:
            engine.dispose()
        _compare(manifest.tables, restored, source, "恢复后的数据库与备份清单不符（数据已写入，请检查）")
    return manifest


_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _dialect(url: str) -> str:
    name = make_url(url).get_backend_name()
    if name not in _PAYLOAD:
        raise StoreError(f"不支持备份这种数据库：{name}（只支持 SQLite 和 PostgreSQL）")
    return name


# ---- SQLite -------------------------------------------------------------------------------------


def _sqlite_path(url: str, *, must_exist: bool) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise StoreError("内存中的 SQLite 数据库不能备份或恢复")
    path = Path(database)
    if must_exist and not path.is_file():
        raise StoreError("数据库文件不存在，没有可备份的数据", file=str(path))
    return path


def _sqlite_copy(source: Path, target: Path) -> None:
    """The whole of `source` into `target` through SQLite's online backup API, in one step."""
    try:
        with _sqlite(source) as reader, _sqlite(target) as writer:
            reader.backup(writer)
    except sqlite3.Error as error:
        raise StoreError(f"SQLite 备份或恢复失败：{error}") from error


@contextmanager
def _sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(path)
    try:
        yield connection
    finally:
        connection.close()


def _sums_of_sqlite_file(path: Path) -> tuple[dict[str, TableSum], str | None]:
    with _sqlite(path) as raw:
        problems = raw.execute("PRAGMA integrity_check").fetchall()
    if problems != [("ok",)]:
        raise StoreError(f"SQLite 数据库文件已损坏（integrity_check：{problems[0][0]}）", file=str(path))
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            return _sums_and_revision(connection)
    finally:
        engine.dispose()


def _sums_and_revision(connection: Connection) -> tuple[dict[str, TableSum], str | None]:
    sums = table_sums(connection)
    revision = None
    if "alembic_version" in sums:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return sums, revision


# ---- the archive --------------------------------------------------------------------------------


def _write_archive(target: Path, manifest: Manifest, payload: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    # A pg_dump archive is compressed already; a SQLite file compresses well.
    method = zipfile.ZIP_DEFLATED if manifest.dialect == "sqlite" else zipfile.ZIP_STORED
    try:
        with zipfile.ZipFile(partial, "w", method, allowZip64=True) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest.as_json(), ensure_ascii=False, indent=2))
            archive.write(payload, manifest.payload)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise StoreError(f"无法写入备份文件（{error.strerror or error}）", file=str(target)) from error


def _open_archive(source: Path, directory: Path) -> tuple[Manifest, Path]:
    """The manifest and the payload extracted into `directory`, both checked."""
    try:
        with zipfile.ZipFile(source) as archive:
            info = archive.getinfo(MANIFEST)
            if info.file_size > _MAX_MANIFEST_BYTES:
                raise StoreError("备份清单过大，不是 planwatch 的备份文件", file=str(source))
            manifest = _manifest(json.loads(archive.read(info)), source)
            payload = directory / manifest.payload
            digest = hashlib.sha256()
            with archive.open(manifest.payload) as member, payload.open("wb") as out:
                while chunk := member.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
    except StoreError:
        raise
    except FileNotFoundError:
        raise StoreError("备份文件不存在", file=str(source)) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as error:
        raise StoreError(
            f"不是有效的 planwatch 备份文件（{error.__class__.__name__}）", file=str(source)
        ) from None
    if payload.stat().st_size != manifest.payload_bytes or digest.hexdigest() != manifest.payload_sha256:
        raise StoreError("备份文件中的数据与清单的校验和不符（文件损坏或被改动）", file=str(source))
    return manifest, payload


def _manifest(data: Any, source: Path) -> Manifest:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError("不是 planwatch 的备份文件（缺少备份清单）", file=str(source))
    if data.get("format_version") != FORMAT_VERSION:
        raise StoreError(f"备份格式版本 {data.get('format_version')} 不受支持", file=str(source))
    try:
        payload = data["payload"]
        manifest = Manifest(
            dialect=str(data["dialect"]),
            schema_revision=data["schema_revision"],
            created_at=str(data["created_at"]),
            planwatch_version=str(data["planwatch_version"]),
            payload=str(payload["name"]),
            payload_bytes=int(payload["bytes"]),
            payload_sha256=str(payload["sha256"]),
            tables={str(k): TableSum(int(v["rows"]), str(v["sha256"])) for k, v in data["tables"].items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise StoreError("备份清单不完整或格式错误", file=str(source)) from None
    if manifest.dialect not in _PAYLOAD or manifest.payload != _PAYLOAD[manifest.dialect]:
        raise StoreError("备份清单中的数据库类型或数据文件名无效", file=str(source))
    return manifest


def _check_revision(manifest: Manifest, source: Path) -> None:
    """A backup from a newer planwatch has a schema this one does not know: refuse it."""
    from alembic.script import ScriptDirectory

    from planwatch.store.migrate import alembic_config

    known = {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if manifest.schema_revision is not None and manifest.schema_revision not in known:
        raise StoreError(
            f"备份的数据库结构版本 {manifest.schema_revision} 比本程序新（本程序为 {head_revision()}），"
            "请先升级 planwatch",
            file=str(source),
        )


def _compare(expected: dict[str, TableSum], actual: dict[str, TableSum], source: Path, what: str) -> None:
    problems = differences(expected, actual)
    if problems:
        raise StoreError(f"{what}：" + "；".join(problems[:5]), file=str(source))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
