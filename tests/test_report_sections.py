"""重大项目推进情况 and 重点任务落实情况: empty books say so in one line; rows from a book fill the
tables of the Word report and the Excel books; the rows are the 调度 and task books' own figures."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from planwatch.present.amounts import yi_yuan
from planwatch.present.pages.schedule import schedule_page
from planwatch.present.pages.schedule_data import percent
from planwatch.present.report.books import write_books
from planwatch.present.report.categories import FILL
from planwatch.present.report.content import ReportContent, ReportKind, report_content
from planwatch.present.report.docx_report import write_docx
from planwatch.present.report.sections import (
    NO_PROJECT_DATA,
    NO_TASK_DATA,
    BoxProgress,
    ProjectProgress,
    ProjectsSection,
    TaskProgress,
    TasksSection,
    UnitProgress,
    projects_section,
    tasks_section,
)
from planwatch.services.actor import system_actor
from planwatch.services.departments import load_starter
from planwatch.services.figures import DEMO_AS_OF
from planwatch.services.project_demo import load_schedule_demo
from planwatch.services.task_demo import load_task_demo
from planwatch.services.task_status import board, status_counts
from planwatch.store import Store
from tests.report_reading import open_docx, table_rows, tables_headed
from tests.web_server import build_demo_store

PROJECTS = ProjectsSection(
    2024,
    boxes=[
        BoxProgress("专栏3-2", "先进制造业重大项目", 12, Decimal(250000), Decimal(155000), Decimal("0.62"))
    ],
    flagged=[
        ProjectProgress(
            "专栏3-2",
            "南昌乾照光电基地（二期）",
            "江西乾照光电有限公司",
            "在建",
            Decimal(60000),
            Decimal(12000),
            Decimal("0.2"),
            "red",
            "投资完成率低于序时进度30个百分点以上",
        )
    ],
    source="重大项目调度月报（截至2025-05）",
)
TASKS = TasksSection(
    2024,
    units=[UnitProgress("区交通运输局", 8, 3, 4, 1)],
    flagged=[
        TaskProgress(
            "T-07", "建成昌北国际机场快速路", "区交通运输局", "2024", "逾期未报", "red", "征地未完成"
        )
    ],
)


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReportContent]:
    url, plan_id = build_demo_store(tmp_path_factory.mktemp("report-sections"))
    store = Store(url)
    yield report_content(store, plan_id, ReportKind.ANNUAL, DEMO_AS_OF, None)
    store.close()


def test_project_rows_fill_the_box_table_and_the_flagged_projects(content: ReportContent) -> None:
    document = open_docx(write_docx(replace(content, projects=PROJECTS)))
    (boxes,) = tables_headed(document, "专栏")[:1]
    assert [c.text for c in table_rows(boxes)[1]] == ["专栏3-2 先进制造业重大项目", "12", "25", "15.5", "62%"]
    (flagged,) = tables_headed(document, "专栏")[1:]
    row = table_rows(flagged)[1]
    assert row[1].text == "南昌乾照光电基地（二期）" and row[4].text == "1.2/6"
    assert row[5].text == "红" and row[5].fill == FILL["red"]
    texts = [p.text for p in document.paragraphs]
    assert "2024年重大项目投资完成情况（按专栏）" in "".join(texts)


def test_task_rows_fill_the_unit_table_and_the_flagged_tasks(content: ReportContent) -> None:
    document = open_docx(write_docx(replace(content, tasks=TASKS)))
    (units,) = tables_headed(document, "牵头单位")
    assert [c.text for c in table_rows(units)[1]] == ["区交通运输局", "8", "3", "4", "1"]
    (flagged,) = [t for t in tables_headed(document, "序号") if table_rows(t)[0][1].text == "任务"]
    row = table_rows(flagged)[1]
    assert [c.text for c in row] == [
        "T-07",
        "建成昌北国际机场快速路",
        "区交通运输局",
        "2024",
        "逾期未报",
        "征地未完成",
    ]
    assert row[4].fill == FILL["red"]


def test_the_books_list_the_rows_and_name_their_source(content: ReportContent) -> None:
    workbook = load_workbook(io.BytesIO(write_books(replace(content, projects=PROJECTS, tasks=TASKS))))
    projects = list(workbook["项目"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in projects] == ["专栏合计", "预警项目"]
    assert projects[0][6] == 250000 and projects[1][9] == "红"
    tasks = list(workbook["任务"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in tasks] == ["牵头单位合计", "预警任务"]
    sources = {row[0]: row[1] for row in workbook["来源"].iter_rows(min_row=2, values_only=True)}
    assert sources["项目调度数据"] == "重大项目调度月报（截至2025-05）"


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, int]]:
    """The demo with its 调度 book (2021–2024) and its task list."""
    url, plan_id = build_demo_store(tmp_path_factory.mktemp("report-books"))
    store = Store(url)
    load_starter(store, system_actor())
    load_schedule_demo(store, system_actor(), plan_id)
    load_task_demo(store, system_actor(), plan_id)
    yield store, plan_id
    store.close()


def test_a_past_year_is_read_from_the_schedule_book_whole(books: tuple[Store, int]) -> None:
    store, plan_id = books
    section = projects_section(store, plan_id, date(2025, 6, 30), 2024)
    judged_on = date(2025, 1, 10)  # the day December's reports were due: the year read whole
    book = schedule_page(store, plan_id, judged_on)
    with_plans = [p for p in book["projects"] if p["planned_yi_yuan"] is not None]
    assert sum(b.projects for b in section.boxes) == len(with_plans)
    by_box = {t["label"]: t for t in book["by_box"]}
    for box in section.boxes:  # the 项目调度 page's own totals: the same rate, the same sums
        assert percent(box.completion_rate) == by_box[box.box]["rate"]
        assert yi_yuan(box.planned_wan_yuan) == by_box[box.box]["planned_yi_yuan"]
    assert section.source == "项目调度（截至2025-01-10，2024年12月应已报送）"
    colors = [p.color for p in section.flagged]
    assert colors == sorted(colors, key=lambda c: c != "red") and set(colors) == {"red", "yellow"}
    assert all(p.reason.startswith(("逾期", "严重滞后", "滞后", "关注", "未报送")) for p in section.flagged)
    assert "完成率108%，序时100%" in next(
        p.reason for p in section.flagged if p.name.startswith("江西五十铃")
    )


def test_a_year_the_book_does_not_hold_is_an_empty_section(books: tuple[Store, int]) -> None:
    store, plan_id = books
    assert projects_section(store, plan_id, date(2025, 6, 30), 2025).empty  # 2025: no year plans
    assert projects_section(store, plan_id, date(2025, 6, 30), 2019).empty


def test_the_task_section_counts_each_lead_unit_s_tasks_by_the_book_s_status(
    books: tuple[Store, int],
) -> None:
    store, plan_id = books
    day = date(2025, 6, 30)
    section = tasks_section(store, plan_id, day, 2024)
    found = board(store, plan_id, day)
    assert sum(u.tasks for u in section.units) == len(found.states)
    counts = status_counts(found.states.values())
    assert sum(u.done for u in section.units) == counts["已完成"]
    assert sum(u.on_schedule for u in section.units) == counts["正常推进"]
    assert len(section.flagged) == counts["滞后"] + counts["未报送"] + counts["逾期未报"]
    assert {t.status for t in section.flagged if t.color == "red"} <= {"滞后", "逾期未报"}
    assert section.source.startswith("任务分工方案第1版")


def test_the_report_on_the_demo_books_has_both_tables(books: tuple[Store, int]) -> None:
    store, plan_id = books
    content = report_content(store, plan_id, ReportKind.ANNUAL, date(2025, 6, 30), None)
    texts = [p.text for p in open_docx(write_docx(content)).paragraphs]
    assert NO_PROJECT_DATA + "。" not in texts and NO_TASK_DATA + "。" not in texts
    assert "2024年重大项目投资完成情况（按专栏）" in "".join(texts) and "逾期及未报送的任务" in "".join(texts)
