"""版本: a plan's versions, which is in force, what the matching left to a person, the mid-term
adjustments; and the difference between two versions (修订对照), item by item with both quotes."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import Any

from planwatch.compare.diff import Change, Side, VersionDiff
from planwatch.present.pages.common import plan_header
from planwatch.present.times import local_iso
from planwatch.services import versions
from planwatch.store import Store

KIND_LABELS = {"indicator": "指标", "target": "目标", "project": "项目", "section": "目录", "text": "正文"}
CHANGE_LABELS = {
    "added": "新增",
    "removed": "删除",
    "changed": "修改",
    "renamed": "更名",
    "moved": "调整编号",
    "wording": "文字修改",
}
REASON_LABELS = {
    "same": "名称、单位与位置相同",
    "name": "名称相同或相近",
    "position": "专栏与行位置相同",
    "quote": "原文相近",
    "new": "新增",
    "paired": "人工配对",
    "migrated": "升级时沿用",
}


def versions_page(store: Store, plan_id: int) -> dict[str, Any]:
    in_force = versions.version_in_force(store, plan_id)
    rows = versions.versions_of(store, plan_id)
    current = next(v for v in rows if v.id == in_force)
    return {
        "plan": plan_header(plan_id, store.load(in_force)),
        "in_force": current.version,
        "versions": [
            {
                "version": v.version,
                "title": v.title,
                "stage": v.stage,
                "line_count": v.line_count,
                "indicator_count": v.indicator_count,
                "ingested_at": local_iso(v.ingested_at),
                "in_force": v.id == in_force,
            }
            for v in rows
        ],
        "adoptions": [
            {
                "version": a.version,
                "in_force_from": a.in_force_from.isoformat(),
                "document_no": a.document_no,
                "forced": a.forced,
                "adopted_by": a.adopted_by,
            }
            for a in versions.adoptions(store, plan_id)
        ],
        "pending": [
            {
                "version": p.version,
                "kind": p.kind,
                "kind_label": KIND_LABELS[p.kind],
                "local_id": p.local_id,
                "provisional_key": p.provisional_key,
                "candidate_key": p.candidate_key,
                "confidence": p.confidence,
            }
            for p in versions.pending_items(store, plan_id)
        ],
        "adjustments": [
            {
                "item_key": a.item_key,
                "in_force_from": a.in_force_from.isoformat(),
                "target": a.target_raw,
                "document_no": a.document_no,
                "reason": a.reason,
                "adjusted_by": a.adjusted_by,
            }
            for a in versions.adjustments(store, plan_id)
        ],
    }


def diff_page(
    store: Store, plan_id: int, first: int, second: int, other_plan_id: int | None = None
) -> dict[str, Any]:
    found = versions.diff(store, plan_id, first, second, other_plan_id=other_plan_id)
    newer = store.load(versions.version_id(store, plan_id, second))
    return {"plan": plan_header(plan_id, newer), **diff_data(found)}


def diff_data(found: VersionDiff) -> dict[str, Any]:
    counts = Counter((c.kind, c.change) for c in found.changes)
    return {
        "first": found.first,
        "second": found.second,
        "summary": [
            {
                "kind": kind,
                "kind_label": KIND_LABELS[kind],
                "counts": {
                    CHANGE_LABELS[change]: n for (k, change), n in sorted(counts.items()) if k == kind
                },
            }
            for kind in KIND_LABELS
            if any(k == kind for k, _ in counts)
        ],
        "changes": [_change(c) for c in found.changes],
    }


def _change(change: Change) -> dict[str, Any]:
    old_pieces: list[dict[str, Any]] = []
    new_pieces: list[dict[str, Any]] = []
    if change.kind == "text" and change.change == "changed" and change.old and change.new:
        old_pieces, new_pieces = marked_pieces(change.old.quote, change.new.quote)
    return {
        "kind": change.kind,
        "kind_label": KIND_LABELS[change.kind],
        "change": change.change,
        "change_label": CHANGE_LABELS[change.change],
        "key": change.key,
        "name": change.name,
        "fields": [{"label": label, "old": old, "new": new} for label, old, new in change.fields],
        "old": _side(change.old),
        "new": _side(change.new),
        "old_pieces": old_pieces,  # a rewritten line, cut where it changed (text changes only)
        "new_pieces": new_pieces,
    }


def marked_pieces(old: str, new: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The two texts cut into unchanged and changed pieces: character by character, a number whole
    (260 → 300 is one change, not 26 → 30 before a shared 0)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    before: list[dict[str, Any]] = []
    after: list[dict[str, Any]] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if a1 > a0:
            before.append({"text": "".join(a[a0:a1]), "mark": op != "equal"})
        if b1 > b0:
            after.append({"text": "".join(b[b0:b1]), "mark": op != "equal"})
    return before, after


_TOKEN = re.compile(r"\d+(?:\.\d+)?|.", re.S)


def _side(side: Side | None) -> dict[str, Any] | None:
    return None if side is None else {"local_id": side.local_id, "line": side.line, "quote": side.quote}
