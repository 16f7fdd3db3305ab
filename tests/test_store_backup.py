"""Backup and restore of the whole database, on SQLite and on PostgreSQL (issue 17, item 9).

The database holds the bundled plan, its demo figures and a few audit rows (users added, items
assigned). A backup is taken, the database is then changed, and the restore must bring back every
row of every table — compared row by row, not only by the manifest's checksums.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.errors import StoreError
from planwatch.services.actor import system_actor
from planwatch.services.assignments import assign
from planwatch.services.audit import audit_entries
from planwatch.services.departments import load_starter
from planwatch.services.figures import load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.services.users import add_user
from planwatch.store import Store, migrate
from planwatch.store.backup import backup, restore
from planwatch.store.pg_tools import tool
from planwatch.store.table_sums import table_sums

runner = CliRunner()


def _needs_pg_tools(store: Store) -> None:
    if store.engine.dialect.name == "postgresql" and (tool("pg_dump") is None or tool("pg_restore") is None):
        pytest.skip("pg_dump/pg_restore not installed (scripts/system-deps.sh installs postgresql)")


@pytest.fixture
def filled(store: Store) -> Store:
    """The bundled plan, its demo figures, two users and two assignments (audit rows)."""
    _needs_pg_tools(store)
    (outcome,) = ingest_files(store, system_actor(), [str(bundled_plan_path())])
    assert outcome.result is not None
    plan_id = outcome.result.plan_id
    assert load_demo(store, system_actor(), plan_id).added > 0
    load_starter(store, system_actor())
    add_user(store, system_actor(), "规划科", "planner", "a long password 1")
    add_user(store, system_actor(), "交通局", "department", "a long password 2", "区交通运输局")
    assign(store, system_actor(), plan_id, "T2.01", "区交通运输局")
    assign(store, system_actor(), plan_id, "T2.04", "区交通运输局")
    assert len(audit_entries(store, system_actor(), plan_id)) >= 2
    return store


def everything(store: Store) -> dict[str, Counter[str]]:
    """Every row of every table (as the database returns it), per table, order aside."""
    with store.engine.connect() as connection:
        names = inspect(connection).get_table_names()
        quote = connection.dialect.identifier_preparer.quote
        return {
            name: Counter(
                repr(tuple(row)) for row in connection.execute(text(f"SELECT * FROM {quote(name)}"))
            )
            for name in names
            if name != "search_fts"  # SQLite's contentless index: its data is in its shadow tables
        }


def change(store: Store) -> None:
    """What happens after a backup: a user more, figures and a plan gone."""
    add_user(store, system_actor(), "后来的人", "viewer", "a long password 3")
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM observations"))
        connection.execute(text("DELETE FROM plans"))


def test_backup_then_restore_brings_back_every_row_of_every_table(filled: Store, tmp_path: Path) -> None:
    before = everything(filled)
    assert before["plans"] and before["observations"] and before["audit_log"] and before["users"]
    archive = tmp_path / "backup.zip"
    manifest = backup(filled.url, archive)
    with filled.engine.connect() as connection:
        assert manifest.tables == table_sums(connection)
    assert manifest.tables["observations"].rows == sum(before["observations"].values())
    change(filled)
    assert everything(filled) != before
    filled.close()

    restored = restore(filled.url, archive)
    assert restored == manifest
    reopened = Store(filled.url)
    try:
        after = everything(reopened)
        assert after.keys() == before.keys()
        for name in before:
            assert after[name] == before[name], name
        plan_id = reopened.resolve("新建区")
        assert reopened.search("海昏侯", version_id=plan_id)  # the full-text index came back too
        assert len(reopened.load(plan_id).indicators) == 55
    finally:
        reopened.close()


def test_the_manifest_lists_every_table_with_its_rows_and_checksum(filled: Store, tmp_path: Path) -> None:
    archive = tmp_path / "backup.zip"
    backup(filled.url, archive)
    with zipfile.ZipFile(archive) as opened:
        data = json.loads(opened.read("manifest.json"))
        names = opened.namelist()
    dialect = filled.engine.dialect.name
    assert names == ["manifest.json", "database.sqlite" if dialect == "sqlite" else "database.pgdump"]
    assert (data["format"], data["format_version"], data["dialect"]) == ("planwatch-backup", 1, dialect)
    assert data["schema_revision"] == migrate.head_revision()
    assert {"plans", "observations", "audit_log", "users", "alembic_version"} <= data["tables"].keys()
    assert all(len(table["sha256"]) == 64 for table in data["tables"].values())


def _rewrite(archive: Path, change_member: Any) -> None:
    with zipfile.ZipFile(archive) as opened:
        members = {name: opened.read(name) for name in opened.namelist()}
    change_member(members)
    with zipfile.ZipFile(archive, "w") as rewritten:
        for name, data in members.items():
            rewritten.writestr(name, data)


def test_a_payload_changed_after_the_backup_is_refused_and_nothing_is_touched(
    filled: Store, tmp_path: Path
) -> None:
    archive = tmp_path / "backup.zip"
    manifest = backup(filled.url, archive)

    def flip_a_byte(members: dict[str, bytes]) -> None:
        payload = bytearray(members[manifest.payload])
        payload[len(payload) // 2] ^= 0xFF
        members[manifest.payload] = bytes(payload)

    _rewrite(archive, flip_a_byte)
    change(filled)
    changed = everything(filled)
    with pytest.raises(StoreError) as raised:
        restore(filled.url, archive)
    assert raised.value.reason == "备份文件中的数据与清单的校验和不符（文件损坏或被改动）"
    assert everything(filled) == changed


def test_a_manifest_that_does_not_match_its_sqlite_copy_is_refused_before_the_database_is_replaced(
    tmp_path: Path,
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'planwatch.db'}")
    ingest_files(store, system_actor(), [str(bundled_plan_path())])
    archive = tmp_path / "backup.zip"
    backup(store.url, archive)

    def claim_another_row(members: dict[str, bytes]) -> None:
        manifest = json.loads(members["manifest.json"])
        manifest["tables"]["plans"]["rows"] = 2
        members["manifest.json"] = json.dumps(manifest).encode()

    _rewrite(archive, claim_another_row)
    change(store)
    with pytest.raises(StoreError, match="备份文件中的数据库与清单不符：表 plans：应有 2 行，实有 1 行"):
        restore(store.url, archive)
    assert store.plans() == []  # untouched: still the changed database
    store.close()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"not a zip", "不是有效的 planwatch 备份文件（BadZipFile）"),
        (None, "不是有效的 planwatch 备份文件（KeyError）"),  # a zip without a manifest
    ],
)
def test_a_file_that_is_not_a_backup_is_refused(tmp_path: Path, content: bytes | None, reason: str) -> None:
    archive = tmp_path / "backup.zip"
    if content is None:
        with zipfile.ZipFile(archive, "w") as opened:
            opened.writestr("database.sqlite", b"")
    else:
        archive.write_bytes(content)
    with pytest.raises(StoreError) as raised:
        restore(f"sqlite:///{tmp_path / 'planwatch.db'}", archive)
    assert raised.value.reason == reason


def test_a_backup_from_a_newer_schema_or_another_database_kind_is_refused(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'planwatch.db'}")
    archive = tmp_path / "backup.zip"
    backup(store.url, archive)
    store.close()

    def newer(members: dict[str, bytes]) -> None:
        manifest = json.loads(members["manifest.json"])
        manifest["schema_revision"] = "0099"
        members["manifest.json"] = json.dumps(manifest).encode()

    _rewrite(archive, newer)
    with pytest.raises(StoreError, match="备份的数据库结构版本 0099 比本程序新"):
        restore(store.url, archive)
    with pytest.raises(StoreError, match="这是 SQLite 数据库的备份，不能恢复到 PostgreSQL"):
        restore("postgresql+psycopg://nobody@127.0.0.1:1/none", archive)


def test_the_commands_back_up_and_restore_with_one_line_each(
    filled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", filled.url)
    before = everything(filled)
    archive = tmp_path / "nightly.zip"
    made = runner.invoke(app, ["backup", "-o", str(archive)])
    assert made.exit_code == 0, made.output
    assert made.stderr.startswith(f"已备份：{archive}（") and "张表" in made.stderr
    change(filled)
    refused = runner.invoke(app, ["restore", str(archive)], input="n\n")
    assert refused.exit_code == 1 and "继续吗？" in refused.output
    done = runner.invoke(app, ["restore", str(archive), "--yes"])
    assert done.exit_code == 0, done.output
    assert "逐表核对一致" in done.stderr
    after = everything(filled)
    logged = after.pop("audit_log")
    restored = [row for row in logged if "database.restore" in row]
    assert len(restored) == 1 and "nightly.zip" in restored[0]  # the restore itself is the one entry added
    assert logged - Counter(restored) == before.pop("audit_log")
    assert after.pop("revision") != before.pop("revision")  # … and it was a write, as every write is
    assert after == before
    missing = runner.invoke(app, ["restore", str(tmp_path / "none.zip"), "-y"])
    assert (
        missing.exit_code == 2 and missing.stderr.startswith("错误：") and "备份文件不存在" in missing.stderr
    )
