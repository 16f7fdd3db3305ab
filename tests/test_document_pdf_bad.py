"""Bad PDFs: each gives one clear Chinese reason, and whatever can still be read is read.

The files are written here with fpdf2: a scan (an image, no text), a page of broken fonts (glyphs
whose Unicode map points into the private-use area, as fonts without a proper ToUnicode map give),
a password-protected file, and a table whose ruling is incomplete.
"""

from __future__ import annotations

import importlib.util
import io
import tempfile
from functools import cache
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image

from planwatch.document import load_bytes
from planwatch.document.pdf_reader import NO_TEXT
from planwatch.errors import DocumentError
from planwatch.parse.pipeline import parse_document

FIXTURES = Path(__file__).parent / "fixtures"
WORDS = "规划目标地区生产总值达到亿元"


def _image_page(pdf: FPDF) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(buffer, "PNG")
    buffer.seek(0)
    pdf.add_page()
    pdf.image(buffer, x=10, y=10, w=150)


def _text_page(pdf: FPDF, text: str) -> None:
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(20, 20, text)


@cache
def _private_use_font() -> bytes:
    """A CJK TrueType font whose glyphs are mapped from private-use code points (U+E000…)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    make_fixtures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_fixtures)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pua.ttf"
        make_fixtures._truetype_subset(WORDS, path)
        font = TTFont(path)
        for table in font["cmap"].tables:
            table.cmap = {
                0xE000 + WORDS.index(chr(cp)): name for cp, name in table.cmap.items() if chr(cp) in WORDS
            }
        buffer = io.BytesIO()
        font.save(buffer)
        return buffer.getvalue()


def _broken_font_pdf() -> bytes:
    """Page 1 looks like Chinese but its text decodes to private-use characters; page 2 is fine."""
    with tempfile.TemporaryDirectory() as tmp:
        font = Path(tmp) / "pua.ttf"
        font.write_bytes(_private_use_font())
        pdf = FPDF()
        pdf.add_font("pua", fname=str(font))
        pdf.add_page()
        pdf.set_font("pua", size=14)
        for row in range(5):
            pdf.text(20, 20 + 10 * row, "".join(chr(0xE000 + i) for i in range(len(WORDS))))
        _text_page(pdf, "GDP target 545")
        return bytes(pdf.output())


def _incomplete_table_pdf() -> bytes:
    """A 3×3 ruled table whose last row has lost its bottom rule under the middle column."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    xs, ys = [20, 60, 100, 140], [30, 40, 50, 60]
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    for y in ys[:-1]:
        pdf.line(xs[0], y, xs[-1], y)
    pdf.line(xs[0], ys[-1], xs[1], ys[-1])  # bottom rule of column 1 only…
    pdf.line(xs[2], ys[-1], xs[3], ys[-1])  # …and column 3
    for r, row in enumerate([["Name", "Base", "Target"], ["GDP", "382", "545"], ["Jobs", "1.2", "1.5"]]):
        for c, text in enumerate(row):
            pdf.text(xs[c] + 2, ys[r] + 7, text)
    pdf.text(20, 80, "Text below the table")
    return bytes(pdf.output())


def test_a_scanned_pdf_is_refused_with_the_ocr_hint() -> None:
    pdf = FPDF()
    _image_page(pdf)
    _image_page(pdf)
    with pytest.raises(DocumentError, match="扫描件，没有文字层，请先做OCR") as raised:
        load_bytes(bytes(pdf.output()), "scan.pdf")
    assert str(raised.value).startswith("scan.pdf")
    assert NO_TEXT == "扫描件，没有文字层，请先做OCR"


def test_a_scanned_page_among_text_pages_is_named_and_the_rest_read() -> None:
    pdf = FPDF()
    _text_page(pdf, "Page one text")
    _image_page(pdf)
    document = load_bytes(bytes(pdf.output()), "mixed.pdf")
    assert [line.raw for line in document.lines] == ["Page one text"]
    (notice,) = document.notices
    assert notice.field == "第2页"
    assert "扫描页" in notice.reason


def test_a_page_of_broken_fonts_is_skipped_named_and_the_rest_read() -> None:
    document = load_bytes(_broken_font_pdf(), "broken.pdf")
    assert [line.raw for line in document.lines] == ["GDP target 545"]
    (notice,) = document.notices
    assert notice.field == "第1页"
    assert "无法解码" in notice.reason
    problems = parse_document(document).problems
    assert any(p.field == "第1页" and "无法解码" in p.reason for p in problems)


def test_a_password_protected_pdf_says_it_needs_the_password() -> None:
    pdf = FPDF()
    _text_page(pdf, "secret plan")
    pdf.set_encryption(owner_password="owner", user_password="user")
    with pytest.raises(DocumentError, match="文件已加密，需要密码"):
        load_bytes(bytes(pdf.output()), "locked.pdf")


def test_a_pdf_with_only_an_owner_password_is_read() -> None:
    pdf = FPDF()
    _text_page(pdf, "open plan")
    pdf.set_encryption(owner_password="owner")  # no password to open, only to edit
    assert [line.raw for line in load_bytes(bytes(pdf.output()), "owner.pdf").lines] == ["open plan"]


def test_a_table_with_incomplete_ruling_is_kept_and_reported_as_a_problem() -> None:
    document = load_bytes(_incomplete_table_pdf(), "table.pdf")
    (table,) = document.tables
    # The position no cell closes still holds its text, and the table is reported for checking.
    assert [[cell.raw for cell in row] for row in table.rows] == [
        ["Name", "Base", "Target"],
        ["GDP", "382", "545"],
        ["Jobs", "1.2", "1.5"],
    ]
    (notice,) = document.notices
    assert notice.field == "表格" and "不在任何单元格内" in notice.reason
    assert notice.line == table.first_line
    assert [line.raw for line in document.lines][-1] == "Text below the table"
    assert any(p.field == "表格" for p in parse_document(document).problems)


def test_a_page_of_mojibake_is_skipped_named_and_the_rest_read() -> None:
    pdf = FPDF()
    _text_page(pdf, "ÖÐ»ªÈËÃñ¹²ºÍ¹ú¹úÃñ¾­¼ÃºÍÉç»á·¢Õ¹")  # GBK bytes of 中华人民共和国… shown as Latin-1
    _text_page(pdf, "GDP target 545")
    document = load_bytes(bytes(pdf.output()), "garbled.pdf")
    assert [line.raw for line in document.lines] == ["GDP target 545"]
    (notice,) = document.notices
    assert notice.field == "第1页" and "乱码" in notice.reason


def test_a_table_drawn_without_rules_keeps_a_line_per_row_and_its_columns_apart() -> None:
    """No ruling, no grid: the text path reads it, and 210 and 300 never run together as 210300."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for r, row in enumerate([["GDP", "210", "300"], ["Revenue", "12.5", "16"]]):
        for c, text in enumerate(row):
            pdf.text(20 + 50 * c, 30 + 8 * r, text)
    document = load_bytes(bytes(pdf.output()), "borderless.pdf")
    assert [line.raw for line in document.lines] == ["GDP  210  300", "Revenue  12.5  16"]
    assert document.tables == ()
