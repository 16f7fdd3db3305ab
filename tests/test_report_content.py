"""What a report rests on, on SQLite and PostgreSQL: the evaluation's own JSON, the figures known on
the date (a later vintage unseen, a superseded one kept in the books), the plan lines, and refusals."""

from __future__ import annotations

from datetime import date

import pytest

from planwatch.present.evaluation_data import evaluation_data
from planwatch.present.report.content import ReportError, ReportKind, report_content
from planwatch.present.report.sections import ProjectsSection, TasksSection
from planwatch.services.actor import Actor, Role, system_actor
from planwatch.services.approval import approve, review
from planwatch.services.evaluation import evaluate_plan
from planwatch.services.figures import DEMO_AS_OF, enter_figure, load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.store import Store
from planwatch.store.vintages import observations_as_of


def _seeded(store: Store) -> int:
    (outcome,) = ingest_files(store, system_actor(), [str(bundled_plan_path())])
    assert outcome.result is not None
    load_demo(store, system_actor(), outcome.result.plan_id)
    return outcome.result.plan_id


def _figure(
    store: Store, plan_id: int, value: str, published: str, status: str = "核实", *, approved: bool = True
) -> None:
    values = {
        "period": "2024", "value": value, "unit": "亿元", "kind": "水平值",
        "source": "2024年统计公报（修订）", "status": status, "as_of": published,
    }  # fmt: skip
    enter_figure(store, Actor("规划科", Role.PLANNER), plan_id, "T2.01", values)
    if not approved:
        return
    review(store, Actor("统计局", Role.DEPARTMENT, "区统计局", frozenset({"review"})), plan_id)
    approve(store, system_actor(), plan_id, today=date.fromisoformat(published))  # counts from then


def test_content_is_the_evaluation_json_and_what_was_known_on_the_date(store: Store) -> None:
    plan_id = _seeded(store)
    _figure(store, plan_id, "540", "2025-05-10")  # a revision known on the date: it replaces 537
    _figure(store, plan_id, "999", "2025-09-30")  # published after the date: not seen
    _figure(store, plan_id, "541", "2025-05-20", approved=False)  # awaiting approval: not counted
    content = report_content(store, plan_id, ReportKind.ANNUAL, DEMO_AS_OF, None)
    result = evaluate_plan(store, plan_id, DEMO_AS_OF)
    expected = evaluation_data(result)
    assert content.evaluation == expected
    assert [line.result for line in content.indicators] == expected["results"]
    known = observations_as_of(store, plan_id, DEMO_AS_OF)
    assert len(content.figures) == sum(
        len(found) for found in known.values()
    )  # every figure the evaluation saw
    gdp = [f for f in content.figures if f.series_id == "T2.01" and f.period == "2024"]
    assert [(str(f.value), f.published) for f in gdp] == [("540", date(2025, 5, 10))]
    vintages = [
        (str(o.value), used) for sid, _, o, used in content.vintages if (sid, o.period) == ("T2.01", "2024")
    ]
    assert vintages == [("537", False), ("540", True)]  # every vintage known on the date; 999 is not
    (line,) = [line for line in content.indicators if line.result["indicator_id"] == "T2.01"]
    (ref,) = line.latest_refs
    assert content.figures[ref - 1].value == line.result["latest_value"]


def test_plan_lines_cover_every_indicator_and_prose_target(store: Store) -> None:
    plan_id = _seeded(store)
    content = report_content(store, plan_id, ReportKind.ANNUAL, DEMO_AS_OF, None)
    kinds = {line.kind for line in content.plan_lines}
    assert kinds == {"指标", "目标"}
    assert len([p for p in content.plan_lines if p.kind == "指标"]) == len(content.indicators) == 24
    assert len([p for p in content.plan_lines if p.kind == "目标"]) == len(
        content.evaluation["targets"]["results"]
    )
    gdp = next(p for p in content.plan_lines if p.item_id == "T2.01")
    assert "地区生产总值" in gdp.quote and "382" in gdp.quote and "545" in gdp.quote
    assert [p.number for p in content.plan_lines] == list(range(1, len(content.plan_lines) + 1))


def test_the_year_defaults_to_the_latest_due_and_the_books_are_empty(store: Store) -> None:
    plan_id = _seeded(store)
    content = report_content(store, plan_id, ReportKind.ANNUAL, DEMO_AS_OF, None)
    assert (content.year, content.due_year, content.period) == (2024, 2024, (2021, 2025))
    assert content.title == "2024年度监测报告"
    assert content.projects == ProjectsSection(2024) and content.tasks == TasksSection(2024)
    assert report_content(store, plan_id, ReportKind.ANNUAL, DEMO_AS_OF, 2023).year == 2023


@pytest.mark.parametrize(
    ("kind", "as_of", "year", "message"),
    [
        (ReportKind.ANNUAL, date(2020, 12, 31), None, "截至日期2020-12-31早于规划期起始（2021年）"),
        (ReportKind.ANNUAL, DEMO_AS_OF, 2019, "2019年不在规划期（2021—2025年）内"),
        (ReportKind.ANNUAL, date(2023, 3, 1), 2024, "2024年晚于截至日期2023-03-01"),
        (ReportKind.MIDTERM, DEMO_AS_OF, 2023, "中期评估报告不按年度生成"),
    ],
)
def test_a_report_that_cannot_be_made_is_refused_in_one_line(
    store: Store, kind: ReportKind, as_of: date, year: int | None, message: str
) -> None:
    plan_id = _seeded(store)
    with pytest.raises(ReportError) as refused:
        report_content(store, plan_id, kind, as_of, year)
    assert message in refused.value.one_line()
