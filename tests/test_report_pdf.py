"""The report through LibreOffice to PDF: Chinese text comes back out (no tofu), in the Noto CJK
fonts the office fonts are mapped to, with page numbers and a filled-in table of contents. Page 1
and the first indicator table page are saved as PNG in build/ to be looked at.

Needs LibreOffice Writer (scripts/system-deps.sh test installs it); skipped without it locally,
failing on CI.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pypdfium2
import pytest

from planwatch.present.report.build import ReportFormat, ReportRequest, build_report
from planwatch.present.report.content import ReportError, ReportKind
from planwatch.services.figures import DEMO_AS_OF
from planwatch.store import Store
from tests.web_server import build_demo_store

BUILD = Path(__file__).resolve().parent.parent / "build"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, int]]:
    if shutil.which("soffice") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must convert reports to PDF: LibreOffice (soffice) is missing")
        pytest.skip("LibreOffice (soffice) is not installed")
    url, plan_id = build_demo_store(tmp_path_factory.mktemp("report-pdf"))
    store = Store(url)
    yield store, plan_id
    store.close()


@pytest.fixture(scope="module")
def pages(seeded: tuple[Store, int]) -> list[str]:
    store, plan_id = seeded
    data = build_report(
        store, plan_id, ReportRequest(ReportKind.ANNUAL, DEMO_AS_OF, format=ReportFormat.PDF)
    ).data
    assert data.startswith(b"%PDF")
    for old in ("report-page-1.png", "report-indicators.png"):
        (BUILD / old).unlink(missing_ok=True)
    (BUILD / "report-annual.pdf").parent.mkdir(parents=True, exist_ok=True)
    (BUILD / "report-annual.pdf").write_bytes(data)
    document = pypdfium2.PdfDocument(data)
    texts: list[str] = []
    try:
        for page in document:
            text_page = page.get_textpage()
            texts.append(text_page.get_text_range())
            text_page.close()
            first_table = "综合质效指标完成情况" in _flat(texts[-1]) and len(texts) > 2
            if len(texts) == 1 or (first_table and not (BUILD / "report-indicators.png").exists()):
                name = "report-page-1.png" if len(texts) == 1 else "report-indicators.png"
                page.render(scale=110 / 72).to_pil().save(BUILD / name)
            page.close()
    finally:
        document.close()
    return texts


def _flat(text: str) -> str:
    return "".join(text.split())


def test_chinese_text_comes_back_out_of_the_pdf(pages: list[str]) -> None:
    everything = _flat("".join(pages))
    for phrase in (
        "2024年度监测报告",
        "征求意见稿",
        "一、总体情况",
        "主要指标完成情况",
        "地区生产总值",
        "常住人口城镇化率",
    ):
        assert phrase in everything, phrase
    assert "\ufffd" not in everything  # nothing unreadable
    assert sum(1 for ch in everything if "\u4e00" <= ch <= "\u9fff") > 3000


def test_the_office_fonts_are_drawn_with_noto_cjk(seeded: tuple[Store, int]) -> None:
    data = (BUILD / "report-annual.pdf").read_bytes()
    fonts = set(re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z-]+)", data))
    assert any(name.startswith(b"NotoSerifCJK") for name in fonts), fonts  # 仿宋_GB2312, 楷体_GB2312
    assert any(name.startswith(b"NotoSansCJK") for name in fonts), fonts  # 黑体


def test_pages_are_numbered_and_the_contents_list_them(pages: list[str]) -> None:
    numbered = [n for n, text in enumerate(pages) if re.search(r"—\s*1\s*—", text)]
    assert numbered and numbered[0] == 2  # the cover and the contents carry no number
    contents = _flat(pages[1])
    assert re.search(r"一、总体情况\.+1", contents)
    found = re.search(r"附表1监测数据及来源\.+(\d+)", contents)
    assert found is not None
    printed = int(found.group(1))
    assert "附表1" in _flat(pages[numbered[0] + printed - 1])


def test_screenshots_of_page_1_and_the_indicator_table_land_in_build(pages: list[str]) -> None:
    assert (BUILD / "report-page-1.png").stat().st_size > 10_000
    assert (BUILD / "report-indicators.png").stat().st_size > 10_000


def test_a_missing_libreoffice_is_said_in_one_line_and_no_file_is_made(
    seeded: tuple[Store, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, plan_id = seeded
    monkeypatch.setenv("PLANWATCH_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(ReportError) as refused:
        build_report(store, plan_id, ReportRequest(ReportKind.ANNUAL, DEMO_AS_OF, format=ReportFormat.PDF))
    assert "未找到 LibreOffice" in refused.value.one_line()
