"""The report's sentences are templates filled with the evaluation's counts; the 中期评估 categories
are the documented mapping of the statuses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from planwatch.model import EvaluationStatus
from planwatch.present.report import sentences
from planwatch.present.report.categories import CATEGORY_ORDER, NATIONAL_CATEGORY, category_of
from planwatch.present.report.content import ReportContent, ReportKind, report_content
from planwatch.services.figures import DEMO_AS_OF
from planwatch.store import Store
from tests.web_server import build_demo_store

S = EvaluationStatus
DOCUMENTED = {  # docs/reports.md, "The 中期评估 categories"
    "提前实现": {S.ACHIEVED_EARLY, S.ACHIEVED},
    "快于预期": {S.AHEAD},
    "基本符合预期": {S.ON_TRACK, S.ROUGHLY_ON_TRACK, S.WITHIN_CEILING, S.KEPT_STABLE},
    "滞后于预期": {S.NEEDS_SPEEDING_UP, S.BEHIND, S.SERIOUSLY_BEHIND},
    "暂无法评价": {S.STALE, S.NO_DATA, S.MANUAL, S.TARGET_PENDING},
}


def test_every_status_has_its_documented_national_category() -> None:
    assert set(NATIONAL_CATEGORY) == {s.code for s in EvaluationStatus}
    for category, statuses in DOCUMENTED.items():
        assert {s for s in EvaluationStatus if category_of(s.code) == category} == statuses
    assert list(DOCUMENTED) == list(CATEGORY_ORDER)


def test_counts_leave_out_the_zeros_and_keep_the_order() -> None:
    assert (
        sentences.counts_phrase({"提前实现": 1, "快于预期": 0, "滞后于预期": 3})
        == "提前实现1项，滞后于预期3项"
    )


@pytest.fixture(scope="module")
def contents(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[ReportKind, ReportContent]]:
    url, plan_id = build_demo_store(tmp_path_factory.mktemp("report-sentences"))
    store = Store(url)
    yield {kind: report_content(store, plan_id, kind, DEMO_AS_OF, None) for kind in ReportKind}
    store.close()


def test_the_annual_overview_counts_statuses_binding_and_warnings(
    contents: dict[ReportKind, ReportContent],
) -> None:
    content = contents[ReportKind.ANNUAL]
    said = sentences.overview(content)
    by_status = content.evaluation["summary"]["by_status"]
    judged = {k: v for k, v in by_status.items() if k not in sentences.GREY_STATUSES}
    assert said[0] == (
        f"截至2025年6月30日，按已发布的统计数据评估，24项主要指标中，{sentences.counts_phrase(judged)}；"
        "数据缺失1项，无数据1项，需人工评估4项，目标待定2项。"
    )
    binding = [line for line in content.indicators if line.result["attribute"] == "binding"]
    assert said[1].startswith(f"约束性指标{len(binding)}项，")
    red = [line.result["name"] for line in content.indicators if line.result["color"] == "red"]
    assert said[2].startswith(f"需要关注的指标中，红色预警{len(red)}项（{'、'.join(red)}）")


def test_the_midterm_overview_counts_the_national_categories(
    contents: dict[ReportKind, ReportContent],
) -> None:
    content = contents[ReportKind.MIDTERM]
    said = sentences.overview(content)
    assert said[0] == (
        "按照“时间过半、任务过半”的要求，截至2025年6月30日，规划期2021—2025年中已有2021—2024年共4年的数据，"
        "时间进度为80%。"
    )
    counts = sentences.by_category(content.indicators)
    assert sum(counts.values()) == 24
    assert said[1] == f"对照中期评估的分类，24项主要指标中，{sentences.counts_phrase(counts)}。"
