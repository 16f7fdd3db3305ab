"""The evaluation's JSON: status labels with stable codes, and the prose targets' section."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from planwatch.evaluate import evaluate_indicators, target_results
from planwatch.model import Observation, ObservationKind, ParsedPlan
from planwatch.present import jsonout
from planwatch.present.evaluation_data import evaluation_data
from planwatch.services.evaluation import PlanEvaluation

D = Decimal
MID_2024 = date(2024, 6, 30)
PERIOD = (2021, 2025)


def _obs(series: str, year: int, value: str, kind: ObservationKind = ObservationKind.LEVEL) -> Observation:
    unit = "%" if kind is ObservationKind.GROWTH else None
    return Observation(series, str(year), D(value), unit, kind, date(year + 1, 3, 1))


def _figures() -> dict[str, list[Observation]]:
    gdp = [_obs("T2.01", y, v) for y, v in ((2021, "411"), (2022, "441"), (2023, "476"))]
    gdp += [
        _obs("T2.01", y, v, ObservationKind.GROWTH) for y, v in ((2021, "7.2"), (2022, "5.1"), (2023, "6.4"))
    ]
    trade = [_obs("T2.12", y, v, ObservationKind.GROWTH) for y, v in ((2021, "5"), (2022, "6"), (2023, "7"))]
    return {
        "T2.01": gdp,
        "T2.12": trade,
        "T2.22": [_obs("T2.22", 2023, "4.2")],
        "G015": [_obs("G015", 2020, "600"), _obs("G015", 2023, "800")],
    }


def _data(seed: ParsedPlan) -> dict[str, Any]:
    rows = seed.monitored_indicators()
    figures = _figures()
    evaluations = evaluate_indicators(rows, figures, MID_2024, PERIOD)
    result = PlanEvaluation(1, 1, seed, MID_2024, evaluations, {i.id: i for i in rows}, {})
    targets = target_results(seed.targets, rows, figures, MID_2024, PERIOD)
    return json.loads(jsonout.dumps(evaluation_data(result, targets)))  # type: ignore[no-any-return]


def test_every_result_has_its_label_and_a_stable_code(seed: ParsedPlan) -> None:
    data = _data(seed)
    gdp = next(r for r in data["results"] if r["indicator_id"] == "T2.01")
    assert (gdp["status"], gdp["status_code"]) == ("符合预期", "on_track")
    ceiling = next(r for r in data["results"] if r["indicator_id"] == "T2.22")
    assert (ceiling["status"], ceiling["status_code"]) == ("控制在目标内", "within_ceiling")


def test_the_targets_section_lists_every_target_and_counts_each_promise_once(seed: ParsedPlan) -> None:
    targets = _data(seed)["targets"]
    rows = {r["target_id"]: r for r in targets["results"]}
    assert len(rows) == len(seed.targets)
    g001 = rows["G001"]
    assert (g001["indicator_id"], g001["counted_with_indicator"], g001["status"]) == (
        "T2.01",
        True,
        "符合预期",
    )
    assert g001["quote"] == "地区生产总值超过545亿元" and g001["line"] > 0
    g015 = rows["G015"]
    assert (g015["status"], g015["status_code"], g015["indicator_id"]) == (
        "基本符合预期",
        "roughly_on_track",
        None,
    )
    summary = targets["summary"]
    counted = sum(1 for r in rows.values() if r["counted_with_indicator"])
    assert counted == 7  # G001, G003, G004, G005, G007, G013, G014 restate rows of 专栏2-1
    assert (summary["total"], summary["counted_with_indicators"], summary["judged"]) == (
        len(seed.targets),
        counted,
        len(seed.targets) - counted,
    )
    assert sum(summary["by_status"].values()) == summary["judged"]
    assert summary["by_status"]["基本符合预期"] == 1  # G015; G001 is counted with T2.01, not here


def test_the_latest_figure_comes_with_its_own_unit(seed: ParsedPlan) -> None:
    data = _data(seed)
    rows = {r["target_id"]: r for r in data["targets"]["results"]}
    growth = rows["G002"]  # 年均增速7.5%左右 on T2.01: judged on the rates, latest figure the level
    assert (growth["method"], growth["latest_value"], growth["latest_unit"]) == ("growth", 476, "亿元")
    trade = next(r for r in data["results"] if r["indicator_id"] == "T2.12")
    assert (trade["latest_value"], trade["latest_unit"]) == (7, "%")  # rates only: the latest rate
