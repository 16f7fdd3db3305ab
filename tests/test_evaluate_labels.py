"""The status words and the wording of the gap (EVALUATION.md, "Status labels")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planwatch.evaluate import SeriesSpec, SpecKind, evaluate_series
from planwatch.model import EvaluationStatus, Observation, ObservationKind
from planwatch.present.labels import method_label, status_label, target_link_label

D = Decimal
MID_2024 = date(2024, 6, 30)


def _levels(*pairs: tuple[int, str]) -> list[Observation]:
    return [
        Observation("X", str(year), D(value), None, ObservationKind.LEVEL, date(year + 1, 3, 1))
        for year, value in pairs
    ]


def _spec(base: str, target: str, unit: str, **fields: object) -> SeriesSpec:
    values: dict[str, object] = {
        "id": "X",
        "name": "指标",
        "unit": unit,
        "kind": SpecKind.LEVEL,
        "base_year": 2020,
        "target_year": 2025,
        "path": "linear" if unit == "%" else "geometric",
        "base_value": D(base),
        "target_value": D(target),
    }
    values.update(fields)
    return SeriesSpec(**values)  # type: ignore[arg-type]


def test_the_statuses_are_the_national_midterm_words_in_the_methods_order() -> None:
    assert [status.value for status in EvaluationStatus] == [
        "提前实现", "已实现", "快于预期", "符合预期", "基本符合预期", "需加快", "滞后于预期", "严重滞后",
        "控制在目标内", "保持稳定", "数据缺失", "无数据", "需人工评估", "目标待定",
    ]  # fmt: skip


def test_the_old_near_synonyms_are_gone() -> None:
    # 符合, 符合预期 and 基本符合 read as one idea; 超前 and 滞后 were not the national words.
    labels = {status.value for status in EvaluationStatus}
    assert labels.isdisjoint({"符合", "基本符合", "超前", "滞后"})


def test_every_status_has_a_stable_machine_code() -> None:
    assert {status.code: status.value for status in EvaluationStatus} == {
        "achieved_early": "提前实现",
        "achieved": "已实现",
        "ahead": "快于预期",
        "on_track": "符合预期",
        "roughly_on_track": "基本符合预期",
        "needs_speeding_up": "需加快",
        "behind": "滞后于预期",
        "seriously_behind": "严重滞后",
        "within_ceiling": "控制在目标内",
        "kept_stable": "保持稳定",
        "stale": "数据缺失",
        "no_data": "无数据",
        "manual": "需人工评估",
        "target_pending": "目标待定",
    }


def test_a_target_reached_before_its_year_is_early_and_in_its_year_achieved() -> None:
    spec = _spec("50", "60", "%")
    assert evaluate_series(spec, _levels((2023, "60.5")), MID_2024).status == "提前实现"
    assert evaluate_series(spec, _levels((2025, "60.5")), date(2026, 6, 30)).status == "已实现"


def test_the_gap_is_a_share_of_the_way_and_the_distance_is_in_rate_points() -> None:
    # 城镇化率 57.26 → 67.5: E(2023) = 57.26 + 10.24 × 0.6 = 63.404. x = 61.40:
    # p = 4.14 / 10.24 = 0.4043, g = −0.1957 → 进度差 −19.6% (of the way, not rate points);
    # distance 61.40 − 63.404 = −2.004 → 低2.00个百分点 (the data's own two places)
    result = evaluate_series(_spec("57.26", "67.5", "%"), _levels((2023, "61.40")), MID_2024)
    assert "按序时进度应达63.40%，比序时应达值低2.00个百分点，进度差 −19.6%" in result.explanation
    assert result.status == "滞后于预期"
    # x = 59.31: 59.31 − 63.404 = −4.094 → 低4.09个百分点; p = 2.05 / 10.24 = 0.2002, g = −0.400
    further = evaluate_series(_spec("57.26", "67.5", "%"), _levels((2023, "59.31")), MID_2024)
    assert "比序时应达值低4.09个百分点，进度差 −40.0%" in further.explanation
    assert further.status == "严重滞后"


def test_the_distance_of_an_amount_is_in_its_own_unit() -> None:
    # 100 → 200 亿元: E(2023) = 100 × 2^0.6 = 151.57; x = 139.3 → 139.3 − 151.57 = −12.27 → 低12.3亿元
    # p = ln 1.393 / ln 2 = 0.4782, g = −0.1218 → 进度差 −12.2%
    result = evaluate_series(_spec("100", "200", "亿元"), _levels((2023, "139.3")), MID_2024)
    assert "按序时进度应达151.6亿元，比序时应达值低12.3亿元，进度差 −12.2%" in result.explanation
    above = evaluate_series(_spec("100", "200", "亿元"), _levels((2023, "165")), MID_2024)
    assert "比序时应达值高13.4亿元" in above.explanation  # 165 − 151.57 = 13.43


def test_ceiling_and_keep_stable_kept_have_their_own_words() -> None:
    ceiling = _spec("4", "5", "%", kind=SpecKind.CEILING, direction="falling")
    assert evaluate_series(ceiling, _levels((2023, "4.2")), MID_2024).status == "控制在目标内"
    stable = _spec("11", "11", "亿斤", kind=SpecKind.KEEP_STABLE)
    assert evaluate_series(stable, _levels((2023, "11.1")), MID_2024).status == "保持稳定"
    assert evaluate_series(stable, _levels((2023, "10")), MID_2024).status == "滞后于预期"


def test_pages_can_name_codes_in_chinese() -> None:
    assert [status_label(status.code) for status in EvaluationStatus] == [s.value for s in EvaluationStatus]
    assert status_label(None) == "未评估"
    assert [method_label(code) for code in ("level", "growth", "ceiling", "keep_stable", "manual")] == [
        "按序时进度", "按年均增速", "按上限", "按保持稳定", "人工评估",
    ]  # fmt: skip
    assert target_link_label("T2.01", True) == "同指标T2.01（不重复计数）"
    assert target_link_label("T2.22", False) == "数据取自指标T2.22"
    assert target_link_label(None, False) == ""
