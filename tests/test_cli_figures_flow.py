"""The year's figures from the command line: a bulletin read and its proposals decided, figures
reviewed and approved by users with those capabilities (`--as`), a locked year refusing writes, the
evaluation's pending switch, the synonym table; every mistake one Chinese line and exit code 2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.services.actor import system_actor
from planwatch.services.audit import audit_entries
from planwatch.store import Store
from tests.bulletin_cases import FOLDER

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner(env={"COLUMNS": "240", "PLANWATCH_PASSWORD": "correct horse battery"})


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Store:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", url)
    for command in (
        ["ingest"],
        ["department", "starter"],
        ["user", "add", "规划科", "--role", "planner"],
        ["user", "add", "统计局", "--role", "department", "--department", "区统计局"],
        ["user", "add", "发改委", "--role", "planner"],
        ["user", "grant", "统计局", "review"],
        ["user", "grant", "发改委", "approve"],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
    return Store(url)


def _run(*args: str) -> str:
    """What a command printed (stdout and stderr), asserting it succeeded."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_a_bulletin_goes_through_review_and_approval_from_the_cli(store: Store) -> None:
    printed = _run("--as", "规划科", "bulletin", "1", str(FOLDER / "2021.txt"))
    assert "提出45个数值待审核" in printed and "公报未发布" in printed and "T2.08 粮食综合生产能力" in printed
    assert "地区生产总值（GDP）410.52亿元" in printed
    assert "此公报已读入过" in _run("--as", "规划科", "bulletin", "1", str(FOLDER / "2021.txt"))
    accepted = _run("--as", "规划科", "proposal", "accept", "1", "1")
    assert "已接受建议 #1：T2.01 2021年 410.52亿元，待审核" in accepted
    assert "待审核" in _run("figures", "1", "--state", "entered")
    refused = runner.invoke(app, ["--as", "规划科", "review", "1"])
    assert refused.exit_code == 2 and "没有审核数据的权限" in refused.stderr
    assert "已审核1个数值" in _run("--as", "统计局", "review", "1")
    assert "已审批1个数值" in _run("--as", "发改委", "approve", "1", "--year", "2021")
    judged = _json("evaluate", "1", "--format", "json", "--as-of", "2030-01-01")
    gdp = next(r for r in judged["results"] if r["indicator_id"] == "T2.01")
    assert gdp["latest_value"] == 410.52 and gdp["unapproved"] is False
    actions = {e.action for e in audit_entries(store, system_actor(), 1, limit=1000)}
    assert {
        "bulletin.read",
        "proposal.accept",
        "bulletin.accept",
        "figure.review",
        "figure.approve",
    } <= actions


def test_the_bulletin_json_is_the_page_s_data(store: Store) -> None:
    data = _json("--as", "规划科", "bulletin", "1", str(FOLDER / "2024_conflicts.txt"), "--format", "json")
    conflicts = [p for p in data["proposals"] if p["conflict"]]
    assert sorted(p["value_text"] for p in conflicts) == ["498.6", "501.2"]
    assert data["other_measures"][0]["subject"] == "城镇登记失业率"


def test_not_a_bulletin_is_one_clear_line(store: Store, seed_path: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["bulletin", "1", str(seed_path)])
    assert result.exit_code == 2 and "这不是统计公报" in result.stderr and "Traceback" not in result.output
    blank = tmp_path / "blank.txt"
    blank.write_text("\n\n", encoding="utf-8")
    result = runner.invoke(app, ["bulletin", "1", str(blank)])
    assert result.exit_code == 2 and "文件为空" in result.stderr


def test_a_locked_year_refuses_an_import_and_an_admin_unlocks_it_with_a_reason(store: Store) -> None:
    assert "已锁定2022年" in _run("--as", "发改委", "lock", "1", "2022", "--reason", "已审定")
    result = runner.invoke(app, ["observe", "1", str(FIXTURES / "observations_long.csv")])
    assert result.exit_code == 2 and "2022年已于" in result.stderr and "由“发改委”锁定" in result.stderr
    result = runner.invoke(app, ["--as", "发改委", "unlock", "1", "2022", "--reason", "更正"])
    assert result.exit_code == 2 and "没有解锁年度数据的权限" in result.stderr
    assert "理由" in runner.invoke(app, ["unlock", "1", "2022"]).stderr
    assert "已解锁2022年" in _run("unlock", "1", "2022", "--reason", "统计局更正")
    assert "统计局更正" in _run("locks", "1")
    _run("observe", "1", str(FIXTURES / "observations_long.csv"))


def test_evaluate_counts_pending_figures_only_when_asked_and_marks_them(store: Store) -> None:
    _run("observe", "1", str(FIXTURES / "observations_long.csv"))
    plain = _run("evaluate", "1", "--as-of", "2030-01-01")
    assert "未审批" not in plain
    pending = _run("evaluate", "1", "--as-of", "2030-01-01", "--pending")
    assert "（未审批）" in pending


def test_returned_figures_go_back_and_are_resubmitted(store: Store) -> None:
    _run("--as", "规划科", "observe", "1", str(FIXTURES / "observations_long.csv"))
    figures = _run("figures", "1")
    first_id = next(line.split("│")[1].strip() for line in figures.splitlines() if line.startswith("│"))
    missing = runner.invoke(app, ["--as", "统计局", "return", "1", first_id])
    assert missing.exit_code == 2 and "理由" in missing.stderr
    assert "已退回1个数值" in _run("--as", "统计局", "return", "1", first_id, "--reason", "单位有误")
    assert "已退回" in _run("figures", "1", "--state", "returned")
    assert "已重新提交1个数值" in _run("--as", "规划科", "resubmit", "1", first_id)


def test_the_synonym_table_is_kept_from_the_cli(store: Store) -> None:
    assert "城镇化率" in _run("synonym", "list")
    assert "已添加同义词" in runner.invoke(app, ["synonym", "add", "地区生产总值", "GDP总量"]).stderr
    refused = runner.invoke(app, ["synonym", "add", "地区生产总值", "GDP总量"])
    assert refused.exit_code == 2 and "已存在" in refused.stderr
    viewer = runner.invoke(app, ["user", "add", "同事", "--role", "viewer"])
    assert viewer.exit_code == 0
    refused = runner.invoke(app, ["--as", "同事", "synonym", "add", "甲", "乙"])
    assert refused.exit_code == 2 and "没有维护同义词表的权限" in refused.stderr


def test_capabilities_are_granted_only_where_the_role_can_carry_them(store: Store) -> None:
    refused = runner.invoke(app, ["user", "grant", "统计局", "approve"])
    assert refused.exit_code == 2 and "部门用户不能被授予“审批”权限" in refused.stderr
    assert "现有：审核、审批" in runner.invoke(app, ["user", "grant", "发改委", "review"]).stderr
    assert "现有：审批" in runner.invoke(app, ["user", "revoke", "发改委", "review"]).stderr
    refused = runner.invoke(app, ["--as", "规划科", "user", "grant", "规划科", "approve"])
    assert refused.exit_code == 2 and "没有授予或收回权限的权限" in refused.stderr
