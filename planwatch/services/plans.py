"""Plans in: read a file (no database), check a draft, store plans (one transaction each, audited).

Batch ingest parses on every core: each worker reads and stores its own plans (the database
serialises the short write transactions), so nothing large travels between processes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePath

from sqlalchemy.engine import Connection

from planwatch.document import Document, load_document
from planwatch.errors import PlanwatchError
from planwatch.lint import LintSettings, lint_plan
from planwatch.model import Finding, ParsedPlan
from planwatch.parse.pipeline import all_tables, parse_document
from planwatch.services.actor import Actor
from planwatch.services.permissions import PLANNERS, require_role
from planwatch.store import IngestResult, Store, audit, plans

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


def store_plan(store: Store, actor: Actor, read: ReadPlan) -> IngestResult:
    """One parsed plan into the database with its audit entry, in one transaction (retried on a race)."""
    require_role(actor, *PLANNERS, doing="导入规划")

    def write(connection: Connection) -> IngestResult:
        result = plans.insert_plan(connection, read.parsed, read.lines)
        if result.created:
            plan = read.parsed.plan
            new = {
                "title": plan.title,
                "version": result.version,
                "file": PurePath(plan.source.path).name,
                "sha256": plan.source.sha256,
            }
            audit.record(connection, actor.name, "plan.ingest", result.plan_id, plan.title, None, new)
        return result

    return store.retrying(write)


def _ingest_one(store: Store, actor: Actor, path: str) -> IngestOutcome:
    # Errors travel as text: our exceptions carry keyword fields that pickling between processes would lose.
    try:
        read = read_plan(path)
    except PlanwatchError as error:
        return IngestOutcome(path, None, None, error.one_line())
    return IngestOutcome(path, store_plan(store, actor, read), PlanDigest.of(read.parsed), None)


_worker: tuple[Store, Actor] | None = None


def _open_worker(url: str, actor: Actor) -> None:
    global _worker
    _worker = (Store(url), actor)


def _ingest_in_worker(job: tuple[int, str]) -> tuple[int, IngestOutcome]:
    assert _worker is not None
    return job[0], _ingest_one(*_worker, job[1])


def ingest_files(
    store: Store,
    actor: Actor,
    paths: Sequence[str],
    jobs: int = 1,
    progress: Callable[[IngestOutcome], None] | None = None,
) -> list[IngestOutcome]:
    """Read, parse and store `paths`, each plan in its own transaction, on `jobs` processes."""
    require_role(actor, *PLANNERS, doing="导入规划")
    outcomes: list[IngestOutcome] = []
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            outcome = _ingest_one(store, actor, path)
            outcomes.append(outcome)
            if progress:
                progress(outcome)
        return outcomes
    context = multiprocessing.get_context("fork")
    store.close()  # a forked child must not share the parent's connections
    numbered: list[tuple[int, IngestOutcome]] = []
    with context.Pool(processes=jobs, initializer=_open_worker, initargs=(store.url, actor)) as pool:
        for index, outcome in pool.imap_unordered(_ingest_in_worker, enumerate(paths), chunksize=2):
            numbered.append((index, outcome))
            if progress:
                progress(outcome)
    return [outcome for _, outcome in sorted(numbered, key=lambda pair: pair[0])]
