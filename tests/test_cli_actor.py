"""The CLI acts as somebody: the system (the server's operator) by default, a web user with `--as`.
Its writes are checked and audited exactly as the web app's are."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.services.actor import system_actor
from planwatch.services.audit import audit_entries
from planwatch.store import Store
from planwatch.store.observations import count_observations

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner(env={"COLUMNS": "240", "PLANWATCH_PASSWORD": "correct horse battery"})


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Store:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", url)
    for command in (
        ["ingest"],
        ["department", "starter"],
        ["user", "add", "交通局", "--role", "department", "--department", "区交通运输局"],
        ["user", "add", "财政局", "--role", "department", "--department", "区财政局"],
        ["user", "assign", "1", "T2.01", "区交通运输局"],
        ["user", "assign", "1", "T2.04", "区财政局"],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
    return Store(url)


def test_a_department_user_is_refused_another_departments_indicator_from_the_cli(store: Store) -> None:
    result = runner.invoke(app, ["--as", "交通局", "observe", "1", str(FIXTURES / "observations_long.csv")])
    assert result.exit_code == 2
    assert "错误：您的账号不能填报这些指标：T2.04、T2.07（未分配给您的部门）" in result.stderr
    assert count_observations(store, 1) == 0


def test_the_cli_writes_as_the_system_and_says_so_in_the_audit_log(store: Store) -> None:
    result = runner.invoke(app, ["observe", "1", str(FIXTURES / "observations_long.csv")])
    assert result.exit_code == 0, result.output
    entries = audit_entries(store, system_actor(), 1)
    imported = [e for e in entries if e.action == "import"]
    assert len(imported) == 5 and {e.user for e in imported} == {system_actor().name}
    assigned = [(e.target, e.new) for e in entries if e.action == "assign"]
    assert assigned == [("T2.04", "区财政局"), ("T2.01", "区交通运输局")]
    ingested = [e for e in audit_entries(store, system_actor()) if e.action == "plan.ingest"]
    assert len(ingested) == 1 and ingested[0].new["version"] == 1


def test_the_demo_from_the_cli_is_audited(store: Store) -> None:
    before = store.revision()
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    demo = [e for e in audit_entries(store, system_actor(), 1, limit=10_000) if e.action == "demo"]
    assert len(demo) == count_observations(store, 1) > 0
    assert store.revision() > before


def test_a_department_user_may_not_assign_add_users_or_load_the_demo(store: Store) -> None:
    for command, words in (
        (["user", "assign", "1", "T2.02", "区交通运输局"], "没有分配指标的权限"),
        (["user", "add", "李四", "--role", "viewer"], "没有添加用户的权限"),
        (["demo"], "没有导入规划的权限"),
    ):
        result = runner.invoke(app, ["--as", "交通局", *command])
        assert result.exit_code == 2 and words in result.stderr, result.output


def test_acting_as_somebody_unknown_is_one_clear_line(store: Store) -> None:
    result = runner.invoke(app, ["--as", "无名氏", "observe", "1", str(FIXTURES / "observations_long.csv")])
    assert result.exit_code == 2
    assert result.stderr.strip() == "错误：--as：没有启用的用户“无名氏”（用 planwatch user list 查看）"
