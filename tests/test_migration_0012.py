"""Migrations 0011 (the project library and its 调度 book) and 0012 (tasks) on a database holding
the demo (the 0006 fixture brought to head): both go down, leaving the books before them intact, and
up again to exactly the declared schema."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from planwatch.store import Store, migrate
from planwatch.store.schema import metadata
from tests.helpers import tables_of
from tests.test_migration_0007 import COUNTS, migrated  # noqa: F401 - the fixture

PROJECT_TABLES = {"library_projects", "library_fields", "project_reports", "schedule_settings"}
TASK_TABLES = {"task_lists", "task_entries", "task_reports"}


def test_0012_and_0011_go_down_and_up_again_keeping_the_figures(migrated: Store) -> None:  # noqa: F811
    with migrated.engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), "0011")
        tables = set(inspect(connection).get_table_names())
        assert tables >= PROJECT_TABLES and not TASK_TABLES & tables
        command.downgrade(migrate.alembic_config(connection), "0010")
        assert not PROJECT_TABLES & set(inspect(connection).get_table_names())
        assert (
            connection.execute(text("SELECT COUNT(*) FROM observations")).scalar() == COUNTS["observations"]
        )
        command.upgrade(migrate.alembic_config(connection), "head")
        assert set(inspect(connection).get_table_names()) >= (PROJECT_TABLES | TASK_TABLES)
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)  # also names the search index's own tables
    ours = PROJECT_TABLES | TASK_TABLES
    assert [d for d in differences if ours & tables_of(d)] == []
