"""Lint speed (printed, not asserted): the seed read, parsed and checked in-process, median of 20.

Goal ≤ 200 ms. The first run also loads jieba's word list (once per process); it is
reported separately.
"""

from __future__ import annotations

import statistics
import time

from planwatch.services.plans import bundled_plan_path, lint_file


def main() -> None:
    seed = bundled_plan_path()
    start = time.perf_counter()
    report = lint_file(seed)
    first = time.perf_counter() - start
    times = []
    for _ in range(20):
        start = time.perf_counter()
        lint_file(seed)
        times.append(time.perf_counter() - start)
    print(f"lint of the seed, first run (loads the word list):  {first * 1000:7.1f} ms")
    print(
        f"lint of the seed (read + parse + check, median of 20): {statistics.median(times) * 1000:7.1f} ms"
        f"   (goal ≤ 200 ms; {len(report.findings)} findings)"
    )


if __name__ == "__main__":
    main()
