"""Full-text search over a plan's lines, targets, projects and indicators, on SQLite and PostgreSQL.

Indexing (inside the ingest transaction, one executemany per table): one `search_entries` row per
non-blank source line, target quote, project and indicator (see schema.py) — except a line whose text
lies inside a project's or indicator's text: it is found as that entry. On SQLite also one row of the
FTS5 index `search_fts` per entry (migration 0003 explains its one-token-per-character design).

Searching: the query is split on whitespace into terms that must all occur, as substrings of the
entry's key (full-/half-width- and case-insensitive; see search_rank). Every term is bound as a
parameter and matched literally: quotes, %, _, *, AND/OR/NEAR have no meaning.
- SQLite, one plan: instr() over that plan's keys (a thousand-odd rows, ~2 ms).
- SQLite, all plans: each term as a quoted FTS5 phrase of its characters (any length, 1 char too),
  joined to the content table by rowid — never LIKE on the FTS table.
- PostgreSQL: key LIKE '%term%' (escaped); the pg_trgm GIN index serves terms of ≥ 3 characters,
  shorter ones scan (fine in one plan; ~0.1 s over 200 plans).
The database orders all matches by the ranking rule (search_rank), with the same expressions on both,
so the order is exact and the same; Python re-checks the best, highlights and cuts snippets. A line
also quoted by a matching target is shown once, as the target.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, literal_column, select, table
from sqlalchemy.engine import Connection, RowMapping

from planwatch.model import CellKind, ParsedPlan, SectionKind
from planwatch.store.schema import (
    document_lines,
    indicator_cells,
    indicators,
    plan_versions,
    projects,
    search_entries,
    sections,
    targets,
)
from planwatch.store.search_rank import (
    HEADING_WEIGHT,
    NAME_WEIGHT,
    TARGET_WEIGHT,
    TEXT_WEIGHT,
    find_spans,
    fold,
    fold_many,
    fts_phrase,
    grams_many,
    query_terms,
    rank,
    score,
    snippet,
)

_RANK = ("tier", "occurrences")
_HEADING_WEIGHTS = {
    SectionKind.CHAPTER.value: HEADING_WEIGHT,
    SectionKind.SECTION.value: HEADING_WEIGHT,
    SectionKind.SUBSECTION.value: HEADING_WEIGHT,
    SectionKind.BOX.value: HEADING_WEIGHT,
    SectionKind.ITEM.value: NAME_WEIGHT,
}


@dataclass(frozen=True, slots=True)
class SearchHit:
    version_id: int
    kind: str  # "text" | "target" | "project" | "indicator"
    ref_id: str | None  # target/project/indicator id; None for a plain line
    line: int
    text: str  # the whole entry text (a line, a target quote, a project's text)
    spans: tuple[tuple[int, int], ...]  # where the query terms occur in `text`
    snippet: str  # a window of `text` around the first match
    snippet_spans: tuple[tuple[int, int], ...]  # the matches within `snippet`
    score: float


# ---- indexing ------------------------------------------------------------------------------------

Heading = tuple[str, str, int]  # kind, title, line
IndicatorRow = tuple[str, str, int, Sequence[tuple[str, int, str]]]  # id, name, line, cells (raw, line, kind)
TargetRow = tuple[str, str, int]  # id, quote, line
ProjectRow = tuple[str, str, str, int, int]  # id, name, text, line, last_line
Entry = tuple[str, str | None, int, int, int, str, int]  # kind ref_id line last_line weight text title_len
Row = tuple[int, int, str, str | None, int, int, int, int, int, str | None, str]  # as _COLUMNS
_COLUMNS = (
    "version_id", "seq", "kind", "ref_id", "line", "last_line", "weight", "title_len", "size", "text", "key"
)  # fmt: skip


def index_plan(connection: Connection, version_id: int, parsed: ParsedPlan, lines: Sequence[str]) -> None:
    """Add a plan's searchable entries; runs inside the ingest transaction."""
    rows = _entries(
        version_id,
        lines,
        ((s.kind.value, s.title, s.line) for s in parsed.sections),
        ((i.id, i.name, i.line, [(c.raw, c.line, c.kind.value) for c in i.cells]) for i in parsed.indicators),
        ((t.id, t.quote, t.line) for t in parsed.targets),
        ((p.id, p.name, p.text, p.line, p.last_line) for p in parsed.projects),
    )
    _insert(connection, rows)


