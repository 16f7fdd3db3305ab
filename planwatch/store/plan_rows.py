"""Rows of the plan tables ↔ model objects: what `store.plans` writes and reads back, field by field."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, RowMapping

from planwatch.model import (
    Attribute,
    Cell,
    CellKind,
    Growth,
    Indicator,
    ParsedPlan,
    Plan,
    Project,
    ScheduleEntry,
    Section,
    SectionKind,
    Source,
    Target,
    TargetKind,
    ValueRef,
)
from planwatch.store.bulk import insert_rows
from planwatch.store.schema import (
    document_lines,
    indicator_cells,
    indicators,
    problems,
    project_schedule,
    projects,
    sections,
    targets,
)


def insert_children(
    connection: Connection, version_id: int, parsed: ParsedPlan, lines: Sequence[str]
) -> None:
    _insert(
        connection,
        document_lines,
        ({"version_id": version_id, "line_no": n, "raw": raw} for n, raw in enumerate(lines, 1)),
    )
    _insert(
        connection,
        sections,
        (
            {
                "version_id": version_id,
                "id": s.id,
                "position": i,
                "kind": s.kind.value,
                "number": s.number,
                "title": s.title,
                "line": s.line,
                "parent_id": s.parent_id,
                "ordinal": s.ordinal,
            }
            for i, s in enumerate(parsed.sections)
        ),
    )
    _insert(
        connection,
        indicators,
        (_indicator_row(version_id, i, ind) for i, ind in enumerate(parsed.indicators)),
    )
    _insert(
        connection,
        indicator_cells,
        (
            {
                "version_id": version_id,
                "indicator_id": ind.id,
                "col": col,
                "header": c.header,
                "raw": c.raw,
                "line": c.line,
                "kind": c.kind.value,
                "value": c.value,
                "year": c.year,
                "qualifier": c.qualifier,
                "parts": ":".join(str(p) for p in c.parts) or None,
            }
            for ind in parsed.indicators
            for col, c in enumerate(ind.cells)
        ),
    )
    _insert(
        connection,
        targets,
        (
            _target_row(version_id, position, role, target)
            for position, (role, target) in enumerate(
                [("target", t) for t in parsed.targets] + [("fact", f) for f in parsed.facts]
            )
        ),
    )
    _insert(connection, projects, (_project_row(version_id, i, p) for i, p in enumerate(parsed.projects)))
    _insert(
        connection,
        project_schedule,
        (
            {
                "version_id": version_id,
                "project_id": p.id,
                "seq": seq,
                "year": e.year,
                "text": e.text,
                "line": e.line,
                "investment_wan_yuan": e.investment_wan_yuan,
                "investment_raw": e.investment_raw,
            }
            for p in parsed.projects
            for seq, e in enumerate(p.schedule)
        ),
    )
    _insert(
        connection,
        problems,
        (
            {
                "version_id": version_id,
                "seq": i,
                "line": p.line,
                "field": p.field,
                "reason": p.reason,
                "raw": p.raw,
            }
            for i, p in enumerate(parsed.problems)
        ),
    )


def _insert(connection: Connection, table: Any, rows: Iterable[dict[str, Any]]) -> None:
    insert_rows(connection, table, rows)


def _indicator_row(version_id: int, position: int, ind: Indicator) -> dict[str, Any]:
    row: dict[str, Any] = {
        "version_id": version_id,
        "id": ind.id,
        "position": position,
        "box": ind.box,
        "table_title": ind.table_title,
        "category": ind.category,
        "name": ind.name,
        "unit": ind.unit,
        "attribute": ind.attribute.value if ind.attribute else None,
        "line": ind.line,
        "section_id": ind.section_id,
    }
    for prefix, ref in (("base", ind.base), ("target", ind.target)):
        row.update(
            {
                f"{prefix}_year": ref.year if ref else None,
                f"{prefix}_value": ref.value if ref else None,
                f"{prefix}_raw": ref.raw if ref else None,
                f"{prefix}_kind": ref.kind.value if ref else None,
                f"{prefix}_line": ref.line if ref else None,
            }
        )
    growth = ind.growth
    row.update(
        {
            "growth_raw": growth.raw if growth else None,
            "growth_value": growth.value if growth else None,
            "growth_kind": growth.kind.value if growth else None,
            "growth_line": growth.line if growth else None,
        }
    )
    return row


def plan_from_row(row: RowMapping) -> Plan:
    return Plan(
        id=str(row["id"]),
        title=row["title"],
        region=row["region"],
        period_start=row["period_start"],
        period_end=row["period_end"],
        source=Source(row["source_path"], row["sha256"], row["line_count"], row["source_format"]),
        stage=row["stage"],
        version=row["version"],
    )


def section_from_row(row: RowMapping) -> Section:
    return Section(
        id=row["id"],
        kind=SectionKind(row["kind"]),
        number=row["number"],
        title=row["title"],
        line=row["line"],
        parent_id=row["parent_id"],
        ordinal=row["ordinal"],
    )


def cell_from_row(row: RowMapping) -> Cell:
    parts = tuple(Decimal(p) for p in row["parts"].split(":")) if row["parts"] else ()
    return Cell(
        header=row["header"],
        raw=row["raw"],
        line=row["line"],
        kind=CellKind(row["kind"]),
        value=row["value"],
        year=row["year"],
        qualifier=row["qualifier"],
        parts=parts,
    )


def _value_ref(row: RowMapping, prefix: str) -> ValueRef | None:
    if row[f"{prefix}_kind"] is None:
        return None
    return ValueRef(
        year=row[f"{prefix}_year"],
        value=row[f"{prefix}_value"],
        raw=row[f"{prefix}_raw"],
        kind=CellKind(row[f"{prefix}_kind"]),
        line=row[f"{prefix}_line"],
    )


def indicator_from_row(row: RowMapping, cells: list[Cell]) -> Indicator:
    growth = (
        Growth(row["growth_raw"], row["growth_value"], CellKind(row["growth_kind"]), row["growth_line"])
        if row["growth_kind"] is not None
        else None
    )
    return Indicator(
        id=row["id"],
        box=row["box"],
        table_title=row["table_title"],
        category=row["category"],
        name=row["name"],
        unit=row["unit"],
        attribute=Attribute(row["attribute"]) if row["attribute"] else None,
        line=row["line"],
        cells=tuple(cells),
        base=_value_ref(row, "base"),
        target=_value_ref(row, "target"),
        growth=growth,
        section_id=row["section_id"],
    )


_TARGET_FIELDS = (
    "id", "subject", "value", "value_min", "value_max", "value_raw", "unit", "qualifier",
    "year", "year_implied", "direction", "line", "quote", "section_id",
)  # fmt: skip
_PROJECT_FIELDS = (
    "id", "box", "box_title", "number", "name", "owner", "investment_raw", "investment_wan_yuan",
    "investment_qualifier", "land_mu", "land_raw", "capacity_raw", "line", "last_line", "text", "section_id",
)  # fmt: skip


def _target_row(version_id: int, position: int, role: str, target: Target) -> dict[str, Any]:
    row = {name: getattr(target, name) for name in _TARGET_FIELDS}
    return {**row, "version_id": version_id, "position": position, "role": role, "kind": target.kind.value}


def target_from_row(row: RowMapping) -> Target:
    return Target(**{name: row[name] for name in _TARGET_FIELDS}, kind=TargetKind(row["kind"]))


def _project_row(version_id: int, position: int, project: Project) -> dict[str, Any]:
    row = {name: getattr(project, name) for name in _PROJECT_FIELDS}
    return {**row, "version_id": version_id, "position": position}


def load_projects(connection: Connection, version_id: int) -> tuple[Project, ...]:
    schedule: dict[str, list[ScheduleEntry]] = {}
    for r in connection.execute(
        select(project_schedule)
        .where(project_schedule.c.version_id == version_id)
        .order_by(project_schedule.c.project_id, project_schedule.c.seq)
    ).mappings():
        entry = ScheduleEntry(r["year"], r["text"], r["line"], r["investment_wan_yuan"], r["investment_raw"])
        schedule.setdefault(r["project_id"], []).append(entry)
    rows = connection.execute(
        select(projects).where(projects.c.version_id == version_id).order_by(projects.c.position)
    ).mappings()
    return tuple(
        Project(**{name: r[name] for name in _PROJECT_FIELDS}, schedule=tuple(schedule.get(r["id"], [])))
        for r in rows
    )
