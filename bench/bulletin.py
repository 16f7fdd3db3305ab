"""The statistics bulletin reader: accuracy on the test bulletins and speed on a 30-page bulletin.

Accuracy (issue 12, "Done when"): on each test bulletin of tests/fixtures/bulletins, the proposals
for the seed plan are compared with what the bulletin states, written out by hand in
`<name>.expected.tsv` (series, period, kind, value, unit, match, status, conflict/unit flags, line).
A proposal is right when every one of those agrees; recall = right / stated, precision = right /
proposed. The reader was built on those bulletins; `2024_holdout.txt` was written after, with
wordings it had not seen (its first reading is recorded in tests/bulletin_cases.py).

Speed: a 30-page bulletin (three bulletins' text and tables, then product tables, about 30 printed
pages of 1,000 characters) read from its file and proposed, goal ≤ 1 s.
Prints the figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planwatch.bulletin import read_bulletin  # noqa: E402
from planwatch.document import load_document  # noqa: E402
from planwatch.services.plans import bundled_plan_path, read_plan  # noqa: E402
from tests.bulletin_cases import (  # noqa: E402
    CASES,
    FOLDER,
    HELD_OUT,
    SYNONYMS,
    as_figures,
    candidates,
    document,
    expected,
    proposed,
)

RUNS = 5
PAGE_CHARACTERS = 1000  # a page of a printed bulletin: about 1,000 Chinese characters


def accuracy(cases: tuple[str, ...], label: str) -> None:
    parsed = read_plan(bundled_plan_path()).parsed
    series = candidates(parsed)
    total_right = total_stated = total_proposed = 0
    for name in cases:
        stated = as_figures(expected(name))
        found = proposed(read_bulletin(document(name), series, SYNONYMS))
        right = len(stated & found)
        total_right, total_stated, total_proposed = (
            total_right + right,
            total_stated + len(stated),
            total_proposed + len(found),
        )
        print(
            f"{name:<20} stated {len(stated):>3}, proposed {len(found):>3}, right {right:>3}: "
            f"recall {right / len(stated):.1%}, precision {right / max(len(found), 1):.1%}"
        )
        for missed in sorted(stated - found, key=str):
            print(f"    missed: {missed}")
        for wrong in sorted(found - stated, key=str):
            print(f"    not stated: {wrong}")
    print(
        f"{label}: recall {total_right / total_stated:.1%} ({total_right}/{total_stated}), "
        f"precision {total_right / total_proposed:.1%} ({total_right}/{total_proposed})"
    )


def thirty_pages(folder: Path) -> Path:
    """A long bulletin: the test bulletins' prose and tables under one title, then product tables
    (产品产量 rows, as the 工业 chapter of a city bulletin has) until it fills 30 pages."""
    head = "2023年新建区国民经济和社会发展统计公报\n\n新建区统计局\n2024年3月26日\n\n"
    bodies = []
    for name in ("2021.txt", "2022.txt", "2024_conflicts.txt"):
        lines = (FOLDER / name).read_text(encoding="utf-8").splitlines()
        bodies.append("\n".join(lines[4:]))  # without its own title and date
    text = head + "\n".join(bodies)
    number = 0
    while len(text) < 30 * PAGE_CHARACTERS:
        number += 1
        rows = [["产品名称", "单位", "绝对数", "比上年增长（%）"]]
        rows += [
            [f"第{number}类产品{n}", "万吨", f"{n * 3.7 + number:.2f}", f"{(n % 13) - 4.5:.1f}"]
            for n in range(1, 41)
        ]
        table = "".join("".join(f"\t{cell}\n" for cell in row) + "\n" for row in rows)
        text += f"\n表{number}  2023年主要产品产量\n\n{table}"
    path = folder / "30页公报.txt"
    path.write_text(text, encoding="utf-8")
    return path


def speed() -> None:
    parsed = read_plan(bundled_plan_path()).parsed
    series = candidates(parsed)
    with tempfile.TemporaryDirectory(prefix="planwatch-bench-bulletin-") as folder:
        path = thirty_pages(Path(folder))
        characters = len(path.read_text(encoding="utf-8"))
        lines = load_document(path).line_count
        seconds = []
        for _ in range(RUNS):
            started = time.perf_counter()
            reading = read_bulletin(load_document(path), series, SYNONYMS)
            seconds.append(time.perf_counter() - started)
    print(
        f"a 30-page bulletin ({characters:,} characters, {lines:,} lines, {reading.statements:,} figures "
        f"read, {len(reading.proposals)} proposed): median {statistics.median(seconds) * 1000:.0f} ms "
        "(goal ≤ 1000 ms)"
    )


if __name__ == "__main__":
    accuracy(CASES, "the test bulletins (the reader was built on them)")
    accuracy((HELD_OUT,), "the held-out bulletin (first read at recall 80.6%, precision 96.7%)")
    speed()
