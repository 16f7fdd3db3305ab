"""Store(url): save and read plans. Returns model objects, never cursors.

Every write is one transaction: a plan lands whole or not at all. The same file
(same sha256) ingested again changes nothing; a changed file with the same title
becomes the next version of that plan.
"""

from __future__ import annotations

import random
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from planwatch import config
from planwatch.document.text import normalise, strip_spaces
from planwatch.errors import NotFoundError, StoreError
from planwatch.model import (
    Attribute,
    Cell,
    CellKind,
    Growth,
    Indicator,
    ParsedPlan,
    Plan,
    Problem,
    Project,
    ScheduleEntry,
    Section,
    SectionKind,
    Source,
    Target,
    TargetKind,
    ValueRef,
)
from planwatch.store import migrate, search
from planwatch.store.bulk import insert_rows
from planwatch.store.schema import (
    document_lines,
    indicator_cells,
    indicators,
    plans,
    problems,
    project_schedule,
    projects,
    sections,
    targets,
)

_RACE_RETRIES = 10
_MAX_ID = 2**31 - 1  # plans.id is a 32-bit INTEGER on PostgreSQL
_LOADED_PLANS = 32


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


class Store:
    def __init__(self, url: str | None = None) -> None:
        self.url = url or config.database_url()
        self.engine = _engine(self.url)
        self._loaded: OrderedDict[int, ParsedPlan] = OrderedDict()
        try:
            with self.engine.begin() as connection:
                migrate.upgrade(connection)
        except SQLAlchemyError as error:
            raise StoreError(
                f"无法打开数据库（{_safe_url(self.url)}）：{error.__class__.__name__}"
            ) from error

    def close(self) -> None:
        self.engine.dispose()

    # ---- writing -------------------------------------------------------------

    def ingest(self, parsed: ParsedPlan, lines: Sequence[str]) -> IngestResult:
        """Save a parsed plan and its source lines in one transaction.

        Parallel ingests may race for the same file or the same next version number; the loser's
        transaction rolls back on the unique constraint and is simply tried again.
        """
        for attempt in range(_RACE_RETRIES):
            try:
                return self._ingest_once(parsed, lines)
            except IntegrityError:
                if attempt == _RACE_RETRIES - 1:
                    raise
                time.sleep(random.uniform(0, 0.02))  # let the winner commit, then read the new state
        raise AssertionError("unreachable")

    def _ingest_once(self, parsed: ParsedPlan, lines: Sequence[str]) -> IngestResult:
        source = parsed.plan.source
        with self.engine.begin() as connection:
            existing = connection.execute(
                select(plans.c.id, plans.c.version).where(plans.c.sha256 == source.sha256)
            ).first()
            if existing is not None:
                return IngestResult(existing.id, existing.version, created=False)
            key = plan_key(parsed.plan.title)
            version = (
                connection.execute(select(func.max(plans.c.version)).where(plans.c.plan_key == key)).scalar()
                or 0
            ) + 1
            plan_id = self._insert_plan(connection, parsed.plan, key, version)
            _insert_children(connection, plan_id, parsed, lines)
            search.index_plan(connection, plan_id, parsed, lines)
        return IngestResult(plan_id, version, created=True)

    def _insert_plan(self, connection: Connection, plan: Plan, key: str, version: int) -> int:
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

    # ---- reading -------------------------------------------------------------

    def plans(self) -> list[PlanSummary]:
        counts = (
            select(indicators.c.plan_id, func.count().label("n")).group_by(indicators.c.plan_id).subquery()
        )
        query = (
            select(plans, func.coalesce(counts.c.n, 0).label("indicator_count"))
            .outerjoin(counts, counts.c.plan_id == plans.c.id)
            .order_by(plans.c.id)
        )
        with self.engine.connect() as connection:
            return [_summary(row) for row in connection.execute(query).mappings()]

    def resolve(self, reference: str) -> int:
        """A plan id from `reference`: a numeric id, or (part of) a title — its latest version."""
        text = reference.strip()
        with self.engine.connect() as connection:
            if text.isdecimal():  # 12 or １２, not ² or ⑴ (digits to isdigit(), not to int())
                number = int(text)  # beyond a database integer no plan has it: not found, not an overflow
                query = select(plans.c.id).where(plans.c.id == number)
                plan_id = connection.execute(query).scalar() if number <= _MAX_ID else None
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

    def load(self, plan_id: int) -> ParsedPlan:
        """The stored plan. A stored version never changes (a changed file is a new plan id), so
        the last few loaded are kept: the web app reads the same plan on every request."""
        cached = self._loaded.get(plan_id)
        if cached is not None:
            self._loaded.move_to_end(plan_id)
            return cached
        parsed = self._load(plan_id)
        self._loaded[plan_id] = parsed
        if len(self._loaded) > _LOADED_PLANS:
            self._loaded.popitem(last=False)
        return parsed

    def _load(self, plan_id: int) -> ParsedPlan:
        with self.engine.connect() as connection:
            row = connection.execute(select(plans).where(plans.c.id == plan_id)).mappings().first()
            if row is None:
                raise NotFoundError(f"数据库中没有编号为 {plan_id} 的规划")
            section_rows = connection.execute(
                select(sections).where(sections.c.plan_id == plan_id).order_by(sections.c.position)
            ).mappings()
            loaded_sections = tuple(_section(r) for r in section_rows)
            cell_rows = connection.execute(
                select(indicator_cells)
                .where(indicator_cells.c.plan_id == plan_id)
                .order_by(indicator_cells.c.indicator_id, indicator_cells.c.col)
            ).mappings()
            cells_by_indicator: dict[str, list[Cell]] = {}
            for cell_row in cell_rows:
                cells_by_indicator.setdefault(cell_row["indicator_id"], []).append(_cell(cell_row))
            indicator_rows = connection.execute(
                select(indicators).where(indicators.c.plan_id == plan_id).order_by(indicators.c.position)
            ).mappings()
            loaded_indicators = tuple(
                _indicator(r, cells_by_indicator.get(r["id"], [])) for r in indicator_rows
            )
            problem_rows = connection.execute(
                select(problems).where(problems.c.plan_id == plan_id).order_by(problems.c.seq)
            ).mappings()
            loaded_problems = tuple(
                Problem(r["line"], r["field"], r["reason"], r["raw"]) for r in problem_rows
            )
            target_rows = list(
                connection.execute(
                    select(targets).where(targets.c.plan_id == plan_id).order_by(targets.c.position)
                ).mappings()
            )
            loaded_projects = _load_projects(connection, plan_id)
        return ParsedPlan(
            _plan(row),
            loaded_sections,
            loaded_indicators,
            loaded_problems,
            targets=tuple(_target(r) for r in target_rows if r["role"] == "target"),
            facts=tuple(_target(r) for r in target_rows if r["role"] == "fact"),
            projects=loaded_projects,
        )

    def search(self, query: str, plan_id: int | None = None, limit: int = 20) -> list[search.SearchHit]:
        """Ranked hits for `query` in one plan (or all plans), with highlight spans."""
        with self.engine.connect() as connection:
            return search.search(connection, query, plan_id=plan_id, limit=limit)

    def lines(self, plan_id: int) -> list[str]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(document_lines.c.raw)
                .where(document_lines.c.plan_id == plan_id)
                .order_by(document_lines.c.line_no)
            )
            return [r.raw for r in rows]


