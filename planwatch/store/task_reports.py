"""进展 reports on tasks, their review, their evidence files, and reminders (催办)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, case, distinct, func, insert, or_, select
from sqlalchemy.engine import Connection

from planwatch.store.audit import utc
from planwatch.store.schema import task_evidence, task_reminders, task_reports, task_reviews
from planwatch.tasking.model import Degree, Evidence, Report, Review
from planwatch.tasking.status import PASS, RETURN, Filed, Received

REPORT_FIELDS = ("progress", "degree", "problems", "next_steps")


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    info: Evidence
    plan_id: int
    task_key: str
    content: bytes


def add_report(
    connection: Connection,
    plan_id: int,
    task_key: str,
    period: str,
    unit: str,
    fields: dict[str, str],
    filed_by: str,
    filed_on: date,
) -> int:
    values = {
        "plan_id": plan_id,
        "task_key": task_key,
        "period": period,
        "unit": unit,
        **{name: fields[name] for name in REPORT_FIELDS},
        "filed_by": filed_by,
        "filed_on": filed_on,
        "filed_at": datetime.now(UTC),
    }
    added = connection.execute(insert(task_reports).values(**values)).inserted_primary_key
    assert added is not None
    return int(added[0])


def add_evidence(
    connection: Connection, report_id: int, file_name: str, media_type: str, content: bytes
) -> int:
    values = {
        "report_id": report_id,
        "file_name": file_name,
        "media_type": media_type,
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "content": content,
    }
    added = connection.execute(insert(task_evidence).values(**values)).inserted_primary_key
    assert added is not None
    return int(added[0])


def add_review(connection: Connection, report_id: int, decision: str, reason: str, by: str, on: date) -> None:
    connection.execute(
        insert(task_reviews).values(
            report_id=report_id,
            decision=decision,
            reason=reason,
            reviewed_by=by,
            reviewed_on=on,
            reviewed_at=datetime.now(UTC),
        )
    )


def add_reminder(
    connection: Connection, plan_id: int, task_key: str, period: str, unit: str, by: str, on: date
) -> None:
    connection.execute(
        insert(task_reminders).values(
            plan_id=plan_id,
            task_key=task_key,
            period=period,
            unit=unit,
            sent_by=by,
            sent_on=on,
            sent_at=datetime.now(UTC),
        )
    )


def report(connection: Connection, report_id: int) -> Report | None:
    found = reports_where(connection, task_reports.c.id == report_id)
    return found[0] if found else None


def reports_of(connection: Connection, plan_id: int, task_key: str | None = None) -> list[Report]:
    """The plan's reports (one task's when given), oldest first, with their reviews and evidence."""
    r = task_reports.c
    condition = (
        r.plan_id == plan_id if task_key is None else and_(r.plan_id == plan_id, r.task_key == task_key)
    )
    return reports_where(connection, condition)


def reports_where(connection: Connection, condition: Any) -> list[Report]:
    r, v = task_reports.c, task_reviews.c
    query = (
        select(task_reports, v.decision, v.reason, v.reviewed_by, v.reviewed_on, v.reviewed_at)
        .outerjoin(task_reviews, v.report_id == r.id)
        .where(condition)
        .order_by(r.filed_at, r.id)
    )
    rows = list(connection.execute(query))
    evidence = _evidence_of(connection, [row.id for row in rows])
    return [_report(row, tuple(evidence.get(row.id, ()))) for row in rows]


def filed_facts(connection: Connection, plan_id: int) -> dict[str, list[Filed]]:
    """task key → its reports as the status needs them."""
    r, v = task_reports.c, task_reviews.c
    query = (
        select(r.task_key, r.period, r.filed_on, r.degree, v.decision, v.reviewed_on)
        .outerjoin(task_reviews, v.report_id == r.id)
        .where(r.plan_id == plan_id)
    )
    found: dict[str, list[Filed]] = defaultdict(list)
    for row in connection.execute(query):
        found[row.task_key].append(
            Filed(row.period, row.filed_on, Degree(row.degree), row.decision, row.reviewed_on)
        )
    return found


def reminders_of(
    connection: Connection, plan_id: int | None = None
) -> dict[tuple[int, str], list[tuple[str, date]]]:
    """(plan id, task key) → [(period, the day a reminder was sent)]."""
    m = task_reminders.c
    query = select(m.plan_id, m.task_key, m.period, m.sent_on)
    if plan_id is not None:
        query = query.where(m.plan_id == plan_id)
    found: dict[tuple[int, str], list[tuple[str, date]]] = defaultdict(list)
    for row in connection.execute(query.order_by(m.id)):
        found[(row.plan_id, row.task_key)].append((row.period, row.sent_on))
    return found


def evidence_file(connection: Connection, evidence_id: int) -> EvidenceFile | None:
    e, r = task_evidence.c, task_reports.c
    row = connection.execute(
        select(task_evidence, r.plan_id, r.task_key)
        .join(task_reports, r.id == e.report_id)
        .where(e.id == evidence_id)
    ).first()
    if row is None:
        return None
    info = Evidence(row.id, row.file_name, row.media_type, row.size, row.sha256)
    return EvidenceFile(info, row.plan_id, row.task_key, bytes(row.content))


def count_reports(connection: Connection, plan_id: int | None = None) -> int:
    query = select(func.count()).select_from(task_reports)
    if plan_id is not None:
        query = query.where(task_reports.c.plan_id == plan_id)
    return int(connection.execute(query).scalar() or 0)


def _evidence_of(connection: Connection, report_ids: Iterable[int]) -> dict[int, list[Evidence]]:
    wanted = sorted(set(report_ids))
    found: dict[int, list[Evidence]] = defaultdict(list)
    if not wanted:
        return found
    e = task_evidence.c
    query = select(e.id, e.report_id, e.file_name, e.media_type, e.size, e.sha256).where(
        e.report_id.in_(wanted)
    )
    for row in connection.execute(query.order_by(e.id)):
        found[row.report_id].append(Evidence(row.id, row.file_name, row.media_type, row.size, row.sha256))
    return found


def _report(row: Any, evidence: tuple[Evidence, ...]) -> Report:
    review = None
    if row.decision is not None:
        review = Review(row.decision, row.reason, row.reviewed_by, row.reviewed_on, utc(row.reviewed_at))
    return Report(
        row.id,
        row.plan_id,
        row.task_key,
        row.period,
        row.unit,
        row.progress,
        Degree(row.degree),
        row.problems,
        row.next_steps,
        row.filed_by,
        row.filed_on,
        utc(row.filed_at),
        review,
        evidence,
    )


def received_by_task(
    connection: Connection, as_of: date, plan_ids: list[int] | None = None
) -> dict[tuple[int, str], Received]:
    """(plan id, task key) → its reports as known on `as_of`, reduced in the database (one row per
    task): what the status of every task of many plans needs, without reading every report."""
    r, v = task_reports.c, task_reviews.c
    known = v.reviewed_on <= as_of
    returned = and_(known, v.decision == RETURN)
    passed = and_(known, v.decision == PASS)
    done = and_(passed, r.degree == Degree.DONE.value)
    kept = case((returned, None), else_=r.period)
    if connection.dialect.name == "postgresql":
        periods = func.string_agg(distinct(kept), ",")
    else:
        periods = func.group_concat(distinct(kept))
    query = (
        select(
            r.plan_id,
            r.task_key,
            periods.label("periods"),
            func.min(case((done, v.reviewed_on))).label("done_on"),
            func.min(case((done, r.period))).label("done_period"),
            func.max(case((passed, r.period + "|" + r.degree))).label("latest"),
            func.sum(case((or_(v.report_id.is_(None), v.reviewed_on > as_of), 1), else_=0)).label("pending"),
        )
        .select_from(task_reports.outerjoin(task_reviews, v.report_id == r.id))
        .where(r.filed_on <= as_of)
        .group_by(r.plan_id, r.task_key)
    )
    if plan_ids is not None:
        query = query.where(r.plan_id.in_(plan_ids))
    found: dict[tuple[int, str], Received] = {}
    for row in connection.execute(query):
        latest = Degree(row.latest.split("|", 1)[1]) if row.latest else None
        kept_periods = frozenset(row.periods.split(",")) if row.periods else frozenset()
        found[(row.plan_id, row.task_key)] = Received(
            kept_periods, row.done_on, row.done_period, latest, int(row.pending or 0)
        )
    return found
