"""Where a finding is, as a person finds it in the draft: not "line 84 of the extracted text" but
the chapter and section path, the paragraph within the section (or the table cell), the page and
printed line of a PDF, and a quote long enough to search for.

The innermost section of a line is the last heading at or above it; its path runs up through the
headings' parents (第三章 › 第一节 › （一）). Paragraphs are the non-blank lines after that heading
(a Word paragraph is one line; so is a text file's). A line inside a table is named by the table's
cell instead: 表格第3行第2列.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from planwatch.document.model import Document, Table
from planwatch.model import Section

_CONTEXT = 12  # characters of the line shown on each side of the evidence
_TITLE = 16  # characters of the innermost heading's title shown


@dataclass(frozen=True, slots=True)
class Where:
    path: tuple[Section, ...]  # outermost first; empty before the first heading
    heading: bool  # the line is the innermost section's heading itself
    paragraph: int | None  # 1-based within the innermost section; None for a heading or a table cell
    table_row: int | None  # 1-based row and column of the table cell holding the line
    table_column: int | None
    page: int | None  # PDF only: the page and the line printed on it (1-based)
    printed_line: int | None
    context: str  # the evidence with the characters around it on its line, … where cut

    def path_text(self) -> str:
        """第三章 › 第一节 › （一）夯实“3+3+X”产业发展体系: numbers, the innermost with its title."""
        if not self.path:
            return "第一章之前"
        *outer, inner = self.path
        parts = [s.number or _short(s.title) for s in outer]
        title = _short(inner.title)
        spaced = inner.number and inner.number[-1] not in "、）).．"  # 第一章 标题, but （一）标题
        parts.append(f"{inner.number}{' ' if spaced else ''}{title}" if inner.number else title)
        return " › ".join(parts)

    def spot(self) -> str:
        """第2段 / 标题 / 表格第3行第2列, with 第12页第5行 for a PDF."""
        if self.table_row is not None:
            spot = f"表格第{self.table_row}行第{self.table_column}列"
        elif self.heading:
            spot = "标题"
        else:
            spot = f"第{self.paragraph}段"
        if self.page is not None:
            spot += f"（第{self.page}页第{self.printed_line}行）"
        return spot

    def text(self) -> str:
        return f"{self.path_text()} {self.spot()}"


class Locator:
    """Locates lines of one document, its sections read once."""

    def __init__(self, document: Document, sections: Sequence[Section], tables: Sequence[Table] = ()) -> None:
        """`tables`: every table of the document, the ones rebuilt from flattened text too."""
        self.document = document
        ordered = sorted(sections, key=lambda s: s.line)
        self._starts = [s.line for s in ordered]
        self._sections = ordered
        self._by_id = {s.id: s for s in sections}
        self._cells = _cell_lines(tables or document.tables)

    def locate(self, line: int, column: int | None = None, evidence: str = "") -> Where:
        index = bisect.bisect_right(self._starts, line) - 1
        inner = self._sections[index] if index >= 0 else None
        path = self._path(inner)
        heading = inner is not None and inner.line == line and self._title_only(inner)
        cell = self._cells.get(line)
        paragraph = None
        if cell is None and not heading:
            start = inner.line if inner is not None else 0
            if inner is not None and not self._title_only(inner):
                start -= 1  # `1、构筑…平台。在…` opens its own first paragraph
            paragraph = sum(1 for n in range(start + 1, line + 1) if self._text(n).strip())
        printed = self.document.printed_at(line, column or 0) if self.document.printed else None
        return Where(
            path=path,
            heading=heading,
            paragraph=paragraph,
            table_row=cell[0] if cell else None,
            table_column=cell[1] if cell else None,
            page=printed.page if printed else None,
            printed_line=printed.line if printed else None,
            context=self._context(line, column, evidence),
        )

    def _path(self, inner: Section | None) -> tuple[Section, ...]:
        path: list[Section] = []
        while inner is not None and len(path) < 12:
            path.append(inner)
            inner = self._by_id.get(inner.parent_id or "")
        return tuple(reversed(path))

    def _title_only(self, section: Section) -> bool:
        """The heading's line holds its number and title only (an item's line often goes on)."""
        written = "".join(self._text(section.line).split())
        return len(written) <= len("".join((section.number + section.title).split())) + 2

    def _text(self, number: int) -> str:
        return self.document.lines[number - 1].raw if 1 <= number <= len(self.document.lines) else ""

    def _context(self, line: int, column: int | None, evidence: str) -> str:
        raw = self._text(line)
        if not raw.strip():
            return "（空白）"
        if column is None or not evidence:
            return _short(evidence or raw.strip(), 3 * _CONTEXT)
        if len(evidence) > 3 * _CONTEXT:  # a long span: its start is what one searches for
            return _short(evidence, 3 * _CONTEXT)
        start, end = max(column - _CONTEXT, 0), min(column + len(evidence) + _CONTEXT, len(raw))
        shown = raw[start:end].strip()
        return ("…" if start > 0 else "") + shown + ("…" if end < len(raw) else "")


def _cell_lines(tables: Sequence[Table]) -> dict[int, tuple[int, int]]:
    """line → (row, column), 1-based, for every line a table cell starts on."""
    found: dict[int, tuple[int, int]] = {}
    for table in tables:
        for cells in table.rows:
            for cell in cells:
                found.setdefault(cell.line, (cell.row + 1, cell.col + 1))
    return found


def _short(text: str, limit: int = _TITLE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
