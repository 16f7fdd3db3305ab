"""The demo's 调度 book (示例数据，非真实统计): every colour and every status on its date, corrections
with two versions, a jump flagged, a project added by hand; loading it again changes nothing."""

from __future__ import annotations

from collections import Counter

from planwatch.model import ParsedPlan
from planwatch.project_model import STATUSES
from planwatch.schedule import ScheduleStatus
from planwatch.schedule.demo import DEMO_AS_OF, SOURCE
from planwatch.services.actor import system_actor
from planwatch.services.departments import load_starter
from planwatch.services.project_demo import load_schedule_demo
from planwatch.services.project_library import library
from planwatch.services.project_reports import report_history, schedule_as_of
from planwatch.store import Store
from tests.helpers import ingest

SYSTEM = system_actor()


def test_the_demo_shows_every_colour_and_status_and_loads_once(
    store: Store, seed: ParsedPlan, seed_lines: list[str]
) -> None:
    load_starter(store, SYSTEM)
    plan_id = ingest(store, seed, seed_lines).plan_id
    loaded = load_schedule_demo(store, SYSTEM, plan_id)
    assert loaded.projects == 150 and loaded.reports > 3000
    schedule = schedule_as_of(store, plan_id, DEMO_AS_OF)
    statuses = Counter(j.status for _, j in schedule.judged)
    assert set(statuses) == set(ScheduleStatus), statuses
    assert {j.color.value for _, j in schedule.judged} == {"green", "yellow", "red", "grey"}
    assert any("超过年度计划的50%" in f for _, j in schedule.judged for f in j.flags)
    current = library(store, plan_id)
    assert {p.status for p in current.projects} == set(STATUSES)
    assert all(p.department for p in current.projects)
    (manual,) = [p for p in current.projects if p.manual]
    assert manual.name.startswith("示例") and manual.source is None
    corrected = [
        p.key
        for p in current.projects
        if len({r.period for r in report_history(store, plan_id, p.key)})
        < len(report_history(store, plan_id, p.key))
    ]
    assert corrected and all(r.source == SOURCE for r in report_history(store, plan_id, corrected[0]))
    again = load_schedule_demo(store, SYSTEM, plan_id)
    assert again.already_loaded and again.summary().endswith("此前已载入，未作改动")
