"""Every reader stops at its limits, each a setting, with one Chinese line naming the file.

Small files and lowered settings here; the full-size hostile files are in test_hostile_inputs.py.
"""

from __future__ import annotations

import io
import itertools
import zlib
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from planwatch.document import limits, load_bytes, load_document
from planwatch.document.pdf_limits import _BoundedZlib, _decompress_corrupted
from planwatch.errors import DocumentError
from tests.hostile_files import pdf_with_stream, stream_object, write_pdf

FIXTURES = Path(__file__).parent / "fixtures"
TEXT_OPS = b"BT /F1 12 Tf 72 720 Td (planwatch) Tj ET\n"


def refusal(data: bytes, name: str) -> str:
    with pytest.raises(DocumentError) as raised:
        load_bytes(data, name)
    assert raised.value.file == name
    return raised.value.reason


def pdf_pages(count: int) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for number in range(count):
        pdf.add_page()
        pdf.text(20, 20, f"Section {chr(65 + number % 26)} of the plan")  # not a running head
    return bytes(pdf.output())


# ---- settings ----------------------------------------------------------------------------------


def test_the_fixture_plans_read_within_the_default_limits() -> None:
    for name in ("plan.docx", "plan.pdf", "plan.html", "plan_gbk.txt"):
        assert load_document(FIXTURES / name).lines


# ---- .docx ---------------------------------------------------------------------------------------


def test_docx_whose_xml_unpacks_past_the_xml_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_MAX_XML_SIZE", "64KB")
    reason = refusal((FIXTURES / "plan.docx").read_bytes(), "plan.docx")
    assert reason.startswith("解压后的 XML 内容（")
    assert reason.endswith("超过上限 64 KB（设置 PLANWATCH_MAX_XML_SIZE），文件过大或是恶意文件")


def test_docx_with_more_lines_than_the_line_limit_is_refused_naming_the_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PLANWATCH_MAX_LINES", "10")
    data = (FIXTURES / "plan.docx").read_bytes()
    assert refusal(data, "plan.docx") == "文件的行数超过上限 10 行（设置 PLANWATCH_MAX_LINES）"


def test_text_with_more_lines_than_the_line_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_MAX_LINES", "3")
    assert load_bytes("一\n二\n三\n".encode(), "plan.txt").line_count == 3
    assert load_bytes("一\n二\n三".encode(), "plan.txt").line_count == 3
    for text in ("一\n二\n三\n四\n", "一\n二\n三\n四"):  # four lines, with or without a last newline
        assert refusal(text.encode(), "plan.txt") == "文件的行数超过上限 3 行（设置 PLANWATCH_MAX_LINES）"


class _Clock:
    """time.monotonic that jumps 100 s at every reading: any deadline has passed at the first check."""

    def __init__(self) -> None:
        self._ticks: Iterator[int] = itertools.count(0, 100)

    def monotonic(self) -> float:
        return float(next(self._ticks))


def test_a_read_that_runs_past_the_time_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "time", _Clock())
    data = (FIXTURES / "plan.docx").read_bytes()
    assert refusal(data, "plan.docx") == (
        "读取超时：超过 20 秒仍未读完，文件过大或过于复杂（设置 PLANWATCH_READ_TIMEOUT）"
    )


# ---- .html ---------------------------------------------------------------------------------------


def test_html_with_more_tags_than_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_HTML_MAX_ELEMENTS", "20")
    data = (FIXTURES / "plan.html").read_bytes()
    assert refusal(data, "plan.html") == "网页中的标签超过上限 20 个（设置 PLANWATCH_HTML_MAX_ELEMENTS）"


def test_html_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_HTML_MAX_SIZE", "1KB")
    data = (FIXTURES / "plan.html").read_bytes()
    assert refusal(data, "plan.html") == "网页文件（2 KB）超过上限 1 KB（设置 PLANWATCH_HTML_MAX_SIZE）"


