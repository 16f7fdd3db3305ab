"""Shared fixtures: the real seed plan, documents from inline text, and databases."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from planwatch.document import Document
from planwatch.model import ParsedPlan
from planwatch.parse.pipeline import parse_document
from planwatch.services.plans import bundled_plan_path
from planwatch.store import Store

FIXTURES = Path(__file__).parent / "fixtures"

# Nothing a test does may touch the real data directory (the default database, the web secret key).
_TEST_HOME = tempfile.mkdtemp(prefix="planwatch-test-home-")
os.environ.setdefault("PLANWATCH_HOME", _TEST_HOME)
os.environ.setdefault("PLANWATCH_SECRET_KEY", "test-secret-key")
POSTGRES_URL = os.environ.get("PLANWATCH_TEST_POSTGRES_URL")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return bundled_plan_path()


@pytest.fixture(scope="session")
def seed_document(seed_path: Path) -> Document:
    from planwatch.document import load_document

    return load_document(seed_path)


@pytest.fixture(scope="session")
def seed(seed_document: Document) -> ParsedPlan:
    return parse_document(seed_document)


@pytest.fixture(scope="session")
def seed_lines(seed_path: Path) -> list[str]:
    """The seed as a text editor numbers it: index 0 is line 1."""
    return seed_path.read_text(encoding="utf-8").split("\n")


def _database_params() -> list[object]:
    postgres = pytest.param("postgresql", marks=pytest.mark.postgres)
    return ["sqlite", postgres]


@pytest.fixture(params=_database_params())
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh, migrated database: a SQLite file, and the PostgreSQL that .ci/run starts."""
    if request.param == "sqlite":
        opened = Store(f"sqlite:///{tmp_path / 'planwatch.db'}")
        yield opened
        opened.close()
        return
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL tests: PLANWATCH_TEST_POSTGRES_URL is not set")
        pytest.skip("PLANWATCH_TEST_POSTGRES_URL not set (scripts/with-postgres.sh sets it)")
    opened = Store(POSTGRES_URL)
    _empty_postgres(opened)
    yield opened
    opened.close()


def _empty_postgres(store: Store) -> None:
    """Every table emptied, then what the migrations seed put back (the synonym table), so the
    PostgreSQL database starts each test as a fresh SQLite one does."""
    from planwatch.store import synonyms
    from planwatch.store.schema import metadata

    with store.engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())
        synonyms.seed(connection)
