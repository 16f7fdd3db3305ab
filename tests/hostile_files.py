"""Small files that cost a lot to read: the hostile inputs of issue 17, built on demand.

Each builder writes one file into a directory and returns its path. Large members are
streamed through zlib, so building a 1 GB-when-unpacked file takes seconds and little memory;
nothing big is committed. Used by tests/test_hostile_inputs.py and bench/hostile.py.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

MB = 1024 * 1024
_CHUNK = 4 * MB

# The smallest parts an .xlsx needs for openpyxl; `sheet` and `strings` are filled in by the builders.
_XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_XLSX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_XLSX_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="指标数据" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_XLSX_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/>'
    '<Relationship Id="rId3" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)
_XLSX_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="0" fillId="1" borderId="0" xfId="0" applyFill="1"/></cellXfs>'
    "</styleSheet>"
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
# The header row of the long layout, as inline strings: 编号, 指标名称, 期间, 数值.
_HEADER_ROW = (
    '<row r="1">'
    + "".join(
        f'<c r="{col}1" t="inlineStr"><is><t>{text}</t></is></c>'
        for col, text in zip("ABCD", ("编号", "指标名称", "期间", "数值"), strict=True)
    )
    + "</row>"
)


def _write_streamed(archive: zipfile.ZipFile, name: str, parts: Iterator[bytes]) -> None:
    with archive.open(name, "w", force_zip64=True) as member:
        for part in parts:
            member.write(part)


def _repeat(head: bytes, unit: bytes, total: int, tail: bytes) -> Iterator[bytes]:
    """`head`, then `unit` repeated to about `total` bytes, then `tail`: in chunks, never whole."""
    yield head
    block = unit * max(1, _CHUNK // len(unit))
    written = 0
    while written + len(block) <= total:
        yield block
        written += len(block)
    yield unit * ((total - written) // len(unit))
    yield tail


def _xlsx(path: Path, sheet: Iterator[bytes], strings: Iterator[bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _XLSX_TYPES)
        archive.writestr("_rels/.rels", _XLSX_RELS)
        archive.writestr("xl/workbook.xml", _XLSX_WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _XLSX_WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", _XLSX_STYLES)
        _write_streamed(archive, "xl/sharedStrings.xml", strings)
        _write_streamed(archive, "xl/worksheets/sheet1.xml", sheet)
    return path


def _no_strings() -> Iterator[bytes]:
    yield b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0"/>'


def xlsx_million_empty_rows(directory: Path) -> Path:
    """~2.4 MB: a million formatted empty rows under a <dimension> claiming all 16384 columns."""
    head = (_SHEET_HEAD + '<dimension ref="A1:XFD1048576"/><sheetData>' + _HEADER_ROW).encode()

    def rows() -> Iterator[bytes]:
        yield head
        for start in range(2, 1_000_002, 50_000):
            yield "".join(
                f'<row r="{r}" s="1" customFormat="1" ht="15"/>' for r in range(start, start + 50_000)
            ).encode()
        yield b"</sheetData></worksheet>"

    return _xlsx(directory / "million_empty_rows.xlsx", rows(), _no_strings())


def xlsx_huge_shared_strings(directory: Path, size: int = 1024 * MB, text: bytes = b"A" * 1000) -> Path:
    """~2.2 MB: a sharedStrings.xml of `size` bytes (a million-odd long strings) claiming to hold one."""
    strings = _repeat(
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">',
        b"<si><t>" + text + b"</t></si>",
        size,
        b"</sst>",
    )
    sheet = iter([(_SHEET_HEAD + "<sheetData>" + _HEADER_ROW + "</sheetData></worksheet>").encode()])
    return _xlsx(directory / "huge_shared_strings.xlsx", sheet, strings)


def xlsx_many_shared_strings(directory: Path) -> Path:
    """1.2 million one-letter shared strings in 20 MB of XML: within the size limits, over the count."""
    return xlsx_huge_shared_strings(directory, size=20 * MB, text=b"a")


_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def docx_many_paragraphs(directory: Path, size: int = 480 * MB) -> Path:
    """~1.4 MB: a Word document whose document.xml holds `size` bytes of valid paragraphs."""
    body = _repeat(
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
        "<w:p><w:r><w:t>加快建设现代化经济体系，推动高质量发展。</w:t></w:r></w:p>".encode(),
        size,
        b"</w:body></w:document>",
    )
    path = directory / "many_paragraphs.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_TYPES)
        archive.writestr("_rels/.rels", _DOCX_RELS)
        _write_streamed(archive, "word/document.xml", body)
    return path


def pdf_flate_bomb(directory: Path, size: int = 1024 * MB) -> Path:
    """~1.9 MB: a one-page PDF whose content stream inflates to `size` bytes of text operators."""
    compressor = zlib.compressobj(9)
    chunks = [
        compressor.compress(part)
        for part in _repeat(b"BT /F1 12 Tf 72 720 Td ", b"(planwatch) Tj ", size, b"ET")
    ]
    stream = b"".join(chunks) + compressor.flush()
    return pdf_with_stream(directory / "flate_bomb.pdf", stream, b"/Filter /FlateDecode ")


def pdf_with_stream(path: Path, content: bytes, filters: bytes = b"") -> Path:
    """A one-page PDF whose content stream is `content`, stored with `filters` (b"/Filter /FlateDecode ")."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream_object(filters, content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return write_pdf(path, objects)


