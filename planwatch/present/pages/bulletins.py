"""统计公报: the bulletins read for a plan, and one bulletin's proposals beside their lines, with what
the bulletin does not say (公报未发布) and the other measures it gives instead."""

from __future__ import annotations

from typing import Any

from planwatch.formatting import plain
from planwatch.present.labels import MATCH_KIND, OBSERVATION_KIND, OBSERVATION_STATUS, PROPOSAL_STATE
from planwatch.services.actor import Actor
from planwatch.services.assignments import assignments_of
from planwatch.services.bulletins import (
    bulletin_of,
    bulletins_of,
    lines_of,
    may_read,
    pending_counts,
    proposals_of,
)
from planwatch.services.permissions import PLANNERS, writable
from planwatch.services.versions import working_plan
from planwatch.store import Store
from planwatch.store.bulletins import ProposalRow


def bulletins_page(store: Store, plan_id: int, actor: Actor, notice: str = "") -> dict[str, Any]:
    parsed = working_plan(store, plan_id)
    waiting = pending_counts(store, plan_id)
    return {
        "plan": {"id": plan_id, "title": parsed.plan.title, "stage": parsed.plan.stage},
        "notice": notice_text(notice),
        "may_read": may_read(actor),
        "bulletins": [
            {
                "id": b.id,
                "year": b.year,
                "title": b.title,
                "published_on": b.published_on.isoformat() if b.published_on else None,
                "file_name": b.file_name,
                "read_by": b.read_by,
                "read_at": b.read_at.isoformat(timespec="seconds"),
                "pending": waiting.get(b.id, 0),
                "unmentioned": len(b.notes.get("unmentioned", [])),
            }
            for b in bulletins_of(store, plan_id)
        ],
    }


def bulletin_page(store: Store, plan_id: int, bulletin_id: int, actor: Actor) -> dict[str, Any]:
    bulletin = bulletin_of(store, plan_id, bulletin_id)
    proposals = proposals_of(store, plan_id, bulletin_id=bulletin_id)
    lines = lines_of(store, bulletin_id, [p.line for p in proposals])
    parsed = working_plan(store, plan_id)
    mine = set(writable(actor, assignments_of(store, plan_id), [p.series_id for p in proposals]))
    return {
        "plan": {"id": plan_id, "title": parsed.plan.title, "stage": parsed.plan.stage},
        "bulletin": {
            "id": bulletin.id,
            "year": bulletin.year,
            "title": bulletin.title,
            "published_on": bulletin.published_on.isoformat() if bulletin.published_on else None,
            "file_name": bulletin.file_name,
            "read_by": bulletin.read_by,
            "line_count": bulletin.line_count,
        },
        "counts": {state: sum(1 for p in proposals if p.state == state) for state in PROPOSAL_STATE},
        "proposals": [_proposal(p, lines.get(p.line, ""), p.series_id in mine) for p in proposals],
        "unmentioned": bulletin.notes.get("unmentioned", []),
        "other_measures": bulletin.notes.get("other_measures", []),
        "planner": actor.role in PLANNERS,
    }


def _proposal(p: ProposalRow, line: str, may_decide: bool) -> dict[str, Any]:
    return {
        "id": p.id,
        "series_id": p.series_id,
        "series_name": p.series_name,
        "period": p.period,
        "kind": p.kind,
        "kind_label": OBSERVATION_KIND.get(p.kind, p.kind),
        "value": p.value,
        "value_text": plain(p.value, keep_zeros=True),
        "unit": p.unit,
        "raw": p.raw,
        "line": p.line,
        "quote": p.quote,
        "line_pieces": highlight(line, p.quote, p.raw),
        "match": p.match,
        "match_label": MATCH_KIND.get(p.match, p.match),
        "match_note": p.match_note,
        "unit_problem": p.unit_problem,
        "conflict": p.conflict,
        "status": p.status,
        "status_label": OBSERVATION_STATUS.get(p.status, p.status),
        "state": p.state,
        "state_label": PROPOSAL_STATE.get(p.state, p.state),
        "decided_by": p.decided_by,
        "decision_note": p.decision_note,
        "observation_id": p.observation_id,
        "may_decide": may_decide and p.state == "pending",
    }


def highlight(line: str, quote: str, raw: str) -> list[dict[str, Any]]:
    """The line cut into pieces, the quote marked (a table figure: its cell, the figure as written)."""
    at, size = line.find(quote), len(quote)
    if at < 0:
        cell = raw.rstrip("%")
        at, size = line.find(cell), len(cell)
    if at < 0 or not size:
        return [{"text": line, "mark": False}]
    return [
        {"text": line[:at], "mark": False},
        {"text": line[at : at + size], "mark": True},
        {"text": line[at + size :], "mark": False},
    ]


def notice_text(code: str) -> str | None:
    """A redirect's message: codes only, never text from the query."""
    kind, _, number = code.partition("-")
    if kind == "read" and number.isdigit():
        return f"已读入统计公报，提出{number}个数值待审核"
    if kind == "known":
        return "此公报已读入过，未作改动"
    return None
