"""Small builders the tests share."""

from __future__ import annotations

from collections.abc import Sequence

from planwatch.document import Document, load_bytes
from planwatch.model import ParsedPlan
from planwatch.parse.pipeline import parse_document
from planwatch.services.actor import system_actor
from planwatch.services.plans import ReadPlan, store_plan
from planwatch.store import IngestResult, Store


def document_from_text(text: str, name: str = "plan.txt") -> Document:
    """A Document read exactly as a .txt file holding `text` would be."""
    return load_bytes(text.encode("utf-8"), name)


def parse_text(text: str) -> ParsedPlan:
    return parse_document(document_from_text(text))


def ingest(store: Store, parsed: ParsedPlan, lines: Sequence[str]) -> IngestResult:
    """Store a parsed plan as the system would (`planwatch ingest`): the next version of its plan."""
    return store_plan(store, system_actor(), ReadPlan(parsed, tuple(lines)))[0]
