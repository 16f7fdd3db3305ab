"""The document stage's output: numbered lines and table grids.

A `Document` is what every reader (txt, docx, pdf, html) produces. Lines are
1-based and split on "\\n" only, as a text editor numbers them. Each line keeps
its raw text for quoting and a normalised twin of the *same length* (full-width
digits and punctuation folded, 〇 in years → 0) so that a match found in the
normalised text can be cut verbatim from the raw text by the same offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    raw: str
    text: str  # normalised, len(text) == len(raw)


@dataclass(frozen=True, slots=True)
class TableCell:
    row: int  # 0-based within the table
    col: int  # 0-based grid column
    raw: str  # verbatim, without the leading tab of a flattened cell
    line: int  # 1-based source line where the cell text starts


@dataclass(frozen=True, slots=True)
class Table:
    """A grid of cells. `rows[0]` is the first row as written (usually the header)."""

    rows: tuple[tuple[TableCell, ...], ...]
    first_line: int
    last_line: int
    origin: str  # "flattened" (rebuilt from text), "docx", "pdf" or "html"
    notes: tuple[str, ...] = ()

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass(frozen=True, slots=True)
class Printed:
    """Where a run of a line's characters was printed in a PDF: page and line on the page (1-based).

    A PDF's lines are its paragraphs (printed lines joined), so one line may hold runs from several
    printed lines, even from two pages; `offset` is where the run starts in the line's text.
    """

    offset: int
    page: int
    line: int


@dataclass(frozen=True, slots=True)
class Notice:
    """Something a reader could not read, or read with doubt; the rest of the file was still read.

    `line` is the document line it concerns (0: no single line, e.g. a page that was skipped).
    """

    line: int
    field: str
    reason: str  # Chinese, for the planner
    raw: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    sha256: str
    format: str  # "txt", "docx", "pdf", "html"
    lines: tuple[Line, ...]
    tables: tuple[Table, ...] = field(default=())
    encoding: str | None = None
    # PDF only: per line (index = number - 1), where its characters were printed.
    printed: tuple[tuple[Printed, ...], ...] = field(default=())
    notices: tuple[Notice, ...] = field(default=())

    @property
    def line_count(self) -> int:
        return len(self.lines)

    def line(self, number: int) -> Line:
        """The 1-based line `number`."""
        return self.lines[number - 1]

    def printed_at(self, number: int, offset: int = 0) -> Printed | None:
        """Where the character at `offset` of line `number` was printed (PDF only), else None."""
        if number < 1 or number > len(self.printed):
            return None
        runs = self.printed[number - 1]
        found = None
        for run in runs:
            if run.offset > offset:
                break
            found = run
        return found if found is not None else (runs[0] if runs else None)
