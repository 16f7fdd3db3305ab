"""调度 reports: typed into the form or imported from a 调度表, checked the same way, refused whole with
every problem listed, kept like observations (a correction is a new version, every answer can be
asked as of a date), and written only by the projects' own 责任单位."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.model import ParsedPlan
from planwatch.observe import ImportRefused
from planwatch.schedule import ScheduleStatus
from planwatch.services.actor import Actor, Role, system_actor
from planwatch.services.audit import audit_entries
from planwatch.services.departments import load_starter
from planwatch.services.permissions import PermissionDenied
from planwatch.services.project_library import edit_project
from planwatch.services.project_reports import (
    import_schedule,
    report_history,
    report_period,
    schedule_as_of,
)
from planwatch.store import Store
from tests.helpers import ingest

SYSTEM = system_actor()
TRAFFIC = Actor("交通局", Role.DEPARTMENT, "区交通运输局")
TODAY = date(2024, 7, 20)
COLUMNS = ["项目编号", "项目名称", "期间", "本期完成投资（万元）", "自年初累计完成投资（万元）"]
COLUMNS += ["开工日期", "形象进度", "存在问题", "填报日期"]
HEADER = ",".join(COLUMNS)


@pytest.fixture
def plan_id(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> int:
    load_starter(store, SYSTEM)
    plan_id = ingest(store, seed, seed_lines).plan_id
    edit_project(store, SYSTEM, plan_id, "P046", {"department": "区交通运输局"}, today=TODAY)
    edit_project(store, SYSTEM, plan_id, "P046", {"plan:2024": "0.5"}, set_on=date(2024, 1, 2), today=TODAY)
    edit_project(store, SYSTEM, plan_id, "P047", {"department": "区住建局"}, today=TODAY)
    return plan_id


def _csv(tmp_path: Path, *rows: str, name: str = "调度表.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _judged(store: Store, plan_id: int, as_of: date, key: str = "P046") -> tuple[str, Decimal | None]:
    schedule = schedule_as_of(store, plan_id, as_of)
    judged = next(j for p, j in schedule.judged if p.key == key)
    return judged.status.value, judged.rate


def test_a_department_reports_a_month_and_the_colour_follows(store: Store, plan_id: int) -> None:
    june = {"period": "2024-06", "cumulative": "900", "progress": "路基施工", "reported_on": "2024-07-05"}
    outcome = report_period(store, TRAFFIC, plan_id, "P046", june, today=TODAY)
    assert (outcome.added, outcome.unchanged) == (1, 0)
    assert _judged(store, plan_id, TODAY) == (ScheduleStatus.SERIOUSLY_BEHIND.value, Decimal("0.180"))
    correction = {**june, "cumulative": "2400", "reported_on": "2024-07-15"}
    report_period(store, TRAFFIC, plan_id, "P046", correction, today=TODAY)
    assert _judged(store, plan_id, TODAY) == (ScheduleStatus.WATCH.value, Decimal("0.480"))
    assert _judged(store, plan_id, date(2024, 7, 10)) == (
        ScheduleStatus.SERIOUSLY_BEHIND.value,
        Decimal("0.180"),
    )
    versions = report_history(store, plan_id, "P046")
    assert [(v.cumulative_wan_yuan, v.completed_wan_yuan, v.entered_by) for v in versions] == [
        (Decimal(900), Decimal(900), "交通局"),
        (Decimal(2400), Decimal(2400), "交通局"),
    ]
    entries = [e for e in audit_entries(store, SYSTEM, plan_id) if e.action == "project.report"]
    assert entries[0].old["cumulative"] == "900" and entries[0].new["cumulative"] == "2400"
    assert entries[0].target == "P046 2024-06" and entries[0].user == "交通局"


def test_the_same_report_again_changes_nothing(store: Store, plan_id: int) -> None:
    june = {"period": "2024-06", "cumulative": "1200", "reported_on": "2024-07-05"}
    report_period(store, SYSTEM, plan_id, "P046", june, today=TODAY)
    assert report_period(store, SYSTEM, plan_id, "P046", june, today=TODAY).added == 0
    assert len(report_history(store, plan_id, "P046")) == 1


def test_a_department_is_refused_another_units_project_and_nothing_is_written(
    store: Store, plan_id: int, tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied, match="P047"):
        report_period(store, TRAFFIC, plan_id, "P047", {"period": "2024-06", "cumulative": "10"}, today=TODAY)
    both = _csv(tmp_path, "P046,,2024-06,,1200,,,,2024-07-05", "P047,,2024-06,,100,,,,2024-07-05")
    with pytest.raises(PermissionDenied, match="P047"):
        import_schedule(store, TRAFFIC, plan_id, both, today=TODAY)
    assert report_history(store, plan_id, "P046") == [] and report_history(store, plan_id, "P047") == []
    nobody = Actor("教体局", Role.DEPARTMENT, "区教体局")
    with pytest.raises(PermissionDenied, match="没有责任单位为“区教体局”的项目"):
        import_schedule(store, nobody, plan_id, both, today=TODAY)
    with pytest.raises(PermissionDenied):
        report_period(store, Actor("看", Role.VIEWER), plan_id, "P046", {"period": "2024-06"}, today=TODAY)


def test_an_imported_file_lands_whole(store: Store, plan_id: int, tmp_path: Path) -> None:
    rows = (
        "P046,交通路网建设项目,2024-05,,900,2021-03-01,路基施工,,2024-06-05",
        ",水电气配套设施项目,2024-05,300,,,,征地未完成,2024-06-05",  # matched by name
        "P046,,2024-06,600,,,,,2024-07-05",  # only 本期: 累计 = 900 + 600
        "P047,,,,,,,,",  # a row left blank: skipped
    )
    outcome = import_schedule(store, SYSTEM, plan_id, _csv(tmp_path, *rows), today=TODAY)
    assert (outcome.rows, outcome.added, outcome.unchanged) == (3, 3, 0)
    roads = report_history(store, plan_id, "P046")
    assert [(r.period, r.completed_wan_yuan, r.cumulative_wan_yuan) for r in roads] == [
        ("2024-05", Decimal(900), Decimal(900)),
        ("2024-06", Decimal(600), Decimal(1500)),
    ]
    assert roads[0].started_on == date(2021, 3, 1) and roads[0].source == "调度表.csv"
    assert report_history(store, plan_id, "P047")[0].issues == "征地未完成"
    again = import_schedule(store, SYSTEM, plan_id, _csv(tmp_path, *rows), today=TODAY)
    assert (again.added, again.unchanged) == (0, 3)


def test_every_bad_row_is_listed_by_row_and_column_and_nothing_is_stored(
    store: Store, plan_id: int, tmp_path: Path
) -> None:
    report_period(
        store, SYSTEM, plan_id, "P046", {"period": "2024-05", "cumulative": "900"}, today=date(2024, 6, 5)
    )
    rows = (
        "P046,,2024-04,,三百,,,,",  # row 2: not a number
        "P046,,2024-03,,-5,,,,",  # 3: negative
        "P999,交通路网建设项木,2024-03,,1,,,,",  # 4: unknown code, a close name
        ",交通路网建设项木,2024-03,,1,,,,",  # 5: unknown name
        "P047,,2019-05,,1,,,,",  # 6: before the plan
        "P047,,2024Q2,,1,,,,",  # 7: a quarter in a monthly book
        "P047,,2024-06,,1,,,,",  # 8
        "P047,,2024-06,,2,,,,",  # 9: the same project and period again
        "P046,,2024-06,,800,,,,",  # 10: lower than May's 900
        "P047,,2024-05,,2000000,,,,",  # 11: above the project's 总投资 (12.97亿元)
        "P047,,2024-07,,5,,,,2024-09-01",  # 12: a 填报日期 after today
        "P047,,2024-09,,5,,,,",  # 13: a period not begun
        "P046,水电气配套设施项目,2024-02,,1,,,,",  # 14: code and name disagree
        "P047,,2024-01,,,,进展顺利,,",  # 15: neither amount
    )
    with pytest.raises(ImportRefused) as refused:
        import_schedule(store, SYSTEM, plan_id, _csv(tmp_path, *rows), today=TODAY)
    messages = refused.value.messages()
    expected = [
        "第2行“自年初累计完成投资（万元）”列：“三百”不是数字",
        "第3行“自年初累计完成投资（万元）”列：投资不能为负数",
        "第4行“项目编号”列：找不到编号为“P999”的项目，是不是“交通路网建设项目”？",
        "第5行“项目名称”列：找不到项目“交通路网建设项木”，是不是“交通路网建设项目”？",
        "第6行“期间”列：2019-05不在规划期（2021—2025年）内",
        "第7行“期间”列：本规划按月调度，期间应写作“2024-05”，不是“2024Q2”",
        "第9行与第8行：同一项目同一期间重复",
        "第10行“自年初累计完成投资（万元）”列：自年初累计800万元低于2024年5月的累计900万元",
        "第11行“自年初累计完成投资（万元）”列：自年初累计2000000万元超过项目总投资129700万元",
        "第12行“填报日期”列：填报日期晚于今天",
        "第13行“期间”列：2024-09尚未开始",
        "第14行“项目名称”列：编号“P046”是“交通路网建设项目”，与项目名称“水电气配套设施项目”不符",
        "第15行：“本期完成投资”和“自年初累计完成投资”至少填一项",
    ]
    assert messages == expected
    assert refused.value.total == len(expected)
    assert [r.period for r in report_history(store, plan_id, "P046")] == ["2024-05"]
    assert report_history(store, plan_id, "P047") == []


def test_correcting_an_earlier_month_above_a_later_one_is_refused(
    store: Store, plan_id: int, tmp_path: Path
) -> None:
    for period, value in (("2024-05", "900"), ("2024-06", "1000")):
        report_period(store, SYSTEM, plan_id, "P046", {"period": period, "cumulative": value}, today=TODAY)
    with pytest.raises(ImportRefused) as refused:
        import_schedule(store, SYSTEM, plan_id, _csv(tmp_path, "P046,,2024-05,,1100,,,,"), today=TODAY)
    assert refused.value.messages() == [
        "第2行“自年初累计完成投资（万元）”列：自年初累计1100万元高于2024年6月已报送的累计1000万元"
    ]


def test_a_correction_dated_before_the_version_it_corrects_is_refused(
    store: Store, plan_id: int, tmp_path: Path
) -> None:
    report_period(
        store,
        SYSTEM,
        plan_id,
        "P046",
        {"period": "2024-05", "cumulative": "900", "reported_on": "2024-06-10"},
        today=TODAY,
    )
    with pytest.raises(ImportRefused, match="1个问题") as refused:
        import_schedule(
            store, SYSTEM, plan_id, _csv(tmp_path, "P046,,2024-05,,950,,,,2024-06-01"), today=TODAY
        )
    assert refused.value.messages() == ["第2行“填报日期”列：更正的填报日期早于已有报送（2024-06-10）"]


def test_a_jump_of_more_than_half_the_year_plan_is_accepted_and_flagged(store: Store, plan_id: int) -> None:
    report_period(
        store,
        SYSTEM,
        plan_id,
        "P046",
        {"period": "2024-05", "cumulative": "200", "reported_on": "2024-06-05"},
        today=TODAY,
    )
    report_period(
        store,
        SYSTEM,
        plan_id,
        "P046",
        {"period": "2024-06", "completed": "3000", "reported_on": "2024-07-05"},
        today=TODAY,
    )
    schedule = schedule_as_of(store, plan_id, TODAY)
    judged = next(j for p, j in schedule.judged if p.key == "P046")
    assert judged.cumulative_wan_yuan == Decimal(3200) and judged.status is ScheduleStatus.NORMAL
    assert judged.flags == ("2024年6月完成投资0.3亿元，超过年度计划的50%，请核实",)


def test_a_quarterly_plan_takes_quarters(store: Store, plan_id: int, tmp_path: Path) -> None:
    from planwatch.project_model import ReportFrequency
    from planwatch.services.project_library import set_frequency

    set_frequency(store, SYSTEM, plan_id, ReportFrequency.QUARTER)
    outcome = import_schedule(
        store, SYSTEM, plan_id, _csv(tmp_path, "P046,,2024年第二季度,,2600,,,,2024-07-05"), today=TODAY
    )
    assert outcome.added == 1
    assert _judged(store, plan_id, TODAY) == (ScheduleStatus.NORMAL.value, Decimal("0.520"))
    with pytest.raises(ImportRefused, match="1个问题"):
        import_schedule(store, SYSTEM, plan_id, _csv(tmp_path, "P046,,2024-05,,2600,,,,"), today=TODAY)
