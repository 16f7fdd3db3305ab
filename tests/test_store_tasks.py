"""The task tables: created by migration 0011 exactly as schema.py declares them; a task round trips."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from planwatch.services.actor import system_actor
from planwatch.store import Store
from planwatch.store import tasks as lists
from planwatch.store.schema import metadata
from planwatch.tasking import AttachedItem, Cycle, Level, Task
from tests.task_helpers import small_plan

TASK_TABLES = {
    "task_lists",
    "task_entries",
    "task_reports",
    "task_reviews",
    "task_evidence",
    "task_reminders",
    "task_notices",
    "task_notice_events",
    "task_books",
}


def test_migration_0011_creates_exactly_the_task_tables(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert [d for d in differences if TASK_TABLES & _tables(d)] == []
    assert set(metadata.tables) >= TASK_TABLES


def test_a_task_keeps_every_field_through_the_store(store: Store) -> None:
    plan_id = small_plan(store)
    task = Task(
        key="R007",
        number="3.1.2",
        level=Level.ENTRY,
        parent_key="R001",
        path=("第三章 建设现代产业体系", "第一节 做强工业支撑"),
        heading="（二）推进产业数字化转型升级",
        summary="积极推动产业数字化赋能。",
        source_version=1,
        first_line=644,
        last_line=646,
        items=(AttachedItem("target", "G026", "数字化车间", 645),),
        lead_unit="区数据局",
        lead_suggested=True,
        lead_keyword="数字",
        co_units=("区工信局", "区科技局"),
        deadline="持续",
        cycle=Cycle.QUARTER,
        note="由R007、R008合并",
        flag="unmatched",
    )
    with store.transaction() as connection:
        version = connection.exec_driver_sql("SELECT min(id) FROM plan_versions").scalar()
        made = lists.create_list(connection, plan_id, int(version), None, system_actor().name)
        stored = Task(**{**{f: getattr(task, f) for f in task.__slots__}, "source_version": int(version)})
        lists.replace_entries(connection, made.id, [stored])
    with store.reading() as connection:
        assert lists.entries(connection, made.id) == [stored]
        assert lists.highest_key(connection, plan_id) == 7


def _tables(difference: object) -> set[str]:
    if isinstance(difference, tuple | list):
        return set().union(*(_tables(d) for d in difference)) if difference else set()
    table = getattr(difference, "table", None)
    name = getattr(difference, "name", None)
    return {n for n in (getattr(table, "name", None), name) if isinstance(n, str)}
