"""Properties of the 调度 judgement (Hypothesis): the colour never worsens as completed investment
grows, and a correction made later never changes what was answered for an earlier date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.project_model import (
    LibraryProject,
    Milestone,
    MilestoneKind,
    ProjectReport,
    ReportFrequency,
    YearPlan,
)
from planwatch.schedule import Events, events_of, judge_project
from planwatch.schedule import periods as schedule_periods
from planwatch.schedule.status import COLOR_RANK
from planwatch.schedule.vintages import known_on

YEAR = 2024
amounts = st.decimals(min_value=0, max_value=200_000, places=2, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=date(YEAR, 1, 1), max_value=date(YEAR + 1, 2, 28))
frequencies = st.sampled_from(list(ReportFrequency))


@st.composite
def projects(draw: st.DrawFn) -> LibraryProject:
    milestones = []
    for kind, label in ((MilestoneKind.START, "开工"), (MilestoneKind.FINISH, "竣工")):
        if draw(st.booleans()):
            milestones.append(Milestone(kind, label, draw(days)))
    plan = draw(st.one_of(st.none(), amounts))
    return LibraryProject(
        key="P001",
        code="P001",
        name="示例项目",
        box=None,
        category=None,
        nature=draw(st.sampled_from([None, "新建", "续建", "前期"])),
        location=None,
        content=None,
        start_year=None,
        end_year=None,
        investment_wan_yuan=None,
        owner=None,
        department=None,
        status=draw(st.sampled_from([None, "谋划", "前期", "在建", "竣工", "暂缓", "取消"])),
        manual=False,
        in_force=True,
        year_plans=(YearPlan(YEAR, plan, "set"),) if plan is not None else (),
        milestones=tuple(milestones),
    )


@given(
    project=projects(),
    frequency=frequencies,
    index=st.integers(min_value=1, max_value=12),
    low=amounts,
    extra=amounts,
    as_of=days,
    started=st.one_of(st.none(), days),
)
def test_colour_is_monotone_in_completed_investment(
    project: LibraryProject,
    frequency: ReportFrequency,
    index: int,
    low: Decimal,
    extra: Decimal,
    as_of: date,
    started: date | None,
) -> None:
    if frequency is ReportFrequency.QUARTER:
        index = (index - 1) // 3 + 1
    period = schedule_periods.make(YEAR, frequency, index)
    events = Events(started_on=started)

    def rank(cumulative: Decimal) -> int:
        reported = ProjectReport("P001", period, cumulative, cumulative, date(YEAR, 1, 1))
        judged = judge_project(project, [reported], events, as_of, frequency)
        return COLOR_RANK[judged.color]

    less, more = rank(low), rank(low + extra)
    grey = COLOR_RANK[max(COLOR_RANK, key=COLOR_RANK.__getitem__)]
    assert less == grey or more == grey or less <= more
    assert (less == grey) == (more == grey)  # greyness does not depend on the amount


report_days = st.dates(min_value=date(YEAR, 1, 15), max_value=date(YEAR + 1, 1, 31))


@st.composite
def books(draw: st.DrawFn) -> list[ProjectReport]:
    """Versions of monthly reports of two projects, with ids in the order they were entered."""
    found = []
    for number in range(draw(st.integers(min_value=0, max_value=25))):
        month = draw(st.integers(min_value=1, max_value=12))
        cumulative = draw(amounts)
        found.append(
            ProjectReport(
                project_key=draw(st.sampled_from(["P001", "P002"])),
                period=f"{YEAR}-{month:02d}",
                completed_wan_yuan=cumulative,
                cumulative_wan_yuan=cumulative,
                reported_on=draw(report_days),
                started_on=draw(st.one_of(st.none(), days)),
                id=number + 1,
            )
        )
    return found


@settings(max_examples=200)
@given(
    book=books(),
    project=projects(),
    frequency=st.just(ReportFrequency.MONTH),
    asked=report_days,
    later_by=st.integers(min_value=1, max_value=400),
    correction=amounts,
    corrected=st.integers(min_value=0, max_value=30),
)
def test_a_later_correction_never_changes_an_earlier_answer(
    book: list[ProjectReport],
    project: LibraryProject,
    frequency: ReportFrequency,
    asked: date,
    later_by: int,
    correction: Decimal,
    corrected: int,
) -> None:
    def answer(reports: list[ProjectReport]) -> object:
        known = [r for r in known_on(reports, asked) if r.project_key == "P001"]
        return judge_project(project, known, events_of(known), asked, frequency)

    before = answer(book)
    original = book[corrected % len(book)] if book else ProjectReport("P001", f"{YEAR}-05", 0, 0, asked)
    fix = replace(
        original,
        cumulative_wan_yuan=correction,
        completed_wan_yuan=correction,
        started_on=None,
        reported_on=asked + timedelta(days=later_by),
        id=len(book) + 1,
    )
    assert answer([*book, fix]) == before


@given(book=books(), asked=report_days)
def test_what_is_known_on_a_date_is_the_last_version_of_each_period_made_by_then(
    book: list[ProjectReport], asked: date
) -> None:
    known = known_on(book, asked)
    for report in known:
        same = [r for r in book if (r.project_key, r.period) == (report.project_key, report.period)]
        made = [r for r in same if r.reported_on <= asked]
        assert report == max(made, key=lambda r: (r.reported_on, r.id or 0))
    periods_made = {(r.project_key, r.period) for r in book if r.reported_on <= asked}
    assert {(r.project_key, r.period) for r in known} == periods_made


@given(as_of=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), frequency=frequencies)
def test_the_latest_period_due_is_due_and_the_next_one_is_not(
    as_of: date, frequency: ReportFrequency
) -> None:
    due = schedule_periods.latest_due(as_of, frequency, 10)
    assert schedule_periods.due_date(due, 10) <= as_of
    following = schedule_periods.make(*_next(due))
    assert schedule_periods.due_date(following, 10) > as_of


def _next(period: str) -> tuple[int, ReportFrequency, int]:
    year, frequency, index = schedule_periods.parts(period)
    last = 12 if frequency is ReportFrequency.MONTH else 4
    return (year, frequency, index + 1) if index < last else (year + 1, frequency, 1)
