"""The 调度表: the template lists the projects with their current values and reads back as written;
a long CSV with the same columns reads the same; a file without the header is refused whole; and an
import killed mid-write leaves the database as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planwatch.model import ParsedPlan
from planwatch.observe import ImportRefused
from planwatch.observe.schedule_sheet import read_schedule
from planwatch.services.actor import system_actor
from planwatch.services.departments import load_starter
from planwatch.services.project_library import edit_project
from planwatch.services.project_reports import import_schedule, report_history, report_period
from planwatch.services.project_sheets import write_template
from planwatch.store import Store
from planwatch.store.project_reports import PAUSE_ENV, count_reports
from tests.helpers import ingest

SYSTEM = system_actor()
TODAY = date(2024, 7, 20)


@pytest.fixture
def plan_id(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> int:
    load_starter(store, SYSTEM)
    plan_id = ingest(store, seed, seed_lines).plan_id
    edit_project(store, SYSTEM, plan_id, "P046", {"department": "区交通运输局"}, today=TODAY)
    edit_project(store, SYSTEM, plan_id, "P046", {"plan:2024": "0.5"}, set_on=date(2024, 1, 2), today=TODAY)
    return plan_id


def test_the_template_lists_the_projects_with_their_values_and_reads_back(
    store: Store, plan_id: int, tmp_path: Path
) -> None:
    report_period(
        store,
        SYSTEM,
        plan_id,
        "P046",
        {"period": "2024-06", "cumulative": "900", "started_on": "2024-03-02"},
        today=TODAY,
    )
    path = tmp_path / "调度表.xlsx"
    outcome = write_template(store, SYSTEM, plan_id, path, period="2024-06", today=TODAY)
    assert (outcome.period, outcome.rows) == ("2024-06", 149)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["调度表", "填写说明"]
    sheet = workbook["调度表"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["项目编号", "项目名称", "所属专栏"] and header[-1] == "填报日期"
    assert sheet["A2"].value == "示例"
    roads = next(row for row in sheet.iter_rows(min_row=3) if row[0].value == "P046")
    values = {header[i]: cell.value for i, cell in enumerate(roads)}
    assert values["年度计划投资（万元）"] == 5000 and values["期间"] == "2024-06"
    assert values["自年初累计完成投资（万元）"] == 900 and values["开工日期"].date() == date(2024, 3, 2)
    water = next(row for row in sheet.iter_rows(min_row=3) if row[0].value == "P047")
    water[header.index("自年初累计完成投资（万元）")].value = 321.5
    water[header.index("存在问题")].value = "征地未完成"
    workbook.save(path)
    outcome2 = import_schedule(store, SYSTEM, plan_id, path, today=TODAY)
    assert (outcome2.rows, outcome2.added, outcome2.unchanged) == (2, 1, 1)  # P046 sent back as it was
    (water_report,) = report_history(store, plan_id, "P047")
    assert water_report.cumulative_wan_yuan == Decimal("321.5") and water_report.period == "2024-06"
    assert water_report.issues == "征地未完成" and water_report.source == "调度表.xlsx"


def test_a_department_gets_only_its_projects(store: Store, plan_id: int, tmp_path: Path) -> None:
    from planwatch.services.actor import Actor, Role

    traffic = Actor("交通局", Role.DEPARTMENT, "区交通运输局")
    outcome = write_template(store, traffic, plan_id, tmp_path / "t.xlsx", period="2024-06", today=TODAY)
    assert outcome.rows == 1


def test_a_long_csv_in_gbk_with_amounts_in_yi_yuan_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    text = "项目编号,期间,自年初累计完成投资（亿元）,本期完成投资\nP046,2024年5月,0.5,300万元\n,,,\n"
    path.write_bytes(text.encode("gb18030"))
    (row,) = read_schedule(path)
    assert (
        row.row == 2
        and row.cell("period") == "2024年5月"
        and row.units == {"cumulative": "亿元", "completed": "万元"}
    )


def test_a_file_without_the_header_is_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("编号,数值\nP046,1\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        read_schedule(path)
    assert "找不到表头" in refused.value.messages()[0]


_IMPORT_SCRIPT = """
import sys
from planwatch.services.actor import system_actor
from planwatch.services.project_reports import import_schedule
from planwatch.store import Store
import_schedule(Store(sys.argv[1]), system_actor(), int(sys.argv[2]), sys.argv[3])
"""


def test_an_import_killed_mid_write_leaves_the_database_as_it_was(
    tmp_path: Path, seed: ParsedPlan, seed_lines: list[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'planwatch.db'}"
    store = Store(url)
    plan_id = ingest(store, seed, seed_lines).plan_id
    report_period(store, SYSTEM, plan_id, "P046", {"period": "2024-01", "cumulative": "1"}, today=TODAY)
    before = _count(store)
    store.close()
    # Every project, every month of 2024: 1,788 rows, two batches of the store's 1,000.
    lines = ["项目编号,期间,自年初累计完成投资（万元）"]
    lines += [f"P{n:03d},2024-{m:02d},{m}" for n in range(1, 150) for m in range(1, 13)]
    big = tmp_path / "big.csv"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    paused = tmp_path / "paused"
    process = subprocess.Popen(
        [sys.executable, "-c", _IMPORT_SCRIPT, url, str(plan_id), str(big)],
        env={**os.environ, PAUSE_ENV: str(paused)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not paused.exists():  # written inside the transaction, after the first batch
            assert process.poll() is None, process.communicate()[1].decode()
            assert time.monotonic() < deadline, "the import never reached its first batch"
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.communicate()
    assert process.returncode == -signal.SIGKILL
    reopened = Store(url)
    try:
        assert _count(reopened) == before
        outcome = import_schedule(reopened, SYSTEM, plan_id, big)  # usable, unlocked
        assert outcome.added == 149 * 12 - 1  # P046's January was already known as it is
    finally:
        reopened.close()


def _count(store: Store) -> int:
    with store.reading() as connection:
        return count_reports(connection)
