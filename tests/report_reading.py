"""Reading a generated report back as its readers would: the .docx through python-docx (tables,
cell colours, superscript references, footnotes, highlighted placeholders), for the report tests."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table, _Cell

REFERENCE = re.compile(r"(\d)-(\d+)(?:～\d-(\d+))?")


@dataclass(frozen=True)
class ReadCell:
    text: str  # without the superscript reference
    reference: str  # the superscript: [1-5]
    fill: str | None


def open_docx(data: bytes) -> DocumentObject:
    return Document(io.BytesIO(data))


def read_cell(cell: _Cell) -> ReadCell:
    text, reference = [], []
    for run in cell._tc.iter(qn("w:r")):
        shown = "".join(t.text or "" for t in run.iter(qn("w:t")))
        if run.find(qn("w:br")) is not None:
            text.append("\n")
        aligned = run.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}")
        if aligned is not None and aligned.get(qn("w:val")) == "superscript":
            reference.append(shown)
        else:
            text.append(shown)
    shading = cell._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    return ReadCell("".join(text), "".join(reference), None if shading is None else shading.get(qn("w:fill")))


def table_rows(table: Table) -> list[list[ReadCell]]:
    return [[read_cell(cell) for cell in row.cells] for row in table.rows]


def tables_headed(document: DocumentObject, first: str) -> list[Table]:
    return [t for t in document.tables if t.rows and t.rows[0].cells[0].text == first]


def numbers(reference: str, table: int) -> list[int]:
    """[1-3～1-5、1-9] → [3, 4, 5, 9] for table 1."""
    found: list[int] = []
    for match in REFERENCE.finditer(reference):
        if int(match.group(1)) != table:
            continue
        start = int(match.group(2))
        end = int(match.group(3)) if match.group(3) else start
        found += list(range(start, end + 1))
    return found


def zip_part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")
