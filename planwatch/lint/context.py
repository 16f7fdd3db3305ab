"""What every lint rule sees: the document's lines, the parsed plan, the settings."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from planwatch.document.model import Document, Line, Table
from planwatch.model import Finding, FindingKind, ParsedPlan, Section, SectionKind, Severity


@dataclass(frozen=True, slots=True)
class LintSettings:
    growth_tolerance: Decimal = Decimal("0.02")  # relative gap allowed between B·(1+g)^n and T
    structure_tolerance: Decimal = Decimal("0.2")  # points a:b:c may miss 100 by (rounding)
    total_tolerance: Decimal = Decimal("0.005")  # relative gap allowed between a total and its parts


@dataclass(frozen=True)
class LintContext:
    document: Document
    plan: ParsedPlan
    tables: tuple[Table, ...] = ()  # the table grids the parser read (real and flattened)
    settings: LintSettings = field(default_factory=LintSettings)

    @functools.cached_property
    def sections_by_id(self) -> dict[str, Section]:
        return {s.id: s for s in self.plan.sections}

    @functools.cached_property
    def table_lines(self) -> frozenset[int]:
        """Lines of tables (titles, headers, cells, notes), where prose rules do not apply."""
        lines: set[int] = set()
        for table in self.tables:
            lines.update(range(table.first_line, table.last_line + 1))
        for indicator in self.plan.indicators:
            lines.update(cell.line for cell in indicator.cells)
        return frozenset(lines)

    @functools.cached_property
    def heading_lines(self) -> frozenset[int]:
        """Lines of chapter, section and box headings (their spacing is layout, not prose)."""
        kinds = (SectionKind.CHAPTER, SectionKind.SECTION, SectionKind.BOX)
        return frozenset(s.line for s in self.plan.sections if s.kind in kinds)

    @functools.cached_property
    def _section_of_line(self) -> list[str | None]:
        """The innermost section open at each line (index 0 is line 1), from the headings' lines."""
        owners: list[str | None] = [None] * (self.document.line_count + 1)
        ordered = sorted(self.plan.sections, key=lambda s: s.line)
        current: str | None = None
        position = 0
        for number in range(1, self.document.line_count + 1):
            while position < len(ordered) and ordered[position].line <= number:
                current = ordered[position].id
                position += 1
            owners[number] = current
        return owners

    def box_at(self, line: int) -> Section | None:
        """The 专栏 box around `line`: the nearest box heading above it, unless a body heading came after."""
        section = self.sections_by_id.get(self._section_of_line[line] or "")
        return self.box_of(section.id) if section else None

    def chapter_at(self, line: int) -> str | None:
        section = self.sections_by_id.get(self._section_of_line[line] or "")
        while section is not None and section.kind is not SectionKind.CHAPTER:
            section = self.sections_by_id.get(section.parent_id or "")
        return section.id if section else None

    def box_of(self, section_id: str | None) -> Section | None:
        section = self.sections_by_id.get(section_id or "")
        while section is not None and section.kind is not SectionKind.BOX:
            section = self.sections_by_id.get(section.parent_id or "")
        return section

    def prose_lines(self) -> Iterator[Line]:
        """Lines of running text: not blank, not indicator-table cells."""
        for line in self.document.lines:
            if line.raw.strip() and line.number not in self.table_lines:
                yield line

    def finding(
        self,
        rule: str,
        kind: FindingKind,
        severity: Severity,
        line: int,
        evidence: str,
        message: str,
        lines: tuple[int, ...] = (),
        column: int | None = None,
    ) -> Finding:
        """A finding located in its line for highlighting (the first occurrence unless `column` says)."""
        raw = self.document.line(line).raw
        if column is None:
            column = raw.find(evidence) if evidence else -1
        return Finding(
            rule=rule,
            kind=kind,
            severity=severity,
            line=line,
            lines=tuple(sorted(set(lines) | {line})),
            evidence=evidence,
            message=message,
            column=column if column >= 0 else None,
        )


def spans(pattern: re.Pattern[str], line: Line) -> Iterator[tuple[int, int, str]]:
    """Matches on the normalised text, returned with the raw text they cover."""
    for m in pattern.finditer(line.text):
        yield m.start(), m.end(), line.raw[m.start() : m.end()]
