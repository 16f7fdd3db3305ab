"""The 任务分工方案 as issued: a landscape Word table that LibreOffice renders with its Chinese text,
its header row repeated on every page and its tasks numbered by chapter."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pypdfium2
import pytest
from docx.oxml.ns import qn

from planwatch.model import ParsedPlan
from planwatch.present.pages.task_rows import chapter_groups, chinese_numeral, task_row
from planwatch.present.report.task_docx import COLUMNS, write_task_docx
from planwatch.tasking.propose import propose

TITLE = "《新建区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》重点任务分工方案"


@pytest.fixture(scope="module")
def issued(seed: ParsedPlan, seed_lines: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    tasks = propose(seed, seed_lines, 1).tasks
    rows = [task_row(t) for t in tasks]
    for row in rows:
        row["lead_unit"], row["lead_suggested"] = "区发改委", False
    rows[0]["co_units"] = ["区工信局", "区科技局"]
    data = {"title": TITLE, "subtitle": "（新发改〔2021〕8号）", "chapters": chapter_groups(rows)}
    path = tmp_path_factory.mktemp("task-docx") / "任务分工方案.docx"
    write_task_docx(data, path)
    return path


def test_the_document_is_a_landscape_table_with_a_repeated_header_row(issued: Path) -> None:
    document = docx.Document(str(issued))
    section = document.sections[0]
    assert section.page_width > section.page_height
    table = document.tables[0]
    header = table.rows[0]
    assert [c.text for c in header.cells] == list(COLUMNS)
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    chapter = table.rows[1]
    assert chapter.cells[0].text == "三、建设现代产业体系 推进经济高质量跨越式发展"
    first = table.rows[2]
    assert [first.cells[0].text, first.cells[2].text, first.cells[3].text, first.cells[4].text] == [
        "3.1",
        "区发改委",
        "区工信局、区科技局",
        "2025年",
    ]
    assert first.cells[1].text.startswith("第一节 做强工业支撑：立足工业强省")


def test_the_text_is_set_in_fangsong_and_songti(issued: Path) -> None:
    document = docx.Document(str(issued))
    title_run = document.paragraphs[0].runs[0]
    cell_run = document.tables[0].rows[2].cells[1].paragraphs[0].runs[0]
    fonts = [r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in (title_run, cell_run)]
    assert fonts == ["方正小标宋简体", "宋体"]
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_libreoffice_renders_it_with_the_chinese_text_on_landscape_pages(issued: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed: scripts/system-deps.sh test")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{work / 'profile'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(issued),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pdf = pypdfium2.PdfDocument(str(work / "任务分工方案.pdf"))
        try:
            pages = [pdf[n] for n in range(len(pdf))]
            sizes = [page.get_size() for page in pages]
            texts = [page.get_textpage().get_text_range() for page in pages]
        finally:
            pdf.close()
    assert len(pages) > 5
    assert all(width > height for width, height in sizes)
    whole = "".join(t.replace("\r", "").replace("\n", "") for t in texts)
    for expected in (
        "重点任务分工方案",
        "做强工业支撑",
        "区工信局、区科技局",
        "十三、坚持和加强党的全面领导",
    ):
        assert expected in whole, expected
    assert all("序号" in text and "牵头单位" in text for text in texts), "the header row on every page"


def test_chapters_are_numbered_the_chinese_way() -> None:
    assert [chinese_numeral(n) for n in (1, 3, 10, 11, 13, 20, 21)] == [
        "一",
        "三",
        "十",
        "十一",
        "十三",
        "二十",
        "二十一",
    ]
