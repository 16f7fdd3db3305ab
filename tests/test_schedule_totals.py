"""Totals of judged projects (开工率, 竣工率, the year's 投资完成率, colours) and the report periods, on
hand-computed cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from planwatch.project_model import (
    LibraryProject,
    Milestone,
    MilestoneKind,
    ProjectReport,
    ReportFrequency,
    YearPlan,
)
from planwatch.schedule import Events, judge_project, periods, totals, totals_by

AS_OF = date(2024, 6, 15)


def _project(
    key: str, plan: str, box: str, *, status: str = "在建", start: date | None = None
) -> LibraryProject:
    milestones = (Milestone(MilestoneKind.START, "开工", start),) if start else ()
    return LibraryProject(
        key, key, key, box, None, None, None, None, None, None, None, None, None, status, False, True,
        year_plans=(YearPlan(2024, Decimal(plan), "set"),), milestones=milestones,
    )  # fmt: skip


def _judged(project: LibraryProject, cumulative: str | None, started: date | None = None) -> object:
    reports = (
        [ProjectReport(project.key, "2024-05", Decimal(0), Decimal(cumulative), date(2024, 6, 5))]
        if cumulative
        else []
    )
    return project, judge_project(project, reports, Events(started_on=started), AS_OF, ReportFrequency.MONTH)


def test_totals_count_colours_rates_and_starts() -> None:
    judged = [
        _judged(_project("A", "1000", "专栏1"), "500"),  # 50% vs 41.7%: 正常
        _judged(_project("B", "1000", "专栏1", start=date(2024, 3, 1), status="前期"), "100"),  # 逾期未开工
        _judged(
            _project("C", "2000", "专栏2", start=date(2024, 4, 1), status="前期"), "800", date(2024, 4, 2)
        ),
        _judged(_project("D", "3000", "专栏2"), None),  # 未报送
        _judged(_project("E", "9000", "专栏2", status="取消"), "100"),  # not counted in the sums
    ]
    overall = totals(judged)  # type: ignore[arg-type]
    assert overall.count == 5
    assert overall.by_color == {"green": 2, "yellow": 0, "red": 1, "grey": 2}
    assert overall.by_status == {"未报送": 1, "逾期未开工": 1, "正常": 1, "关注": 1, "已取消": 1}
    assert (overall.planned_wan_yuan, overall.cumulative_wan_yuan) == (Decimal(7000), Decimal(1400))
    assert overall.rate == Decimal("0.200")
    assert (overall.to_start, overall.started, overall.start_rate) == (2, 1, Decimal("0.500"))
    assert (overall.to_finish, overall.finish_rate) == (0, None)
    by_box = totals_by(judged, lambda p: p.box)  # type: ignore[arg-type]
    assert [(t.label, t.count, t.unreported) for t in by_box] == [("专栏1", 2, 0), ("专栏2", 3, 1)]
    assert [t.label for t in totals_by(judged, lambda p: None)] == ["（未填）"]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("as_of", "frequency", "due"),
    [
        (date(2024, 6, 10), ReportFrequency.MONTH, "2024-05"),
        (date(2024, 6, 9), ReportFrequency.MONTH, "2024-04"),
        (date(2024, 1, 9), ReportFrequency.MONTH, "2023-11"),
        (date(2024, 1, 10), ReportFrequency.MONTH, "2023-12"),
        (date(2024, 7, 10), ReportFrequency.QUARTER, "2024Q2"),
        (date(2024, 7, 9), ReportFrequency.QUARTER, "2024Q1"),
        (date(2024, 1, 15), ReportFrequency.QUARTER, "2023Q4"),
    ],
)
def test_the_latest_period_due(as_of: date, frequency: ReportFrequency, due: str) -> None:
    assert periods.latest_due(as_of, frequency, 10) == due


@pytest.mark.parametrize(
    ("period", "share", "label", "span"),
    [
        ("2024-01", "0.08333333333333333333333333333", "2024年1月", "2024年1月"),
        ("2024-05", "0.4166666666666666666666666667", "2024年5月", "2024年1—5月"),
        ("2024Q1", "0.25", "2024年第1季度", "2024年第1季度"),
        ("2024Q3", "0.75", "2024年第3季度", "2024年1—3季度"),
    ],
)
def test_periods_read_as_a_planner_says_them(period: str, share: str, label: str, span: str) -> None:
    assert periods.elapsed_share(period) == Decimal(share)
    assert (periods.label(period), periods.span_label(period)) == (label, span)


def test_a_quarter_is_due_on_the_tenth_of_the_month_after_it() -> None:
    assert periods.due_date("2024Q2", 10) == date(2024, 7, 10)
    assert periods.due_date("2024-12", 10) == date(2025, 1, 10)
    assert periods.due_date("2024-01", 31) == date(2024, 2, 29)  # clamped to the month
