"""报告: the page where a signed-in user chooses a report (kind, date, year, format) to download.

The report itself is made on demand by present/report (the download route in present/web/reports.py).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from planwatch.evaluate import DEFAULT_SETTINGS
from planwatch.evaluate.series import due_year
from planwatch.present.pages.common import plan_header
from planwatch.present.report import pdf
from planwatch.present.report.build import ReportFormat, ReportKind
from planwatch.services.evaluation import plan_period
from planwatch.services.versions import working_plan
from planwatch.store import Store

FORMAT_LABELS = {
    ReportFormat.DOCX: "Word（.docx，可编辑的征求意见稿）",
    ReportFormat.XLSX: "Excel（.xlsx，指标评估、统计数据、目标等）",
    ReportFormat.PDF: "PDF（经 LibreOffice 转换）",
}


def reports_page(store: Store, plan_id: int, as_of: date) -> dict[str, Any]:
    parsed = working_plan(store, plan_id, as_of)
    start, end = plan_period(parsed, as_of)
    due = min(max(due_year(as_of, DEFAULT_SETTINGS.annual_publication_lag_days), start), end)
    pdf_ready = pdf.available()
    return {
        "plan": plan_header(plan_id, parsed),
        "as_of": as_of.isoformat(),
        "period": {"start": start, "end": end},
        "kinds": [{"value": k.value, "label": k.label} for k in ReportKind],
        "years": list(range(start, min(end, as_of.year) + 1)),
        "default_year": due,
        "formats": [
            {
                "value": f.value,
                "label": FORMAT_LABELS[f],
                "available": f is not ReportFormat.PDF or pdf_ready,
            }
            for f in ReportFormat
        ],
        "download": f"/plans/{plan_id}/reports/file",
    }
