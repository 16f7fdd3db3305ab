"""Bad input on the command line is one Chinese line and exit code 2, never a traceback (issue 17, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.errors import NotFoundError
from planwatch.model import ParsedPlan
from planwatch.store import Store
from tests import hostile_files
from tests.helpers import ingest

runner = CliRunner(env={"COLUMNS": "240"})
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.fixture
def plan_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The bundled plan ingested through the CLI (SQLite; Store.resolve is tested on both databases below)."""
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    result = runner.invoke(app, ["ingest"])
    assert result.exit_code == 0, result.output
    return result.stdout.split("\t")[0]


def _one_error_line(arguments: list[str]) -> str:
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # typer.Exit(2), not an exception escaping
    (line,) = result.stderr.splitlines()[:1]
    assert line.startswith("错误：")
    return line


@pytest.mark.parametrize(
    ("reference", "said"),
    [
        ("99999999999999999999", "编号为 99999999999999999999 的"),
        ("2147483648", "编号为 2147483648 的"),
        ("²", "名称含“²”的"),  # not a number: read as part of a name
        ("⑴", "名称含“⑴”的"),
    ],
)
def test_a_plan_reference_that_no_plan_can_have_is_not_found(plan_id: str, reference: str, said: str) -> None:
    line = _one_error_line(["outline", reference])
    assert line == f"错误：数据库中没有{said}规划"
    assert "  用 planwatch plans 查看已导入的规划" in runner.invoke(app, ["outline", reference]).stderr


def test_full_width_digits_still_name_a_plan(plan_id: str) -> None:
    full_width = plan_id.translate(FULL_WIDTH)
    assert runner.invoke(app, ["outline", full_width, "--depth", "1"]).exit_code == 0


def test_resolve_answers_not_found_for_a_number_beyond_any_id(store: Store, seed: ParsedPlan) -> None:
    plan_id = ingest(store, seed, []).plan_id
    for reference in ("99999999999999999999", "2147483648", "-1", "²", "⑴"):
        with pytest.raises(NotFoundError):
            store.resolve(reference)
    assert store.resolve(str(plan_id)) == store.resolve(f" {plan_id} ".translate(FULL_WIDTH)) == plan_id


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01"])
def test_an_as_of_date_the_evaluation_cannot_count_from_is_refused(plan_id: str, as_of: str) -> None:
    line = _one_error_line(["evaluate", plan_id, "--as-of", as_of])
    assert line == f"错误：--as-of：日期“{as_of}”超出可用范围（1949—2100年）"


@pytest.mark.parametrize("as_of", ["1949-01-01", "2100-12-31"])
def test_the_ends_of_the_range_evaluate(plan_id: str, as_of: str) -> None:
    result = runner.invoke(app, ["evaluate", plan_id, "--as-of", as_of, "--format", "json"])
    assert result.exit_code == 0, result.output


def test_a_csv_field_over_128_kb_is_refused_with_its_row(plan_id: str, tmp_path: Path) -> None:
    path = hostile_files.csv_huge_field(tmp_path)
    result = runner.invoke(app, ["observe", plan_id, str(path)])
    assert result.exit_code == 2
    named, *said = result.stderr.splitlines()
    assert named.startswith("规划 1：")  # the plan it acted on
    assert said == [
        f"错误：{path}：导入被拒绝：共1个问题，数据库未作任何改动",
        "  第2行：有一个单元格超过 128 KB（设置 PLANWATCH_IMPORT_MAX_FIELD_SIZE），不像是数据文件",
    ]
