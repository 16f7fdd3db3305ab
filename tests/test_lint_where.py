"""Where a lint finding is, as a person finds it in the draft: section path, paragraph or table
cell, the PDF page and printed line, and a quote to search for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2
import pytest

from planwatch.lint import lint_plan
from planwatch.parse.pipeline import all_tables, parse_document
from planwatch.present.lint_data import lint_data
from planwatch.services.plans import bundled_plan_path, lint_file
from tests import seed_pdfs
from tests.helpers import document_from_text

FIXTURES = Path(__file__).parent / "fixtures"
DRAFT = """新建区国民经济和社会发展第十四个五年规划纲要

第一章 总体要求

第一节 主要目标

到2025年，地区生产总值达到545亿元。

全区实现进出口总额**亿美元，城乡居民收入稳步增长。

（一）做强工业

1、发展汽车产业。汽车及零部件产业营业收入达到**亿元。
"""


def _findings(path: Path | str) -> list[dict[str, Any]]:
    report = lint_file(path)
    data = lint_data(report.document, report.parsed, report.findings)
    return list(data["findings"])


def _text_findings(text: str) -> list[dict[str, Any]]:
    document = document_from_text(text)
    parsed = parse_document(document)
    tables = all_tables(document)
    findings = lint_plan(document, parsed, tables)
    return list(lint_data(document, parsed, findings, tables)["findings"])


def test_a_finding_in_running_text_is_placed_by_chapter_section_and_paragraph() -> None:
    stars = next(f for f in _text_findings(DRAFT) if f["evidence"] == "**亿美元")
    where = stars["where"]
    assert [s["number"] for s in where["path"]] == ["第一章", "第一节"]
    assert (where["paragraph"], where["table_row"], where["page"]) == (2, None, None)
    assert where["text"] == "第一章 › 第一节 主要目标 第2段"
    assert where["quote"] == "全区实现进出口总额**亿美元，城乡居民收入稳步增长。"


def test_a_list_item_that_goes_on_after_its_heading_is_its_own_first_paragraph() -> None:
    stars = next(f for f in _text_findings(DRAFT) if f["evidence"] == "**亿元")
    assert stars["where"]["text"] == "第一章 › 第一节 › （一） › 1、发展汽车产业 第1段"


def test_a_finding_in_a_table_is_named_by_its_cell() -> None:
    growth = next(
        f for f in _findings(bundled_plan_path()) if f["rule"] == "growth-mismatch" and f["line"] == 357
    )
    where = growth["where"]
    assert [s["number"] for s in where["path"]] == ["第二章", "第四节", "专栏2-1"]
    assert (where["table_row"], where["table_column"], where["paragraph"]) == (4, 4, None)
    assert where["text"].endswith("专栏2-1 新建区“十四五”规划主要指标 表格第4行第4列")


def test_the_word_file_places_its_findings_where_the_text_file_does() -> None:
    from_text = {(f["rule"], f["evidence"]): f["where"]["text"] for f in _findings(bundled_plan_path())}
    from_word = {(f["rule"], f["evidence"]): f["where"]["text"] for f in _findings(FIXTURES / "seed.docx")}
    key = ("placeholder-stars", "**亿元")
    assert from_word[key] == from_text[key] == "第一章 › 第一节 “十三五”时期发展成就 第3段"


@pytest.fixture(scope="module")
def seed_pdf(request: pytest.FixtureRequest) -> Path:
    folder = Path(request.config.cache.mkdir(f"seed-pdfs-{seed_pdfs.fingerprint()}"))
    path = folder / "a4_noto_serif.pdf"
    if not path.exists():
        seed_pdfs.build(folder)
    return path


def test_a_pdf_finding_names_the_page_and_printed_line_it_is_on(seed_pdf: Path) -> None:
    findings = [f for f in _findings(seed_pdf) if f["rule"] == "placeholder-stars"]
    assert findings and all(f["where"]["page"] and f["where"]["printed_line"] for f in findings)
    late = max(findings, key=lambda f: f["where"]["page"])
    page, line = late["where"]["page"], late["where"]["printed_line"]
    assert page > 1 and f"（第{page}页第{line}行）" in late["where"]["text"]
    pdf = pypdfium2.PdfDocument(seed_pdf)
    try:
        printed = pdf[page - 1].get_textpage().get_text_range().replace("\r", "").split("\n")
    finally:
        pdf.close()
    on_the_page = [row.replace(" ", "") for row in printed if row.strip()]
    # the page's printed lines (running header first on every page but the first), read by PDFium itself
    assert any(late["evidence"] in row for row in on_the_page[line - 2 : line + 1])
