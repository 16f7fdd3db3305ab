"""Library functions that run the stages end to end; the CLI and the web app call these.

document → parse → store. Batch ingest parses on every core and writes from one
process, each plan in its own transaction.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from planwatch.demo import DEMO_USER, demo_observations, fingerprint
from planwatch.document import Document, load_document
from planwatch.errors import PlanwatchError
from planwatch.lint import LintSettings, lint_plan
from planwatch.model import Finding, ParsedPlan
from planwatch.monitor import current_indicators
from planwatch.parse.pipeline import all_tables, parse_document
from planwatch.store import IngestResult, Store
from planwatch.store.observations import AddResult, add_observations

BUNDLED_PLAN = "xinjian_14th_fyp_draft2.txt"


def bundled_plan_path() -> Path:
    """The embedded default: the draft 14th Five-Year Plan of 新建区 (Nanchang), 征求意见2稿."""
    return Path(str(resources.files("planwatch") / "data" / BUNDLED_PLAN))


@dataclass(frozen=True, slots=True)
class ReadPlan:
    parsed: ParsedPlan
    lines: tuple[str, ...]


def read_plan(path: str | os.PathLike[str]) -> ReadPlan:
    """Read and parse one plan file (no database)."""
    document = load_document(path)
    return ReadPlan(parse_document(document), tuple(line.raw for line in document.lines))


@dataclass(frozen=True, slots=True)
class LintReport:
    document: Document
    parsed: ParsedPlan
    findings: list[Finding]


def lint_file(path: str | os.PathLike[str], settings: LintSettings | None = None) -> LintReport:
    """Read, parse and check one draft (no database)."""
    document = load_document(path)
    parsed = parse_document(document)
    return LintReport(document, parsed, lint_plan(document, parsed, all_tables(document), settings))


@dataclass(frozen=True, slots=True)
class PlanDigest:
    """What a planner is told about a stored plan: small enough to send between processes."""

    title: str
    line_count: int
    sections: int
    indicators: int
    targets: int
    projects: int

    @classmethod
    def of(cls, parsed: ParsedPlan) -> PlanDigest:
        return cls(
            parsed.plan.title,
            parsed.plan.source.line_count,
            len(parsed.sections),
            len(parsed.indicators),
            len(parsed.targets),
            len(parsed.projects),
        )


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    path: str
    result: IngestResult | None
    digest: PlanDigest | None
    error: str | None  # one Chinese line when the file could not be read


def _ingest_one(store: Store, path: str) -> IngestOutcome:
    # Errors travel as text: our exceptions carry keyword fields that pickling between processes would lose.
    try:
        read = read_plan(path)
    except PlanwatchError as error:
        return IngestOutcome(path, None, None, error.one_line())
    return IngestOutcome(path, store.ingest(read.parsed, read.lines), PlanDigest.of(read.parsed), None)


_worker_store: Store | None = None


def _open_worker_store(url: str) -> None:
    global _worker_store
    _worker_store = Store(url)


def _ingest_in_worker(job: tuple[int, str]) -> tuple[int, IngestOutcome]:
    assert _worker_store is not None
    return job[0], _ingest_one(_worker_store, job[1])


def ingest_paths(
    store: Store,
    paths: Sequence[str],
    jobs: int = 1,
    progress: Callable[[IngestOutcome], None] | None = None,
) -> list[IngestOutcome]:
    """Read, parse and store `paths`, each plan in its own transaction, on `jobs` processes.

    Each worker parses and writes its own plans (the database serialises the short write
    transactions), so nothing large travels between processes.
    """
    outcomes: list[IngestOutcome] = []
    if jobs <= 1 or len(paths) <= 1:
        results = (_ingest_one(store, path) for path in paths)
        for outcome in results:
            outcomes.append(outcome)
            if progress:
                progress(outcome)
        return outcomes
    context = multiprocessing.get_context("fork")
    store.close()  # a forked child must not share the parent's connections
    numbered: list[tuple[int, IngestOutcome]] = []
    with context.Pool(processes=jobs, initializer=_open_worker_store, initargs=(store.url,)) as pool:
        for index, outcome in pool.imap_unordered(_ingest_in_worker, enumerate(paths), chunksize=2):
            numbered.append((index, outcome))
            if progress:
                progress(outcome)
    return [outcome for _, outcome in sorted(numbered, key=lambda pair: pair[0])]


# The demo's figures run to the fourth year; on this date its last year is known and the fifth not yet due.
DEMO_AS_OF = date(2025, 6, 30)


def load_demo(store: Store, plan_id: int) -> AddResult:
    """Load the illustrative data set (示例数据，非真实统计) into a stored plan; again changes nothing."""
    parsed = store.load(plan_id)
    observations = demo_observations(parsed, current_indicators(parsed))
    return add_observations(
        store,
        plan_id,
        observations,
        source_sha256=fingerprint(observations),
        file_name="planwatch demo（示例数据，非真实统计）",
        entered_by=DEMO_USER,
    )
