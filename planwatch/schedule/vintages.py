"""What was known on a date, for reports held in memory: per (project, period) the latest version
with `reported_on` on or before the date, ties going to the one entered last. The store answers the
same question in SQL (`store.project_reports`); the two are tested against each other."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from planwatch.project_model import ProjectReport


def known_on(reports: Iterable[ProjectReport], as_of: date) -> list[ProjectReport]:
    """The latest version of each (project, period) known on `as_of`, by project then period."""
    latest: dict[tuple[str, str], ProjectReport] = {}
    for report in reports:
        if report.reported_on > as_of:
            continue
        key = (report.project_key, report.period)
        kept = latest.get(key)
        if kept is None or _version(report) > _version(kept):
            latest[key] = report
    return [latest[k] for k in sorted(latest)]


def _version(report: ProjectReport) -> tuple[date, int]:
    return report.reported_on, report.id if report.id is not None else -1
