"""Draft checks: a parsed plan and its lines → findings. One module per family."""

from __future__ import annotations

from planwatch.document.model import Document, Table
from planwatch.lint import (
    arithmetic,
    contradictions,
    duplicates,
    implausible,
    numbering,
    placeholders,
    spelling,
    totals,
    typos,
    wording,
)
from planwatch.lint.context import LintContext, LintSettings
from planwatch.model import Finding, ParsedPlan

FAMILIES = (
    placeholders,
    arithmetic,
    contradictions,
    implausible,
    numbering,
    duplicates,
    spelling,
    totals,
    typos,
    wording,
)


def lint_plan(
    document: Document,
    plan: ParsedPlan,
    tables: tuple[Table, ...] = (),
    settings: LintSettings | None = None,
) -> list[Finding]:
    """Every finding of every family, by line, without duplicates."""
    context = LintContext(document, plan, tables, settings or LintSettings())
    findings: dict[tuple[str, int, int | None, str], Finding] = {}
    for family in FAMILIES:
        for finding in family.check(context):
            findings.setdefault((finding.rule, finding.line, finding.column, finding.evidence), finding)
    return sorted(findings.values(), key=lambda f: (f.line, f.column or 0, f.rule))


__all__ = ["Finding", "LintSettings", "lint_plan"]
