"""重大项目推进情况 and 重点任务落实情况: empty books say so in one line; rows from a book (as the
project and task books will give them) fill the tables of the Word report and the Excel books."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from planwatch.present.report.books import write_books
from planwatch.present.report.categories import FILL
from planwatch.present.report.content import ReportContent, ReportKind, report_content
from planwatch.present.report.docx_report import write_docx
from planwatch.present.report.sections import (
    BoxProgress,
    ProjectProgress,
    ProjectsSection,
    TaskProgress,
    TasksSection,
    UnitProgress,
)
from planwatch.services.figures import DEMO_AS_OF
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
            "T-07", "建成昌北国际机场快速路", "区交通运输局", date(2024, 12, 31), "逾期", "red", "征地未完成"
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
        "2024-12-31",
        "逾期",
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
