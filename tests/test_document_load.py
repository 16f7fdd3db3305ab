"""Stage 1: reading plan files (.txt, .docx, .pdf, .html) into numbered lines and table grids.

The fixtures in tests/fixtures are one little plan written in every format by
tests/fixtures/make_fixtures.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.document import Document, Line, Table, limits, load_bytes, load_document, split_lines
from planwatch.document.model import Printed
from planwatch.document.text import normalise
from planwatch.errors import DocumentError

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).parents[1] / "planwatch" / "data" / "xinjian_14th_fyp_draft2.txt"

TITLE = "某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
GRID = [
    ["类别", "指标名称", "2020年基期值", "2025年目标", "年均增速", "属性"],
    ["经济发展", "地区生产总值（亿元）", "210", "300", "7.5%左右", "预期性"],
    ["", "一般公共预算收入（亿元）", "12.5", "16", "5%以上", "预期性"],
    ["绿色生态", "单位地区生产总值能耗降低（%）", "—", "[10]", "", "约束性"],
    ["注：[ ]内为五年累计数。", "", "", "", "", ""],
]
# The plan as Word's "save as text" writes it: what .txt holds and what .docx and .html become.
FLAT = [
    TITLE,
    "第一章　发展基础",
    "第一节　主要目标",
    "到2025年，地区生产总值达到300亿元，年均增长7.5%左右。",
    "专栏1　“十四五”时期经济社会发展主要指标",
    *[line for row in GRID for line in [*("\t" + cell for cell in row), ""]],
    "第二章　保障措施",
    "研究与试验发展（R&D）经费投入强度稳步提高。",
    "加强规划实施监测评估。",
]
TABLE_FIRST_LINE, TABLE_LAST_LINE = 6, 39  # first and last cell lines of the flattened table
FIXTURE_NAMES = ["plan_gbk.txt", "plan_utf8_bom.txt", "plan.docx", "plan.pdf", "plan.html"]


@cache
def fixture(name: str) -> Document:
    return load_document(FIXTURES / name)


def raws(document: Document) -> list[str]:
    return [line.raw for line in document.lines]


def grid(table: Table) -> list[list[str]]:
    return [[cell.raw for cell in row] for row in table.rows]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def html_bytes(body: str, encoding: str = "utf-8", head: str = "") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode(encoding)


# --- split_lines: how text becomes numbered lines ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\nb\n", ["a", "b"]),  # a final newline ends the last line
        ("a\nb", ["a", "b"]),
        ("", []),
        ("\n", [""]),
        ("a\n\nb\n\n", ["a", "", "b", ""]),
        ("a\r\nb\r\n", ["a", "b"]),  # CRLF
        ("a\r\r\nb", ["a\r", "b"]),  # only one \r belongs to the line break
        ("a\rb", ["a\rb"]),  # a lone \r is not a line break
        ("页\f页\x0b行\x1c\x1d\x1e\u2028\u2029\x85末", ["页\f页\x0b行\x1c\x1d\x1e\u2028\u2029\x85末"]),
    ],
)
def test_split_lines_breaks_on_newline_only(text: str, expected: list[str]) -> None:
    lines = split_lines(text)
    assert [line.raw for line in lines] == expected
    assert [line.number for line in lines] == list(range(1, len(expected) + 1))


def test_split_lines_pairs_each_raw_line_with_its_normalised_text() -> None:
    (line,) = split_lines("到二〇二五年，增长７.５％\f")
    assert line == Line(1, "到二〇二五年，增长７.５％\f", normalise("到二〇二五年，增长７.５％\f"))
    assert len(line.text) == len(line.raw)


@given(st.text(alphabet=st.sampled_from("ab\n\f\x0b\u2028 中"), max_size=40))
def test_split_lines_loses_nothing_but_the_final_newline(text: str) -> None:
    lines = split_lines(text)
    assert all("\n" not in line.raw for line in lines)
    joined = "\n".join(line.raw for line in lines)
    assert joined + ("\n" if text.endswith("\n") else "") == text


# --- the fixtures, format by format -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "encoding"),
    [
        ("plan_gbk.txt", "txt", "gb18030"),
        ("plan_utf8_bom.txt", "txt", "utf-8-sig"),
        ("plan.docx", "docx", None),
        ("plan.html", "html", "utf-8"),
        ("plan.pdf", "pdf", None),
    ],
)
def test_document_records_format_encoding_source_and_path(name: str, kind: str, encoding: str | None) -> None:
    path = FIXTURES / name
    document = load_document(path)
    assert document.format == kind
    assert document.encoding == encoding
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert document.path == str(path)


@pytest.mark.parametrize("name", ["plan_gbk.txt", "plan_utf8_bom.txt", "plan.docx", "plan.pdf"])
def test_txt_docx_and_pdf_give_the_same_lines(name: str) -> None:
    assert raws(fixture(name)) == FLAT


def test_numbers_are_one_based_and_text_is_normalised() -> None:
    document = fixture("plan.docx")
    assert [line.number for line in document.lines] == list(range(1, len(FLAT) + 1))
    assert document.line(1).raw == TITLE
    assert document.line(1).text == normalise(TITLE)
    assert "2035年" in document.line(1).text  # 二〇三五 → 2035 in the parsing form only
    assert document.line(4).raw == "到2025年，地区生产总值达到300亿元，年均增长7.5%左右。"


def test_gbk_crlf_text_decodes_without_carriage_returns() -> None:
    assert b"\r\n" in (FIXTURES / "plan_gbk.txt").read_bytes()
    document = fixture("plan_gbk.txt")
    assert not any("\r" in raw for raw in raws(document))


def test_utf8_byte_order_mark_is_not_part_of_the_first_line() -> None:
    assert fixture("plan_utf8_bom.txt").line(1).raw == TITLE


def test_text_files_have_no_tables_the_parse_stage_rebuilds_them() -> None:
    assert fixture("plan_gbk.txt").tables == ()


@pytest.mark.parametrize("name", ["plan.docx", "plan.html", "plan.pdf"])
def test_real_tables_are_flattened_and_kept_as_grids(name: str) -> None:
    document = fixture(name)
    (table,) = document.tables
    assert table.origin == name.split(".")[1]
    assert grid(table) == GRID
    assert (table.first_line, table.last_line) == (TABLE_FIRST_LINE, TABLE_LAST_LINE)
    for row in table.rows:
        for cell in row:
            assert document.line(cell.line).raw == "\t" + cell.raw


@pytest.mark.parametrize("name", ["plan.docx", "plan.html", "plan.pdf"])
def test_merged_cells_appear_once(name: str) -> None:
    cells = [cell.raw for row in fixture(name).tables[0].rows for cell in row]
    assert cells.count("经济发展") == 1  # merged down over two rows
    assert cells.count("注：[ ]内为五年累计数。") == 1  # merged across the whole row
    assert [row[0].col for row in fixture(name).tables[0].rows] == [0] * len(GRID)


def test_docx_paragraph_with_a_line_break_is_two_lines() -> None:
    assert raws(fixture("plan.docx"))[-2:] == FLAT[-2:]


def test_pdf_lines_remember_the_page_and_printed_line_they_came_from() -> None:
    document = fixture("plan.pdf")
    assert document.printed_at(1) == Printed(0, 1, 1)
    assert document.printed_at(len(FLAT)) == Printed(0, 2, 3)  # 加强规划实施监测评估。 on page two
    (table,) = document.tables
    header_line = table.rows[0][1].line
    assert document.printed_at(header_line) == Printed(1, 1, 6)  # the header row is page 1's sixth line
    assert [document.printed_at(cell.line) for cell in table.rows[1]] == [Printed(1, 1, 7)] * 6


def test_other_formats_have_no_printed_positions() -> None:
    assert fixture("plan.docx").printed == ()
    assert fixture("plan.docx").printed_at(1) is None


def test_html_drops_scripts_styles_head_nav_and_comments() -> None:
    text = "\n".join(raws(fixture("plan.html")))
    for noise in ("脚本", "首页", "注释", "_某县人民政府", "border"):
        assert noise not in text


def test_html_keeps_non_breaking_spaces_raw_and_decodes_entities() -> None:
    document = fixture("plan.html")
    assert document.line(4).raw == "\u00a0\u00a0" + FLAT[3]
    assert document.line(4).text == normalise("  " + FLAT[3])
    assert raws(document)[4:] == FLAT[4:]  # &amp; → &, &nbsp;-only cell → empty, <br> → new line


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_load_bytes_reads_like_load_document(name: str) -> None:
    path = FIXTURES / name
    from_memory = load_bytes(path.read_bytes(), name)
    from_disk = fixture(name)
    assert from_memory.lines == from_disk.lines
    assert from_memory.tables == from_disk.tables
    assert from_memory.sha256 == from_disk.sha256
    assert from_memory.path == name


@pytest.mark.parametrize(
    ("fixture_name", "name", "kind"),
    [
        ("plan.docx", "upload", "docx"),
        ("plan.pdf", "upload.bin", "pdf"),
        ("plan.html", "page.asp", "html"),
        ("plan_utf8_bom.txt", "README", "txt"),
    ],
)
def test_unknown_suffix_is_sniffed_from_the_content(fixture_name: str, name: str, kind: str) -> None:
    document = load_bytes((FIXTURES / fixture_name).read_bytes(), name)
    assert document.format == kind
    assert document.line(1).raw == TITLE


@pytest.mark.parametrize("suffix", [".TXT", ".text", ".md"])
def test_text_suffixes_read_as_text(suffix: str) -> None:
    assert load_bytes("第一章\n".encode(), "plan" + suffix).format == "txt"


def test_bundled_seed_plan_reads_with_its_known_lines() -> None:
    document = load_document(SEED)
    assert document.format == "txt"
    assert document.line_count == 1716
    assert document.line(22).raw == "\t专栏1-1：“十三五”规划主要指标完成情况"


# --- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("第一章\n到2025年\n".encode(), "utf-8"),
        ("第一章\n到2025年\n".encode("gbk"), "gb18030"),
        ("第一章\n到2025年\n".encode("gb18030"), "gb18030"),
        ("\ufeff第一章\n到2025年\n".encode(), "utf-8-sig"),
        ("\ufeff第一章\n到2025年\n".encode("utf-16-le"), "utf-16-le"),
        ("\ufeff第一章\n到2025年\n".encode("utf-16-be"), "utf-16-be"),
        ("\ufeff第一章\r\n到2025年\r\n".encode("utf-32-le"), "utf-32-le"),
    ],
)
def test_text_encodings_are_detected(data: bytes, encoding: str) -> None:
    document = load_bytes(data, "plan.txt")
    assert document.encoding == encoding
    assert raws(document) == ["第一章", "到2025年"]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (html_bytes("<p>第一章</p>", "gbk", '<meta charset="gbk">'), "gb18030"),
        (
            html_bytes(
                "<p>第一章</p>", "gbk", '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            ),
            "gb18030",
        ),
        (html_bytes("<p>第一章</p>", "gbk"), "gb18030"),  # undeclared: UTF-8 fails, GB18030 fits
        (
            html_bytes("<p>第一章</p>", "utf-8", '<meta charset="utf-16">'),
            "utf-8",
        ),  # a lie a page cannot tell
        (b'<?xml version="1.0" encoding="gbk"?>' + html_bytes("<p>第一章</p>", "gbk"), "gb18030"),
    ],
)
def test_html_encodings_are_detected(data: bytes, encoding: str) -> None:
    document = load_bytes(data, "plan.html")
    assert document.encoding == encoding
    assert raws(document) == ["第一章"]


# --- what goes wrong, and how it is said --------------------------------------------------------


def _garbage_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def _pdf(*, text: str | None, password: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 30)  # a scanned page has drawings but no text
    if text is not None:
        pdf.set_font("helvetica", size=12)
        pdf.text(20, 20, text)
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    return bytes(pdf.output())


BAD_BYTES = [
    pytest.param(b"", "plan.txt", "文件为空", id="empty-txt"),
    pytest.param(b"", "plan.docx", "文件为空", id="empty-docx"),
    pytest.param(b" \r\n\t\n", "plan.txt", "文件为空", id="whitespace"),
    pytest.param("\ufeff \n".encode("utf-16-le"), "plan.txt", "文件为空", id="whitespace-utf16"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "plan.txt", "不是文本文件", id="binary-nul"),
    pytest.param(b"ab\x01\x02\x03\x04\x05\x06cd", "plan.txt", "不是文本文件", id="control-chars"),
    pytest.param("第一章".encode() + b"\xff\xfe\xfd", "plan.txt", "无法识别文件编码", id="undecodable"),
    pytest.param(b"\xef\xbb\xbf\xff\xfe", "plan.txt", "不是有效的 UTF-8", id="bad-after-bom"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "plan.doc", "另存为 .docx", id="doc"),
    pytest.param(b"this is not a zip file", "x.docx", "无法读取 .docx 文件", id="garbage-docx"),
    pytest.param(_garbage_zip(), "book.docx", "无法读取 .docx 文件", id="zip-not-word"),
    pytest.param(b"%PDF-1.4 garbage", "x.pdf", "无法读取 .pdf 文件（文件损坏", id="garbage-pdf"),
    pytest.param(_pdf(text=None), "scan.pdf", "扫描件，没有文字层，请先做OCR", id="scanned-pdf"),
    pytest.param(_pdf(text="Plan", password="secret"), "locked.pdf", "已加密", id="encrypted-pdf"),
    pytest.param(html_bytes("<script>var a = 1;</script>"), "x.html", "没有文字", id="html-only-script"),
    pytest.param(docx_bytes(docx.Document()), "blank.docx", "没有文字", id="docx-without-text"),
]


@pytest.mark.parametrize(("data", "name", "reason"), BAD_BYTES)
def test_bad_input_raises_document_error_naming_the_file(data: bytes, name: str, reason: str) -> None:
    with pytest.raises(DocumentError) as raised:
        load_bytes(data, name)
    message = str(raised.value)
    assert raised.value.file == name
    assert message.startswith(name + "：")
    assert reason in message
    assert "\n" not in message


@pytest.mark.parametrize(("data", "name", "reason"), BAD_BYTES)
def test_bad_files_on_disk_fail_the_same_way(tmp_path: Path, data: bytes, name: str, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=re.escape(reason)) as raised:
        load_document(path)
    assert raised.value.file == str(path)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "没有这个文件.txt"
    with pytest.raises(DocumentError, match="文件不存在") as raised:
        load_document(path)
    assert str(path) in str(raised.value)


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="文件夹"):
        load_document(tmp_path)


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_device_is_not_a_file() -> None:
    with pytest.raises(DocumentError, match="不是普通文件"):
        load_document("/dev/null")


def test_oversized_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_MAX_FILE_SIZE", "1KB")
    path = tmp_path / "big.txt"
    path.write_bytes(b"a\n" * 1024)
    expected = "文件过大（2 KB，上限 1 KB，设置 PLANWATCH_MAX_FILE_SIZE）"
    with pytest.raises(DocumentError, match=re.escape(expected)):
        load_document(path)
    with pytest.raises(DocumentError, match="文件过大") as raised:
        load_bytes(path.read_bytes(), "upload.txt")
    assert raised.value.file == "upload.txt"


def test_size_limit_is_fifty_megabytes_by_default() -> None:
    assert limits.max_file_size() == 50 * 1024 * 1024
    expected = "文件过大（60 MB，上限 50 MB，设置 PLANWATCH_MAX_FILE_SIZE）"
    assert limits.file_too_large(60 * 1024 * 1024) == expected


# --- .docx details ------------------------------------------------------------------------------


def test_docx_nested_table_text_goes_into_its_cell() -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "重大项目"
    inner_cell = outer.cell(0, 1)
    inner_cell.text = "项目："
    inner = inner_cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "一期"
    inner.cell(0, 1).text = "二期"
    read = load_bytes(docx_bytes(document), "nested.docx")
    assert grid(read.tables[0]) == [["重大项目", "项目：一期二期"]]
    assert raws(read) == ["\t重大项目", "\t项目：一期二期", ""]


def test_docx_reads_content_controls_and_tracked_insertions() -> None:
    document = docx.Document()
    document.add_paragraph("正文")
    w = nsdecls("w")
    body = document.element.body
    body.insert(
        0, parse_xml(f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>封面</w:t></w:r></w:p></w:sdtContent></w:sdt>")
    )
    body.insert(
        2,
        parse_xml(
            f"<w:p {w}><w:r><w:t>原有</w:t></w:r>"
            '<w:ins w:id="1" w:author="审阅"><w:r><w:t>新增</w:t></w:r></w:ins>'
            '<w:del w:id="2" w:author="审阅"><w:r><w:delText>删除</w:delText></w:r></w:del></w:p>'
        ),
    )
    assert raws(load_bytes(docx_bytes(document), "draft.docx")) == ["封面", "正文", "原有新增"]


def test_docx_broken_vertical_merge_does_not_stop_reading() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 1).text = "指标"
    table.cell(1, 1).text = "300"
    table.cell(0, 0)._tc.vMerge = "continue"  # continues a row that does not exist
    assert grid(load_bytes(docx_bytes(document), "odd.docx").tables[0]) == [["", "指标"], ["", "300"]]


# --- .html details ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<p>\n    第一章\n    发展基础  </p>", ["第一章 发展基础"]),  # source whitespace collapses
        ("<div>甲<br>乙<br/><br>丙</div>", ["甲", "乙", "丙"]),
        ("<ul><li>一</li><li>二</li></ul><h2>三</h2>", ["一", "二", "三"]),
        ("<p>\u3000\u3000段落</p><p>&nbsp;</p>", ["\u3000\u3000段落"]),  # blank-looking lines skipped
        ("<p>R&amp;D &lt;指标&gt; &#x4E00;</p>", ["R&D <指标> 一"]),
        ("<pre>\n  列1  列2\n  1    2</pre>", ["  列1  列2", "  1    2"]),
        ("<p>前<span>中</span>后<!-- 注释 -->尾</p>", ["前中后尾"]),
        ("纯文字", ["纯文字"]),
    ],
)
def test_html_text_is_laid_out_as_a_browser_shows_it(body: str, expected: list[str]) -> None:
    assert raws(load_bytes(html_bytes(body), "page.html")) == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ("<tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr>", [["a", "b"], ["c", "d"]]),
        ('<tr><td rowspan="2">a</td><td>b</td></tr><tr><td>c</td></tr>', [["a", "b"], ["", "c"]]),
        ('<tr><td colspan="2">a</td></tr><tr><td>b</td><td>c</td></tr>', [["a", ""], ["b", "c"]]),
        (
            '<tr><td rowspan="2" colspan="2">a</td><td>b</td></tr><tr><td>c</td></tr>',
            [["a", "", "b"], ["", "", "c"]],
        ),
        (
            '<thead><tr><th>h</th></tr></thead><tbody><tr><td rowspan="0">x</td></tr><tr></tr></tbody>',
            [["h"], ["x"], [""]],
        ),
        ('<tr><td colspan="abc">a</td><td rowspan="-1">b</td></tr>', [["a", "b"]]),
        ("<tr><td>2020年<br>基期值</td><td><p>多</p><p>段</p></td></tr>", [["2020年基期值", "多段"]]),
        ("<tr><td>外<table><tr><td>内1</td><td>内2</td></tr></table></td></tr>", [["外内1内2"]]),
    ],
)
def test_html_table_grids_resolve_spans(rows: str, expected: list[list[str]]) -> None:
    document = load_bytes(html_bytes(f"<p>前</p><table>{rows}</table><p>后</p>"), "t.html")
    (table,) = document.tables
    assert grid(table) == expected
    assert document.line(1).raw == "前" and document.line(document.line_count).raw == "后"
    for row in table.rows:
        for cell in row:
            assert document.line(cell.line).raw == "\t" + cell.raw


# --- nothing but DocumentError, whatever the bytes ------------------------------------------------

NAMES = st.sampled_from(["x.txt", "x.docx", "x.pdf", "x.html", "x"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), name=NAMES)
def test_arbitrary_bytes_raise_only_document_error(data: bytes, name: str) -> None:
    try:
        document = load_bytes(data, name)
    except DocumentError:
        return
    assert all("\n" not in line.raw for line in document.lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(FIXTURE_NAMES),
    at=st.floats(min_value=0, max_value=1),
    patch=st.binary(min_size=1, max_size=8),
    truncate=st.booleans(),
)
def test_damaged_fixtures_raise_only_document_error(
    name: str, at: float, patch: bytes, truncate: bool
) -> None:
    data = (FIXTURES / name).read_bytes()
    cut = int(at * len(data))
    damaged = data[:cut] if truncate else data[:cut] + patch + data[cut + len(patch) :]
    with contextlib.suppress(DocumentError):
        load_bytes(damaged, name)


HTML_SOUP = st.lists(
    st.sampled_from(
        ["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", '<td rowspan="0">', '<td colspan="3">',
         "<th rowspan=2>", "<p>", "</p>", "<br>", "<pre>", "</pre>", "<script>", "</script>", "<!--", "-->",
         "<?xml?>", "&nbsp;", "&amp;", "&#0;", "\n", " ", "\u3000", "指标", "2025", "\f", "\x0b", "<", ">"]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(html=HTML_SOUP)
def test_tag_soup_html_raises_only_document_error(html: str) -> None:
    try:
        document = load_bytes(html.encode(), "soup.html")
    except DocumentError:
        return
    for table in document.tables:
        for row in table.rows:
            for cell in row:
                assert document.line(cell.line).raw == "\t" + cell.raw


@cache
def _docx_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(FIXTURES / "plan.docx") as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@settings(max_examples=60, deadline=None)
@given(at=st.floats(min_value=0, max_value=1), length=st.integers(0, 200), insert=st.sampled_from(
    ["", "<w:p>", "</w:tc>", '<w:gridSpan w:val="99999"/>', '<w:vMerge w:val="continue"/>', "<w:tbl>", "&#0;"]
))  # fmt: skip
def test_damaged_docx_xml_raises_only_document_error(at: float, length: int, insert: str) -> None:
    xml = _docx_parts()["word/document.xml"]
    cut = int(at * len(xml))
    parts = dict(_docx_parts(), **{"word/document.xml": xml[:cut] + insert.encode() + xml[cut + length :]})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, content in parts.items():
            archive.writestr(member, content)
    with contextlib.suppress(DocumentError):
        load_bytes(buffer.getvalue(), "damaged.docx")
