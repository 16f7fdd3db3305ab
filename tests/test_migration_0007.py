"""Migration 0007 on a database holding the demo: the books move from documents onto plans, and
nothing is lost or judged differently.

tests/fixtures/demo_db_at_0006.sqlite.gz was made with the code at schema 0006 (commit 9b9b6b0):
`planwatch demo`, a department user 交通局, `user assign 1 T2.01 区交通运输局`, and
`planwatch observe 1 tests/fixtures/observations_long.csv`. For PostgreSQL the same rows are
copied, table by table, into a database brought to 0006 by the same migrations.
"""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import MetaData, create_engine, text

from planwatch.services.evaluation import evaluate_plan
from planwatch.store import Store, migrate
from tests.conftest import POSTGRES_URL

FIXTURE = Path(__file__).parent / "fixtures" / "demo_db_at_0006.sqlite.gz"
AS_OF = date(2025, 6, 30)
# What the code at 0006 evaluated on this database as of AS_OF: latest year and value per indicator.
BEFORE = {
    "T2.01": (2024, "537"), "T2.02": (2024, "68963"), "T2.03": (2024, "99.64"), "T2.04": (2024, "172"),
    "T2.05": (2024, "8.2"), "T2.06": (2024, "6.8"), "T2.07": (2024, "61.36"), "T2.08": (2024, "11.11"),
    "T2.09": (2024, "2.52"), "T2.10": (None, None), "T2.11": (2024, "8.93"), "T2.12": (2024, "3.4"),
    "T2.13": (2024, "8.2"), "T2.14": (None, None), "T2.15": (None, None), "T2.16": (None, None),
    "T2.17": (2024, "86.4"), "T2.18": (2024, "90.9"), "T2.19": (2024, "57573"), "T2.20": (2023, "25902"),
    "T2.21": (None, None), "T2.22": (2024, "4.85"), "T2.23": (None, None), "T2.24": (None, None),
}  # fmt: skip
COUNTS = {"observations": 81, "observation_imports": 2, "assignments": 1, "audit_log": 84, "users": 1}


def _sqlite_at_0006(tmp_path: Path) -> str:
    path = tmp_path / "old.db"
    with gzip.open(FIXTURE) as source, path.open("wb") as target:
        shutil.copyfileobj(source, target)
    return f"sqlite:///{path}"


def _postgres_at_0006(sqlite_url: str) -> str:
    assert POSTGRES_URL
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        command.upgrade(migrate.alembic_config(connection), "0006")
    source = create_engine(sqlite_url)
    old = MetaData()
    skipped = ("alembic_version", "revision")  # both made by the migrations themselves
    old.reflect(source, only=lambda name, _: not name.startswith("search_fts") and name not in skipped)
    with source.connect() as reading, engine.begin() as writing:
        for table in old.sorted_tables:
            rows = [dict(r._mapping) for r in reading.execute(table.select())]
            if rows:
                writing.execute(table.insert(), rows)
        for table in ("plans", "observations", "audit_log", "users", "search_entries"):
            writing.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
            )
    source.dispose()
    engine.dispose()
    return POSTGRES_URL


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def migrated(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = _sqlite_at_0006(tmp_path)
    if request.param == "postgresql":
        if not POSTGRES_URL:
            pytest.skip("PLANWATCH_TEST_POSTGRES_URL not set (scripts/with-postgres.sh sets it)")
        url = _postgres_at_0006(url)
    store = Store(url)  # opening the store runs 0007
    yield store
    store.close()


def test_the_books_keep_every_row_and_hang_on_the_plan(migrated: Store) -> None:
    with migrated.reading() as connection:
        for table, count in COUNTS.items():
            assert connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() == count, table
        assert connection.execute(text("SELECT id, kind, level FROM plans")).all() == [
            (1, "outline", "county")
        ]
        assert connection.execute(text("SELECT id, plan_id, version FROM plan_versions")).all() == [(1, 1, 1)]
        assert connection.execute(text("SELECT DISTINCT plan_id FROM observations")).scalars().all() == [1]
        assert connection.execute(text("SELECT plan_id, item_id FROM assignments")).all() == [(1, "T2.01")]
        keys = connection.execute(
            text("SELECT COUNT(*) FROM version_items WHERE item_key = local_id")
        ).scalar()
        assert keys == 55 + 98 + 149  # every indicator, target and project keeps its id as its key


def test_the_evaluation_after_the_migration_reads_what_it_read_before(migrated: Store) -> None:
    result = evaluate_plan(migrated, 1, AS_OF)
    after = {
        e.series_id: (e.latest_year, None if e.latest_value is None else str(e.latest_value.normalize()))
        for e in result.evaluations
    }
    assert after == {
        k: (year, None if v is None else str(Decimal(v).normalize())) for k, (year, v) in BEFORE.items()
    }


def test_a_new_figure_after_the_migration_takes_a_new_id(migrated: Store) -> None:
    from planwatch.services.actor import system_actor
    from planwatch.services.figures import enter_figure

    figure = {"period": "2025", "value": "560", "unit": "亿元", "as_of": "2026-03-01", "source": "公报"}
    assert enter_figure(migrated, system_actor(), 1, "T2.01", figure).added == 1
