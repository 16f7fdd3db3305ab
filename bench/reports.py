"""Report speed (printed, not asserted): the seed's annual report as Word (with its charts) and its
Excel books, then a batch of 100 plans' reports on 2 processes.

1. the bundled plan with the demo figures: `build_report` for .docx and .xlsx, in one process
   (the first .docx pays for loading matplotlib and the font; the later ones are what a server or a
   batch sees), and `planwatch report` as a newcomer runs it (a fresh process). Goal: .docx ≤ 2 s,
   .xlsx ≤ 1 s.
2. 100 plans (the seed under 100 titles, each with its own figures: the demo's scaled by a different
   factor, so that no two reports draw the same charts), reported by `write_reports` on 2 processes,
   as `planwatch reports` does. Goal: ≥ 2 reports/s.

    python bench/reports.py                 # SQLite file in a temporary directory
    python bench/reports.py --plans 20      # a smaller batch
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from planwatch.demo import demo_observations
from planwatch.present.report.batch import write_reports
from planwatch.present.report.build import ReportFormat, ReportKind, ReportRequest, build_report
from planwatch.services.actor import system_actor
from planwatch.services.figures import DEMO_AS_OF, load_demo
from planwatch.services.plans import ReadPlan, bundled_plan_path, read_plan, store_plan
from planwatch.store import Store
from planwatch.store.observations import bulk_load

RUNS = 5


def seed_report(store: Store, plan_id: int, format: ReportFormat) -> list[float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        build_report(store, plan_id, ReportRequest(ReportKind.ANNUAL, DEMO_AS_OF, format=format))
        times.append(time.perf_counter() - started)
    return times


def cli_report(url: str, folder: Path) -> float:
    env = {**os.environ, "PLANWATCH_DATABASE_URL": url}
    command = [
        str(Path(sys.executable).parent / "planwatch"),
        "report",
        "1",
        "--as-of",
        DEMO_AS_OF.isoformat(),
    ]
    started = time.perf_counter()
    subprocess.run([*command, "-o", str(folder / "seed.docx")], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def many_plans(store: Store, count: int) -> list[int]:
    read = read_plan(bundled_plan_path())
    parsed = read.parsed
    plan_ids = []
    rows = []
    for n in range(count):
        source = replace(parsed.plan.source, path=f"bench-{n}.txt", sha256=f"{n:064x}")
        copy = replace(parsed, plan=replace(parsed.plan, title=f"基准规划{n:03d}", source=source))
        result, _ = store_plan(store, system_actor(), ReadPlan(copy, read.lines))
        plan_ids.append(result.plan_id)
        factor = Decimal(1) + Decimal(n) / 400
        for o in demo_observations(copy, copy.monitored_indicators()):
            value = o.value if o.kind.value == "growth" else (o.value * factor).quantize(Decimal("0.01"))
            rows.append((result.plan_id, replace(o, value=value)))
    bulk_load(store, rows)
    return plan_ids


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'reports.db'}"
        store = Store(url)
        seed = store_plan(store, system_actor(), read_plan(bundled_plan_path()))[0].plan_id
        load_demo(store, system_actor(), seed)
        for format, goal in ((ReportFormat.DOCX, 2.0), (ReportFormat.XLSX, 1.0)):
            times = seed_report(store, seed, format)
            print(
                f"seed annual report .{format.value}: first {times[0]:.2f} s, then median "
                f"{statistics.median(times[1:]):.2f} s over {RUNS - 1} runs (goal ≤ {goal:.0f} s)"
            )
        print(f"planwatch report (a fresh process, .docx): {cli_report(url, folder):.2f} s wall")

        started = time.perf_counter()
        plan_ids = many_plans(store, args.plans)
        print(f"{args.plans} plans with their figures created in {time.perf_counter() - started:.1f} s")
        request = ReportRequest(ReportKind.ANNUAL, DEMO_AS_OF)
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        outcomes = write_reports(store, plan_ids, request, folder / "out", jobs=args.jobs)
        elapsed = time.perf_counter() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        made = len([o for o in outcomes if not o.error])
        cpu = (cpu_after.ru_utime + cpu_after.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime) / made
        rate = made / elapsed
        print(
            f"batch: {made} reports (.docx) in {elapsed:.1f} s on {args.jobs} processes: {rate:.2f} reports/s"
        )
        print(
            f"  (goal ≥ 2); {cpu:.2f} CPU s per report in the workers, i.e. {args.jobs / cpu:.2f} reports/s "
            f"on {args.jobs} otherwise idle cores; load average now {os.getloadavg()[0]:.1f}"
        )
        store.close()


if __name__ == "__main__":
    main()
