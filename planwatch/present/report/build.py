"""One report as a file: what the CLI (`planwatch report`, `planwatch reports`) and the web's 报告
page ask for. The content is gathered once (content.py) and written as Word, Excel or PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from planwatch.present.report.content import ReportContent, ReportKind, report_content
from planwatch.store import Store


class ReportFormat(StrEnum):
    DOCX = "docx"
    XLSX = "xlsx"
    PDF = "pdf"

    @property
    def media_type(self) -> str:
        return {
            ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ReportFormat.PDF: "application/pdf",
        }[self]


@dataclass(frozen=True, slots=True)
class ReportRequest:
    kind: ReportKind
    as_of: date
    year: int | None = None  # an annual report's year; the latest year due by default
    format: ReportFormat = ReportFormat.DOCX


@dataclass(frozen=True, slots=True)
class ReportFile:
    name: str  # a file name to save it under: 规划1-2024年度监测报告-2025-06-30.docx
    data: bytes
    media_type: str


def build_report(store: Store, plan_id: int, request: ReportRequest) -> ReportFile:
    content = report_content(store, plan_id, request.kind, request.as_of, request.year)
    return ReportFile(
        file_name(content, request.format), render(content, request.format), request.format.media_type
    )


def render(content: ReportContent, format: ReportFormat) -> bytes:
    if format is ReportFormat.XLSX:
        from planwatch.present.report.books import write_books

        return write_books(content)
    if format is ReportFormat.PDF:
        return write_pdf(content)
    from planwatch.present.report.docx_report import write_docx

    return write_docx(content)


def write_pdf(content: ReportContent) -> bytes:
    """Word → PDF through LibreOffice, twice: the second time with the contents' page numbers."""
    from planwatch.present.report import pdf
    from planwatch.present.report.docx_report import render_docx

    pdf.soffice()  # a missing LibreOffice or font is said before any work is done
    pdf.require_cjk_fonts()
    first, headings = render_docx(content)
    rendered = pdf.docx_to_pdf(first)
    pages = pdf.heading_pages(rendered, headings)
    if not any(page is not None for page in pages):
        return rendered
    second, _ = render_docx(content, pages)
    return pdf.docx_to_pdf(second)


def file_name(content: ReportContent, format: ReportFormat) -> str:
    region = content.plan.get("region") or ""
    kind = content.title if format is not ReportFormat.XLSX else f"{content.title}数据"
    return f"规划{content.plan['id']}{region}-{kind}-{content.as_of.isoformat()}.{format.value}"


__all__ = ["ReportFile", "ReportFormat", "ReportKind", "ReportRequest", "build_report", "file_name"]