def stream_object(attributes: bytes, data: bytes) -> bytes:
    return (
        b"<< " + attributes + b"/Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"
    )


def write_pdf(path: Path, objects: list[bytes]) -> Path:
    """Objects 1…n (1 the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def html_many_elements(directory: Path, size: int = 44 * MB) -> Path:
    """44 MB of HTML: short paragraphs in nested divisions, as a portal page grown without bound."""
    unit = "<div><p>推动<b>高质量</b>发展</p></div>\n".encode()
    path = directory / "many_elements.html"
    with path.open("wb") as handle:
        for part in _repeat(b"<!DOCTYPE html><html><body>", unit, size, b"</body></html>"):
            handle.write(part)
    return path


def csv_duplicate_rows(directory: Path, rows: int = 1_000_000) -> Path:
    """A long-layout CSV of one figure repeated `rows` times (of the bundled plan's first indicator)."""
    path = directory / "duplicate_rows.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("编号,指标名称,期间,数值\n")
        line = "T1.01,,2021,420.5\n"
        for _ in range(rows // 10_000):
            handle.write(line * 10_000)
        handle.write(line * (rows % 10_000))
    return path


def csv_huge_field(directory: Path, size: int = 200 * 1024) -> Path:
    """A CSV whose second row holds a `size`-character field (over Python's 128 KB csv limit)."""
    path = directory / "huge_field.csv"
    path.write_text("编号,指标名称,期间,数值\nT1.01," + "长" * size + ",2021,420.5\n", encoding="utf-8")
    return path


def txt_many_lines(directory: Path, size: int = 50 * MB - 1) -> Path:
    """Just under 50 MB of one-character lines: 13 million lines of text."""
    path = directory / "many_lines.txt"
    with path.open("wb") as handle:
        for part in _repeat(b"", "字\n".encode(), size, b""):
            handle.write(part)
    return path


# ---- the largest inputs the default limits let through: what a read may cost at most ----------


def docx_at_limit(directory: Path) -> Path:
    """31 MB of paragraphs: under the XML limit, so python-docx parses it; over the line limit."""
    return docx_many_paragraphs(directory, size=31 * MB)


def html_at_limit(directory: Path) -> Path:
    """15.5 MB of HTML in 160,000 paragraphs: under the size, tag and line limits."""
    unit = ("<p>" + "推动高质量发展，建设现代化经济体系。" * 2 + "</p>\n").encode()
    path = directory / "at_limit.html"
    with path.open("wb") as handle:
        for part in _repeat(b"<!DOCTYPE html><html><body>", unit, int(15.5 * MB), b"</body></html>"):
            handle.write(part)
    return path


def pdf_at_limit(directory: Path, pages: int = 2000, content: int = 250 * 1024) -> Path:
    """2,000 pages drawing one shared 250 KB content stream of text: under the page and content limits."""
    ops = b"BT /F1 12 Tf 72 720 Td " + b"(planwatch) Tj " * (content // 15) + b"ET"
    stream = zlib.compress(ops, 9)
    kids = " ".join(f"{4 + n} 0 R" for n in range(pages)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(pages).encode() + b" >>",
        b"<< /Filter /FlateDecode /Length "
        + str(len(stream)).encode()
        + b" >>\nstream\n"
        + stream
        + b"\nendstream",
        *(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R"
            b" /Resources << /Font << /F1 " + str(4 + pages).encode() + b" 0 R >> >> >>"
            for _ in range(pages)
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return write_pdf(directory / "at_limit.pdf", objects)


def txt_at_limit(directory: Path) -> Path:
    """The bundled plan 115 times: 197,000 lines of real prose and tables (33 MB), under the line limit."""
    source = Path(__file__).parents[1] / "planwatch" / "data" / "xinjian_14th_fyp_draft2.txt"
    text = source.read_bytes()
    path = directory / "at_limit.txt"
    with path.open("wb") as handle:
        for _ in range(115):
            handle.write(text)
    return path


def xlsx_at_limit(directory: Path) -> Path:
    """49,000 rows of 10 figures (490,000 cells, 16 MB of XML): under every import limit."""
    header = ["编号", *(f"{year}年" for year in range(2021, 2026)), *(f"2023Q{q}" for q in range(1, 5))]
    head = (
        _SHEET_HEAD
        + '<sheetData><row r="1">'
        + "".join(
            f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(header)
        )
        + "</row>"
    ).encode()

    def rows() -> Iterator[bytes]:
        yield head
        for start in range(2, 49_002, 1000):
            yield "".join(
                f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>T2.01</t></is></c>'
                + "".join(f'<c r="{chr(66 + i)}{r}"><v>{r % 997}.5</v></c>' for i in range(9))
                + "</row>"
                for r in range(start, start + 1000)
            ).encode()
        yield b"</sheetData></worksheet>"

    return _xlsx(directory / "at_limit.xlsx", rows(), _no_strings())


def csv_at_limit(directory: Path) -> Path:
    """99,000 rows with a 160-character source each (48 MB): under the size, row and cell limits."""
    path = directory / "at_limit.csv"
    source = "统计公报" * 40
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("编号,期间,数值,数据来源\n")
        for start in range(0, 99_000, 1000):
            handle.write(
                "".join(f"T2.01,{2021 + n % 5},{n}.5,{source}\n" for n in range(start, start + 1000))
            )
    return path


Builder = Callable[[Path], Path]

# Run as `python -c READER_SCRIPT document|import PATH`: reads one file and prints one line, the
# count read or the refusal; a limit that does not hold shows as a MemoryError or a traceback.
READER_SCRIPT = """
import sys
from planwatch.errors import PlanwatchError
kind, path = sys.argv[1], sys.argv[2]
try:
    if kind == "document":
        from planwatch.document import load_document
        print(f"读出 {len(load_document(path).lines)} 行")
    else:
        from planwatch.observe import read_import
        print(f"读出 {len(read_import(path))} 个数值")
except PlanwatchError as error:
    print(f"拒绝：{error.one_line()}", *error.details(), sep="\\n")
"""

# name → (builder, how the file is read: "document" for load_document, "import" for read_import)
CASES: dict[str, tuple[Builder, str]] = {
    "xlsx: 1e6 formatted empty rows, <dimension> A1:XFD1048576": (xlsx_million_empty_rows, "import"),
    "xlsx: 1 GB sharedStrings.xml": (xlsx_huge_shared_strings, "import"),
    "xlsx: 1.2 million shared strings": (xlsx_many_shared_strings, "import"),
    "csv: 1e6 duplicate rows": (csv_duplicate_rows, "import"),
    "csv: a 200 KB field": (csv_huge_field, "import"),
    "docx: 480 MB of paragraphs": (docx_many_paragraphs, "document"),
    "pdf: a 1 GB Flate content stream": (pdf_flate_bomb, "document"),
    "html: 44 MB of nested elements": (html_many_elements, "document"),
    "txt: 13 million lines in 50 MB": (txt_many_lines, "document"),
    "at limit: docx, 31 MB of paragraph XML": (docx_at_limit, "document"),
    "at limit: html, 15.5 MB, 160,000 paragraphs": (html_at_limit, "document"),
    "at limit: pdf, 2,000 pages of 250 KB content each": (pdf_at_limit, "document"),
    "at limit: txt, the plan 115 times (197,000 lines)": (txt_at_limit, "document"),
    "at limit: xlsx, 490,000 cells": (xlsx_at_limit, "import"),
    "at limit: csv, 48 MB in 99,000 rows": (csv_at_limit, "import"),
}
