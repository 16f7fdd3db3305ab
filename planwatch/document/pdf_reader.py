"""PDF → paragraphs and table grids, shaped as a .docx is read.

`read_pdf` is the one entry point. Per page: PDFium gives the glyphs and the drawn rules
(pdf_page); glyphs sharing a baseline make the printed lines (pdf_lines); ruled tables are found
with pdfplumber's table finder and their glyphs go into cell grids (pdf_tables). Then over the whole
file: page headers and footers are dropped, tables continued on the next page are joined, and the
printed lines between tables are joined into paragraphs (pdf_paragraphs).

The result has the layout of a .docx: a line per paragraph, each table flattened to one `\\t`-cell
line per grid position with the grid kept beside it. `Document.printed` keeps, for every character,
the page and printed line it came from, so a quote can still be found on paper.

Bad pages do not stop the reading: a page of broken fonts (text that decodes to private-use or
garbled characters) or a page that is only an image is skipped and named in a notice; a table with
positions no cell covers is kept and named too. A file with no text at all is a scan and refused.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from planwatch.document import limits
from planwatch.document.lines import LineBuilder
from planwatch.document.model import Line, Notice, Printed, Table
from planwatch.document.pdf_lines import PrintedLine, make_line, printed_lines, running_lines
from planwatch.document.pdf_page import CORRUPT, ENCRYPTED, PageContent, open_pdf, read_page
from planwatch.document.pdf_paragraphs import paragraphs, shapes
from planwatch.document.pdf_tables import PageTable, build_table, continues, find_cell_boxes, join
from planwatch.errors import DocumentError

__all__ = ["CORRUPT", "ENCRYPTED", "NO_TEXT", "PdfReading", "read_pdf"]

NO_TEXT = "扫描件，没有文字层，请先做OCR"
_BROKEN_SHARE = 0.3  # a page whose characters are this often unreadable has broken fonts


@dataclass(frozen=True, slots=True)
class PdfReading:
    lines: tuple[Line, ...]
    tables: tuple[Table, ...]
    printed: tuple[tuple[Printed, ...], ...]
    notices: tuple[Notice, ...]
    pages: int


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[PrintedLine]  # every printed line of the page, tables' rows included
    body: list[PrintedLine]  # lines outside tables
    tables: list[PageTable]
    skipped: str | None = None  # why the page was not read


@dataclass
class _Flow:
    """The body of the file in reading order: runs of printed lines, and tables between them."""

    items: list[list[PrintedLine] | PageTable] = field(default_factory=list)

    def add_line(self, line: PrintedLine) -> None:
        if self.items and isinstance(self.items[-1], list):
            self.items[-1].append(line)
        else:
            self.items.append([line])

    def add_table(self, table: PageTable) -> None:
        last = self.items[-1] if self.items else None
        if isinstance(last, PageTable) and last.pages[-1] + 1 == table.page and continues(last, table):
            self.items[-1] = join(last, table)
        else:
            self.items.append(table)


def read_pdf(data: bytes, name: str) -> PdfReading:
    """The paragraphs and tables of a PDF; a DocumentError when nothing can be read."""
    limits.check_pdf(data, name)  # the page count, and no stream that would inflate past the limits
    document = open_pdf(data, name)
    try:
        pages = [_page(read_page(document, index)) for index in range(len(document))]
    except DocumentError:
        raise
    except Exception as exc:  # PDFium refuses a damaged page object by raising
        raise DocumentError(CORRUPT, file=name) from exc
    finally:
        document.close()
    if not any(page.lines for page in pages) or all(page.skipped for page in pages):
        raise DocumentError(NO_TEXT, file=name)
    running = running_lines([(page.height, page.lines) for page in pages])
    flow = _flow(pages, running)
    body = [
        ((round(page.width), round(page.height)), line)
        for page in pages
        for line in page.body
        if (page.number, line.number) not in running
    ]
    shape = shapes(body)
    # A page whose every line repeats on the others (all running heads) gives its size no shape.
    sizes = {page.number: (round(page.width), round(page.height)) for page in pages if page.body}
    shape_of = {number: shape[size] for number, size in sizes.items() if size in shape}
    builder = LineBuilder()
    notices: list[Notice] = []
    for page in pages:
        if page.skipped:
            notices.append(Notice(0, f"第{page.number}页", page.skipped))
    for item in flow.items:
        if isinstance(item, PageTable):
            _add_table(builder, item, notices)
        else:
            for paragraph in paragraphs(item, shape_of):
                builder.add_line(paragraph.text, paragraph.printed)
    return PdfReading(builder.lines(), builder.tables(), builder.printed(), tuple(notices), len(pages))


def _page(content: PageContent) -> _Page:
    lines = printed_lines(content.glyphs, content.number)
    page = _Page(content.number, content.width, content.height, lines, [], [])
    if not lines:
        if content.images:
            page.skipped = "这一页是图片，没有文字层（扫描页），未能读取"
        return page
    if _broken(content):
        page.skipped = "这一页的文字无法解码（字体缺少编码表，提取出来是乱码），未能读取"
        page.lines = []
        return page
    line_of = {id(glyph): line.number for line in lines for glyph in line.glyphs}
    used: set[int] = set()
    for boxes in find_cell_boxes(content.rules):
        table, placed = build_table(boxes, content.glyphs, content.number, line_of)
        if len(table.rows) < 1 or len(table.xs) < 2:
            continue
        page.tables.append(table)
        used |= placed
    for line in lines:
        rest = tuple(g for g in line.glyphs if id(g) not in used)
        if any(not g.char.isspace() for g in rest):
            page.body.append(make_line(line.page, line.number, rest))
    return page


def _broken(content: PageContent) -> bool:
    """Glyphs that decode to private-use, replacement or control characters, fonts PDFium flags, or
    mojibake: Chinese bytes shown as accented Latin letters (ÖÐ¹ú for 中国), which a Chinese plan
    does not otherwise hold in bulk."""
    chars = [g.char for g in content.glyphs if not g.char.isspace()]
    if not chars:
        return False
    bad = sum(1 for c in chars if unicodedata.category(c) in ("Co", "Cc", "Cn") or c == "\ufffd")
    garbled = sum(1 for c in chars if "\u00a1" <= c <= "\u024f")
    return content.unmapped or bad > _BROKEN_SHARE * len(chars) or garbled > _BROKEN_SHARE * len(chars)


def _flow(pages: list[_Page], running: set[tuple[int, int]]) -> _Flow:
    flow = _Flow()
    for page in pages:
        for item in _items(page, running):
            if isinstance(item, PageTable):
                flow.add_table(item)
            else:
                flow.add_line(item)
    return flow


def _items(page: _Page, running: set[tuple[int, int]]) -> Iterator[PrintedLine | PageTable]:
    """The page's body lines and tables, top to bottom."""
    keyed: list[tuple[float, int, PrintedLine | PageTable]] = [
        (line.top, 1, line) for line in page.body if (page.number, line.number) not in running
    ]
    keyed += [(table.bbox[1], 0, table) for table in page.tables]
    for _, _, item in sorted(keyed, key=lambda k: (k[0], k[1])):
        yield item


def _add_table(builder: LineBuilder, table: PageTable, notices: list[Notice]) -> None:
    grid = [[cell.text for cell in row] for row in table.rows]
    printed = [
        [Printed(0, cell.page, cell.line) if cell.line else None for cell in row] for row in table.rows
    ]
    first = builder.line_count + 1
    builder.add_grid(grid, "pdf", printed)
    if table.gaps:
        pages = "、".join(str(p) for p in table.pages)
        notices.append(
            Notice(
                first,
                "表格",
                f"第{pages}页的表格有{table.gaps}个位置不在任何单元格内（表格线不完整），请核对这张表",
            )
        )
