"""Library functions that run the stages end to end; the CLI and the web app call these.

document → parse → store. Batch ingest parses on every core and writes from one
process, each plan in its own transaction.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from planwatch.document import Document, load_document
from planwatch.errors import PlanwatchError
from planwatch.lint import LintSettings, lint_plan
from planwatch.model import Finding, ParsedPlan
from planwatch.parse.pipeline import all_tables, parse_document
from planwatch.store import IngestResult, Store

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
class IngestOutcome:
    path: str
    result: IngestResult | None
    parsed: ParsedPlan | None
    error: str | None  # one Chinese line when the file could not be read


def _read_for_pool(path: str) -> tuple[str, ReadPlan | None, str | None]:
    # Errors travel back as text: our exceptions carry keyword fields that pickling would lose.
    try:
        return path, read_plan(path), None
    except PlanwatchError as error:
        return path, None, error.one_line()


def ingest_paths(
    store: Store,
    paths: Sequence[str],
    jobs: int = 1,
    progress: Callable[[IngestOutcome], None] | None = None,
) -> list[IngestOutcome]:
    """Parse `paths` on `jobs` processes and store each plan in its own transaction."""
    outcomes: list[IngestOutcome] = []

    def record(path: str, read: ReadPlan | None, error: str | None) -> None:
        if read is None:
            outcome = IngestOutcome(path, None, None, error)
        else:
            outcome = IngestOutcome(path, store.ingest(read.parsed, read.lines), read.parsed, None)
        outcomes.append(outcome)
        if progress:
            progress(outcome)

    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            record(*_read_for_pool(path))
        return outcomes
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=jobs) as pool:
        for path, read, error in pool.imap(_read_for_pool, paths, chunksize=4):
            record(path, read, error)
    return outcomes