# ---- .pdf --------------------------------------------------------------------------------------


def test_pdf_with_more_pages_than_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = pdf_pages(3)
    assert load_bytes(data, "plan.pdf").lines
    monkeypatch.setenv("PLANWATCH_PDF_MAX_PAGES", "2")
    assert refusal(data, "plan.pdf") == "PDF 的页数超过上限 2 页（设置 PLANWATCH_PDF_MAX_PAGES）"


def test_pdf_flate_stream_past_the_stream_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = TEXT_OPS + b" " * 1_200_000
    path = pdf_with_stream(tmp_path / "p.pdf", zlib.compress(content), b"/Filter /FlateDecode ")
    monkeypatch.setenv("PLANWATCH_PDF_MAX_PAGE_CONTENT", "2MB")
    assert [line.raw for line in load_document(path).lines] == ["planwatch"]  # 1.2 MB: within the default
    monkeypatch.setenv("PLANWATCH_PDF_MAX_STREAM_SIZE", "1MB")
    with pytest.raises(DocumentError) as raised:
        load_document(path)
    assert raised.value.reason == (
        "PDF 中一个数据流解压后超过上限 1 MB（设置 PLANWATCH_PDF_MAX_STREAM_SIZE），可能是恶意文件"
    )


def test_pdf_run_length_stream_past_the_stream_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANWATCH_PDF_MAX_STREAM_SIZE", "1MB")
    # RunLength: a length byte 257 - n repeats the next byte n times; 0x81 repeats it 128 times.
    path = pdf_with_stream(tmp_path / "p.pdf", b"\x81 " * 10_000 + b"\x80", b"/Filter /RunLengthDecode ")
    with pytest.raises(DocumentError, match="PLANWATCH_PDF_MAX_STREAM_SIZE"):
        load_document(path)


TOO_COMPLEX = "，页面过于复杂或是恶意文件"
PAGE_CONTENT = "PDF 一页的内容超过上限 256 KB（设置 PLANWATCH_PDF_MAX_PAGE_CONTENT）" + TOO_COMPLEX


def test_a_page_whose_content_passes_the_page_content_limit_is_refused(tmp_path: Path) -> None:
    # 300 KB of text operators: pdfplumber would hold some 400 MB of character objects for it.
    content = b"BT /F1 12 Tf 72 720 Td " + b"(planwatch) Tj " * 20_000 + b"ET"
    path = pdf_with_stream(tmp_path / "p.pdf", zlib.compress(content), b"/Filter /FlateDecode ")
    with pytest.raises(DocumentError) as raised:
        load_document(path)
    assert raised.value.reason == PAGE_CONTENT


def _pdf_drawing_a_form(path: Path, times: int) -> Path:
    """One page drawing the same 10 KB form XObject `times` times."""
    form = stream_object(
        b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> ",
        TEXT_OPS * 250,
    )
    return write_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /XObject << /X1 6 0 R >> >> >>",
            stream_object(b"", b"/X1 Do " * times),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            form,
        ],
    )


def test_a_form_drawn_many_times_costs_no_more_to_read(tmp_path: Path) -> None:
    # A 1.6 KB file that runs 400 KB of content. pdfminer interpreted every drawing in Python and
    # needed the page content limit against it; PDFium runs it in C and its text page keeps one glyph
    # of those drawn on top of each other within one drawing: 40 drawings of "planwatch", 360 glyphs.
    many = load_document(_pdf_drawing_a_form(tmp_path / "many.pdf", 40))
    assert len("".join(line.raw for line in many.lines)) == 40 * len("planwatch")


