"""The test bulletins (tests/fixtures/bulletins) and what each states for the seed plan's series,
written out by hand in `<name>.expected.tsv`: shared by the reader's tests and bench/bulletin.py.

Each expected row names the series, period, kind, value, unit, how it is matched, its status, its
flags (conflict, unit) and its line, given as a fragment of the line's text that occurs once (or
`=text` for a line that is exactly that text, a table cell): the line number is found from the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from planwatch.bulletin import BulletinReading, Candidate, SynonymPair
from planwatch.document import Document, load_document
from planwatch.evaluate.link import link_targets
from planwatch.model import ParsedPlan
from planwatch.store.synonyms import SEED

FOLDER = Path(__file__).parent / "fixtures" / "bulletins"
CASES = ("2021.txt", "2022.txt", "2023.docx", "2024_conflicts.txt")
# Written after the reader was frozen, with wordings it had not seen; read first at recall 80.6%,
# precision 96.7% (bench/bulletin.py). Its remaining misses need a synonym the table lacks.
HELD_OUT = "2024_holdout.txt"
SYNONYMS = [SynonymPair(*pair) for pair in SEED]


@dataclass(frozen=True)
class Expected:
    series_id: str
    period: str
    kind: str
    value: Decimal
    unit: str | None
    match: str
    status: str
    conflict: bool
    unit_problem: bool
    line: int


Figure = tuple[str, str, str, Decimal, str | None, str, str, bool, bool, int]


def candidates(parsed: ParsedPlan) -> list[Candidate]:
    """As the service chooses them: monitored indicators, and targets about no row of the table."""
    monitored = parsed.monitored_indicators()
    linked = link_targets(parsed.targets, monitored, parsed.period() or (0, 0))
    return [Candidate(i.id, i.name, i.unit, True) for i in monitored] + [
        Candidate(t.id, t.subject, t.unit, False) for t in parsed.targets if t.id not in linked
    ]


def document(name: str) -> Document:
    return load_document(FOLDER / name)


def expected(name: str) -> list[Expected]:
    doc = document(name)
    path = FOLDER / (name.rsplit(".", 1)[0] + ".expected.tsv")
    rows = [
        line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    return [
        Expected(
            r[0],
            r[1],
            r[2],
            Decimal(r[3]),
            r[4] or None,
            r[5],
            r[6],
            "conflict" in r[7],
            "unit" in r[7],
            _line(doc, r[8]),
        )
        for r in rows
    ]


def _line(doc: Document, fragment: str) -> int:
    if fragment.startswith("="):
        hits = [line.number for line in doc.lines if line.raw.strip() == fragment[1:]]
    else:
        hits = [line.number for line in doc.lines if fragment in line.raw]
    if len(hits) != 1:
        raise AssertionError(f"{fragment!r} is on {len(hits)} lines of {doc.path}: name one line")
    return hits[0]


def as_figures(found: list[Expected]) -> set[Figure]:
    return {
        (
            e.series_id,
            e.period,
            e.kind,
            e.value,
            e.unit,
            e.match,
            e.status,
            e.conflict,
            e.unit_problem,
            e.line,
        )
        for e in found
    }


def proposed(reading: BulletinReading) -> set[Figure]:
    return {
        (
            p.series_id,
            p.period,
            p.kind.value,
            p.value,
            p.unit,
            p.match.value,
            p.status.value,
            p.conflict > 0,
            p.unit_problem is not None,
            p.line,
        )
        for p in reading.proposals
    }