def reindex(connection: Connection, version_id: int | None = None) -> None:
    """Rebuild the entries of one plan (or of all plans) from the stored tables."""
    _remove(connection, version_id)
    query = select(plan_versions.c.id).order_by(plan_versions.c.id)
    if version_id is not None:
        query = query.where(plan_versions.c.id == version_id)
    for pid in connection.execute(query).scalars().all():
        _insert(connection, _stored_entries(connection, pid))


def _entries(
    version_id: int,
    lines: Sequence[str],
    headings: Iterable[Heading],
    indicator_rows: Iterable[IndicatorRow],
    target_rows: Iterable[TargetRow],
    project_rows: Iterable[ProjectRow],
) -> list[Row]:
    titles: dict[int, tuple[int, str]] = {}
    for kind, title, line in headings:
        weight = _HEADING_WEIGHTS.get(kind, TEXT_WEIGHT)
        if weight > titles.get(line, (0, ""))[0]:
            titles[line] = (weight, title)
    parts: list[Entry] = []
    for ref_id, quote, line in target_rows:
        if quote.strip():
            parts.append(("target", ref_id, line, line, TARGET_WEIGHT, quote, len(quote)))
    for ref_id, name, text, line, last in project_rows:
        at = text.find(name) if name else -1
        if at < 0 and name:
            text, at = f"{name}：{text}", 0
        if text.strip():
            name_end = at + len(name) if at >= 0 else 0
            parts.append(("project", ref_id, line, max(line, last), NAME_WEIGHT, text, name_end))
    for ref_id, name, line, cells in indicator_rows:
        head = next((raw for raw, _, _ in cells if name and name in raw), name)
        values = [raw.strip() for raw, _, kind in cells if raw.strip() and kind != CellKind.LABEL.value]
        text = f"{head}：{'；'.join(values)}" if values else head
        last = max([line, *(cell_line for _, cell_line, _ in cells)])
        if text.strip():
            parts.append(("indicator", ref_id, line, last, NAME_WEIGHT, text, len(head)))
    covering: dict[int, list[str]] = {}
    for _, _, line, last, _, text, _ in parts:
        for number in range(line, last + 1):
            covering.setdefault(number, []).append(text)
    entries: list[Entry] = []
    for number, raw in enumerate(lines, 1):
        text = raw.strip()
        # A line inside a project's or indicator's text is found as that entry, never on its own.
        if text and not any(text in other for other in covering.get(number, ())):
            weight, title = titles.get(number, (TEXT_WEIGHT, ""))
            at = text.find(title) if title else -1
            entries.append(("text", None, number, number, weight, text, at + len(title) if at >= 0 else 0))
    entries += parts
    keys = fold_many([entry[5] for entry in entries])
    rows: list[Row] = []
    for seq, (entry, key) in enumerate(zip(entries, keys, strict=True)):
        kind, ref, first, last_line, weight_, text_, title_len = entry
        stored = None if kind == "text" else text_  # a line's text is in document_lines
        rows.append((version_id, seq, kind, ref, first, last_line, weight_, title_len, len(key), stored, key))
    return rows


