"""Numbered lines and flattened table grids: the shape every reader produces.

Every reader ends in the same layout: lines split on "\\n" only (form feeds, vertical
tabs and U+2028 stay inside a line), and each real table written out as Word's
"save as text" does — one `"\\t" + cell` line per grid position, a blank line after
each row — so the parse stage reads a .docx or .html table like a .txt one, while
`Document.tables` keeps the grid with the line of every cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from planwatch import config
from planwatch.document.limits import check_line_count
from planwatch.document.model import Line, Printed, Table, TableCell
from planwatch.document.text import normalise


def raw_lines(text: str) -> list[str]:
    """`text` cut at each "\\n", one trailing "\\r" removed per line (CRLF files).

    A final "\\n" ends the last line rather than starting an empty one, so "a\\nb\\n"
    is two lines, as `wc -l` and an editor's line numbers count them; "" has no lines.
    """
    if not text:
        return []
    parts = text.split("\n")
    if parts[-1] == "":
        parts.pop()
    return [part[:-1] if part.endswith("\r") else part for part in parts]


def split_lines(text: str) -> tuple[Line, ...]:
    """The 1-based numbered lines of `text` (see `raw_lines`), each with its normalised twin."""
    return tuple(Line(number, raw, normalise(raw)) for number, raw in enumerate(raw_lines(text), start=1))


def one_line(text: str) -> str:
    """A cell's text on one line: its paragraphs and line breaks joined with nothing.

    Chinese text needs no separator, and a wrapped header such as "2020年" / "基期值"
    reads back as the single header "2020年基期值".
    """
    return text.replace("\r", "").replace("\n", "")


class LineBuilder:
    """Collects a document's lines and tables in reading order."""

    def __init__(self) -> None:
        self._raws: list[str] = []
        self._tables: list[Table] = []
        self._printed: list[tuple[Printed, ...]] = []
        self._max_lines = config.count(config.MAX_LINES)

    def add_line(self, raw: str, printed: tuple[Printed, ...] = ()) -> int:
        """Append one line (it must hold no "\n"); return its 1-based number.

        `printed`: where a PDF printed the line's characters (offsets index `raw`). DocumentError
        (without a file name: the reader's caller adds it) past PLANWATCH_MAX_LINES.
        """
        if len(self._raws) >= self._max_lines:
            check_line_count(len(self._raws) + 1)
        self._raws.append(raw)
        self._printed.append(printed)
        return len(self._raws)

    def add_text(self, text: str) -> None:
        """Append every line of `text`, an empty text being one empty line."""
        for raw in text.split("\n"):
            self.add_line(raw[:-1] if raw.endswith("\r") else raw)

    def add_grid(
        self,
        grid: Sequence[Sequence[str]],
        origin: str,
        printed: Sequence[Sequence[Printed | None]] | None = None,
    ) -> None:
        """Flatten a table grid into lines and record it with the line of each cell.

        A merged cell's text belongs to its first grid position; the positions it covers
        are passed as "" and still get a (bare tab) line, so every row keeps its columns.
        The table spans its first to its last cell line; the blank line closing the last
        row is outside it. `printed` gives, per grid position, where a PDF printed the cell.
        """
        rows: list[tuple[TableCell, ...]] = []
        for r, texts in enumerate(grid):
            if not texts:
                continue
            cells = []
            for col, text in enumerate(texts):
                raw = one_line(text)
                where = printed[r][col] if printed is not None else None
                # The cell's text starts after the flattening tab.
                runs = (Printed(1, where.page, where.line),) if where is not None else ()
                line = self.add_line("\t" + raw, runs)
                cells.append(TableCell(row=len(rows), col=col, raw=raw, line=line))
            self.add_line("")
            rows.append(tuple(cells))
        if rows:
            self.add_table(Table(tuple(rows), rows[0][0].line, rows[-1][-1].line, origin))

    def add_table(self, table: Table) -> None:
        self._tables.append(table)

    @property
    def line_count(self) -> int:
        return len(self._raws)

    def has_text(self) -> bool:
        return any(raw.strip() for raw in self._raws)

    def lines(self) -> tuple[Line, ...]:
        return tuple(Line(number, raw, normalise(raw)) for number, raw in enumerate(self._raws, start=1))

    def tables(self) -> tuple[Table, ...]:
        return tuple(self._tables)

    def printed(self) -> tuple[tuple[Printed, ...], ...]:
        """Per line, where it was printed; () for a document with no printed positions at all."""
        if not any(self._printed):
            return ()
        return tuple(self._printed)
