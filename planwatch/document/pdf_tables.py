"""Ruled tables on a PDF page → cell grids shaped as a .docx table's.

The cells are found by pdfplumber's table finder (its functions merge the rules, intersect them and
close the smallest rectangles), run on the rules PDFium read. The grid's columns and rows are every
distinct x and y of the cell edges, as Word's grid columns are the union of all rows' boundaries; a
merged cell holds its text at its first grid position and leaves "" in the positions it covers,
exactly as the .docx reader does, so the parse stage cannot tell the two apart.

A table continued on the next page is joined to its first part when its columns line up: a repeated
header row is dropped, and a row that the page break split in two (the overflow of its longest
cells printed at the top of the next page, its short cells empty) is glued back together.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from planwatch.document.pdf_lines import printed_lines
from planwatch.document.pdf_page import Glyph, Rule

_SNAP = 3.0  # points: rule positions this close are one line (pdfplumber's default)
_EDGE_MIN = 3.0  # points: shorter merged rules are ignored (pdfplumber's default)
_ALIGN = 4.0  # points: column boundaries of two parts of a table this close are the same


@dataclass(frozen=True, slots=True)
class CellText:
    text: str  # the cell's printed lines joined, as one line
    page: int
    line: int  # printed line (on `page`) holding the cell's first characters; 0 for an empty cell


@dataclass
class PageTable:
    """One table (or one page's part of it): grid boundaries and the text at each position."""

    page: int
    bbox: tuple[float, float, float, float]
    xs: list[float]  # column boundaries, left to right
    rows: list[list[CellText]]  # "" at covered positions
    gaps: int = 0  # grid positions no cell covers: the table is drawn irregularly
    pages: list[int] = field(default_factory=list)


def find_cell_boxes(rules: Sequence[Rule]) -> list[list[tuple[float, float, float, float]]]:
    """The cell boxes of each ruled table on the page, top to bottom (pdfplumber's algorithm)."""
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    if len(rules) < 4:
        return []
    edges = merge_edges([r.as_edge() for r in rules], _SNAP, _SNAP, _SNAP, _SNAP)
    edges = [e for e in edges if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["height"]) >= _EDGE_MIN]
    if len(edges) < 4:
        return []
    cells = intersections_to_cells(edges_to_intersections(edges, _SNAP, _SNAP))
    return [list(table) for table in cells_to_tables(cells)]


