"""The 年度监测报告 / 中期评估报告 as a Word document (docs/reports.md): a cover marked 征求意见稿,
a table of contents, 总体情况, 主要指标完成情况, 重大项目推进情况, 重点任务落实情况, the writer's
sections as highlighted placeholders, and the 附表 every number points to.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from planwatch.present.report import charts, docx_tables, sentences
from planwatch.present.report.categories import CATEGORY_ORDER
from planwatch.present.report.content import ReportContent, ReportKind
from planwatch.present.report.docx_xml import clean
from planwatch.present.report.reproducible import fixed_zip
from planwatch.present.report.word import (
    BODY_FONT,
    HEADING_FONT,
    TITLE_FONT,
    Footnotes,
    centered,
    new_numbered_section,
    page_break,
    page_setup,
    placeholder,
    table_of_contents,
    turn_page,
)

CHINESE_NUMBERS = "一二三四五六七八九十"
STAGE_MARK = "征求意见稿"


@dataclass
class Writer:
    """The document being written, with what the table of contents and the numbering need."""

    content: ReportContent
    document: DocumentObject
    footnotes: Footnotes
    headings: list[tuple[int, str]] = field(default_factory=list)
    tables: int = 0
    figures: int = 0

    def heading(self, level: int, text: str) -> Paragraph:
        self.headings.append((level, text))
        added: Paragraph = self.document.add_heading(clean(text), level)
        return added

    def paragraph(self, text: str) -> Paragraph:
        added: Paragraph = self.document.add_paragraph(clean(text))
        return added

    def caption(self, text: str, *, table: bool = True) -> Paragraph:
        if table:
            self.tables += 1
            return self.document.add_paragraph(f"表{self.tables}　{text}", style="Caption")
        self.figures += 1
        return self.document.add_paragraph(f"图{self.figures}　{text}", style="Caption")

    def picture(self, png: bytes, width_mm: float) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.line_spacing = 1.0
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True  # with its caption below
        paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))


def write_docx(content: ReportContent) -> bytes:
    return render_docx(content)[0]


def render_docx(content: ReportContent, toc_pages: list[int | None] | None = None) -> tuple[bytes, list[str]]:
    """The report's bytes and its headings; `toc_pages` (one per heading, from a first PDF rendering)
    fills in the table of contents' page numbers, which Word fills in itself when it opens the file."""
    document = Document()
    page_setup(document)
    _properties(document, content)
    writer = Writer(content, document, Footnotes(document))
    _cover(writer)
    page_break(document)
    centered(document, "目　　录", HEADING_FONT, Pt(22))
    anchor = document.add_paragraph()
    new_numbered_section(document)
    _body(writer)
    pages = toc_pages or [None] * len(writer.headings)
    before = len(document.paragraphs)
    table_of_contents(
        document, [(lvl, text, page) for (lvl, text), page in zip(writer.headings, pages, strict=True)]
    )
    for paragraph in document.paragraphs[before:]:  # move the entries up under 目录
        anchor._p.addprevious(paragraph._p)
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue(), content.as_of), [text for _, text in writer.headings]


def _properties(document: DocumentObject, content: ReportContent) -> None:
    properties = document.core_properties
    moment = datetime(content.as_of.year, content.as_of.month, content.as_of.day)
    properties.title = f"{content.plan['title']}{content.title}"
    properties.subject = content.kind.label
    properties.author = "planwatch"
    properties.last_modified_by = "planwatch"
    properties.comments = f"按截至{content.as_of.isoformat()}已知的数据生成（{STAGE_MARK}）"
    properties.keywords = "规划监测评估"
    properties.revision = 1
    properties.created = moment
    properties.modified = moment
    properties.last_printed = moment


def _cover(writer: Writer) -> None:
    content, document = writer.content, writer.document
    centered(document, content.plan["title"], TITLE_FONT, Pt(22), space_before=Pt(120))
    centered(document, content.title, TITLE_FONT, Pt(26), space_before=Pt(24))
    centered(document, f"（{STAGE_MARK}）", BODY_FONT, Pt(16), space_before=Pt(18))
    version = f"第{content.version}版" + (f"（{content.plan['stage']}）" if content.plan.get("stage") else "")
    centered(
        document,
        f"数据截至{sentences.day_text(writer.content)}　规划文本：{version}",
        BODY_FONT,
        Pt(14),
        space_before=Pt(150),
    )
    if not content.has_figures:
        notice = centered(document, _no_figures_notice(content), HEADING_FONT, Pt(14), space_before=Pt(18))
        notice.runs[0].font.highlight_color = WD_COLOR_INDEX.YELLOW  # the first thing a reader sees
    centered(
        document,
        "planwatch 按已导入的规划文本与统计数据生成，供审阅修改",
        BODY_FONT,
        Pt(12),
        space_before=Pt(18),
    )


