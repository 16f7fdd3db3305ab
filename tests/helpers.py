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


def tables_of(difference: object) -> set[str]:
    """The tables an Alembic `compare_metadata` difference (a tuple, or a list of them) is about: the
    names it holds (a column change names its table as text) and its objects' tables. Meant to be
    intersected with a set of table names."""
    if isinstance(difference, str):
        return {difference}
    if isinstance(difference, tuple | list):
        return set().union(*(tables_of(d) for d in difference)) if difference else set()
    table = getattr(difference, "table", None)
    name = getattr(difference, "name", None)
    return {n for n in (getattr(table, "name", None), name) if isinstance(n, str)}
