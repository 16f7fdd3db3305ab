"""搜索: ranked hits in a plan's lines, targets, projects and indicators, with the matches marked."""

from __future__ import annotations

from typing import Any

from planwatch.present.labels import SEARCH_KIND
from planwatch.present.pages.common import plan_header, version_of
from planwatch.services.versions import item_keys
from planwatch.store import Store


def search_page(
    store: Store, plan_id: int, query: str, limit: int = 50, version: int | None = None
) -> dict[str, Any]:
    version_id, parsed = version_of(store, plan_id, version)
    hits = store.search(query, version_id=version_id, limit=limit) if query.strip() else []
    keys = item_keys(store, version_id)
    return {
        "plan": plan_header(plan_id, parsed),
        "query": query,
        "hits": [
            {
                "kind": hit.kind,
                "kind_label": SEARCH_KIND.get(hit.kind, hit.kind),
                "ref_id": keys.get((_REF_KINDS.get(hit.kind, ""), hit.ref_id or ""), hit.ref_id),
                "line": hit.line,
                "snippet": hit.snippet,
                "pieces": highlight(hit.snippet, hit.snippet_spans),
            }
            for hit in hits
        ],
    }


_REF_KINDS = {"indicator": "indicator", "target": "target", "project": "project"}


def highlight(text: str, spans: tuple[tuple[int, int], ...]) -> list[dict[str, Any]]:
    """`text` cut into plain and matched pieces; the template escapes each piece."""
    pieces: list[dict[str, Any]] = []
    cursor = 0
    for start, end in sorted(spans):
        start = max(start, cursor)
        if end <= start:
            continue
        if start > cursor:
            pieces.append({"text": text[cursor:start], "hit": False})
        pieces.append({"text": text[start:end], "hit": True})
        cursor = end
    if cursor < len(text):
        pieces.append({"text": text[cursor:], "hit": False})
    return pieces
