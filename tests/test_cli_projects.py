"""`planwatch projects …` as a newcomer uses it: the plan's list (still `projects PLAN`), the library,
the 调度 as of a date, editing, the 调度表 out and back in, bad files refused with every problem and
exit 2, and a department refused another unit's project."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.store import Store
from planwatch.store.project_reports import count_reports

runner = CliRunner(env={"COLUMNS": "240", "PLANWATCH_PASSWORD": "correct horse battery"})


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Store:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", url)
    for command in (
        ["ingest"],
        ["department", "starter"],
        ["user", "add", "交通局", "--role", "department", "--department", "区交通运输局"],
        ["projects", "edit", "1", "P046", "--set", "责任单位=区交通运输局"],
        ["projects", "edit", "1", "P046", "--set", "2024年计划投资=0.5", "--from", "2024-01-02"],
        ["projects", "edit", "1", "P047", "--set", "department=区住建局"],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
    return Store(url)


def _reports(store: Store) -> int:
    with store.reading() as connection:
        return count_reports(connection)


def test_projects_plan_still_lists_the_plans_projects(store: Store) -> None:
    result = runner.invoke(app, ["projects", "1"])
    assert result.exit_code == 0, result.output
    assert (
        "合计：147 个项目（另有 2 个重复列入，只计一次），其中 88 个列明投资，总投资 1192.3318 亿元。"
        in result.stdout
    )


def test_the_library_shows_sources_and_hand_values(store: Store) -> None:
    result = runner.invoke(app, ["projects", "library", "1"])
    assert result.exit_code == 0, result.output
    roads = next(line for line in result.stdout.splitlines() if "P046" in line)
    assert "区交通运输局" in roads and "第1版第955行" in roads
    edited = runner.invoke(app, ["projects", "edit", "1", "P046", "--set", "总投资=65"])
    assert edited.exit_code == 0 and "总投资：636900 → 650000" in edited.stderr


def test_the_schedule_goes_out_and_comes_back(store: Store, tmp_path: Path) -> None:
    sheet = tmp_path / "项目调度表.xlsx"
    out = runner.invoke(
        app, ["--as", "交通局", "projects", "template", "1", "--period", "2024-06", "-o", str(sheet)]
    )
    assert out.exit_code == 0, out.output
    assert "（2024-06，1个项目）" in out.stderr
    workbook = load_workbook(sheet)
    rows = list(workbook["调度表"].iter_rows(min_row=3))
    header = [c.value for c in workbook["调度表"][1]]
    rows[0][header.index("自年初累计完成投资（万元）")].value = 2600
    rows[0][header.index("填报日期")].value = "2024-07-05"
    workbook.save(sheet)
    result = runner.invoke(app, ["--as", "交通局", "projects", "report", "1", str(sheet)])
    assert result.exit_code == 0, result.output
    assert "共1行，新增1份报送（含更正），与已有报送相同0行" in result.stdout
    status = runner.invoke(
        app, ["projects", "status", "1", "--as-of", "2024-07-20", "--department", "区交通运输局"]
    )
    assert status.exit_code == 0, status.output
    assert "正常" in status.stdout and "52%" in status.stdout
    shown = runner.invoke(app, ["projects", "show", "1", "P046", "--as-of", "2024-07-20"])
    assert "2024-06 本期0.26亿元 累计0.26亿元" in shown.stdout


def test_a_bad_file_is_refused_with_every_problem_and_exit_2(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("项目编号,期间,自年初累计完成投资\nP046,2024-06,abc\nP404,2024-06,1\n", encoding="utf-8")
    result = runner.invoke(app, ["projects", "report", "1", str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()[1:]  # after the line naming the plan
    assert lines[0].endswith("导入被拒绝：共2个问题，数据库未作任何改动")
    assert lines[1:3] == [
        "  第2行“自年初累计完成投资”列：“abc”不是数字",
        "  第3行“项目编号”列：找不到编号为“P404”的项目",
    ]
    assert "Traceback" not in result.output and _reports(store) == 0


def test_a_department_is_refused_another_units_project_from_the_cli(store: Store, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("项目编号,期间,自年初累计完成投资\nP047,2024-06,10\n", encoding="utf-8")
    result = runner.invoke(app, ["--as", "交通局", "projects", "report", "1", str(other)])
    assert result.exit_code == 2
    assert "您的账号不能填报这些项目的调度：P047（责任单位不是“区交通运输局”）" in result.stderr
    assert _reports(store) == 0
    edit = runner.invoke(app, ["--as", "交通局", "projects", "edit", "1", "P047", "--set", "状态=在建"])
    assert edit.exit_code == 2 and "没有编辑项目库的权限" in edit.stderr


def test_an_unknown_unit_is_refused_with_a_suggestion(store: Store) -> None:
    result = runner.invoke(app, ["projects", "edit", "1", "P046", "--set", "责任单位=交通运输局"])
    assert result.exit_code == 2
    assert "责任单位：单位名录中没有“交通运输局”，是不是“区交通运输局”？" in result.stderr


def test_adding_a_project_by_hand_and_the_demo(store: Store) -> None:
    added = runner.invoke(app, ["projects", "add", "1", "--name", "智慧停车场", "--set", "责任单位=区城管局"])
    assert added.exit_code == 0 and "已添加项目 H001：智慧停车场" in added.stderr
    demo = runner.invoke(app, ["demo"])
    assert demo.exit_code == 0, demo.output
    assert "已载入项目调度示例数据（示例数据，非真实统计）：151个项目" in demo.stdout
