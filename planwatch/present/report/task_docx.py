"""The 任务分工方案 as the Word document an office issues: a landscape A4 table of 序号, 重点任务,
牵头单位, 责任单位, 完成时限, its header row repeated on every page, grouped and numbered by
chapter, set in 仿宋 (text) and 宋体 (table) as 公文 are — LibreOffice and WPS put an installed
CJK face in their place where those are missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

COLUMNS = ("序号", "重点任务", "牵头单位", "责任单位", "完成时限")
WIDTHS_MM = (25, 137, 40, 46, 22)  # 270 mm across a landscape A4 page with 13.5 mm margins
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "宋体"
TITLE_FONT = "方正小标宋简体"


def write_task_docx(data: dict[str, Any], path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(13.5))
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    _page_number_footer(section)

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, data["title"], TITLE_FONT, 18, bold=True)
    if data.get("subtitle"):
        sub = document.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(sub, data["subtitle"], BODY_FONT, 14)

    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, label in zip(header.cells, COLUMNS, strict=True):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(paragraph, label, "黑体", 12, bold=True)
        _shade(cell, "D9D9D9")
    for chapter in data["chapters"]:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        _run(merged.paragraphs[0], f"{chapter['numeral']}、{chapter['title']}", "黑体", 12, bold=True)
        _shade(merged, "F2F2F2")
        for task in chapter["tasks"]:
            row = table.add_row()
            _keep_whole(row)
            cells = row.cells
            _text(cells[0], task["number"], center=True)
            _task_cell(cells[1], task)
            _text(cells[2], (task["lead_unit"] or "") + ("（建议）" if task["lead_suggested"] else ""))
            _text(cells[3], "、".join(task["co_units"]))
            _text(cells[4], _deadline(task["deadline"]), center=True)
    _set_widths(table, [Mm(w) for w in WIDTHS_MM])
    document.save(str(path))


def _set_widths(table: Any, widths: list[Any]) -> None:
    """Column widths in the table grid (what LibreOffice reads) and in every cell (what Word reads)."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _deadline(text: str) -> str:
    return f"{text}年" if text.isdigit() else text


def _task_cell(cell: Any, task: dict[str, Any]) -> None:
    paragraph = cell.paragraphs[0]
    _run(paragraph, task["heading"], TABLE_FONT, 11, bold=task["level"] != "事项")
    if task["summary"]:
        _run(paragraph, "：" + task["summary"].rstrip("。") + "。", TABLE_FONT, 11)


def _text(cell: Any, text: str, *, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = cell.paragraphs[0]
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, text, TABLE_FONT, 11)


def _run(paragraph: Any, text: str, font: str, size: float, *, bold: bool = False) -> Any:
    """A run in `font` for Chinese and Latin alike (w:eastAsia is what Word reads for CJK text)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = Pt(size)
    run.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), font)
    return run


def _repeat_as_header(row: Any) -> None:
    """<w:tblHeader/>: Word and LibreOffice repeat the row at the top of every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _keep_whole(row: Any) -> None:
    """<w:cantSplit/>: a task's row is not broken across pages."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _shade(cell: Any, color: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color)
    cell._tc.get_or_add_tcPr().append(shading)


def _page_number_footer(section: Any) -> None:
    """— 1 — centred at the foot of every page, as a PAGE field."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", BODY_FONT, 12)
    run = _run(paragraph, "", BODY_FONT, 12)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._r.append(shown)
    _run(paragraph, " —", BODY_FONT, 12)
