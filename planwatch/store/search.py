"""Full-text search over a plan's lines, targets and projects. (Being written.)"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from planwatch.model import ParsedPlan


@dataclass(frozen=True, slots=True)
class SearchHit:
    plan_id: int
    kind: str  # "text" | "target" | "project" | "indicator"
    ref_id: str | None  # target/project/indicator id; None for a plain line
    line: int
    text: str  # the whole entry text (a line, a target quote, a project's text)
    spans: tuple[tuple[int, int], ...]  # where the query terms occur in `text`
    snippet: str  # a window of `text` around the first match
    snippet_spans: tuple[tuple[int, int], ...]  # the matches within `snippet`
    score: float


def index_plan(connection: Connection, plan_id: int, parsed: ParsedPlan, lines: Sequence[str]) -> None:
    """Add a plan's searchable entries; runs inside the ingest transaction."""


def search(
    connection: Connection, query: str, plan_id: int | None = None, limit: int = 20
) -> list[SearchHit]:
    return []
