"""Recall and precision of `planwatch lint` on the seed against the hand-made defect list.

tests/fixtures/seed_defects.json lists the real defects found by reading the draft. A
finding matches an entry when it is reported on one of the entry's lines with a
compatible kind (typo and spelling are one family for this purpose).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root, for tests/

from planwatch.model import Finding
from planwatch.services.plans import bundled_plan_path, lint_file
from tests.lint_helpers import matches

DEFECTS = Path(__file__).parent.parent / "tests" / "fixtures" / "seed_defects.json"


def evaluate() -> tuple[list[Finding], list[dict[str, Any]], list[Finding], list[dict[str, Any]]]:
    report = lint_file(bundled_plan_path())
    findings = report.findings
    lines = [line.raw for line in report.document.lines]
    defects = json.loads(DEFECTS.read_text(encoding="utf-8"))
    unmatched_findings = [f for f in findings if not any(matches(f, e, lines) for e in defects)]
    missed = [e for e in defects if not any(matches(f, e, lines) for f in findings)]
    return findings, defects, unmatched_findings, missed


def main() -> None:
    findings, defects, false, missed = evaluate()
    found = len(defects) - len(missed)
    print(f"findings on the seed: {len(findings)}; defects on the list: {len(defects)}")
    print(f"recall:    {found}/{len(defects)} = {found / len(defects):.0%}")
    true = len(findings) - len(false)
    print(f"precision: {true}/{len(findings)} = {true / max(1, len(findings)):.0%}")
    by_kind = Counter(e["kind"] for e in defects)
    missed_by_kind = Counter(e["kind"] for e in missed)
    for kind, total in sorted(by_kind.items()):
        print(f"  {kind:14s} {total - missed_by_kind[kind]:3d}/{total:3d}")
    if "-v" in sys.argv:
        for f in false:
            print("NOT ON LIST", f.line, f.rule, f.evidence, f.message)
        for e in missed:
            print("MISSED", e["id"], e["kind"], e["line"], e["evidence"][:30], e["explanation"][:50])


if __name__ == "__main__":
    main()
