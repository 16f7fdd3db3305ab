"""Reading accuracy on the corpus of real documents (tests/corpus): recall and precision per
document and per class (indicator rows, quantified targets), with what was missed and what was
extracted that the labels do not hold. Printed, not asserted; tests/test_corpus_accuracy.py holds
the floors. Goal: recall ≥ 0.85 and precision ≥ 0.95 for both classes over the corpus.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.corpus_score import CLASSES, Score, documents, read, score


def main() -> None:
    verbose = "-v" in sys.argv
    totals = {name: Score() for name in CLASSES}
    columns = f"{'labels':>6} {'found':>6} {'right':>6} {'recall':>7} {'precision':>9}"
    print(f"{'document':<52} {'class':<11} {columns}")
    for entry in documents():
        plan = read(entry)
        for name, result in score(entry, plan).items():
            totals[name].add(result)
            counts = f"{result.labelled:6d} {result.extracted:6d} {result.matched:6d}"
            print(f"{entry['file']:<52} {name:<11} {counts} {result.recall:7.2f} {result.precision:9.2f}")
            if verbose:
                for miss in result.misses:
                    print(f"    missed: {miss}")
                for extra in result.extras:
                    print(f"    extra:  {extra}")
    print()
    for name, total in totals.items():
        print(
            f"{'corpus':<52} {name:<11} {total.labelled:6d} {total.extracted:6d} {total.matched:6d}"
            f" {total.recall:7.2f} {total.precision:9.2f}   (goal recall ≥ 0.85, precision ≥ 0.95)"
        )


if __name__ == "__main__":
    main()
