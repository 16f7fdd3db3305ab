"""Run the parse steps in order: Document → ParsedPlan."""

from __future__ import annotations

from planwatch.document.model import Document, Table
from planwatch.model import Indicator, ParsedPlan, Plan, Problem, Source
from planwatch.parse.indicators import parse_indicator_table
from planwatch.parse.meta import read_cover
from planwatch.parse.outline import Outline, parse_outline
from planwatch.parse.project_tables import table_projects
from planwatch.parse.projects import extract_projects
from planwatch.parse.tables import find_flattened_tables, table_title, with_notes
from planwatch.parse.targets import extract_targets


def all_tables(document: Document) -> tuple[Table, ...]:
    """Real tables from the reader plus tables rebuilt from flattened text, in line order."""
    real = tuple(with_notes(document, table) for table in document.tables)
    tables = real + find_flattened_tables(document)
    return tuple(sorted(tables, key=lambda t: t.first_line))


def parse_document(document: Document) -> ParsedPlan:
    cover = read_cover(document)
    tables = all_tables(document)
    outline = parse_outline(document, tables)
    indicators, problems = _indicators(document, tables, outline)
    projects = extract_projects(document, outline)
    in_tables, table_problems = table_projects(document, tables, outline, len(projects.projects) + 1)
    all_projects = (*projects.projects, *in_tables)
    project_lines = frozenset(n for p in all_projects for n in range(p.line, p.last_line + 1))
    period = (cover.period_start, cover.period_end)
    targets = extract_targets(document, outline, tables, period, project_lines)
    plan = Plan(
        id=None,
        title=cover.title,
        region=cover.region,
        period_start=cover.period_start,
        period_end=cover.period_end,
        source=Source(document.path, document.sha256, document.line_count, document.format),
        stage=cover.stage,
    )
    return ParsedPlan(
        plan=plan,
        sections=outline.sections,
        indicators=tuple(indicators),
        problems=(*_notices(document), *problems, *projects.problems, *table_problems, *targets.problems),
        targets=targets.targets,
        facts=targets.facts,
        projects=all_projects,
    )


def _notices(document: Document) -> tuple[Problem, ...]:
    """What the reader could not read (a skipped page, a table drawn incompletely), as problems."""
    return tuple(Problem(n.line, n.field, n.reason, n.raw) for n in document.notices)


def _indicators(
    document: Document, tables: tuple[Table, ...], outline: Outline
) -> tuple[list[Indicator], list[Problem]]:
    indicators: list[Indicator] = []
    problems: list[Problem] = []
    number = 0
    for table in tables:
        parsed = parse_indicator_table(
            table, table_title(document, table), number + 1, outline.section_at(table.first_line)
        )
        if parsed is None:
            continue
        number += 1
        indicators.extend(parsed[0])
        problems.extend(parsed[1])
    return indicators, problems
