"""Word tables written as XML in one piece: python-docx builds a cell in a few dozen element
operations, which for the 附表 (thousands of cells) costs a second; a string per table costs
milliseconds. The tables are plain WordprocessingML that python-docx, Word and LibreOffice read
like any other (a repeated, shaded header row, fixed column widths, coloured cells, superscripts).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from xml.sax.saxutils import escape

from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.table import Table

TWIPS_PER_MM: Final = 1440 / 25.4
HEADER_FILL: Final = "D9E2F3"
# What XML 1.0 cannot hold (a document's stray control characters): dropped, never an error
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    superscript: str = ""  # a 附表 reference after the text: [1-5]
    fill: str | None = None  # background, RGB hex
    center: bool = False
    bold: bool = False
    second_line: str = ""  # a smaller second line (a projection's range)


def _run(text: str, half_points: int, *, bold: bool = False, superscript: bool = False) -> str:
    props = ("<w:b/>" if bold else "") + f'<w:sz w:val="{half_points}"/>'
    props += '<w:vertAlign w:val="superscript"/>' if superscript else ""
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(clean(text))}</w:t></w:r>'


def _cell(cell: Cell, width: int, half_points: int, keep_next: bool = False) -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>' if cell.fill else ""
    runs = _run(cell.text, half_points, bold=cell.bold) if cell.text else ""
    if cell.superscript:
        runs += _run(cell.superscript, max(half_points - 6, 12), superscript=True)
    if cell.second_line:
        runs += "<w:r><w:br/></w:r>" + _run(cell.second_line, max(half_points - 3, 14))
    align = "center" if cell.center else "left"
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr>{"<w:keepNext/>" if keep_next else ""}<w:spacing w:line="240" w:lineRule="auto"/>'
        f'<w:ind w:firstLine="0"/>'
        f'<w:jc w:val="{align}"/></w:pPr>{runs}</w:p></w:tc>'
    )


def add_table(
    document: DocumentObject,
    header: Sequence[str],
    widths_mm: Sequence[float],
    rows: Sequence[Sequence[Cell]],
    size_pt: float,
    *,
    keep_together: bool = False,
) -> Table:
    """A bordered table at the end of the document: `header` repeated on every page, then `rows`;
    `keep_together` keeps a short table on one page (each row kept with the next)."""
    widths = [round(w * TWIPS_PER_MM) for w in widths_mm]
    half_points = round(size_pt * 2)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = "".join(
        _cell(Cell(text, fill=HEADER_FILL, center=True, bold=True), w, half_points, keep_together)
        for text, w in zip(header, widths, strict=True)
    )
    last = len(rows) - 1
    body = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(
            _cell(cell, w, half_points, keep_together and index < last)
            for cell, w in zip(row, widths, strict=True)
        )
        + "</w:tr>"
        for index, row in enumerate(rows)
    )
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
        f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader w:val="true"/></w:trPr>{head}</w:tr>{body}</w:tbl>'
    )
    element = parse_xml(xml)
    document.element.body.insert_element_before(element, "w:sectPr")
    return Table(element, document._body)
