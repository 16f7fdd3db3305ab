"""The 调度 judgement on hand-computed cases: 投资完成率, 序时 gap and its bands, 逾期, 未报送, and the
order in which a project's status is decided (docs/projects.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from planwatch.model import Color
from planwatch.project_model import (
    LibraryProject,
    Milestone,
    MilestoneKind,
    ProjectReport,
    ReportFrequency,
    YearPlan,
)
from planwatch.schedule import Events, ScheduleSettings, ScheduleStatus, judge_project
from planwatch.schedule.judge import band

MONTH, QUARTER = ReportFrequency.MONTH, ReportFrequency.QUARTER


def project(
    plan: str | None = "5000",
    *,
    year: int = 2024,
    status: str | None = "在建",
    start: date | None = None,
    finish: date | None = None,
    nature: str | None = None,
) -> LibraryProject:
    milestones = []
    if start is not None:
        milestones.append(Milestone(MilestoneKind.START, "开工", start))
    if finish is not None:
        milestones.append(Milestone(MilestoneKind.FINISH, "竣工", finish))
    return LibraryProject(
        key="P001",
        code="P001",
        name="示例项目",
        box="专栏6-1",
        category="基础设施",
        nature=nature,
        location=None,
        content=None,
        start_year=None,
        end_year=None,
        investment_wan_yuan=Decimal("100000"),
        owner=None,
        department="区交通运输局",
        status=status,
        manual=False,
        in_force=True,
        year_plans=(YearPlan(year, Decimal(plan), "set"),) if plan is not None else (),
        milestones=tuple(milestones),
    )


def report(period: str, cumulative: str, completed: str | None = None, **kwargs: object) -> ProjectReport:
    defaults: dict[str, object] = {"reported_on": date(2024, 1, 1)}
    defaults.update(kwargs)
    return ProjectReport(
        project_key="P001",
        period=period,
        completed_wan_yuan=Decimal(completed if completed is not None else cumulative),
        cumulative_wan_yuan=Decimal(cumulative),
        **defaults,  # type: ignore[arg-type]
    )


JUNE_15 = date(2024, 6, 15)


@pytest.mark.parametrize(
    ("cumulative", "rate", "gap", "status", "color"),
    [
        # plan 5000 万元, May (序时 5/12 = 41.7%)
        ("2100", "0.420", "0.003", ScheduleStatus.NORMAL, Color.GREEN),
        ("2000", "0.400", "-0.017", ScheduleStatus.WATCH, Color.GREEN),
        ("1500", "0.300", "-0.117", ScheduleStatus.BEHIND, Color.YELLOW),
        ("500", "0.100", "-0.317", ScheduleStatus.SERIOUSLY_BEHIND, Color.RED),
        ("6000", "1.200", "0.783", ScheduleStatus.NORMAL, Color.GREEN),
    ],
)
def test_completion_rate_against_the_elapsed_share_of_the_year_gives_the_band(
    cumulative: str, rate: str, gap: str, status: ScheduleStatus, color: Color
) -> None:
    judged = judge_project(project(), [report("2024-05", cumulative)], Events(), JUNE_15, MONTH)
    assert (judged.year, judged.due_period, judged.period) == (2024, "2024-05", "2024-05")
    assert judged.rate == Decimal(rate)
    assert judged.elapsed == Decimal("0.417")
    assert judged.gap == Decimal(gap)
    assert (judged.status, judged.color) == (status, color)


def test_the_explanation_carries_the_numbers() -> None:
    judged = judge_project(project(), [report("2024-05", "2000", "400")], Events(), JUNE_15, MONTH)
    assert judged.explanation == (
        "2024年1—5月累计完成投资0.2亿元，为年度计划0.5亿元的40%，序时进度41.7%，慢1.7个百分点"
    )


@pytest.mark.parametrize(
    ("gap", "status"),
    [
        ("0", ScheduleStatus.NORMAL),
        ("-0.001", ScheduleStatus.WATCH),
        ("-0.10", ScheduleStatus.WATCH),  # exactly 10 points behind is still 关注
        ("-0.101", ScheduleStatus.BEHIND),
        ("-0.30", ScheduleStatus.BEHIND),  # exactly 30 points behind is still 滞后
        ("-0.301", ScheduleStatus.SERIOUSLY_BEHIND),
    ],
)
def test_the_band_edges_belong_to_the_milder_band(gap: str, status: ScheduleStatus) -> None:
    assert band(Decimal(gap)) is status


def test_the_bands_are_settings() -> None:
    strict = ScheduleSettings(behind_gap=Decimal("-0.05"))
    judged = judge_project(project(), [report("2024-05", "1800")], Events(), JUNE_15, MONTH, strict)
    assert judged.gap == Decimal("-0.057")
    assert judged.status is ScheduleStatus.BEHIND  # 关注 under the default bands


def test_a_quarterly_book_judges_the_quarter_due() -> None:
    plan = project("8000")
    reports = [report("2024Q1", "1000", reported_on=date(2024, 4, 8)), report("2024Q2", "3000", "2000")]
    judged = judge_project(plan, reports, Events(), date(2024, 7, 10), QUARTER)
    assert (judged.due_period, judged.period) == ("2024Q2", "2024Q2")
    assert (judged.rate, judged.elapsed, judged.gap) == (
        Decimal("0.375"),
        Decimal("0.500"),
        Decimal("-0.125"),
    )
    assert judged.status is ScheduleStatus.BEHIND
    before_due = judge_project(plan, reports, Events(), date(2024, 7, 9), QUARTER)
    assert before_due.due_period == "2024Q1"
    assert before_due.period == "2024Q2"  # a report made early counts


def test_a_due_period_without_a_report_is_unreported_and_grey() -> None:
    reports = [report("2024-04", "1800")]
    on_deadline = judge_project(project(), reports, Events(), date(2024, 6, 10), MONTH)
    assert (on_deadline.due_period, on_deadline.status, on_deadline.color) == (
        "2024-05",
        ScheduleStatus.UNREPORTED,
        Color.GREY,
    )
    assert on_deadline.explanation == (
        "2024年5月的调度情况应于2024-06-10前报送，截至2024-06-10未报送，最近一次报送为2024年4月"
    )
    day_before = judge_project(project(), reports, Events(), date(2024, 6, 9), MONTH)
    assert day_before.due_period == "2024-04" and day_before.status is ScheduleStatus.NORMAL


def test_early_january_still_judges_the_previous_year() -> None:
    reports = [report("2023-11", "4000"), report("2024-01", "10")]
    plan = project(year=2023)
    judged = judge_project(plan, reports, Events(), date(2024, 1, 5), MONTH)
    assert (judged.year, judged.due_period, judged.period) == (2023, "2023-11", "2023-11")


def test_a_planned_start_that_passed_without_a_start_is_red() -> None:
    plan = project(start=date(2024, 3, 1), status="前期")
    reports = [report("2024-05", "2100")]
    judged = judge_project(plan, reports, Events(), JUNE_15, MONTH)
    assert (judged.status, judged.color) == (ScheduleStatus.OVERDUE_START, Color.RED)
    assert judged.explanation.startswith("计划2024-03-01开工，截至2024-06-15尚未开工；2024年1—5月累计")
    started = judge_project(plan, reports, Events(started_on=date(2024, 3, 20)), JUNE_15, MONTH)
    assert started.status is ScheduleStatus.NORMAL and started.started_on == date(2024, 3, 20)


def test_a_start_reported_after_the_as_of_date_does_not_count_yet() -> None:
    plan = project(start=date(2024, 3, 1), status="前期")
    later = Events(started_on=date(2024, 7, 1))
    judged = judge_project(plan, [report("2024-05", "2100")], later, JUNE_15, MONTH)
    assert judged.status is ScheduleStatus.OVERDUE_START and judged.started_on is None


def test_a_continuing_project_has_started_before_its_reports() -> None:
    plan = project(start=date(2020, 3, 1), status=None, nature="续建")
    judged = judge_project(plan, [report("2024-05", "2100")], Events(), JUNE_15, MONTH)
    assert judged.status is ScheduleStatus.NORMAL and judged.started


def test_a_planned_finish_that_passed_is_red_even_when_investment_is_on_schedule() -> None:
    plan = project(finish=date(2024, 5, 31))
    judged = judge_project(plan, [report("2024-05", "4000")], Events(), JUNE_15, MONTH)
    assert judged.status is ScheduleStatus.OVERDUE_FINISH and judged.color is Color.RED
    done = judge_project(plan, [report("2024-05", "4000")], Events(None, date(2024, 6, 1)), JUNE_15, MONTH)
    assert done.status is ScheduleStatus.COMPLETED and done.explanation.startswith("已于2024-06-01竣工")


def test_overdue_grace_is_a_setting() -> None:
    plan = project(start=date(2024, 6, 1), status="前期")
    lenient = ScheduleSettings(overdue_grace_days=30)
    judged = judge_project(plan, [report("2024-05", "2100")], Events(), JUNE_15, MONTH, lenient)
    assert judged.status is ScheduleStatus.NORMAL


def test_unreported_comes_before_overdue_which_is_kept_as_a_flag() -> None:
    plan = project(start=date(2024, 3, 1), status="前期")
    judged = judge_project(plan, [report("2024-03", "900")], Events(), JUNE_15, MONTH)
    assert judged.status is ScheduleStatus.UNREPORTED
    assert judged.flags[0] == "计划2024-03-01开工，尚未报告开工"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("取消", ScheduleStatus.CANCELLED),
        ("暂缓", ScheduleStatus.SUSPENDED),
        ("竣工", ScheduleStatus.COMPLETED),
    ],
)
def test_cancelled_suspended_and_completed_projects_are_not_chased(
    status: str, expected: ScheduleStatus
) -> None:
    plan = project(status=status, start=date(2024, 3, 1), finish=date(2024, 5, 1))
    judged = judge_project(plan, [], Events(), JUNE_15, MONTH)
    assert judged.status is expected


def test_a_project_without_a_year_plan_is_not_due_to_report() -> None:
    judged = judge_project(project(None), [], Events(), JUNE_15, MONTH)
    assert (judged.status, judged.color) == (ScheduleStatus.NO_PLAN, Color.GREY)
    assert judged.explanation == "2024年未安排年度计划投资"
    overdue = judge_project(
        project(None, start=date(2024, 1, 1), status="前期"), [], Events(), JUNE_15, MONTH
    )
    assert overdue.status is ScheduleStatus.OVERDUE_START


def test_a_zero_year_plan_counts_as_none() -> None:
    judged = judge_project(project("0"), [report("2024-05", "0")], Events(), JUNE_15, MONTH)
    assert judged.status is ScheduleStatus.NO_PLAN and judged.rate is None


def test_a_jump_of_more_than_half_the_year_plan_is_flagged_not_refused() -> None:
    reports = [report("2024-04", "500"), report("2024-05", "3100", "2600")]
    judged = judge_project(project(), reports, Events(), JUNE_15, MONTH)
    assert judged.status is ScheduleStatus.NORMAL
    assert judged.flags == ("2024年5月完成投资0.26亿元，超过年度计划的50%，请核实",)


def test_a_period_whose_completed_does_not_join_the_cumulatives_is_flagged() -> None:
    reports = [report("2024-04", "500"), report("2024-05", "2000", "1000")]
    judged = judge_project(project(), reports, Events(), JUNE_15, MONTH)
    assert judged.flags == ("2024年5月本期完成0.1亿元与累计0.2亿元不衔接（上期累计0.05亿元），请核实",)


def test_reports_of_other_years_and_reports_not_yet_made_are_left_out() -> None:
    reports = [
        report("2023-12", "9000"),
        report("2024-05", "2100"),
        replace(report("2024-06", "4000"), reported_on=date(2024, 7, 1)),
    ]
    judged = judge_project(project(), reports, Events(), JUNE_15, MONTH)
    assert judged.period == "2024-05" and judged.cumulative_wan_yuan == Decimal(2100)
