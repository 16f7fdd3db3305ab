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

from planwatch.compare.match import Matching, first_version, match_versions
from planwatch.document import Document, load_document
from planwatch.errors import PlanwatchError
from planwatch.lint import LintSettings, lint_plan
from planwatch.model import Finding, ParsedPlan
from planwatch.parse.kinds import plan_kind, plan_level
from planwatch.parse.pipeline import all_tables, parse_document
from planwatch.services.actor import Actor
from planwatch.services.permissions import PLANNERS, require_role
from planwatch.store import IngestResult, Store, audit, items, plans, versions
from planwatch.store.observations import count_observations_of

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
class CarryOver:
    """What a new version did to the books: items carried by the matching (with the figures that
    stay on them), items new, items gone, and pairs waiting for a person."""

    carried: int
    new: int
    removed: int
    pending: int
    figures: int

    def summary(self) -> str:
        return (
            f"沿用{self.carried}项（{self.figures}个数值随之沿用），新增{self.new}项，删除{self.removed}项"
            + (f"，{self.pending}项待人工确认（planwatch versions 查看）" if self.pending else "")
        )


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    path: str
    result: IngestResult | None
    digest: PlanDigest | None
    error: str | None  # one Chinese line when the file could not be read
    carry: CarryOver | None = None  # for a second or later version


def store_plan(store: Store, actor: Actor, read: ReadPlan) -> tuple[IngestResult, CarryOver | None]:
    """One parsed document into the database as a plan's next version, its items matched to the
    previous version's (stable keys), with its audit entry, in one transaction (retried on a race)."""
    require_role(actor, *PLANNERS, doing="导入规划")
    return store.retrying(lambda connection: _store_version(connection, actor, read))


def _store_version(
    connection: Connection, actor: Actor, read: ReadPlan
) -> tuple[IngestResult, CarryOver | None]:
    parsed, source = read.parsed, read.parsed.plan.source
    known = versions.find_by_sha256(connection, source.sha256)
    if known is not None:
        return known, None
    key = plans.plan_key(parsed.plan.title)
    plan_id = plans.find_plan(connection, key)
    result = versions.insert_version(connection, plan_id, key, parsed, read.lines)
    carry = None
    if plan_id is None:
        plan_id = result.version_id
        title, region = parsed.plan.title, parsed.plan.region
        plans.create_plan(connection, plan_id, key, title, region, plan_kind(title), plan_level(region))
        versions.attach(connection, result.version_id, plan_id)
        matching = first_version(parsed)
    else:
        previous = versions.latest_version_id(connection, plan_id, before=result.version_id)
        assert previous is not None
        old = versions.load_version(connection, previous)
        matching = match_versions(old, parsed, items.keys_of_plan(connection, plan_id))
        plans.retitle(connection, plan_id, parsed.plan.title, parsed.plan.region)
        carry = _carry_over(connection, plan_id, matching)
    items.write_items(connection, _version_items(result.version_id, matching))
    new = {
        "title": parsed.plan.title,
        "version": result.version,
        "file": PurePath(source.path).name,
        "sha256": source.sha256,
    }
    if carry is not None:
        new["carry_over"] = carry.summary()
    audit.record(connection, actor.name, "plan.ingest", plan_id, parsed.plan.title, None, new)
    return IngestResult(plan_id, result.version_id, result.version, True), carry


def _version_items(version_id: int, matching: Matching) -> list[items.VersionItem]:
    return [
        items.VersionItem(
            version_id, m.kind, m.local_id, m.key, m.reason, m.confidence, m.status, m.previous_key
        )
        for m in matching.items
    ]


def _carry_over(connection: Connection, plan_id: int, matching: Matching) -> CarryOver:
    carried = [m.key for m in matching.items if m.status == "auto" and m.previous_key]
    return CarryOver(
        carried=len(carried),
        new=sum(1 for m in matching.items if m.status == "auto" and not m.previous_key),
        removed=len(matching.removed),
        pending=len(matching.pending),
        figures=count_observations_of(connection, plan_id, carried),
    )


def _ingest_one(store: Store, actor: Actor, path: str) -> IngestOutcome:
    # Errors travel as text: our exceptions carry keyword fields that pickling between processes would lose.
    try:
        read = read_plan(path)
    except PlanwatchError as error:
        return IngestOutcome(path, None, None, error.one_line())
    result, carry = store_plan(store, actor, read)
    return IngestOutcome(path, result, PlanDigest.of(read.parsed), None, carry)


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