def _stored_entries(connection: Connection, version_id: int) -> list[Row]:
    lines = connection.execute(
        select(document_lines.c.raw)
        .where(document_lines.c.version_id == version_id)
        .order_by(document_lines.c.line_no)
    ).scalars()
    headings = connection.execute(
        select(sections.c.kind, sections.c.title, sections.c.line).where(sections.c.version_id == version_id)
    )
    cells: dict[str, list[tuple[str, int, str]]] = {}
    for cell in connection.execute(
        select(
            indicator_cells.c.indicator_id,
            indicator_cells.c.raw,
            indicator_cells.c.line,
            indicator_cells.c.kind,
        )
        .where(indicator_cells.c.version_id == version_id)
        .order_by(indicator_cells.c.indicator_id, indicator_cells.c.col)
    ):
        cells.setdefault(cell.indicator_id, []).append((cell.raw, cell.line, cell.kind))
    indicator_rows = connection.execute(
        select(indicators.c.id, indicators.c.name, indicators.c.line)
        .where(indicators.c.version_id == version_id)
        .order_by(indicators.c.position)
    )
    target_rows = connection.execute(
        select(targets.c.id, targets.c.quote, targets.c.line)
        .where(targets.c.version_id == version_id, targets.c.role == "target")
        .order_by(targets.c.position)
    )
    project_rows = connection.execute(
        select(projects.c.id, projects.c.name, projects.c.text, projects.c.line, projects.c.last_line)
        .where(projects.c.version_id == version_id)
        .order_by(projects.c.position)
    )
    return _entries(
        version_id,
        list(lines),
        [(h.kind, h.title, h.line) for h in headings],
        [(r.id, r.name, r.line, cells.get(r.id, [])) for r in indicator_rows],
        [(r.id, r.quote, r.line) for r in target_rows],
        [(r.id, r.name, r.text, r.line, r.last_line) for r in project_rows],
    )


def _insert(connection: Connection, rows: list[Row]) -> None:
    if not rows:
        return
    if connection.dialect.name != "sqlite":
        connection.execute(search_entries.insert(), [dict(zip(_COLUMNS, row, strict=True)) for row in rows])
        return
    # Ids past any ever used (AUTOINCREMENT's record), chosen here so the index rows need no read-back;
    # never reused, so index rows a deleted plan left behind match no entry.
    last = connection.exec_driver_sql(
        "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'search_entries'), 0)"
    ).scalar_one()
    ids = range(int(last) + 1, int(last) + 1 + len(rows))
    # The driver's executemany: SQLAlchemy's per-row parameter handling would double the cost.
    connection.exec_driver_sql(
        f"INSERT INTO search_entries (id, {', '.join(_COLUMNS)}) VALUES (?{', ?' * len(_COLUMNS)})",
        [(i, *row) for i, row in zip(ids, rows, strict=True)],
    )
    connection.exec_driver_sql(
        "INSERT INTO search_fts(rowid, grams) VALUES (?, ?)",
        list(zip(ids, grams_many([row[-1] for row in rows]), strict=True)),
    )


def _remove(connection: Connection, version_id: int | None) -> None:
    if connection.dialect.name == "sqlite":
        if version_id is None:  # also drops the index rows of plans deleted since
            connection.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
        else:
            old = connection.execute(
                select(search_entries.c.id, search_entries.c.key)
                .where(search_entries.c.version_id == version_id)
                .order_by(search_entries.c.id)
            ).all()
            if old:
                removed = grams_many([key for _, key in old])
                connection.exec_driver_sql(
                    "INSERT INTO search_fts(search_fts, rowid, grams) VALUES ('delete', ?, ?)",
                    [(entry_id, gram) for (entry_id, _), gram in zip(old, removed, strict=True)],
                )
    delete = search_entries.delete()
    if version_id is not None:
        delete = delete.where(search_entries.c.version_id == version_id)
    connection.execute(delete)


# ---- searching -----------------------------------------------------------------------------------


def search(
    connection: Connection, query: str, version_id: int | None = None, limit: int = 20
) -> list[SearchHit]:
    """The best `limit` hits for `query` in plan `version_id` (all plans when None), best first."""
    terms = query_terms(query)
    if not terms or limit <= 0:
        return []
    window = 3 * limit + 20  # room for lines shown as the target that quotes them
    while True:
        rows = (
            connection.execute(_statement(connection.dialect.name, terms, version_id, window))
            .mappings()
            .all()
        )
        hits = _hits(rows, terms, limit)
        if len(hits) == limit or len(rows) < window:
            return hits
        window *= 4


