"""Versions: one document of a plan and everything read from it, saved and loaded.

Writes take the caller's connection, so a service stores a version, its item keys and its audit
entry in one transaction (`Store.transaction`). The same file (same sha256) ingested again changes
nothing; a changed file with the same title becomes the next version of that plan.

A version is loaded with its items named by their stable keys (`version_items`), not by the
positions the parser gave them: everything downstream (figures, assignments, pages) sees keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection, RowMapping

from planwatch.errors import NotFoundError
from planwatch.model import Cell, ParsedPlan, Plan, Problem
from planwatch.store import items, search
from planwatch.store.plan_rows import (
    cell_from_row,
    indicator_from_row,
    insert_children,
    load_projects,
    plan_from_row,
    section_from_row,
    target_from_row,
)
from planwatch.store.schema import (
    document_lines,
    indicator_cells,
    indicators,
    plan_versions,
    problems,
    sections,
    targets,
)


@dataclass(frozen=True, slots=True)
class IngestResult:
    plan_id: int  # the plan (what is monitored)
    version_id: int  # this document of it
    version: int  # its number among the plan's versions: 1, 2, …
    created: bool  # False when the same file was already stored


@dataclass(frozen=True, slots=True)
class VersionSummary:
    id: int
    plan_id: int
    title: str
    region: str | None
    period_start: int | None
    period_end: int | None
    version: int
    stage: str | None
    source_path: str
    sha256: str
    line_count: int
    ingested_at: datetime
    indicator_count: int


def find_by_sha256(connection: Connection, sha256: str) -> IngestResult | None:
    v = plan_versions.c
    row = connection.execute(select(v.id, v.plan_id, v.version).where(v.sha256 == sha256)).first()
    return None if row is None else IngestResult(row.plan_id, row.id, row.version, created=False)


def insert_version(
    connection: Connection, plan_id: int | None, key: str, parsed: ParsedPlan, lines: Sequence[str]
) -> IngestResult:
    """Save a parsed document as the next version of plan `plan_id` (the caller's transaction); a
    plan's first version is stored before its plan exists (`plan_id` None, then `attach`), because
    the plan takes the first version's id."""
    v = plan_versions.c
    number = (connection.execute(select(func.max(v.version)).where(v.plan_key == key)).scalar() or 0) + 1
    version_id = _insert_version_row(connection, plan_id, parsed.plan, key, number)
    insert_children(connection, version_id, parsed, lines)
    search.index_plan(connection, version_id, parsed, lines)
    return IngestResult(plan_id if plan_id is not None else version_id, version_id, number, created=True)


def attach(connection: Connection, version_id: int, plan_id: int) -> None:
    connection.execute(update(plan_versions).where(plan_versions.c.id == version_id).values(plan_id=plan_id))


def latest_version_id(connection: Connection, plan_id: int, before: int | None = None) -> int | None:
    """The plan's newest version (older than version id `before`, when given)."""
    v = plan_versions.c
    query = select(func.max(v.id)).where(v.plan_id == plan_id)
    if before is not None:
        query = query.where(v.id < before)
    found = connection.execute(query).scalar()
    return None if found is None else int(found)


def _insert_version_row(
    connection: Connection, plan_id: int | None, plan: Plan, key: str, number: int
) -> int:
    result = connection.execute(
        plan_versions.insert().values(
            plan_id=plan_id,
            plan_key=key,
            version=number,
            title=plan.title,
            region=plan.region,
            period_start=plan.period_start,
            period_end=plan.period_end,
            stage=plan.stage,
            source_path=plan.source.path,
            source_format=plan.source.format,
            sha256=plan.source.sha256,
            line_count=plan.source.line_count,
            ingested_at=datetime.now(UTC),
        )
    )
    primary_key = result.inserted_primary_key
    assert primary_key is not None
    return int(primary_key[0])


def list_versions(connection: Connection, plan_id: int | None = None) -> list[VersionSummary]:
    """Every version (of one plan when `plan_id` is given), oldest first."""
    i, v = indicators.c, plan_versions.c
    counts = select(i.version_id, func.count().label("n")).group_by(i.version_id).subquery()
    query = (
        select(plan_versions, func.coalesce(counts.c.n, 0).label("indicator_count"))
        .outerjoin(counts, counts.c.version_id == v.id)
        .order_by(v.id)
    )
    if plan_id is not None:
        query = query.where(v.plan_id == plan_id)
    return [summary_from_row(row) for row in connection.execute(query).mappings()]


def version_id_of(connection: Connection, plan_id: int, number: int) -> int:
    """The id of version `number` (1, 2, …) of a plan."""
    v = plan_versions.c
    found = connection.execute(select(v.id).where(v.plan_id == plan_id, v.version == number)).scalar()
    if found is None:
        raise NotFoundError(f"规划 {plan_id} 没有第{number}版（用 planwatch versions {plan_id} 查看）")
    return int(found)


def plan_of_version(connection: Connection, version_id: int) -> int | None:
    found = connection.execute(
        select(plan_versions.c.plan_id).where(plan_versions.c.id == version_id)
    ).scalar()
    return None if found is None else int(found)


def load_version(connection: Connection, version_id: int) -> ParsedPlan:
    """The version as read, its indicators, targets and projects named by their stable keys."""
    row = connection.execute(select(plan_versions).where(plan_versions.c.id == version_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"数据库中没有编号为 {version_id} 的规划版本")
    section_rows = connection.execute(
        select(sections).where(sections.c.version_id == version_id).order_by(sections.c.position)
    ).mappings()
    cell_rows = connection.execute(
        select(indicator_cells)
        .where(indicator_cells.c.version_id == version_id)
        .order_by(indicator_cells.c.indicator_id, indicator_cells.c.col)
    ).mappings()
    cells_by_indicator: dict[str, list[Cell]] = {}
    for cell_row in cell_rows:
        cells_by_indicator.setdefault(cell_row["indicator_id"], []).append(cell_from_row(cell_row))
    indicator_rows = connection.execute(
        select(indicators).where(indicators.c.version_id == version_id).order_by(indicators.c.position)
    ).mappings()
    problem_rows = connection.execute(
        select(problems).where(problems.c.version_id == version_id).order_by(problems.c.seq)
    ).mappings()
    target_rows = list(
        connection.execute(
            select(targets).where(targets.c.version_id == version_id).order_by(targets.c.position)
        ).mappings()
    )
    keys = items.keys_of_version(connection, version_id)
    parsed = ParsedPlan(
        plan_from_row(row),
        tuple(section_from_row(r) for r in section_rows),
        tuple(indicator_from_row(r, cells_by_indicator.get(r["id"], [])) for r in indicator_rows),
        tuple(Problem(r["line"], r["field"], r["reason"], r["raw"]) for r in problem_rows),
        targets=tuple(target_from_row(r) for r in target_rows if r["role"] == "target"),
        facts=tuple(target_from_row(r) for r in target_rows if r["role"] == "fact"),
        projects=load_projects(connection, version_id),
    )
    return keyed(parsed, keys)


def keyed(parsed: ParsedPlan, keys: dict[tuple[str, str], str]) -> ParsedPlan:
    """`parsed` with each indicator, target and project renamed (kind, local id) → its stable key."""

    def key(kind: str, local: str) -> str:
        return keys.get((kind, local), local)

    return replace(
        parsed,
        indicators=tuple(replace(i, id=key("indicator", i.id)) for i in parsed.indicators),
        targets=tuple(replace(t, id=key("target", t.id)) for t in parsed.targets),
        projects=tuple(replace(p, id=key("project", p.id)) for p in parsed.projects),
    )


def version_lines(connection: Connection, version_id: int) -> list[str]:
    rows = connection.execute(
        select(document_lines.c.raw)
        .where(document_lines.c.version_id == version_id)
        .order_by(document_lines.c.line_no)
    )
    return [r.raw for r in rows]


def summary_from_row(row: RowMapping) -> VersionSummary:
    return VersionSummary(
        id=row["id"],
        plan_id=row["plan_id"],
        title=row["title"],
        region=row["region"],
        period_start=row["period_start"],
        period_end=row["period_end"],
        version=row["version"],
        stage=row["stage"],
        source_path=row["source_path"],
        sha256=row["sha256"],
        line_count=row["line_count"],
        ingested_at=row["ingested_at"],
        indicator_count=row["indicator_count"],
    )
