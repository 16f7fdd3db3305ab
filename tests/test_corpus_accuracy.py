"""The reading of real public documents (tests/corpus) holds the accuracy it reached.

bench/accuracy.py prints the same figures per document with what was missed. The floors are the
figures reached when they were set, rounded down: a change that reads worse fails here.
"""

from __future__ import annotations

import re

import pytest

from tests.corpus_score import CLASSES, CORPUS, Score, documents, read, score

FLOORS = {"indicators": (0.95, 0.95), "targets": (0.95, 0.95)}  # (recall, precision) over the corpus


@pytest.fixture(scope="module")
def totals() -> dict[str, Score]:
    sums = {name: Score() for name in CLASSES}
    for entry in documents():
        for name, result in score(entry, read(entry)).items():
            sums[name].add(result)
    return sums


@pytest.mark.parametrize("name", CLASSES)
def test_the_corpus_is_read_at_least_as_well_as_the_floor(name: str, totals: dict[str, Score]) -> None:
    recall, precision = FLOORS[name]
    assert totals[name].labelled >= 40
    assert totals[name].recall >= recall, (name, totals[name].recall)
    assert totals[name].precision >= precision, (name, totals[name].precision)


def test_no_target_is_read_out_of_a_report_of_results() -> None:
    """Reviews of past years (county reports, an evaluation) hold figures, and none is a target."""
    for entry in documents():
        if entry.get("targets") == [] and "evaluation" not in entry["file"]:
            assert read(entry).targets == (), entry["file"]


def test_every_corpus_document_has_labels_and_a_source() -> None:
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    files = {path.name for path in (CORPUS / "docs").iterdir()}
    labelled = {
        entry["file"].removeprefix("docs/") for entry in documents() if entry["file"].startswith("docs/")
    }
    assert files == labelled
    assert len(documents()) >= 10
    for name in files:
        assert re.search(re.escape(name), sources), name
