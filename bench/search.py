"""Search speed figures (printed, not asserted).

1. the cost search indexing adds to Store.ingest of the seed (median of 30, with vs without indexing)
2. a database of 200 plans (the seed ingested 200 times under distinct hashes), then each query
   timed 20 times, in one plan and across all plans: median and p95 — goal ≤ 50 ms median

SQLite always; PostgreSQL too with --postgres URL or PLANWATCH_TEST_POSTGRES_URL. That database must be
a throwaway one: its tables are emptied first.

    .venv/bin/python bench/search.py [--plans 200] [--postgres URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]  # `python bench/x.py` from anywhere: tests.helpers is shared

from planwatch.model import ParsedPlan  # noqa: E402
from planwatch.services.plans import bundled_plan_path, read_plan  # noqa: E402
from planwatch.store import Store, search  # noqa: E402
from planwatch.store.schema import metadata  # noqa: E402
from tests.helpers import ingest  # noqa: E402

QUERIES = ("5G", "水利", "海昏侯", "192.2", "产业园", "新建区")
REPEATS = 20


def copy(parsed: ParsedPlan, n: int) -> ParsedPlan:
    """The seed under another file hash: a distinct plan (the next version) to the store."""
    source = replace(parsed.plan.source, sha256=f"{n:064x}")
    return replace(parsed, plan=replace(parsed.plan, source=source))


@contextmanager
def opened(url: str) -> Iterator[Store]:
    store = Store(url)
    if store.engine.dialect.name != "sqlite":
        with store.engine.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                connection.execute(table.delete())
    try:
        yield store
    finally:
        store.close()


def ingest_ms(url: str, parsed: ParsedPlan, lines: tuple[str, ...], count: int = 30) -> float:
    with opened(url) as store:
        times = []
        for n in range(count):
            start = time.perf_counter()
            ingest(store, copy(parsed, n + 1), lines)
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def index_cost(url: Callable[[str], str], parsed: ParsedPlan, lines: tuple[str, ...]) -> None:
    with_index = ingest_ms(url("with"), parsed, lines)
    original: Callable[..., None] = search.index_plan
    search.index_plan = lambda *args: None
    try:
        without = ingest_ms(url("without"), parsed, lines)
    finally:
        search.index_plan = original
    print(
        f"  Store.ingest of the seed (median of 30): {with_index:6.1f} ms with search indexing, "
        f"{without:6.1f} ms without: +{with_index - without:.1f} ms"
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def query_times(url: str, parsed: ParsedPlan, lines: tuple[str, ...], plans: int) -> None:
    with opened(url) as store:
        start = time.perf_counter()
        ids = [ingest(store, copy(parsed, 1000 + n), lines).plan_id for n in range(plans)]
        print(f"  {plans} plans ingested in {time.perf_counter() - start:.1f} s")
        if store.engine.dialect.name == "postgresql":  # merge the GIN pending list, as autovacuum will
            start = time.perf_counter()
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ANALYZE")
            print(f"  VACUUM ANALYZE (as autovacuum would, later): {time.perf_counter() - start:.1f} s")
        one = ids[len(ids) // 2]
        print(f"  {'query':<8} {'scope':<10} {'median':>8} {'p95':>8}  hits  first line")
        medians = []
        for query in QUERIES:
            for scope, plan_id in (("one plan", one), ("all plans", None)):
                store.search(query, plan_id)  # warm the caches once
                times = []
                for _ in range(REPEATS):
                    begin = time.perf_counter()
                    hits = store.search(query, plan_id)
                    times.append((time.perf_counter() - begin) * 1000)
                medians.append(statistics.median(times))
                first = hits[0].line if hits else "-"
                median, p95 = statistics.median(times), percentile(times, 0.95)
                print(f"  {query:<8} {scope:<10} {median:6.1f}ms {p95:6.1f}ms  {len(hits):4d}  {first}")
        print(f"  median of the medians: {statistics.median(medians):.1f} ms (goal ≤ 50 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--postgres", default=os.environ.get("PLANWATCH_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    read = read_plan(bundled_plan_path())
    with tempfile.TemporaryDirectory() as tmp:
        targets: list[tuple[str, Callable[[str], str], str]] = [
            (
                "SQLite",
                lambda tag: f"sqlite:///{Path(tmp) / f'{tag}.db'}",
                f"sqlite:///{Path(tmp) / 'search.db'}",
            )
        ]
        if args.postgres:
            postgres = args.postgres
            targets.append(("PostgreSQL", lambda tag: postgres, postgres))
        for name, cost_url, search_url in targets:
            print(f"{name}:")
            index_cost(cost_url, read.parsed, read.lines)
            query_times(search_url, read.parsed, read.lines, args.plans)
            if search_url.startswith("sqlite:///"):
                size = Path(search_url.removeprefix("sqlite:///")).stat().st_size / 1e6
                print(f"  database file: {size:.0f} MB")


if __name__ == "__main__":
    main()
