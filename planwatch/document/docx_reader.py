"""Word .docx → lines and tables, in body order.

Each paragraph is a line (a manual line break inside it starts another); each table
is flattened as Word's "save as text" does (see `lines.LineBuilder.add_grid`).
Content controls (`w:sdt`, e.g. a cover page) are read through, and tracked
insertions count as text, as Word shows them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from planwatch.document import limits
from planwatch.document.lines import LineBuilder
from planwatch.document.model import Line, Table
from planwatch.errors import DocumentError

CORRUPT = "无法读取 .docx 文件（文件损坏或不是 Word 文档）"
# Word's own limit is 63 columns; a larger gridSpan is damage, not a table.
_MAX_SPAN = 64
# Runs as Word shows them: plain, in hyperlinks, tracked insertions, smart tags, simple
# fields and inline content controls. Deleted runs hold w:delText, which is not read.
_RUNS = (
    "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r"
    " | ./w:sdt/w:sdtContent/w:r | ./w:customXml/w:r | ./w:hyperlink/w:ins/w:r"
)


def read_docx(data: bytes, name: str) -> tuple[tuple[Line, ...], tuple[Table, ...]]:
    limits.check_docx(data, name)  # before python-docx inflates and parses anything
    _check_zip(data, name)
    try:
        import docx
        from docx.oxml.ns import qn

        body = docx.Document(io.BytesIO(data)).element.body
        builder = LineBuilder()
        for kind, element in _blocks(body, qn):
            limits.check_time()
            if kind == "p":
                builder.add_text(_paragraph_text(element))
            else:
                builder.add_grid(_grid(element, qn), "docx")
    except DocumentError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types on damaged files
        raise DocumentError(CORRUPT, file=name) from exc
    if not builder.has_text():
        raise DocumentError("文件中没有文字", file=name)
    return builder.lines(), builder.tables()


def _check_zip(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except Exception as exc:  # BadZipFile, and struct/Value errors on truncated archives
        raise DocumentError(CORRUPT, file=name) from exc
    if not any(info.filename.startswith("word/") for info in infos):
        raise DocumentError(CORRUPT, file=name)


def _blocks(container: Any, qn: Any) -> Iterator[tuple[str, Any]]:
    """("p", paragraph) and ("tbl", table) elements in order, looking inside content controls."""
    p, tbl, sdt, content = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
    for child in container:
        if child.tag == p:
            yield "p", child
        elif child.tag == tbl:
            yield "tbl", child
        elif child.tag == sdt:
            for inner in child:
                if inner.tag == content:
                    yield from _blocks(inner, qn)


def _paragraph_text(p: Any) -> str:
    return "".join(run.text for run in p.xpath(_RUNS))


def _grid(tbl: Any, qn: Any) -> list[list[str]]:
    """The table's text by grid position; a merged cell's covered positions are ""."""
    rows = []
    for tr in tbl.tr_lst:
        row = [""] * min(tr.grid_before, _MAX_SPAN)
        for tc in tr.tc_lst:
            # w:vMerge="continue" continues the cell above, whose first position holds the text.
            row.append("" if tc.vMerge == "continue" else _cell_text(tc, qn))
            row.extend([""] * (min(max(tc.grid_span, 1), _MAX_SPAN) - 1))
        rows.append(row)
    return rows


def _cell_text(tc: Any, qn: Any) -> str:
    """The cell's paragraphs joined with nothing; a nested table's cells likewise."""
    parts = []
    for kind, element in _blocks(tc, qn):
        if kind == "p":
            parts.append(_paragraph_text(element))
        else:
            parts.extend("".join(row) for row in _grid(element, qn))
    return "".join(parts)
