"""Rebuild table grids from text where each cell sits on its own line.

Word's "save as text" flattens a table to one cell per line, each cell line
starting with a tab, with a blank line after each row. A header cell that wraps
continues on the next line *without* a tab (`\\t2020年` / `` / `目标`), and a
note row (`\\t注：1.…`) ends the table, its numbered continuation lines following.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from planwatch.document.model import Document, Line, Table, TableCell

_NOTE_START = re.compile(r"^\s*注\s*[:：]?")
# Only `2.…` and bracket explanations continue a note; `1、` or `（一）` would be the body resuming.
_NOTE_CONTINUATION = re.compile(r"^\s*(\d+\s*[.．](?!\d)|[\[【［])")
_TITLE = re.compile(r"^\s*(专栏|表\s*\d|附表)")


@dataclass
class _Cell:
    line: int
    parts: list[str] = field(default_factory=list)


def _is_cell_line(line: Line) -> bool:
    return line.raw.startswith("\t")


def _is_blank(line: Line) -> bool:
    return not line.raw.strip()


def _cell_text(line: Line) -> str:
    return line.raw[1:].rstrip("\r")


def find_flattened_tables(document: Document) -> tuple[Table, ...]:
    """Every flattened table of at least two rows of at least two cells, outside real tables."""
    covered = {n for t in document.tables for n in range(t.first_line, t.last_line + 1)}
    lines = document.lines
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if lines[i].number in covered or not _is_cell_line(lines[i]):
            i += 1
            continue
        table, i = _read_table(lines, i, covered)
        if table is not None:
            tables.append(table)
    return tuple(tables)


def _read_table(lines: tuple[Line, ...], start: int, covered: set[int]) -> tuple[Table | None, int]:
    """Read rows from `start`; return the table (or None if it is not one) and the next index."""
    rows: list[list[_Cell]] = []
    row: list[_Cell] = []
    i = start
    last_line = lines[start].number
    while i < len(lines) and lines[i].number not in covered:
        line = lines[i]
        if _is_cell_line(line):
            row.append(_Cell(line.number, [_cell_text(line)]))
            last_line = line.number
        elif _is_blank(line):
            if row:
                rows.append(row)
                row = []
        elif _continues_cell(lines, i):
            # A wrapped cell: attach to the cell just read, reopening its row if a blank closed it.
            if not row and rows:
                row = rows.pop()
            if row:
                row[-1].parts.append(line.raw.strip())
                last_line = line.number
        else:
            break
        i += 1
    if row:
        rows.append(row)
    title_rows, body, note_rows = _split_title_and_notes(rows)
    if len([r for r in body if len(r) >= 2]) < 2:
        return None, max(i, start + 1)
    notes = [" ".join("".join(c.parts) for c in r) for r in note_rows]
    i, last_line = _read_note_lines(lines, i, notes, last_line) if note_rows else (i, last_line)
    grid = tuple(
        tuple(
            TableCell(row=r, col=c, raw="".join(cell.parts), line=cell.line) for c, cell in enumerate(cells)
        )
        for r, cells in enumerate(body)
    )
    first = title_rows[0][0].line if title_rows else body[0][0].line
    return Table(rows=grid, first_line=first, last_line=last_line, origin="flattened", notes=tuple(notes)), i


def _continues_cell(lines: tuple[Line, ...], i: int) -> bool:
    """A short untabbed line directly followed by a cell line is the wrapped end of a cell."""
    text = lines[i].raw.strip()
    follows = i + 1 < len(lines) and _is_cell_line(lines[i + 1])
    return follows and len(text) <= 12 and not re.search(r"[。；，]", text)


def _split_title_and_notes(
    rows: list[list[_Cell]],
) -> tuple[list[list[_Cell]], list[list[_Cell]], list[list[_Cell]]]:
    titles: list[list[_Cell]] = []
    while rows and len(rows[0]) == 1 and _TITLE.match("".join(rows[0][0].parts)):
        titles.append(rows.pop(0))
    notes: list[list[_Cell]] = []
    for index, row in enumerate(rows):
        if len(row) == 1 and _NOTE_START.match("".join(row[0].parts)):
            notes = rows[index:]
            rows = rows[:index]
            break
    return titles, rows, notes


def _read_note_lines(lines: tuple[Line, ...], i: int, notes: list[str], last_line: int) -> tuple[int, int]:
    """Numbered note lines after `注：` belong to the table: `2.工业化率=…`, `4.【 】为五年累计数`."""
    while i < len(lines):
        line = lines[i]
        if _is_blank(line):
            i += 1
            continue
        if _NOTE_CONTINUATION.match(line.raw) and not _is_cell_line(line):
            notes.append(line.raw.strip())
            last_line = line.number
            i += 1
            continue
        break
    return i, last_line


def with_notes(document: Document, table: Table) -> Table:
    """A real table (.docx, .pdf, .html) with the note paragraphs written under it.

    Word keeps `注：1.…` and its numbered lines as paragraphs after the table, where a text export
    has them as the table's last row; both become the table's notes, so that neither the outline
    (2.工业化率=… is no list item) nor the target reader takes them for body text.
    """
    if table.origin == "flattened" or table.notes:
        return table
    lines = document.lines
    i = table.last_line  # index of the line after the table
    while i < len(lines) and _is_blank(lines[i]):
        i += 1
    if i >= len(lines) or not _NOTE_START.match(lines[i].raw) or _is_cell_line(lines[i]):
        return table
    notes = [lines[i].raw.strip()]
    i, last_line = _read_note_lines(lines, i + 1, notes, lines[i].number)
    return dataclasses.replace(table, last_line=last_line, notes=tuple(notes))


def table_title(document: Document, table: Table) -> str | None:
    """The title line of a table: its own first line, or the nearest non-blank line above it."""
    candidates = [table.first_line, *range(table.first_line - 1, max(0, table.first_line - 4), -1)]
    for number in candidates:
        if number < 1:
            continue
        text = document.line(number).raw.strip()
        if _TITLE.match(text):
            return text
        if text and number != table.first_line:
            return None
    return None
