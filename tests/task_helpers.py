"""A small plan with a few tasks, its units, users and an accepted task list: what the task tests share."""

from __future__ import annotations

from datetime import date

from planwatch.services import tasks
from planwatch.services.actor import Actor, Role, system_actor
from planwatch.services.departments import load_starter
from planwatch.services.task_edits import Changes, confirm_suggestions, edit_task
from planwatch.store import Store
from tests.helpers import ingest, parse_text

SMALL_PLAN = "\n".join(
    [
        "某区国民经济和社会发展第十四个五年规划纲要",
        "第一章 发展基础",
        "“十三五”期间，全区经济稳步增长。",
        "第二章 加快产业发展",
        "第一节 推进交通建设",
        "加快公路建设，到2025年高速公路里程达到200公里。",
        "第二节 发展数字经济",
        "（一）建设智慧城市",
        "推进智慧城市建设。",
        "（二）培育人才队伍",
        "加强人才引进。",
        "（三）落实保障措施",
        "完善保障机制。",
    ]
)
IN_FORCE = date(2024, 7, 1)
TRANSPORT, DATA, PEOPLE, PLANNING = "区交通运输局", "区数据局", "区人社局", "区发改委"
SYSTEM = system_actor()
PLANNER = Actor("规划科", Role.PLANNER)
TRANSPORT_USER = Actor("交通局填报员", Role.DEPARTMENT, TRANSPORT)
DATA_USER = Actor("数据局填报员", Role.DEPARTMENT, DATA)
VIEWER = Actor("访客", Role.VIEWER)


def small_plan(store: Store) -> int:
    """The small plan stored, and the starter directory of units."""
    load_starter(store, SYSTEM)
    return ingest(store, parse_text(SMALL_PLAN), SMALL_PLAN.split("\n")).plan_id


def accepted_list(store: Store, plan_id: int, on: date = IN_FORCE, deadline: str | None = None) -> None:
    """Drafted, suggestions confirmed, the one task without a suggestion given to 区发改委, accepted
    from `on`; every 完成时限 set to `deadline` when given."""
    drafted = tasks.draft(store, SYSTEM, plan_id)
    confirm_suggestions(store, SYSTEM, plan_id)
    for task in drafted.tasks:
        if not task.lead_unit or deadline:
            lead = None if task.lead_unit else PLANNING
            edit_task(store, SYSTEM, plan_id, task.key, Changes(lead_unit=lead, deadline=deadline))
    tasks.accept(store, SYSTEM, plan_id, on, document_no="新发改〔2024〕8号")


def last_year_start() -> date:
    """A list in force from 1 January of last year: its first two half-year reports are overdue today
    (whatever today is), and with 完成时限 持续 nothing lags."""
    return date(date.today().year - 1, 1, 1)
