"""Store(url): one database, its transactions and its aggregates. Returns model objects, never cursors.

The aggregates live in modules of their own (plans, observations, users, assignments, audit,
revision); their writes take a connection so that a service writes, audits and bumps the revision
in one transaction: `with store.transaction() as connection: …`. Reads open their own connection.
"""

from __future__ import annotations

import random
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from planwatch import config
from planwatch.errors import StoreError
from planwatch.model import ParsedPlan
from planwatch.store import migrate, plans, revision, search, versions
from planwatch.store.plans import PlanRow

T = TypeVar("T")
_RACE_RETRIES = 10
_LOADED_PLANS = 32


class Store:
    def __init__(self, url: str | None = None) -> None:
        self.url = url or config.database_url()
        self.engine = _engine(self.url)
        self._loaded: OrderedDict[tuple[int, int], ParsedPlan] = OrderedDict()
        try:
            with self.engine.begin() as connection:
                migrate.upgrade(connection)
        except SQLAlchemyError as error:
            raise StoreError(
                f"无法打开数据库（{_safe_url(self.url)}）：{error.__class__.__name__}"
            ) from error

    def close(self) -> None:
        self.engine.dispose()

    # ---- transactions -------------------------------------------------------

    @contextmanager
    def transaction(self, *, bump_revision: bool = True) -> Iterator[Connection]:
        """One write transaction; the revision is bumped as its last statement, so it commits with it.

        Only bookkeeping that no page or evaluation shows (web sessions, the login throttle) may leave
        the revision alone (`bump_revision=False`), so that signing in does not empty every cache.
        """
        with self.engine.begin() as connection:
            yield connection
            if bump_revision:
                revision.bump(connection)

    def retrying(self, work: Callable[[Connection], T]) -> T:
        """`work` in one transaction, tried again when a parallel writer won a race for a unique key
        (the same file, the next version number): the loser rolls back and reads the new state."""
        for attempt in range(_RACE_RETRIES):
            try:
                with self.transaction() as connection:
                    return work(connection)
            except IntegrityError:
                if attempt == _RACE_RETRIES - 1:
                    raise
                time.sleep(random.uniform(0, 0.02))
        raise AssertionError("unreachable")

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as connection:
            yield connection

    def revision(self) -> int:
        """The number every cache keys on: raised by every write."""
        with self.engine.connect() as connection:
            return revision.current(connection)

    # ---- plans and versions ---------------------------------------------------

    def plans(self) -> list[PlanRow]:
        with self.reading() as connection:
            return plans.list_plans(connection)

    def resolve(self, reference: str) -> int:
        """A plan's id from `reference`: its number (or one of its versions'), or part of its title;
        a title that matches several plans is refused with the candidates listed."""
        with self.reading() as connection:
            return plans.resolve(connection, reference)[0]

    def load(self, version_id: int) -> ParsedPlan:
        """A stored version, its items named by their stable keys. A stored version never changes
        (a changed file is a new version) but its keys may, when a person pairs an item: the last
        few loaded are kept until the revision changes."""
        key = (version_id, self.revision())
        cached = self._loaded.get(key)
        if cached is not None:
            self._loaded.move_to_end(key)
            return cached
        with self.reading() as connection:
            parsed = versions.load_version(connection, version_id)
        self._loaded[key] = parsed
        if len(self._loaded) > _LOADED_PLANS:
            self._loaded.popitem(last=False)
        return parsed

    def lines(self, version_id: int) -> list[str]:
        with self.reading() as connection:
            return versions.version_lines(connection, version_id)

    def search(self, query: str, version_id: int | None = None, limit: int = 20) -> list[search.SearchHit]:
        """Ranked hits for `query` in one version (or all versions), with highlight spans."""
        with self.reading() as connection:
            return search.search(connection, query, version_id=version_id, limit=limit)


# ---- helpers -------------------------------------------------------------------


def _engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url
