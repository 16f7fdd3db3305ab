"""审核审批: the figures waiting for review (统计) and for approval (发改), the ones returned to the
user who entered them, each year's counts and locks, and what the signed-in user may do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planwatch.formatting import plain
from planwatch.model import ApprovalState
from planwatch.present.labels import APPROVAL_STATE, OBSERVATION_KIND, OBSERVATION_STATUS
from planwatch.services.actor import Actor, Role
from planwatch.services.approval import (
    STEP_LABELS,
    counts_of,
    figures_of,
    may_approve,
    may_review,
    separate_duties,
    steps_of,
)
from planwatch.services.locks import describe, locks_of
from planwatch.services.versions import working_plan
from planwatch.store import Store
from planwatch.store.approvals import Figure

SHOWN = 500  # figures listed per queue on the page (the actions work on every one of the year)


def approval_page(
    store: Store, plan_id: int, actor: Actor, year: int | None = None, notice: str = ""
) -> dict[str, Any]:
    parsed = working_plan(store, plan_id)
    names = {s.id: s.name for s in parsed.series()}
    counts = counts_of(store, plan_id)
    years = sorted({y for y, _ in counts} | ({year} if year else set()))
    locks = locks_of(store, plan_id)
    active = {lock.year: lock for lock in locks if lock.active}
    queues = {
        state: figures_of(store, plan_id, states=[state], year=year, limit=SHOWN)
        for state in (ApprovalState.ENTERED, ApprovalState.REVIEWED)
    }
    returned = figures_of(store, plan_id, states=[ApprovalState.RETURNED], year=year, limit=SHOWN)
    history = steps_of(store, [f.id for f in returned])
    return {
        "plan": {"id": plan_id, "title": parsed.plan.title, "stage": parsed.plan.stage},
        "year": year,
        "notice": notice_text(notice),
        "user": {"name": actor.name, "may_review": may_review(actor), "may_approve": may_approve(actor)},
        "may_lock": may_approve(actor),
        "may_unlock": actor.role is Role.ADMIN,
        "separate_duties": separate_duties(),
        "years": [
            {
                "year": y,
                "counts": {APPROVAL_STATE[s.value]: counts.get((y, s.value), 0) for s in ApprovalState},
                "locked": describe(active[y]) if y in active else None,
            }
            for y in years
        ],
        "to_review": _rows(queues[ApprovalState.ENTERED], names, actor),
        "to_approve": _rows(queues[ApprovalState.REVIEWED], names, actor),
        "returned": [
            {**row, "reason": _last_reason(history.get(row["id"], []))}
            for row in _rows(returned, names, actor)
            if actor.role in (Role.ADMIN, Role.PLANNER) or row["entered_by"] == actor.name
        ],
        "locks": [
            {
                "year": lock.year,
                "locked_by": lock.locked_by,
                "locked_at": lock.locked_at.isoformat(timespec="seconds"),
                "reason": lock.reason,
                "unlocked_by": lock.unlocked_by,
                "unlocked_at": lock.unlocked_at.isoformat(timespec="seconds") if lock.unlocked_at else None,
                "unlock_reason": lock.unlock_reason,
                "active": lock.active,
            }
            for lock in locks
        ],
        "shown": SHOWN,
    }


def _rows(figures: Sequence[Figure], names: dict[str, str], actor: Actor) -> list[dict[str, Any]]:
    return [
        {
            "id": f.id,
            "series_id": f.series_id,
            "name": names.get(f.series_id, f.series_id),
            "period": f.period,
            "kind": f.kind,
            "kind_label": OBSERVATION_KIND.get(f.kind, f.kind),
            "value": f.value,
            "value_text": plain(f.value, keep_zeros=True),
            "unit": f.unit,
            "source": f.source,
            "status_label": OBSERVATION_STATUS.get(f.status, f.status),
            "as_of": f.as_of.isoformat(),
            "entered_by": f.entered_by,
            "entered_at": f.entered_at.isoformat(timespec="seconds"),
            "approval": f.approval.value,
            "own": f.entered_by == actor.name,
        }
        for f in figures
    ]


def _last_reason(steps: list[Any]) -> str | None:
    returns = [s for s in steps if s.step == "return"]
    if not returns:
        return None
    last = returns[-1]
    return f"{last.user}于{last.at:%Y-%m-%d}{STEP_LABELS['return']}：{last.reason}"


def notice_text(code: str) -> str | None:
    kind, _, number = code.partition("-")
    if kind in STEP_LABELS and number.isdigit():
        return f"已{STEP_LABELS[kind]}{number}个数值"
    if kind == "locked" and number.isdigit():
        return f"已锁定{number}年"
    if kind == "unlocked" and number.isdigit():
        return f"已解锁{number}年"
    return None
