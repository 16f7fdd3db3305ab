"""Migration 0010 on a database holding the demo (the 0006 fixture brought to head): the figures that
were counting stay counting (approved on their own date), users gain no capability, the synonym
table is seeded, the new tables are empty; and the schema is exactly `schema.py`'s."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from planwatch.store import Store, migrate
from planwatch.store.schema import metadata
from planwatch.store.synonyms import SEED
from tests.helpers import tables_of
from tests.test_migration_0007 import COUNTS, migrated  # noqa: F401 - the fixture

OURS = {
    "observations",
    "users",
    "approval_steps",
    "period_locks",
    "indicator_synonyms",
    "bulletins",
    "bulletin_lines",
    "bulletin_proposals",
}


def test_figures_that_counted_are_approved_on_their_own_date(migrated: Store) -> None:  # noqa: F811
    with migrated.reading() as connection:
        rows = connection.execute(text("SELECT approval, approved_on, as_of FROM observations")).all()
        assert len(rows) == COUNTS["observations"]
        assert {r.approval for r in rows} == {"approved"}
        assert all(str(r.approved_on) == str(r.as_of) for r in rows)
        assert connection.execute(text("SELECT capabilities FROM users")).scalars().all() == [""]
        assert connection.execute(text("SELECT COUNT(*) FROM indicator_synonyms")).scalar() == len(SEED)
        for table in ("approval_steps", "period_locks", "bulletins", "bulletin_proposals"):
            assert connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() == 0, table


def test_the_migrated_schema_is_the_declared_one(migrated: Store) -> None:  # noqa: F811
    with migrated.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert [d for d in differences if OURS & tables_of(d)] == []


def test_0010_goes_down_to_0009_and_up_again(migrated: Store) -> None:  # noqa: F811
    with migrated.engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), "0009")
        columns = set(connection.execute(text("SELECT * FROM observations LIMIT 0")).keys())
        assert "approval" not in columns and "as_of" in columns
        command.upgrade(migrate.alembic_config(connection), "head")
        count = connection.execute(
            text("SELECT COUNT(*) FROM observations WHERE approval = 'approved'")
        ).scalar()
    assert count == COUNTS["observations"]
