"""The plans aggregate: a plan version's document and what was read from it, saved and loaded.

Writes take the caller's connection, so a service stores a plan and its audit entry in one
transaction (`Store.transaction`). The same file (same sha256) ingested again changes nothing;
a changed file with the same title becomes the next version of that plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, RowMapping

from planwatch.document.text import normalise, strip_spaces
from planwatch.errors import NotFoundError
from planwatch.model import (
    Cell,
    ParsedPlan,
    Plan,
    Problem,
)
from planwatch.store import search
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
    plans,
    problems,
    sections,
    targets,
)


@dataclass(frozen=True, slots=True)
class IngestResult:
    plan_id: int
    version: int
    created: bool  # False when the same file was already stored


@dataclass(frozen=True, slots=True)
class PlanSummary:
    id: int
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


def plan_key(title: str) -> str:
    """Versions of one plan share their title, whatever its spacing or full/half-width form."""
    return strip_spaces(normalise(title))[:200]


def insert_plan(connection: Connection, parsed: ParsedPlan, lines: Sequence[str]) -> IngestResult:
    """Save a parsed plan and its source lines on `connection` (the caller's transaction)."""
    source = parsed.plan.source
    existing = connection.execute(
        select(plans.c.id, plans.c.version).where(plans.c.sha256 == source.sha256)
    ).first()
    if existing is not None:
        return IngestResult(existing.id, existing.version, created=False)
    key = plan_key(parsed.plan.title)
    version = (
        connection.execute(select(func.max(plans.c.version)).where(plans.c.plan_key == key)).scalar() or 0
    ) + 1
    plan_id = _insert_plan_row(connection, parsed.plan, key, version)
    insert_children(connection, plan_id, parsed, lines)
    search.index_plan(connection, plan_id, parsed, lines)
    return IngestResult(plan_id, version, created=True)


def _insert_plan_row(connection: Connection, plan: Plan, key: str, version: int) -> int:
    result = connection.execute(
        plans.insert().values(
            plan_key=key,
            version=version,
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


def list_plans(connection: Connection) -> list[PlanSummary]:
    counts = select(indicators.c.plan_id, func.count().label("n")).group_by(indicators.c.plan_id).subquery()
    query = (
        select(plans, func.coalesce(counts.c.n, 0).label("indicator_count"))
        .outerjoin(counts, counts.c.plan_id == plans.c.id)
        .order_by(plans.c.id)
    )
    return [summary_from_row(row) for row in connection.execute(query).mappings()]


def resolve(connection: Connection, reference: str) -> int:
    """A plan id from `reference`: a numeric id, or (part of) a title — its latest version."""
    if reference.strip().isdigit():
        plan_id = connection.execute(select(plans.c.id).where(plans.c.id == int(reference))).scalar()
    else:
        needle = plan_key(reference)
        plan_id = connection.execute(
            select(plans.c.id)
            .where(plans.c.plan_key.contains(needle, autoescape=True))
            .order_by(plans.c.version.desc(), plans.c.id.desc())
            .limit(1)
        ).scalar()
    if plan_id is None:
        raise NotFoundError(f"数据库中没有规划“{reference}”（用 planwatch plans 查看已导入的规划）")
    return int(plan_id)


def load_plan(connection: Connection, plan_id: int) -> ParsedPlan:
    row = connection.execute(select(plans).where(plans.c.id == plan_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"数据库中没有编号为 {plan_id} 的规划")
    section_rows = connection.execute(
        select(sections).where(sections.c.plan_id == plan_id).order_by(sections.c.position)
    ).mappings()
    loaded_sections = tuple(section_from_row(r) for r in section_rows)
    cell_rows = connection.execute(
        select(indicator_cells)
        .where(indicator_cells.c.plan_id == plan_id)
        .order_by(indicator_cells.c.indicator_id, indicator_cells.c.col)
    ).mappings()
    cells_by_indicator: dict[str, list[Cell]] = {}
    for cell_row in cell_rows:
        cells_by_indicator.setdefault(cell_row["indicator_id"], []).append(cell_from_row(cell_row))
    indicator_rows = connection.execute(
        select(indicators).where(indicators.c.plan_id == plan_id).order_by(indicators.c.position)
    ).mappings()
    loaded_indicators = tuple(
        indicator_from_row(r, cells_by_indicator.get(r["id"], [])) for r in indicator_rows
    )
    problem_rows = connection.execute(
        select(problems).where(problems.c.plan_id == plan_id).order_by(problems.c.seq)
    ).mappings()
    loaded_problems = tuple(Problem(r["line"], r["field"], r["reason"], r["raw"]) for r in problem_rows)
    target_rows = list(
        connection.execute(
            select(targets).where(targets.c.plan_id == plan_id).order_by(targets.c.position)
        ).mappings()
    )
    return ParsedPlan(
        plan_from_row(row),
        loaded_sections,
        loaded_indicators,
        loaded_problems,
        targets=tuple(target_from_row(r) for r in target_rows if r["role"] == "target"),
        facts=tuple(target_from_row(r) for r in target_rows if r["role"] == "fact"),
        projects=load_projects(connection, plan_id),
    )


def plan_lines(connection: Connection, plan_id: int) -> list[str]:
    rows = connection.execute(
        select(document_lines.c.raw)
        .where(document_lines.c.plan_id == plan_id)
        .order_by(document_lines.c.line_no)
    )
    return [r.raw for r in rows]


def summary_from_row(row: RowMapping) -> PlanSummary:
    return PlanSummary(
        id=row["id"],
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
