"""PDF → lines (pdfplumber's text of each page) and the ruled tables it finds.

Pages follow one another as pdftotext writes them: the first line of every page after
the first starts with a form feed, which is not a line break. A PDF table's text is
already in the page's lines, so tables are not flattened again; each cell records the
page line where its text starts.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from planwatch.document import limits
from planwatch.document.lines import LineBuilder, one_line
from planwatch.document.model import Line, Table, TableCell
from planwatch.errors import DocumentError

CORRUPT = "无法读取 .pdf 文件（文件损坏或不是 PDF）"
ENCRYPTED = "无法读取 .pdf 文件（文件已加密，需要密码）"
NO_TEXT = "PDF 中没有可提取的文字（可能是扫描件，需先做文字识别）"
_ENCRYPTION_ERRORS = {"PDFPasswordIncorrect", "PDFEncryptionError"}
_SPACES = re.compile(r"\s+")
_TOLERANCE = 2.0  # points: how far a text line's top may sit outside a cell's box


@dataclass(frozen=True)
class _PageLine:
    number: int
    squeezed: str  # the text without whitespace, for whitespace-insensitive search
    top: float | None  # of its highest character; None for a line with no characters


@dataclass(frozen=True)
class _FoundTable:
    bbox: tuple[float, float, float, float]
    boxes: list[list[tuple[float, float, float, float] | None]]
    texts: list[list[str | None]]


def read_pdf(data: bytes, name: str) -> tuple[tuple[Line, ...], tuple[Table, ...]]:
    limits.check_pdf(data, name)  # page count; bounds every stream pdfminer inflates from here on
    try:
        pages = _read_pages(data)
    except Exception as exc:  # pdfminer raises its own PSException family and plain errors alike
        raise DocumentError(ENCRYPTED if _encrypted(exc) else CORRUPT, file=name) from exc
    if not any(text.strip() for text, _, _ in pages):
        raise DocumentError(NO_TEXT, file=name)
    builder = LineBuilder()
    for index, (text, tops, tables) in enumerate(pages):
        first = builder.line_count + 1
        builder.add_text(("\f" if index else "") + text)
        page_lines = [
            _PageLine(first + i, _SPACES.sub("", raw), tops[i] if i < len(tops) else None)
            for i, raw in enumerate(text.split("\n"))
        ]
        for found in tables:
            table = _table(found, page_lines)
            if table is not None:
                builder.add_table(table)
    return builder.lines(), builder.tables()


def _encrypted(exc: BaseException) -> bool:
    """Whether pdfminer refused a password; pdfplumber wraps its errors in PdfminerException."""
    seen: list[BaseException] = []
    pending = [exc]
    while pending and len(seen) < 10:
        current = pending.pop()
        if type(current).__name__ in _ENCRYPTION_ERRORS:
            return True
        seen.append(current)
        pending.extend(
            e for e in (*current.args, current.__cause__, current.__context__) if isinstance(e, BaseException)
        )
    return False


def _read_pages(data: bytes) -> list[tuple[str, list[float | None], list[_FoundTable]]]:
    """Per page: its text, the top of each of its lines, and its tables."""
    import pdfplumber

    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            textmap = page.get_textmap()
            found = [
                _FoundTable(
                    bbox=table.bbox,
                    boxes=[list(row.cells) for row in table.rows],
                    texts=table.extract(),
                )
                for table in sorted(page.find_tables(), key=lambda t: (t.bbox[1], t.bbox[0]))
            ]
            pages.append((textmap.as_string, _line_tops(textmap.tuples), found))
            page.close()  # frees the page's parsed objects; a long plan has hundreds of pages
    return pages


def _line_tops(tuples: Sequence[tuple[str, Any]]) -> list[float | None]:
    """The top of each line of a pdfplumber text map (None where a line has no character)."""
    tops: list[float | None] = [None]
    for text, char in tuples:
        if char is not None and "top" in char:
            top = float(char["top"])
            current = tops[-1]
            tops[-1] = top if current is None else min(current, top)
        tops.extend([None] * text.count("\n"))
    return tops


def _table(found: _FoundTable, page_lines: list[_PageLine]) -> Table | None:
    if not page_lines:
        return None
    table_top = found.bbox[1]
    # Cells are searched from the first line at or below the table's top edge.
    start = next(
        (line.number for line in page_lines if line.top is not None and line.top >= table_top - _TOLERANCE),
        page_lines[0].number,
    )
    previous = start
    rows: list[tuple[TableCell, ...]] = []
    for r, texts in enumerate(found.texts):
        cells = []
        for c, text in enumerate(texts):
            raw = "" if text is None else one_line(text)
            box = found.boxes[r][c] if r < len(found.boxes) and c < len(found.boxes[r]) else None
            line = _cell_line(text or "", box, page_lines, previous)
            previous = line
            cells.append(TableCell(row=r, col=c, raw=raw, line=line))
        if cells:
            rows.append(tuple(cells))
    if not rows:
        return None
    numbers = [cell.line for row in rows for cell in row]
    return Table(tuple(rows), min(numbers), max(numbers), "pdf")


def _cell_line(
    text: str, box: tuple[float, float, float, float] | None, page_lines: list[_PageLine], previous: int
) -> int:
    """The page line holding the first line of a cell's text: within the cell's height if
    possible, else the next one from the previous cell's line on, else anywhere on the page."""
    needle = _SPACES.sub("", text.split("\n")[0])
    if not needle:
        return previous
    if box is not None:
        top, bottom = box[1] - _TOLERANCE, box[3] + _TOLERANCE
        for line in page_lines:
            if line.top is not None and top <= line.top <= bottom and needle in line.squeezed:
                return line.number
    for candidates in ([line for line in page_lines if line.number >= previous], page_lines):
        for line in candidates:
            if needle in line.squeezed:
                return line.number
    return previous
