"""The project library (项目库): the seed's projects with their plan sources, hand edits audited over
the plan's values, projects added by hand, suggestions that stay suggestions, and a project a newer
version drops kept with its reports and marked 不在现行规划中."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.errors import NotFoundError
from planwatch.model import ParsedPlan
from planwatch.project_model import ReportFrequency
from planwatch.services.actor import Actor, Role, system_actor
from planwatch.services.audit import audit_entries
from planwatch.services.departments import load_starter
from planwatch.services.permissions import PermissionDenied
from planwatch.services.plans import bundled_plan_path, read_plan, store_plan
from planwatch.services.project_fields import ProjectRefused
from planwatch.services.project_library import (
    accept_suggestions,
    add_project,
    edit_project,
    library,
    set_frequency,
)
from planwatch.services.project_reports import report_history, report_period
from planwatch.services.project_suggestions import suggestions
from planwatch.services.versions import adopt
from planwatch.store import Store
from tests.helpers import ingest

SYSTEM = system_actor()
TODAY = date(2024, 6, 15)


@pytest.fixture
def plan_id(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> int:
    load_starter(store, SYSTEM)
    return ingest(store, seed, seed_lines).plan_id


def test_every_project_of_the_seed_is_in_the_library_with_its_plan_source(store: Store, plan_id: int) -> None:
    current = library(store, plan_id)
    assert len(current.projects) == 149
    assert all(p.in_force and not p.manual and p.source is not None for p in current.projects)
    roads = current.find("P046")
    assert (roads.name, roads.box, roads.investment_wan_yuan) == (
        "交通路网建设项目",
        "专栏6-1",
        Decimal("636900"),
    )
    assert roads.source is not None and (roads.source.line, roads.source.last_line) == (955, 962)
    assert roads.source.quote.startswith("1、交通路网建设项目")
    assert roads.code == "P046" and roads.category == "基础设施" and roads.category_from_box


def test_the_year_plans_of_the_schedule_lines_are_taken_from_the_plan(store: Store, plan_id: int) -> None:
    roads = library(store, plan_id).find("P046")
    assert [(p.year, p.amount_wan_yuan, p.origin, p.lines) for p in roads.year_plans] == [
        (2021, Decimal("72400"), "plan", (958,)),
        (2022, Decimal("174800"), "plan", (960,)),
        (2023, Decimal("170400"), "plan", (962,)),
    ]
    schools = library(store, plan_id).find("P048")  # several lines a year: their sum, every line kept
    plan_2022 = schools.year_plan(2022)
    assert plan_2022 is not None and plan_2022.amount_wan_yuan == Decimal("67000")
    assert plan_2022.lines == (986, 988, 990)
    assert library(store, plan_id).find("P051").year_plan(2021) is None  # the plan gives no amount for 2021


def test_a_hand_edit_is_shown_over_the_plan_and_audited_old_to_new(store: Store, plan_id: int) -> None:
    changes = edit_project(
        store,
        SYSTEM,
        plan_id,
        "P046",
        {"code": "XJ-2021-001", "investment": "65", "department": "交通局", "plan:2024": "5000万元"},
        today=TODAY,
    )
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("code", "P046", "XJ-2021-001"),
        ("investment", "636900", "650000"),
        ("department", None, "区交通运输局"),  # the directory's short name, as the unit's name
        ("plan:2024", None, "5000"),
    ]
    roads = library(store, plan_id).find("XJ-2021-001")
    assert roads.key == "P046" and roads.investment_wan_yuan == Decimal("650000")
    assert {"code", "investment", "department", "plan:2024"} <= roads.set_fields
    entries = [e for e in audit_entries(store, SYSTEM, plan_id) if e.action == "project.edit"]
    assert {(e.target, e.old, e.new) for e in entries} >= {
        ("P046 总投资", "636900", "650000"),
        ("P046 项目编号", "P046", "XJ-2021-001"),
    }
    assert edit_project(store, SYSTEM, plan_id, "P046", {"investment": "65亿元"}, today=TODAY) == []


def test_clearing_a_hand_value_brings_back_the_plans(store: Store, plan_id: int) -> None:
    edit_project(store, SYSTEM, plan_id, "P046", {"investment": "65"}, today=TODAY)
    edit_project(store, SYSTEM, plan_id, "P046", {"investment": ""}, today=TODAY)
    assert library(store, plan_id).find("P046").investment_wan_yuan == Decimal("636900")


def test_every_bad_field_is_listed_and_nothing_is_written(store: Store, plan_id: int) -> None:
    with pytest.raises(ProjectRefused) as refused:
        edit_project(
            store,
            SYSTEM,
            plan_id,
            "P046",
            {
                "department": "交通运输局",
                "status": "完工",
                "investment": "很多",
                "plan:2030": "1",
                "code": "P047",
            },
            today=TODAY,
        )
    reasons = dict(refused.value.problems)
    assert "是不是“区交通运输局”" in reasons["责任单位"]
    assert reasons["状态"].startswith("“完工”无法识别，应为 谋划、前期、在建、竣工、暂缓、取消")
    assert reasons["总投资"].startswith("“很多”不是金额")
    assert reasons["2030年计划投资"] == "2030年不在规划期（2021—2025年）内"
    assert reasons["项目编号"] == "“P047”已是其他项目的编号"
    assert library(store, plan_id).find("P046").set_fields == frozenset()


def test_a_dated_field_takes_effect_from_its_date_and_never_before_its_last_change(
    store: Store, plan_id: int
) -> None:
    edit_project(store, SYSTEM, plan_id, "P046", {"plan:2024": "3"}, set_on=date(2024, 1, 10), today=TODAY)
    edit_project(
        store, SYSTEM, plan_id, "P046", {"plan:2024": "4"}, set_on=date(2024, 7, 1), today=date(2024, 8, 1)
    )
    plan_on = {
        day: library(store, plan_id, day).find("P046").year_plan(2024)
        for day in (date(2024, 3, 1), date(2024, 8, 1))
    }
    assert [p.amount_wan_yuan if p else None for p in plan_on.values()] == [
        Decimal("30000"),
        Decimal("40000"),
    ]
    with pytest.raises(ProjectRefused, match="生效日期不能更早"):
        edit_project(store, SYSTEM, plan_id, "P046", {"plan:2024": "5"}, set_on=date(2024, 5, 1), today=TODAY)
    with pytest.raises(ProjectRefused, match="只有年度计划、节点、开工竣工日期和状态可以指定生效日期"):
        edit_project(store, SYSTEM, plan_id, "P046", {"name": "改名"}, set_on=date(2024, 5, 1), today=TODAY)


def test_a_project_added_by_hand_says_so_and_has_no_plan_line(store: Store, plan_id: int) -> None:
    key = add_project(
        store, SYSTEM, plan_id, {"name": "智慧停车场建设项目", "department": "区城管局", "investment": "1.2"}
    )
    assert key == "H001"
    added = library(store, plan_id).find(key)
    assert added.manual and added.source is None and added.in_force
    assert (added.name, added.department, added.investment_wan_yuan) == (
        "智慧停车场建设项目",
        "区城管局",
        Decimal(12000),
    )
    assert add_project(store, SYSTEM, plan_id, {"name": "第二个"}) == "H002"
    (entry,) = [
        e for e in audit_entries(store, SYSTEM, plan_id) if e.action == "project.add" and e.target == "H001"
    ]
    assert entry.new == {"name": "智慧停车场建设项目", "department": "区城管局", "investment": "12000"}
    with pytest.raises(ProjectRefused, match="项目名称：不能为空"):
        add_project(store, SYSTEM, plan_id, {"name": " "})


def test_only_planners_edit_the_library(store: Store, plan_id: int) -> None:
    department = Actor("交通局", Role.DEPARTMENT, "区交通运输局")
    with pytest.raises(PermissionDenied):
        edit_project(store, department, plan_id, "P046", {"status": "在建"})
    with pytest.raises(PermissionDenied):
        add_project(store, Actor("看", Role.VIEWER), plan_id, {"name": "x"})


def test_suggestions_stay_suggestions_until_taken(store: Store, plan_id: int) -> None:
    current = library(store, plan_id)
    hints = suggestions(store, current.projects)
    assert hints["P046"].location == "石埠镇"  # the one 乡镇 its text names
    assert hints["P110"].department == "区卫健委"  # 长堎镇社区卫生服务中心: 卫生
    assert library(store, plan_id).find("P110").department is None
    taken = accept_suggestions(store, SYSTEM, plan_id, ["department"])
    assert taken == sum(1 for h in hints.values() if h.department)
    after = library(store, plan_id)
    assert after.find("P110").department == "区卫健委" and after.find("P046").location is None


def test_the_report_frequency_is_a_setting_per_plan(store: Store, plan_id: int) -> None:
    assert library(store, plan_id).frequency is ReportFrequency.MONTH
    assert set_frequency(store, SYSTEM, plan_id, ReportFrequency.QUARTER)
    assert not set_frequency(store, SYSTEM, plan_id, ReportFrequency.QUARTER)
    assert library(store, plan_id).frequency is ReportFrequency.QUARTER


def test_an_unknown_project_is_refused(store: Store, plan_id: int) -> None:
    with pytest.raises(NotFoundError, match="没有编号为“P999”的项目"):
        edit_project(store, SYSTEM, plan_id, "P999", {"status": "在建"})


def test_a_project_a_newer_version_drops_keeps_its_reports_and_is_marked(
    store: Store, tmp_path: Path
) -> None:
    load_starter(store, SYSTEM)
    first, _ = store_plan(store, SYSTEM, read_plan(bundled_plan_path()))
    plan_id = first.plan_id
    report_period(
        store, SYSTEM, plan_id, "P007", {"period": "2023-05", "cumulative": "100"}, today=date(2023, 6, 5)
    )
    lines = bundled_plan_path().read_text(encoding="utf-8").split("\n")
    assert lines[559].startswith("5、中国电子信息产业园项目")  # P007, one line
    del lines[559]
    revised = tmp_path / "新建区十四五规划纲要（征求意见3稿）.txt"
    revised.write_text("\n".join(lines).replace("征求意见2稿", "征求意见3稿", 1), encoding="utf-8")
    second, _ = store_plan(store, SYSTEM, read_plan(revised))
    adopt(store, SYSTEM, plan_id, second.version, date(2024, 1, 1))
    before, after = library(store, plan_id, date(2023, 12, 31)), library(store, plan_id, date(2024, 6, 1))
    assert before.find("P007").in_force
    dropped = after.find("P007")
    assert not dropped.in_force and dropped.source is not None and dropped.source.version == 1
    assert after.projects[-1].key == "P007"  # listed after those in force, never left out
    assert [r.cumulative_wan_yuan for r in report_history(store, plan_id, "P007")] == [Decimal(100)]
    assert sum(1 for p in after.projects if p.in_force) == 148
