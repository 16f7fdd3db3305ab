"""Ingest speed figures (printed, not asserted).

1. parse of the seed in-process: read + tables + outline + indicators — goal ≤ 50 ms; the full parse
   with targets and projects — goal ≤ 100 ms (medians of 20)
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

from planwatch.document import load_document
from planwatch.parse.indicators import parse_indicator_table
from planwatch.parse.outline import parse_outline
from planwatch.parse.pipeline import all_tables
from planwatch.parse.tables import table_title
from planwatch.services.plans import bundled_plan_path, read_plan

BIN = Path(sys.executable).parent


def parse_seed(repeats: int = 20) -> tuple[float, float]:
    """(read + tables + outline + indicators, the full parse with targets and projects), medians."""
    seed = bundled_plan_path()
    read_plan(seed)  # warm imports and caches
    structure, full = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        document = load_document(seed)
        tables = all_tables(document)
        outline = parse_outline(document, tables)
        for number, table in enumerate(tables, 1):
            parse_indicator_table(
                table, table_title(document, table), number, outline.section_at(table.first_line)
            )
        structure.append(time.perf_counter() - start)
        start = time.perf_counter()
        read_plan(seed)
        full.append(time.perf_counter() - start)
    return statistics.median(structure), statistics.median(full)


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
        structure, full = parse_seed()
        print(
            f"read + tables + outline + indicators of the seed:  {structure * 1000:7.1f} ms   (goal ≤ 50 ms)"
        )
        print(f"full parse incl. targets and projects (median 20): {full * 1000:7.1f} ms   (goal ≤ 100 ms)")
        first, again = cli_ingest(workdir)
        print(f"planwatch ingest, fresh database (wall, median): {first:7.2f} s    (goal ≤ 1.5 s)")
        print(f"planwatch ingest, same file again (wall):        {again:7.2f} s")
        rate = batch_ingest(workdir)
        print(f"batch ingest of 200 copies, 2 processes:         {rate:7.1f} plans/s (goal ≥ 20)")


if __name__ == "__main__":
    main()
