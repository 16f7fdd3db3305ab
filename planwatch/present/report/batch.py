"""Many plans' reports at once (`planwatch reports`), on several processes.

Each report is written to a temporary name beside its final one and renamed when complete, so a
directory never holds half a file; a plan whose report cannot be made is reported, the others go on.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from planwatch.errors import PlanwatchError
from planwatch.present.report.build import ReportFormat, ReportRequest, build_report
from planwatch.store import Store


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    plan_id: int
    path: Path | None
    error: str | None  # one Chinese line


def write_file(path: Path, data: bytes) -> None:
    """`data` at `path`, whole or not at all: written beside it, then renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".planwatch-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def prepare(request: ReportRequest) -> None:
    """Check what every report will need (the CJK font, LibreOffice) once, before any work, and
    load the chart library before the worker processes are forked from this one."""
    if request.format is ReportFormat.XLSX:
        return
    from planwatch.present.report import charts

    charts.prepare()
    if request.format is ReportFormat.PDF:
        from planwatch.present.report import pdf

        pdf.soffice()
        pdf.require_cjk_fonts()


def _one(store: Store, plan_id: int, request: ReportRequest, directory: Path) -> BatchOutcome:
    try:
        report = build_report(store, plan_id, request)
        path = directory / report.name
        write_file(path, report.data)
    except PlanwatchError as error:
        return BatchOutcome(plan_id, None, error.one_line())
    return BatchOutcome(plan_id, path, None)


_worker: tuple[Store, ReportRequest, Path] | None = None


def _open_worker(url: str, request: ReportRequest, directory: Path) -> None:
    global _worker
    _worker = (Store(url), request, directory)


def _in_worker(plan_id: int) -> BatchOutcome:
    assert _worker is not None
    store, request, directory = _worker
    return _one(store, plan_id, request, directory)


def write_reports(
    store: Store,
    plan_ids: Sequence[int],
    request: ReportRequest,
    directory: Path,
    jobs: int = 2,
    progress: Callable[[BatchOutcome], None] | None = None,
) -> list[BatchOutcome]:
    """One report per plan into `directory`, in the order of `plan_ids`."""
    prepare(request)
    if jobs <= 1 or len(plan_ids) <= 1:
        outcomes = []
        for plan_id in plan_ids:
            outcome = _one(store, plan_id, request, directory)
            outcomes.append(outcome)
            if progress:
                progress(outcome)
        return outcomes
    context = multiprocessing.get_context("fork")
    store.close()  # a forked child must not share the parent's connections
    found: dict[int, BatchOutcome] = {}
    arguments = (store.url, request, directory)
    with context.Pool(processes=jobs, initializer=_open_worker, initargs=arguments) as pool:
        for outcome in pool.imap_unordered(_in_worker, plan_ids, chunksize=1):
            found[outcome.plan_id] = outcome
            if progress:
                progress(outcome)
    return [found[plan_id] for plan_id in plan_ids]