# ---- helpers -------------------------------------------------------------------


def _engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


def _insert_children(connection: Connection, plan_id: int, parsed: ParsedPlan, lines: Sequence[str]) -> None:
    _insert(
        connection,
        document_lines,
        ({"plan_id": plan_id, "line_no": n, "raw": raw} for n, raw in enumerate(lines, 1)),
    )
    _insert(
        connection,
        sections,
        (
            {
                "plan_id": plan_id,
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
        connection, indicators, (_indicator_row(plan_id, i, ind) for i, ind in enumerate(parsed.indicators))
    )
    _insert(
        connection,
        indicator_cells,
        (
            {
                "plan_id": plan_id,
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
            _target_row(plan_id, position, role, target)
            for position, (role, target) in enumerate(
                [("target", t) for t in parsed.targets] + [("fact", f) for f in parsed.facts]
            )
        ),
    )
    _insert(connection, projects, (_project_row(plan_id, i, p) for i, p in enumerate(parsed.projects)))
    _insert(
        connection,
        project_schedule,
        (
            {
                "plan_id": plan_id,
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
            {"plan_id": plan_id, "seq": i, "line": p.line, "field": p.field, "reason": p.reason, "raw": p.raw}
            for i, p in enumerate(parsed.problems)
        ),
    )


def _insert(connection: Connection, table: Any, rows: Iterable[dict[str, Any]]) -> None:
    insert_rows(connection, table, rows)


def _indicator_row(plan_id: int, position: int, ind: Indicator) -> dict[str, Any]:
    row: dict[str, Any] = {
        "plan_id": plan_id,
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


def _plan(row: RowMapping) -> Plan:
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


def _summary(row: RowMapping) -> PlanSummary:
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


def _section(row: RowMapping) -> Section:
    return Section(
        id=row["id"],
        kind=SectionKind(row["kind"]),
        number=row["number"],
        title=row["title"],
        line=row["line"],
        parent_id=row["parent_id"],
        ordinal=row["ordinal"],
    )


def _cell(row: RowMapping) -> Cell:
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


def _indicator(row: RowMapping, cells: list[Cell]) -> Indicator:
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


def _target_row(plan_id: int, position: int, role: str, target: Target) -> dict[str, Any]:
    row = {name: getattr(target, name) for name in _TARGET_FIELDS}
    return {**row, "plan_id": plan_id, "position": position, "role": role, "kind": target.kind.value}


def _target(row: RowMapping) -> Target:
    return Target(**{name: row[name] for name in _TARGET_FIELDS}, kind=TargetKind(row["kind"]))


def _project_row(plan_id: int, position: int, project: Project) -> dict[str, Any]:
    row = {name: getattr(project, name) for name in _PROJECT_FIELDS}
    return {**row, "plan_id": plan_id, "position": position}


def _load_projects(connection: Connection, plan_id: int) -> tuple[Project, ...]:
    schedule: dict[str, list[ScheduleEntry]] = {}
    for r in connection.execute(
        select(project_schedule)
        .where(project_schedule.c.plan_id == plan_id)
        .order_by(project_schedule.c.project_id, project_schedule.c.seq)
    ).mappings():
        entry = ScheduleEntry(r["year"], r["text"], r["line"], r["investment_wan_yuan"], r["investment_raw"])
        schedule.setdefault(r["project_id"], []).append(entry)
    rows = connection.execute(
        select(projects).where(projects.c.plan_id == plan_id).order_by(projects.c.position)
    ).mappings()
    return tuple(
        Project(**{name: r[name] for name in _PROJECT_FIELDS}, schedule=tuple(schedule.get(r["id"], [])))
        for r in rows
    )
