"""Evaluating a stored plan: the demo data set, as-of dates, the JSON contract, the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.model import EvaluationStatus
from planwatch.present import jsonout
from planwatch.present.evaluation_data import evaluation_data
from planwatch.services.actor import system_actor
from planwatch.services.evaluation import evaluate_plan
from planwatch.services.figures import DEMO_AS_OF, import_figures, load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.store import Store
from planwatch.store.observations import history

runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture
def demo_store(store: Store) -> tuple[Store, int]:
    outcome = ingest_files(store, system_actor(), [str(bundled_plan_path())])[0]
    assert outcome.result is not None
    load_demo(store, system_actor(), outcome.result.plan_id)
    return store, outcome.result.plan_id


def test_the_demo_shows_every_status_on_the_seed(demo_store: tuple[Store, int]) -> None:
    store, plan_id = demo_store
    result = evaluate_plan(store, plan_id, DEMO_AS_OF)
    # 已实现 (reached in the target year) needs a 2025 figure, not due before 2026; the demo's
    # early arrivals are 提前实现.
    assert {e.status for e in result.evaluations} == set(EvaluationStatus) - {EvaluationStatus.ACHIEVED}
    assert len(result.evaluations) == 24  # the 十四五 table, not the 十三五 review
    assert all(e.explanation for e in result.evaluations)


def test_the_demo_is_labelled_and_loading_it_again_changes_nothing(demo_store: tuple[Store, int]) -> None:
    store, plan_id = demo_store
    again = load_demo(store, system_actor(), plan_id)
    assert again.already_imported and again.added == 0
    figures = history(store, plan_id, "T2.01")
    assert figures and all(f.source == "示例数据，非真实统计" for f in figures)


def test_an_evaluation_as_of_an_earlier_date_sees_the_older_vintage(demo_store: tuple[Store, int]) -> None:
    store, plan_id = demo_store
    revised = [f for f in history(store, plan_id, "T2.01") if f.period == "2022"]
    assert len(revised) == 2  # published 初步 in spring, revised in autumn
    before = {e.series_id: e for e in evaluate_plan(store, plan_id, date(2023, 6, 30)).evaluations}["T2.01"]
    after = {e.series_id: e for e in evaluate_plan(store, plan_id, date(2023, 12, 31)).evaluations}["T2.01"]
    assert (before.latest_year, after.latest_year) == (2022, 2022)
    assert before.latest_value == min(f.value for f in revised)
    assert after.latest_value == max(f.value for f in revised)


def test_binding_indicators_come_first(demo_store: tuple[Store, int]) -> None:
    store, plan_id = demo_store
    data = evaluation_data(evaluate_plan(store, plan_id, DEMO_AS_OF))
    attributes = [r["attribute"] for r in data["results"]]
    assert attributes == sorted(attributes, key=lambda a: a != "binding")


def test_cli_evaluate_json_follows_the_contract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    assert runner.invoke(app, ["demo"]).exit_code == 0
    result = runner.invoke(app, ["evaluate", "1", "--as-of", DEMO_AS_OF.isoformat(), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["as_of"], data["plan_id"]) == ("2025-06-30", "1")
    gdp = next(r for r in data["results"] if r["indicator_id"] == "T2.01")
    assert set(gdp) >= {
        "indicator_id", "name", "status", "color", "progress", "schedule_gap", "realised_growth",
        "required_growth", "projection", "projection_low", "projection_high", "explanation",
    }  # fmt: skip
    text = runner.invoke(app, ["evaluate", "新建区", "--as-of", "2025-06-30"])
    assert "严重滞后" in text.stdout and "约束性指标红色预警" in text.stdout


def test_cli_refuses_a_bad_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    runner.invoke(app, ["demo"])
    result = runner.invoke(app, ["evaluate", "1", "--as-of", "2025/13/01"])
    assert result.exit_code == 2 and result.stderr.startswith("错误：")


def test_figures_of_a_prose_target_are_judged_and_listed_with_the_evaluation(
    store: Store, tmp_path: Path
) -> None:
    outcome = ingest_files(store, system_actor(), [str(bundled_plan_path())])[0]
    assert outcome.result is not None
    plan_id = outcome.result.plan_id
    figures = tmp_path / "g015.csv"
    figures.write_text(
        "指标编号,指标名称,期间,数值,单位,类型,数据来源,数据状态,发布日期\n"
        "G015,全区规模以上工业营业收入,2020,600,亿元,水平值,2020年统计公报,核实,2021-03-15\n"
        "G015,全区规模以上工业营业收入,2023,800,亿元,水平值,2023年统计公报,初步,2024-03-15\n",
        encoding="utf-8",
    )
    import_figures(store, system_actor(), plan_id, figures)
    result = evaluate_plan(store, plan_id, date(2024, 6, 30), pending=True)  # imported: awaiting review
    judged = {r.target.id: r for r in result.targets}
    assert len(judged) == len(result.parsed.targets)
    # f = 0.6; p = ln(800/600) / ln(1000/600) = 0.5632; g = −0.037 → 基本符合预期
    assert judged["G015"].evaluation.status is EvaluationStatus.ROUGHLY_ON_TRACK
    assert judged["G015"].evaluation.latest_value == 800
    data = json.loads(jsonout.dumps(evaluation_data(result)))
    row = next(r for r in data["targets"]["results"] if r["target_id"] == "G015")
    assert (row["status"], row["status_code"], row["latest_year"]) == (
        "基本符合预期",
        "roughly_on_track",
        2023,
    )
    assert data["targets"]["summary"]["by_status"]["基本符合预期"] == 1


def test_cli_evaluate_lists_the_demo_prose_targets_with_their_statuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    assert runner.invoke(app, ["demo"]).exit_code == 0
    day = DEMO_AS_OF.isoformat()
    data = json.loads(runner.invoke(app, ["evaluate", "1", "--as-of", day, "--format", "json"]).stdout)
    targets = {r["target_id"]: r for r in data["targets"]["results"]}
    own = [r for r in targets.values() if not r["counted_with_indicator"]]
    with_figures = [r for r in own if r["latest_value"] is not None]
    assert len(with_figures) >= 16  # the demo's own target figures, and targets reading a row's
    assert {r["color"] for r in with_figures} >= {"green", "yellow", "red"}
    assert targets["G015"]["status_code"] not in ("no_data", "manual")
    text = runner.invoke(app, ["evaluate", "1", "--as-of", day]).stdout
    assert "全区规模以上工业营业收入突破1000亿元" in text and targets["G015"]["status"] in text
    assert "正文量化目标98项：7项与指标表目标相同" in text