def _no_figures_notice(content: ReportContent) -> str:
    if not content.indicators:
        return "注意：本规划未识别出可监测的主要指标。"
    return f"注意：截至{content.as_of.isoformat()}，本规划尚无任何监测数据，各项指标均无法评估。"


def _body(writer: Writer) -> None:
    content = writer.content
    numbers = iter(CHINESE_NUMBERS)
    writer.heading(1, f"{next(numbers)}、总体情况")
    _overview(writer)
    wide = bool(content.indicators and content.has_figures)
    if wide:  # the indicator tables have nine columns: landscape pages
        turn_page(writer.document, landscape=True)
    writer.heading(1, f"{next(numbers)}、主要指标完成情况")
    docx_tables.indicator_section(writer)
    writer.heading(1, f"{next(numbers)}、重大项目推进情况")
    docx_tables.projects(writer)
    writer.heading(1, f"{next(numbers)}、重点任务落实情况")
    docx_tables.tasks(writer)
    writer.heading(1, f"{next(numbers)}、存在的问题")
    placeholder(
        writer.document,
        "待撰写：结合第二部分的红色预警、黄色关注指标及第三、四部分的滞后项目和任务，逐条分析存在的问题及原因",
    )
    placeholder(writer.document, "待撰写：……")
    writer.heading(1, f"{next(numbers)}、下一步工作建议")
    placeholder(writer.document, "待撰写：针对上述问题提出下一步工作建议，明确责任单位和时限")
    placeholder(writer.document, "待撰写：……")
    if content.kind is ReportKind.MIDTERM:
        writer.heading(1, f"{next(numbers)}、规划调整建议")
        _adjustments(writer)
    docx_tables.appendices(writer)


def _overview(writer: Writer) -> None:
    content = writer.content
    paragraph = writer.paragraph("".join(sentences.overview(content)))
    if not content.indicators or not content.has_figures:
        return
    writer.footnotes.add(
        paragraph,
        f"本部分的项数均为按截至{content.as_of.isoformat()}已知数据的评估结果计数；逐项结果见第二部分，"
        "所用数据及其来源见附表1，规划目标原文见附表2。",
    )
    bars = _status_bars(content)
    writer.caption(
        "主要指标评估结果（按" + ("中期评估分类" if content.kind is ReportKind.MIDTERM else "评估状态") + "）"
    )
    docx_tables.status_counts(writer, bars)
    writer.picture(charts.status_chart([(label, colors) for label, colors, _ in bars]), 150)
    writer.caption("主要指标评估结果分布", table=False)


def _status_bars(content: ReportContent) -> list[tuple[str, dict[str, int], dict[str, int]]]:
    """Per status (or category): its indicators by colour, and by attribute (binding, expected)."""
    midterm = content.kind is ReportKind.MIDTERM
    order = list(CATEGORY_ORDER) if midterm else list(content.evaluation["summary"]["by_status"])
    colors: dict[str, Counter[str]] = {label: Counter() for label in order}
    attributes: dict[str, Counter[str]] = {label: Counter() for label in order}
    for line in content.indicators:
        label = line.national if midterm else line.result["status"]
        colors[label][line.result["color"]] += 1
        attributes[label][line.result["attribute"] or "expected"] += 1
    return [(label, dict(colors[label]), dict(attributes[label])) for label in order if colors[label]]


def _adjustments(writer: Writer) -> None:
    content = writer.content
    writer.heading(2, "（一）已作出的目标调整")
    if content.adjustments:
        for adjustment in content.adjustments:
            writer.paragraph(
                f"{adjustment.item_key}：自{adjustment.in_force_from.isoformat()}起按{adjustment.document_no}"
                f"调整为“{adjustment.target_raw}”。"
            )
    else:
        writer.paragraph(f"截至{sentences.day_text(content)}，规划目标未作调整。")
    writer.heading(2, "（二）指标调整建议")
    placeholder(writer.document, "待撰写：对滞后于预期且确因客观条件变化难以实现的指标，提出调整建议及理由")
    writer.heading(2, "（三）重大项目和重点任务调整建议")
    placeholder(writer.document, "待撰写：提出需新增、调整或取消的重大项目和重点任务及理由")