def _statement(dialect: str, terms: Sequence[str], version_id: int | None, window: int) -> Select[Any]:
    e, d = search_entries, document_lines
    tier, occurrences = (c.label(name) for c, name in zip(_rank_columns(dialect, terms), _RANK, strict=True))
    order = (e.c.size, e.c.line, e.c.version_id, e.c.seq)
    # The database orders every match by the ranking rule; only the best ids leave it, then their rows.
    best = (
        select(e.c.id, tier, occurrences)
        .where(*_conditions(dialect, terms, version_id))
        .order_by(tier.desc(), occurrences.desc(), *order)
        .limit(window)
        .subquery()
    )
    return (
        select(
            e.c.version_id,
            e.c.kind,
            e.c.ref_id,
            e.c.line,
            e.c.last_line,
            e.c.weight,
            e.c.title_len,
            e.c.text,
            e.c.key,
            d.c.raw.label("line_raw"),
            best.c.tier,
            best.c.occurrences,
        )
        .select_from(
            e.join(best, best.c.id == e.c.id).outerjoin(
                d, (d.c.version_id == e.c.version_id) & (d.c.line_no == e.c.line) & e.c.text.is_(None)
            )
        )
        .order_by(best.c.tier.desc(), best.c.occurrences.desc(), *order)
    )


def _rank_columns(dialect: str, terms: Sequence[str]) -> tuple[ColumnElement[int], ColumnElement[int]]:
    """The ranking rule's tier and occurrence count (search_rank.rank) as SQL, the same on both."""
    e = search_entries
    position = func.instr if dialect == "sqlite" else func.strpos
    # A term is in the title (a prefix of the key) when its first occurrence ends inside it.
    about = and_(
        e.c.title_len > 0, *(position(e.c.key, t).between(1, e.c.title_len - len(t) + 1) for t in terms)
    )
    tier = case((about, e.c.weight), else_=literal(TEXT_WEIGHT))
    counts = [(e.c.size - func.length(func.replace(e.c.key, t, ""))) // len(t) for t in terms]
    return tier, reduce(operator.add, counts)


def _conditions(dialect: str, terms: Sequence[str], version_id: int | None) -> list[ColumnElement[bool]]:
    key = search_entries.c.key
    conditions: list[ColumnElement[bool]] = []
    if version_id is not None:
        conditions.append(search_entries.c.version_id == version_id)
    if dialect != "sqlite":
        return conditions + [key.like(f"%{_escape_like(term)}%", escape="\\") for term in terms]
    phrases = {term: phrase for term in terms if version_id is None and (phrase := fts_phrase(term))}
    if phrases:  # all plans: the index finds the entries (_hits checks each exactly)
        matching: Select[tuple[Any]] = (
            select(literal_column("rowid"))
            .select_from(table("search_fts"))
            .where(literal_column("search_fts").op("MATCH")(" AND ".join(phrases.values())))
        )
        conditions.append(search_entries.c.id.in_(matching))
    return conditions + [func.instr(key, term) > 0 for term in terms if term not in phrases]


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _hits(rows: Sequence[RowMapping], terms: Sequence[str], limit: int) -> list[SearchHit]:
    covered = {  # (plan, line) shown as a target, project or indicator
        (row["version_id"], n)
        for row in rows
        if row["kind"] != "text"
        for n in range(row["line"], row["last_line"] + 1)
    }
    hits: list[SearchHit] = []
    for row in rows:
        if row["kind"] == "text" and (row["version_id"], row["line"]) in covered:
            continue
        text = row["text"] if row["text"] is not None else (row["line_raw"] or "").strip()
        key = row["key"] if len(row["key"]) == len(text) else fold(text)
        if rank(key, terms, row["weight"], row["title_len"]) != (row["tier"], row["occurrences"]):
            continue  # a stored key out of step with its text: never from our writes
        spans = find_spans(key, terms)
        cut = snippet(text, spans)
        hits.append(
            SearchHit(
                version_id=row["version_id"],
                kind=row["kind"],
                ref_id=row["ref_id"],
                line=row["line"],
                text=text,
                spans=tuple(spans),
                snippet=cut.text,
                snippet_spans=cut.spans,
                score=score(row["tier"], row["occurrences"]),
            )
        )
        if len(hits) == limit:
            break
    return hits
