"""Bytes → text: UTF-16 without a byte-order mark, and files cut off inside their last character."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.document import load_bytes
from planwatch.document.encoding import decode, decode_text
from planwatch.errors import DocumentError
from planwatch.observe import ImportRefused, read_import
from planwatch.parse.pipeline import parse_document

SEED = Path(__file__).parents[1] / "planwatch" / "data" / "xinjian_14th_fyp_draft2.txt"
CUT = "文件末尾的 {} 个字节（{}）不是完整的字符，文件可能不完整；已忽略"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_the_bundled_plan_in_utf16_without_a_byte_order_mark_reads_like_the_utf8_file(encoding: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    document = load_bytes(text.encode(encoding), "plan.txt")
    assert document.encoding == encoding
    assert [line.raw for line in document.lines] == [
        line.raw for line in load_bytes(SEED.read_bytes(), "p.txt").lines
    ]
    assert document.notices == ()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_short_utf16_text_without_a_mark_is_read(encoding: str) -> None:
    document = load_bytes("第一章　总则\n到2025年，地区生产总值达到545亿元。\n".encode(encoding), "plan.txt")
    assert document.encoding == encoding
    assert [line.raw for line in document.lines] == ["第一章　总则", "到2025年，地区生产总值达到545亿元。"]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(random.Random(17).randbytes(100_000), id="random-bytes"),
        pytest.param(Path(sys.executable).read_bytes()[:65536], id="an-executable"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 100, id="png-header"),
        pytest.param(bytes(range(256)) * 64, id="every-byte"),
    ],
)
def test_binary_data_with_nul_bytes_is_still_refused_as_binary(data: bytes) -> None:
    with pytest.raises(DocumentError, match="不是文本文件"):
        load_bytes(data, "plan.txt")


def test_a_utf8_file_cut_inside_its_last_character_is_read_and_the_tail_reported() -> None:
    text = SEED.read_text(encoding="utf-8").rstrip()
    assert text.endswith("！")  # three bytes in UTF-8: EF BC 81
    document = load_bytes(text.encode()[:-1], "plan.txt")
    assert document.encoding == "utf-8"
    assert document.lines[-1].raw == text.split("\n")[-1][:-1]
    (problem,) = document.notices
    assert (problem.line, problem.raw) == (len(document.lines), "EF BC")
    assert problem.reason == CUT.format(2, "EF BC")


def test_the_broken_tail_becomes_a_problem_of_the_parsed_plan() -> None:
    data = SEED.read_text(encoding="utf-8").rstrip().encode()[:-2]
    parsed = parse_document(load_bytes(data, "plan.txt"))
    tail = [p for p in parsed.problems if p.field == "文件"]
    assert len(tail) == 1 and tail[0].reason == CUT.format(1, "EF")
    assert parsed.plan.title.startswith("新建区国民经济和社会发展")


def test_a_gbk_file_cut_inside_its_last_character_is_read_as_gbk() -> None:
    document = load_bytes("第一章\n到2025年。".encode("gbk")[:-1], "plan.txt")
    assert document.encoding == "gb18030"
    assert [line.raw for line in document.lines] == ["第一章", "到2025年"]
    assert document.notices[0].raw == "A1"


def test_a_file_broken_before_its_end_is_still_refused() -> None:
    with pytest.raises(DocumentError, match="无法识别文件编码"):
        load_bytes("第一章".encode() + b"\xff" + "到2025年".encode(), "plan.txt")


def test_decode_refuses_a_cut_tail_with_the_reason_for_html_pages() -> None:
    page = "<html><body><p>第一章</p><p>到2025年。</p></body></html>！".encode()[:-1]
    with pytest.raises(DocumentError) as raised:
        load_bytes(page, "plan.html")
    assert raised.value.reason == CUT.format(2, "EF BC")
    with pytest.raises(DocumentError, match="不是完整的字符"):
        decode(page, "plan.html", html=True)


def test_an_import_file_cut_inside_a_character_is_refused_not_imported(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_bytes("编号,期间,数值\nT1.01,2021,420.5\nT1.02,2021,备注！".encode()[:-1])
    with pytest.raises(ImportRefused) as raised:
        read_import(path)
    assert raised.value.messages() == [CUT.format(2, "EF BC")]


_PRINTABLE = st.characters(exclude_categories=("Cc", "Cs"))


@settings(max_examples=150, deadline=None)
@given(
    st.text(_PRINTABLE, min_size=1, max_size=200).filter(str.strip),
    st.characters(min_codepoint=0x80, exclude_categories=("Cs",)),
    st.data(),
)
def test_cutting_a_utf8_text_inside_its_last_character_loses_only_that_character(
    text: str, last: str, data: st.DataObject
) -> None:
    encoded = last.encode()
    cut = data.draw(st.integers(min_value=1, max_value=len(encoded) - 1))
    decoded = decode_text((text + last).encode()[:-cut], "t.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text == text
    assert decoded.broken_tail == encoded[:-cut]
