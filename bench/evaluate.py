"""Evaluation at scale (printed, not asserted): 3,000 plans × 60 indicators × 5 years.

1. a synthetic database: 3,000 small plans of 60 indicators each (the seed's 十四五 rows,
   repeated with new ids), then 5 yearly figures per series with revisions (a 初步 figure
   later 核实 for about a third of them) through the bulk path — the bulk load time;
2. evaluation of all 180,000 series as of a date: read the latest vintages from the
   database and judge every series — serially, and split over both cores. The serial run
   prints its two parts: reading (store) and judging (the pure engine, µs per series).
Goal: ≤ 3 s for step 2 (issue 17), on SQLite and on PostgreSQL.

    python bench/evaluate.py                      # SQLite file in a temporary directory
    python bench/evaluate.py --postgres URL       # or PLANWATCH_TEST_POSTGRES_URL
    python bench/evaluate.py --plans 300          # a smaller run
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]  # `python bench/x.py` from anywhere: tests.helpers is shared

from planwatch.evaluate import SeriesSpec, evaluate_specs, spec_from_indicator  # noqa: E402
from planwatch.model import Indicator, Observation, ObservationKind, ObservationStatus, ParsedPlan, Source  # noqa: E402
from planwatch.services.plans import bundled_plan_path, read_plan  # noqa: E402
from planwatch.store import Store  # noqa: E402
from planwatch.store.observations import bulk_load  # noqa: E402
from planwatch.store.schema import metadata  # noqa: E402
from planwatch.store.vintages import latest_vintages  # noqa: E402
from tests.helpers import ingest  # noqa: E402

AS_OF = date(2026, 6, 30)
SERIES_PER_PLAN = 60


def synthetic_indicators(seed: ParsedPlan) -> list[Indicator]:
    rows = seed.monitored_indicators()
    return [replace(rows[n % len(rows)], id=f"S{n + 1:02d}") for n in range(SERIES_PER_PLAN)]


def build(
    store: Store, plans: int, indicators: list[Indicator], seed: ParsedPlan
) -> tuple[list[int], float, int]:
    plan_ids = []
    for n in range(plans):
        source = Source(f"synthetic-{n}.txt", f"{n:064x}", 1)
        plan = replace(seed.plan, title=f"合成规划{n:04d}", source=source)
        parsed = ParsedPlan(plan, (), tuple(indicators))
        plan_ids.append(ingest(store, parsed, ["（合成）"]).plan_id)
    rng = random.Random(7)
    rows = []
    for plan_id in plan_ids:
        for indicator in indicators:
            base = indicator.base.value if indicator.base and indicator.base.value else Decimal(100)
            rate = Decimal(rng.uniform(0.0, 0.1)).quantize(Decimal("0.001"))
            for year in range(2021, 2026):
                value = (base * (1 + rate) ** (year - 2020)).quantize(Decimal("0.01"))
                final = Observation(
                    indicator.id,
                    str(year),
                    value,
                    indicator.unit,
                    ObservationKind.LEVEL,
                    date(year + 1, 3, 15),
                    "合成数据",
                    ObservationStatus.VERIFIED,
                )
                if rng.random() < 0.3:
                    rows.append(
                        (
                            plan_id,
                            replace(
                                final, value=value * Decimal("0.98"), status=ObservationStatus.PRELIMINARY
                            ),
                        )
                    )
                    final = replace(final, as_of=date(year + 1, 9, 30))
                rows.append((plan_id, final))
    start = time.perf_counter()
    count = bulk_load(store, rows)
    return plan_ids, time.perf_counter() - start, count


def evaluate_all(url: str, plan_ids: list[int], specs: list[SeriesSpec]) -> tuple[int, float, float]:
    """(series judged, seconds reading, seconds judging): wall-clock time of each part."""
    # A million short-lived objects: the cyclic collector would walk them again and again for nothing.
    gc.disable()
    store = Store(url)
    judged = 0
    reading = judging = 0.0
    for begin in range(0, len(plan_ids), 500):
        batch = plan_ids[begin : begin + 500]
        start = time.perf_counter()
        books = latest_vintages(store, AS_OF, plan_ids=batch, for_evaluation=True)
        middle = time.perf_counter()
        for by_series in books.values():
            judged += len(evaluate_specs(specs, by_series, AS_OF))
        reading, judging = reading + middle - start, judging + time.perf_counter() - middle
    store.close()
    gc.enable()
    return judged, reading, judging


def _half(job: tuple[str, list[int], list[SeriesSpec]]) -> int:
    return evaluate_all(*job)[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=3000)
    parser.add_argument("--postgres", default=os.environ.get("PLANWATCH_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    seed = read_plan(bundled_plan_path()).parsed
    indicators = synthetic_indicators(seed)
    specs = [spec_from_indicator(i, 2025, period_start=2021) for i in indicators]
    targets = [("SQLite", None)] + ([("PostgreSQL", args.postgres)] if args.postgres else [])
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in targets:
            url = url or f"sqlite:///{Path(tmp) / 'evaluate.db'}"
            store = Store(url)
            if name == "PostgreSQL":
                with store.engine.begin() as connection:
                    for table in reversed(metadata.sorted_tables):
                        connection.execute(table.delete())
            started = time.perf_counter()
            plan_ids, load_seconds, rows = build(store, args.plans, indicators, seed)
            if name == "PostgreSQL":
                with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                    connection.exec_driver_sql("VACUUM ANALYZE observations")
            store.close()
            print(
                f"{name}: {args.plans} plans created and {rows:,} figures loaded in "
                f"{time.perf_counter() - started:.1f} s (bulk load of the figures {load_seconds:.1f} s)"
            )
            gc.freeze()
            start = time.perf_counter()
            judged, reading, judging = evaluate_all(url, plan_ids, specs)
            serial = time.perf_counter() - start
            print(
                f"{name}: {judged:,} series evaluated as of {AS_OF} in {serial:.2f} s (one process: "
                f"reading {reading:.2f} s, judging {judging:.2f} s = {judging / judged * 1e6:.1f} µs each)"
            )
            halves = [(url, plan_ids[i::2], specs) for i in range(2)]
            start = time.perf_counter()
            with multiprocessing.get_context("fork").Pool(2) as pool:
                judged = sum(pool.map(_half, halves))
            print(
                f"{name}: {judged:,} series evaluated in {time.perf_counter() - start:.2f} s (two processes)"
                "   (goal ≤ 3 s)"
            )


if __name__ == "__main__":
    main()
