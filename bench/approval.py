"""Approving 1,000 figures in one action (issue 12: ≤ 1 s), and reviewing them before.

1,000 figures of the seed plan entered by one user are reviewed by the statistics bureau, then
approved by 发改, each in one call of the service: permission, separation of duties, the locked-year
check, one UPDATE and one multi-row INSERT of steps, an audit entry per figure, the revision bump,
one transaction. On SQLite always; on PostgreSQL too when PLANWATCH_TEST_POSTGRES_URL is set
(scripts/with-postgres.sh sets it). Prints the figures; asserts nothing.
"""

from __future__ import annotations

import itertools
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planwatch.model import Observation, ObservationKind  # noqa: E402
from planwatch.services.actor import Actor, Role, system_actor  # noqa: E402
from planwatch.services.approval import approve, review  # noqa: E402
from planwatch.services.plans import bundled_plan_path, read_plan, store_plan  # noqa: E402
from planwatch.store import Store  # noqa: E402
from planwatch.store.observations import write_observations  # noqa: E402
from planwatch.store.schema import metadata  # noqa: E402

FIGURES = 1000
RUNS = 3
ENTERER = "区统计局填报员"
REVIEWER = Actor("统计局审核员", Role.DEPARTMENT, "区统计局", frozenset({"review"}))
APPROVER = Actor("发改委审批人", Role.PLANNER, None, frozenset({"approve"}))


def _figures(series: list[str]) -> list[Observation]:
    keys = itertools.product(series, ("2021", "2022", "2023", "2024", "2025"), ObservationKind)
    return [
        Observation(
            s, period, Decimal(n), "%", kind, date(int(period) + 1, 3, 1), "bench", entered_by=ENTERER
        )
        for n, (s, period, kind) in zip(range(FIGURES), keys, strict=False)
    ]


def measure(url: str, label: str) -> None:
    read = read_plan(bundled_plan_path())
    series = [s.id for s in read.parsed.series() if s.current]
    reviewed, approved = [], []
    for _ in range(RUNS):
        store = Store(url)
        with store.engine.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                if table.name != "indicator_synonyms":
                    connection.execute(table.delete())
        plan_id = store_plan(store, system_actor(), read)[0].plan_id
        with store.transaction() as connection:
            write_observations(connection, plan_id, _figures(series))
        started = time.perf_counter()
        first = review(store, REVIEWER, plan_id)
        reviewed.append(time.perf_counter() - started)
        started = time.perf_counter()
        second = approve(store, APPROVER, plan_id)
        approved.append(time.perf_counter() - started)
        assert first.figures == second.figures == FIGURES
        store.close()
    print(
        f"{label}: review {FIGURES:,} figures median {statistics.median(reviewed) * 1000:.0f} ms, "
        f"approve them median {statistics.median(approved) * 1000:.0f} ms (goal ≤ 1000 ms)"
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="planwatch-bench-approval-") as folder:
        measure(f"sqlite:///{Path(folder) / 'approval.db'}", "SQLite")
    if postgres := os.environ.get("PLANWATCH_TEST_POSTGRES_URL"):
        measure(postgres, "PostgreSQL")