def build_table(
    boxes: Sequence[tuple[float, float, float, float]],
    glyphs: Sequence[Glyph],
    page: int,
    line_of: dict[int, int],
) -> tuple[PageTable, set[int]]:
    """The grid of one table and the ids (`id(glyph)`) of the glyphs placed in its cells.

    `line_of` maps id(glyph) to the glyph's printed line on the page.
    """
    xs = _bounds([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _bounds([b[1] for b in boxes] + [b[3] for b in boxes])
    rows = [[CellText("", page, 0) for _ in range(len(xs) - 1)] for _ in range(len(ys) - 1)]
    covered = [[False] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    used: set[int] = set()
    near = [g for g in glyphs if _within(g, xs[0], ys[0], xs[-1], ys[-1])]
    for x0, top, x1, bottom in sorted(boxes, key=lambda b: (b[1], b[0])):
        r0, r1 = _index(ys, top), _index(ys, bottom)
        c0, c1 = _index(xs, x0), _index(xs, x1)
        if r1 <= r0 or c1 <= c0:
            continue
        inside = [g for g in near if _within(g, x0, top, x1, bottom)]
        used.update(id(g) for g in inside)
        for r in range(r0, r1):
            for c in range(c0, c1):
                covered[r][c] = True
        rows[r0][c0] = _cell_text(inside, page, line_of)
    gaps = 0
    for r, flags in enumerate(covered):
        for c, flag in enumerate(flags):
            if flag:
                continue
            # No cell was drawn here: the text inside the grid position is still the table's.
            gaps += 1
            inside = [g for g in near if id(g) not in used and _within(g, xs[c], ys[r], xs[c + 1], ys[r + 1])]
            used.update(id(g) for g in inside)
            rows[r][c] = _cell_text(inside, page, line_of)
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return PageTable(page, bbox, xs, rows, gaps, [page]), used


def _within(glyph: Glyph, x0: float, top: float, x1: float, bottom: float) -> bool:
    return x0 <= (glyph.x0 + glyph.x1) / 2 <= x1 and top <= (glyph.top + glyph.bottom) / 2 <= bottom


def _cell_text(glyphs: Sequence[Glyph], page: int, line_of: dict[int, int]) -> CellText:
    lines = printed_lines(glyphs, page)
    if not lines:
        return CellText("", page, 0)
    text = ""
    for line in lines:
        part = line.text
        if text and part and _latin(text[-1]) and _latin(part[0]):
            text += " "  # a Latin word wrapped in the cell keeps its space
        text += part
    first = min(lines[0].glyphs, key=lambda g: g.x0)
    return CellText(text, page, line_of.get(id(first), 0))


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _bounds(values: Sequence[float]) -> list[float]:
    """Distinct positions, those within the snapping distance merged."""
    result: list[float] = []
    for value in sorted(values):
        if result and value - result[-1] <= _SNAP:
            continue
        result.append(value)
    return result


def _index(bounds: list[float], value: float) -> int:
    i = bisect_left(bounds, value - _SNAP)
    return min(i, len(bounds) - 1)


# --- tables continued over a page break ---------------------------------------------------------


def continues(first: PageTable, second: PageTable) -> bool:
    """Whether `second` (at the top of the next page) continues `first` (at the bottom of its page)."""
    if abs(first.xs[0] - second.xs[0]) > _ALIGN or abs(first.xs[-1] - second.xs[-1]) > _ALIGN:
        return False
    # Every column boundary of one part must be a boundary of the other, or lie inside a merged header.
    inner_first, inner_second = first.xs[1:-1], second.xs[1:-1]
    return all(any(abs(x - y) <= _ALIGN for y in inner_first) for x in inner_second) or all(
        any(abs(x - y) <= _ALIGN for y in inner_second) for x in inner_first
    )


def join(first: PageTable, second: PageTable) -> PageTable:
    """`first` with the rows of `second` appended: repeated header dropped, a split row glued."""
    xs = _bounds([*first.xs, *second.xs])
    head = _regrid(first, xs)
    tail = _regrid(second, xs)
    if tail and head and _texts(tail[0]) == _texts(head[0]):
        tail = tail[1:]  # the header row, repeated on the new page
    if tail and len(head) > 1 and _is_overflow(head, tail[0]):
        head[-1] = [_glue(a, b) for a, b in zip(head[-1], tail[0], strict=True)]
        tail = tail[1:]
    return PageTable(
        first.page,
        first.bbox,
        xs,
        head + tail,
        first.gaps + second.gaps,
        [*first.pages, *second.pages],
    )


def _regrid(table: PageTable, xs: list[float]) -> list[list[CellText]]:
    """The table's rows on the column boundaries `xs` (a superset of its own)."""
    if len(xs) == len(table.xs):
        return [list(row) for row in table.rows]
    starts = [_index(xs, x) for x in table.xs]
    rows = []
    for row in table.rows:
        wide = [CellText("", table.page, 0) for _ in range(len(xs) - 1)]
        for c, cell in enumerate(row):
            wide[min(starts[c], len(wide) - 1)] = cell
        rows.append(wide)
    return rows


def _texts(row: list[CellText]) -> list[str]:
    return ["".join(cell.text.split()) for cell in row]


def _is_overflow(head: list[list[CellText]], first: list[CellText]) -> bool:
    """Whether `first` (atop the next page) is the rest of the row the page break split.

    Its cells can only be the overflow of some of the cells the row above filled (the short ones
    fitted before the break). Being so is not enough (a
    real row may lack a value or two), so one sign of a cut is needed as well: only one or two long
    cells overflowed; or a cell above ends unlike the rest of its column while the glued text ends
    like it (约 + 束性 in a column of 约束性/预期性, 地表水 + …比例（%） in a column of names
    with units); or a parenthesis left open (地区生产总值（亿 + 元）).
    """
    last = head[-1]
    filled_last = {i for i, cell in enumerate(last) if cell.text}
    filled_first = {i for i, cell in enumerate(first) if cell.text}
    if not filled_first or not filled_first < filled_last:
        return False  # a row whose every cell overflowed is rarer than a full row after a full row
    if 2 * len(filled_first) <= len(filled_last):
        return True
    for i in filled_first:
        above, rest = last[i].text, first[i].text
        if above.count("（") + above.count("(") > above.count("）") + above.count(")"):
            return True
        endings = Counter(row[i].text[-1] for row in head[1:-1] if i < len(row) and row[i].text)
        total = sum(endings.values())
        cut_word = "\u4e00" <= above[-1] <= "\u9fff"  # a number's last digit says nothing
        if cut_word and total >= 3 and endings[above[-1]] <= total * 0.1 and endings[rest[-1]] >= total * 0.3:
            return True
    return False


def _glue(a: CellText, b: CellText) -> CellText:
    if not b.text:
        return a
    if not a.text:
        return b
    space = " " if _latin(a.text[-1]) and _latin(b.text[0]) else ""
    return CellText(a.text + space + b.text, a.page, a.line)
