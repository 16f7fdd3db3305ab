"""Ingest speed figures (printed, not asserted).

1. parse of the seed in-process (read + tables + outline + indicators), median of 20 — goal ≤ 50 ms
2. `planwatch ingest` of the seed as a new process, wall time incl. interpreter start — goal ≤ 1.5 s
3. batch ingest of 200 distinct copies with both cores, progress bar on — goal ≥ 20 plans/s
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from planwatch.workflow import bundled_plan_path, read_plan

BIN = Path(sys.executable).parent


def parse_seed(repeats: int = 20) -> float:
    seed = bundled_plan_path()
    read_plan(seed)  # warm imports and caches
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        read_plan(seed)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cli_ingest(workdir: Path, repeats: int = 5) -> tuple[float, float]:
    """(first ingest into a fresh database, re-ingest of the same file) wall seconds, medians."""
    first, again = [], []
    for n in range(repeats):
        env = {**os.environ, "PLANWATCH_DATABASE_URL": f"sqlite:///{workdir / f'cli-{n}.db'}"}
        for bucket in (first, again):
            start = time.perf_counter()
            subprocess.run([BIN / "planwatch", "ingest"], env=env, check=True, capture_output=True)
            bucket.append(time.perf_counter() - start)
    return statistics.median(first), statistics.median(again)


def batch_ingest(workdir: Path, copies: int = 200, jobs: int = 2) -> float:
    text = bundled_plan_path().read_text(encoding="utf-8")
    folder = workdir / "copies"
    folder.mkdir()
    paths = []
    for n in range(copies):
        path = folder / f"plan-{n:03d}.txt"
        path.write_text(text + f"\n（副本{n}）\n", encoding="utf-8")
        paths.append(str(path))
    env = {**os.environ, "PLANWATCH_DATABASE_URL": f"sqlite:///{workdir / 'batch.db'}"}
    start = time.perf_counter()
    subprocess.run(
        [BIN / "planwatch", "ingest", "--jobs", str(jobs), *paths],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return copies / (time.perf_counter() - start)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        parse_ms = parse_seed() * 1000
        print(f"parse of the seed (in-process, median of 20):   {parse_ms:7.1f} ms   (goal ≤ 50 ms)")
        first, again = cli_ingest(workdir)
        print(f"planwatch ingest, fresh database (wall, median): {first:7.2f} s    (goal ≤ 1.5 s)")
        print(f"planwatch ingest, same file again (wall):        {again:7.2f} s")
        rate = batch_ingest(workdir)
        print(f"batch ingest of 200 copies, 2 processes:         {rate:7.1f} plans/s (goal ≥ 20)")


if __name__ == "__main__":
    main()
