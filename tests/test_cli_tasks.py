"""`planwatch tasks …` and `planwatch duban …` as a newcomer runs them on the seed: propose, fill in
the sheet, accept, report, review, 督办; every mistake one Chinese line and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.present.report.task_xlsx import HEADERS

runner = CliRunner(env={"COLUMNS": "240", "PLANWATCH_PASSWORD": "correct horse battery"})
LEAD = HEADERS.index("牵头单位") + 1


@pytest.fixture
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    for command in (
        ["ingest"],
        ["department", "starter"],
        ["user", "add", "交通局", "--role", "department", "--department", "区交通运输局"],
        ["user", "add", "规划科", "--role", "planner"],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
    return tmp_path


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout + result.stderr


def _refused(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr


def _accepted(folder: Path) -> None:
    """The draft exported, every empty lead unit filled in and every suggestion confirmed in Excel,
    imported back and accepted: what an office does with the sheet."""
    sheet_path = folder / "任务清单.xlsx"
    _run("tasks", "export", "1", "--draft", "--format", "xlsx", "-o", str(sheet_path))
    book = load_workbook(sheet_path)
    sheet = book["任务清单"]
    for row in range(3, sheet.max_row + 1):
        if sheet.cell(row, 2).value:  # a task row (chapter rows have no 任务编号)
            lead = sheet.cell(row, LEAD).value or "区发改委"
            sheet.cell(row, LEAD).value = lead.removesuffix("（建议）")
    book.save(sheet_path)
    assert "已导入任务清单草稿：214项任务" in _run("tasks", "import", "1", str(sheet_path))
    assert "已确定任务清单第1版，自2021-07-01起施行" in _run(
        "tasks", "accept", "1", "--from", "2021-07-01", "--doc", "新发改〔2021〕8号"
    )


def test_a_newcomer_proposes_the_list_and_sees_what_is_left_to_decide(database: Path) -> None:
    drafted = _run("tasks", "draft", "1")
    assert "已拟定任务清单草稿（第1版）：214项任务，来自11章" in drafted
    listed = _run("tasks", "list", "1", "--draft")
    assert "三、建设现代产业体系" in listed and "R001" in listed and "（建议）" in listed
    refused = _refused("tasks", "accept", "1", "--from", "2021-07-01")
    assert (
        refused.startswith("规划 1")
        and "错误：任务清单还不能确定：R001 的牵头单位“区工信局”是系统建议" in refused
    )
    assert "是不是“区交通运输局”" in _refused("tasks", "edit", "1", "R001", "--lead", "交通运输局局")
    _run("tasks", "export", "1", "--draft", "--format", "docx", "-o", str(database / "方案.docx"))
    assert (database / "方案.docx").stat().st_size > 10_000


def test_a_whole_cycle_from_the_command_line(database: Path) -> None:
    _run("tasks", "draft", "1")
    _accepted(database)
    listed = _run("tasks", "list", "1")
    assert "（建议）" not in listed and "重点任务分工方案（新发改〔2021〕8号）：214项任务" in listed
    mine = "R022"  # 4、推进现代物流产业集群化: suggested to 区交通运输局 by its keyword 物流
    assert "区交通运输局" in next(line for line in listed.splitlines() if mine in line)
    refused = _refused(
        "--as",
        "交通局",
        "tasks",
        "report",
        "1",
        "R001",
        "--period",
        "2025H2",
        "--degree",
        "推进中",
        "--progress",
        "x",
    )
    assert "错误：任务 R001 未分配给您的单位“区交通运输局”，不能报送该任务的进展" in refused
    filed = _run(
        "--as", "交通局", "tasks", "report", "1", mine, "--period", "2025年下半年", "--degree", "推进中",
        "--progress", "物流园二期主体完工。", "--problems", "用地指标紧张", "--next", "争取省级物流枢纽",
    )  # fmt: skip
    assert f"已报送第1号报告：{mine} 2025年下半年（区交通运输局），待发改审核" in filed
    assert "第1号报告已退回" in _run(
        "--as", "规划科", "tasks", "review", "1", "1", "--return", "--reason", "请补充投资额"
    )
    _run(
        "--as",
        "交通局",
        "tasks",
        "report",
        "1",
        mine,
        "--period",
        "2025H2",
        "--degree",
        "推进中",
        "--progress",
        "完成投资3亿元。",
    )
    assert "第2号报告已通过" in _run("--as", "规划科", "tasks", "review", "1", "2", "--pass")
    status = _run("tasks", "status", "1")
    assert "共214项任务" in status and "滞后" in status  # 完成时限 2025 has passed
    issued = _run("duban", "issue", "1", mine, "--problem", "未按期完成", "--reply-by", "2099-01-31")
    assert "已签发 新发改督〔" in issued and "1号：区交通运输局" in issued
    assert "尚未收到区交通运输局的回复" in _refused("duban", "close", "1", "1")
    _run("--as", "交通局", "duban", "reply", "1", "1", "--text", "已制定整改方案。")
    assert "已办结" in _run("--as", "规划科", "duban", "close", "1", "1")
    assert "已办结" in _run("duban", "list", "1")
    due = _run("tasks", "due", "1", "--unit", "区交通运输局")
    mine_due = [line for line in due.splitlines() if mine in line]
    assert mine_due and all("未报送" in line for line in mine_due)
    assert not any("2025年下半年" in line for line in mine_due)  # that report was passed
    by_unit = _run("tasks", "status", "1", "--by-unit")
    assert "区交通运输局" in by_unit


def test_an_unreadable_task_sheet_is_one_line_and_exit_2(database: Path) -> None:
    _run("tasks", "draft", "1")
    junk = database / "乱码.xlsx"
    junk.write_bytes(b"not a zip file")
    assert "不是有效的 .xlsx 文件" in _refused("tasks", "import", "1", str(junk))
    assert "请选择 --pass（通过）或 --return（退回）之一" in _refused("tasks", "review", "1", "1")
