"""规划文本: the plan text with what was extracted marked in place, each mark linking to its entity:
how a planner checks the extraction."""

from __future__ import annotations

from typing import Any

from planwatch.model import ParsedPlan, Section
from planwatch.present.pages.common import plan_header, version_of
from planwatch.store import Store

_MARK_KINDS = ("indicator", "target", "project")
_Mark = tuple[int, int, str, str, str]  # start, end, kind, link, title


def text_page(store: Store, plan_id: int, version: int | None = None) -> dict[str, Any]:
    version_id, parsed = version_of(store, plan_id, version)
    lines = store.lines(version_id)
    marks = _extracted_marks(plan_id, parsed, lines)
    return {
        "plan": plan_header(plan_id, parsed),
        "outline": outline(parsed.sections),
        "lines": [
            {"number": n, "text": text, "pieces": _pieces(text, marks.get(n, []))}
            for n, text in enumerate(lines, start=1)
        ],
        "marked": {kind: sum(1 for m in marks.values() for x in m if x[2] == kind) for kind in _MARK_KINDS},
    }


def outline(sections: tuple[Section, ...]) -> list[dict[str, Any]]:
    """The outline with each entry's depth (a chapter is 0)."""
    depth: dict[str, int] = {}
    rows = []
    for section in sections:
        level = depth[section.parent_id] + 1 if section.parent_id in depth else 0
        depth[section.id] = level
        rows.append(
            {
                "id": section.id,
                "number": section.number,
                "title": section.title,
                "line": section.line,
                "depth": level,
                "kind": section.kind.value,
            }
        )
    return rows


def _extracted_marks(plan_id: int, parsed: ParsedPlan, lines: list[str]) -> dict[int, list[_Mark]]:
    base = f"/plans/{plan_id}"
    found: dict[int, list[_Mark]] = {}

    def mark(line: int, text: str, kind: str, link: str, title: str) -> None:
        at = lines[line - 1].find(text) if text and 0 < line <= len(lines) else -1
        if at >= 0:
            found.setdefault(line, []).append((at, at + len(text), kind, link, title))

    for i in parsed.indicators:
        name_cell = next((c for c in i.cells if c.kind.value == "label" and i.name in c.raw), None)
        if name_cell is not None:
            link = f"{base}/indicators/{i.id}"
            mark(name_cell.line, name_cell.raw.strip(), "indicator", link, f"指标 {i.id}")
    for t in parsed.targets:
        mark(t.line, t.quote, "target", f"{base}/targets#{t.id}", f"目标 {t.id}：{t.subject}")
    for p in parsed.projects:
        mark(p.line, p.name, "project", f"{base}/projects#{p.id}", f"项目 {p.id}：{p.name}")
    return found


def _pieces(text: str, marks: list[_Mark]) -> list[dict[str, Any]]:
    """`text` cut into plain and marked pieces; a mark overlapping an earlier one is left out."""
    pieces: list[dict[str, Any]] = []
    cursor = 0
    for start, end, kind, link, title in sorted(marks):
        if start < cursor:
            continue
        if start > cursor:
            pieces.append({"text": text[cursor:start]})
        pieces.append({"text": text[start:end], "kind": kind, "link": link, "title": title})
        cursor = end
    pieces.append({"text": text[cursor:]})
    return pieces
