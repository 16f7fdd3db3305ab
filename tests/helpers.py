"""Small builders the tests share."""

from __future__ import annotations

from planwatch.document import Document, load_bytes
from planwatch.model import ParsedPlan
from planwatch.parse.pipeline import parse_document


def document_from_text(text: str, name: str = "plan.txt") -> Document:
    """A Document read exactly as a .txt file holding `text` would be."""
    return load_bytes(text.encode("utf-8"), name)


def parse_text(text: str) -> ParsedPlan:
    return parse_document(document_from_text(text))