def test_a_page_of_dense_grid_lines_is_refused_before_the_quadratic_table_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vertical = b"".join(f"{10 + 6 * x} 10 m {10 + 6 * x} 130 l S ".encode() for x in range(21))
    horizontal = b"".join(f"10 {10 + 6 * y} m 130 {10 + 6 * y} l S ".encode() for y in range(21))
    path = pdf_with_stream(tmp_path / "grid.pdf", TEXT_OPS + vertical + horizontal)
    assert load_document(path).tables  # 441 crossings: a table
    monkeypatch.setenv("PLANWATCH_PDF_MAX_TABLE_POINTS", "400")
    with pytest.raises(DocumentError) as raised:
        load_document(path)
    assert raised.value.reason == (
        "PDF 一页中表格线的交点超过上限 400 个（设置 PLANWATCH_PDF_MAX_TABLE_POINTS）" + TOO_COMPLEX
    )
    monkeypatch.setenv("PLANWATCH_PDF_MAX_TABLE_LINES", "30")
    with pytest.raises(DocumentError, match="PDF 一页中的表格线超过上限 30 条"):
        load_document(path)


def test_pdf_streams_together_past_the_decoded_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = pdf_pages(40)
    assert load_bytes(data, "plan.pdf").lines  # 40 one-line pages (joined into paragraphs as they flow)
    monkeypatch.setenv("PLANWATCH_PDF_MAX_DECODED_SIZE", "2KB")  # 40 pages of ~70 bytes
    assert refusal(data, "plan.pdf") == (
        "PDF 解压后的数据超过上限 2 KB（设置 PLANWATCH_PDF_MAX_DECODED_SIZE），文件过大或是恶意文件"
    )


def test_bounded_inflate_returns_what_zlib_returns() -> None:
    data = TEXT_OPS * 1000
    packed = zlib.compress(data)
    assert _BoundedZlib.decompress(packed) == zlib.decompress(packed) == data
    assert _BoundedZlib.decompress(packed + b"garbage after the end") == data
    for damaged in (packed[:-5], b"not zlib at all"):
        with pytest.raises(zlib.error):
            zlib.decompress(damaged)
        with pytest.raises(zlib.error):
            _BoundedZlib.decompress(damaged)


def _pdfminer_decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's own algorithm (pdftypes.decompress_corrupted), the reference for the linear one."""
    inflater = zlib.decompressobj()
    stream = io.BytesIO(data)
    result = b""
    buffer = stream.read(1)
    i = 0
    try:
        while buffer:
            result += inflater.decompress(buffer)
            buffer = stream.read(1)
            i += 1
    except zlib.error:
        if i < len(data) - 3:
            raise
    return result


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda packed: packed[:-4], id="checksum-missing"),
        pytest.param(lambda packed: packed[:-2], id="checksum-cut"),
        pytest.param(lambda packed: packed[:-4] + b"\x00\x00\x00\x01", id="checksum-wrong"),
        pytest.param(lambda packed: packed[: len(packed) // 2], id="cut-in-half"),
        pytest.param(lambda packed: packed[:900] + b"\xff" * 8 + packed[908:], id="damaged-inside"),
    ],
)
def test_linear_decompress_corrupted_keeps_what_pdfminers_keeps(damage: object) -> None:
    packed = zlib.compress(bytes(range(256)) * 2000 + TEXT_OPS * 3000)
    damaged = damage(packed)  # type: ignore[operator]
    assert _decompress_corrupted(damaged) == _pdfminer_decompress_corrupted(damaged)


def test_linear_decompress_corrupted_raises_where_pdfminers_raises() -> None:
    packed = bytearray(zlib.compress(bytes(range(256)) * 2000))
    packed[0:2] = b"\xff\xff"  # not a zlib header: damage far from the checksum
    with pytest.raises(zlib.error):
        _pdfminer_decompress_corrupted(bytes(packed))
    with pytest.raises(zlib.error):
        _decompress_corrupted(bytes(packed))


def test_a_docx_made_by_word_is_read_within_the_zip_limits() -> None:
    document = docx.Document()
    document.add_paragraph("第一章　总则")
    buffer = io.BytesIO()
    document.save(buffer)
    assert [line.raw for line in load_bytes(buffer.getvalue(), "plan.docx").lines] == ["第一章　总则"]
