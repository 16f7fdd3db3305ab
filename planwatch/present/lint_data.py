"""The lint report as plain data: one function feeds the terminal, JSON and HTML outputs."""

from __future__ import annotations

from collections import Counter
from typing import Any

from planwatch.document.model import Document, Table
from planwatch.lint.where import Locator, Where
from planwatch.model import Finding, ParsedPlan, Severity
from planwatch.parse.pipeline import all_tables

KIND_LABELS = {
    "placeholder": "占位符",
    "inconsistency": "数据矛盾",
    "implausible": "数值异常",
    "numbering": "编号",
    "duplicate": "重复",
    "spelling": "写法不一",
    "typo": "错别字",
}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}


def at_least(findings: list[Finding], minimum: Severity) -> list[Finding]:
    return [f for f in findings if f.severity.rank >= minimum.rank]


def lint_data(
    document: Document, parsed: ParsedPlan, findings: list[Finding], tables: tuple[Table, ...] | None = None
) -> dict[str, Any]:
    """The report; each finding with where a person finds it (`where`: section path, paragraph or
    table cell, PDF page, a quote to search for). `tables`: the document's, when already found."""
    locator = Locator(document, parsed.sections, all_tables(document) if tables is None else tables)
    severities = Counter(f.severity.value for f in findings)
    kinds = Counter(f.kind.value for f in findings)
    return {
        "file": document.path,
        "sha256": document.sha256,
        "plan": {"title": parsed.plan.title, "region": parsed.plan.region, "stage": parsed.plan.stage},
        "summary": {
            "total": len(findings),
            "by_severity": {s: severities.get(s, 0) for s in ("error", "warning", "info")},
            "by_kind": {k: kinds.get(k, 0) for k in KIND_LABELS},
        },
        "findings": [
            {**finding_data(f), "where": where_data(locator.locate(f.line, f.column, f.evidence))}
            for f in findings
        ],
    }


def where_data(where: Where) -> dict[str, Any]:
    return {
        "text": where.text(),
        "path": [
            {"kind": s.kind.value, "number": s.number, "title": s.title, "line": s.line} for s in where.path
        ],
        "paragraph": where.paragraph,
        "table_row": where.table_row,
        "table_column": where.table_column,
        "page": where.page,
        "printed_line": where.printed_line,
        "quote": where.context,
    }


def finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "kind": finding.kind.value,
        "severity": finding.severity.value,
        "line": finding.line,
        "lines": list(finding.lines),
        "column": finding.column,
        "evidence": finding.evidence,
        "message": finding.message,
    }


def annotated_lines(document: Document, findings: list[Finding]) -> list[dict[str, Any]]:
    """The document's lines cut into plain and highlighted pieces, for showing findings in place."""
    by_line: dict[int, list[Finding]] = {}
    for finding in findings:
        by_line.setdefault(finding.line, []).append(finding)
    rows = []
    for line in document.lines:
        marks = sorted(
            (f for f in by_line.get(line.number, []) if f.column is not None and f.evidence),
            key=lambda f: f.column or 0,
        )
        pieces: list[dict[str, Any]] = []
        cursor = 0
        for index, finding in enumerate(marks):
            start = max(finding.column or 0, cursor)
            end = (finding.column or 0) + len(finding.evidence)
            if end <= start:
                continue  # overlaps the mark before it: listed beside the line instead
            if start > cursor:
                pieces.append({"text": line.raw[cursor:start], "finding": None})
            pieces.append({"text": line.raw[start:end], "finding": index, "severity": finding.severity.value})
            cursor = end
        pieces.append({"text": line.raw[cursor:], "finding": None})
        notes = [finding_data(f) for f in by_line.get(line.number, [])]
        rows.append({"number": line.number, "pieces": pieces, "findings": notes})
    return rows
