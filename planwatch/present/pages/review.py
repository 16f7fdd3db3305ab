"""审稿: the draft checks on the stored text, findings marked in place (the `lint --format html` view)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from planwatch.document import load_bytes
from planwatch.lint import lint_plan
from planwatch.parse.pipeline import all_tables, parse_document
from planwatch.present.lint_data import annotated_lines, lint_data
from planwatch.present.pages.common import plan_header, version_of
from planwatch.store import Store


def lint_page(store: Store, plan_id: int, version: int | None = None) -> dict[str, Any]:
    """Re-read the stored lines as a document, so the report matches the text the database holds."""
    version_id, stored = version_of(store, plan_id, version)
    document = load_bytes("\n".join(store.lines(version_id)).encode(), "plan.txt")
    parsed = parse_document(document)
    tables = all_tables(document)
    findings = lint_plan(document, parsed, tables)
    data = lint_data(document, parsed, findings, tables)
    data["file"] = PurePath(stored.plan.source.path).name  # the server's directories are nobody's business
    return {"plan": plan_header(plan_id, stored), "lint": data, "rows": annotated_lines(document, findings)}
