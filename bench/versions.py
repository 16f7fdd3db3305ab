"""How fast a new version is matched and carried over, and how fast two versions are compared.

Goals (issue 10): matching and carrying over the books of the seed (55 indicators, 98 targets,
149 projects) with 1,000 figures ≤ 1 s; the diff of two versions of the seed ≤ 300 ms.
Prints the figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planwatch.compare.match import match_versions  # noqa: E402
from planwatch.model import Observation, ObservationKind  # noqa: E402
from planwatch.services.actor import system_actor  # noqa: E402
from planwatch.services.plans import bundled_plan_path, read_plan, store_plan  # noqa: E402
from planwatch.services.versions import diff  # noqa: E402
from planwatch.store import Store, items  # noqa: E402
from planwatch.store.observations import write_observations  # noqa: E402
from tests.seed_revision import write_revised  # noqa: E402

RUNS = 5


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="planwatch-bench-versions-"))
    revised = read_plan(write_revised(folder))
    draft = read_plan(bundled_plan_path())
    stores, seconds = [], []
    for run in range(RUNS):
        store = Store(f"sqlite:///{folder / f'v{run}.db'}")
        plan_id = store_plan(store, system_actor(), draft)[0].plan_id
        _thousand_figures(store, plan_id, draft.parsed.monitored_indicators())
        started = time.perf_counter()
        _, carry = store_plan(store, system_actor(), revised)
        seconds.append(time.perf_counter() - started)
        stores.append((store, plan_id, carry))
    store, plan_id, carry = stores[0]
    assert carry is not None
    print(f"store + match + carry over the revised seed ({carry.figures} figures): "
          f"median {statistics.median(seconds) * 1000:.0f} ms (goal ≤ 1000 ms)")  # fmt: skip
    old = store.load(1)
    with store.reading() as connection:
        used = items.keys_of_plan(connection, plan_id)
    matched = []
    for _ in range(RUNS):
        started = time.perf_counter()
        match_versions(old, revised.parsed, used)
        matched.append(time.perf_counter() - started)
    print(f"the matching alone (pure): median {statistics.median(matched) * 1000:.0f} ms")
    compared = []
    for _ in range(RUNS):
        started = time.perf_counter()
        found = diff(store, plan_id, 1, 2)
        compared.append(time.perf_counter() - started)
    print(f"diff of the two versions ({len(found.changes)} changes): "
          f"median {statistics.median(compared) * 1000:.0f} ms (goal ≤ 300 ms)")  # fmt: skip


def _thousand_figures(store: Store, plan_id: int, indicators: list) -> None:  # type: ignore[type-arg]
    figures = []
    for n in range(1000):
        indicator = indicators[n % len(indicators)]
        year = 2021 + (n // len(indicators)) % 5
        day = date(year + 1, 3, 1) + timedelta(days=n // (5 * len(indicators)))
        figures.append(
            Observation(indicator.id, str(year), Decimal(100 + n), indicator.unit, ObservationKind.LEVEL, day)
        )
    with store.transaction() as connection:
        write_observations(connection, plan_id, figures)


if __name__ == "__main__":
    main()
