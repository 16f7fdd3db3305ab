"""数据审核审批: figures move 填报 → 审核 (the statistics bureau) → 审批 (发改), or go back to the one who
entered them with a reason; each step is one action on one or many figures, permitted, written,
audited per figure and raising the revision, in one transaction.

- review (审核): entered → reviewed; needs the "review" capability.
- approve (审批): reviewed → approved, approved today; needs "approve". An approved figure counts
  from the later of its `as_of` and its approval day (store.vintages).
- return (退回): entered or reviewed → returned, with a reason; by whoever may take its next step.
- resubmit (重新提交): returned → entered; by whoever may write the item (its enterer's department,
  a planner).

Separation of duties (PLANWATCH_SEPARATE_DUTIES, on by default): nobody reviews or approves a figure
they entered. Figures of a locked year take no step. A selection is all-or-nothing: one figure that
cannot take the step refuses the whole action, every such figure named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Final

from sqlalchemy.engine import Connection

from planwatch import config
from planwatch.errors import PlanwatchError
from planwatch.model import ApprovalState, Observation
from planwatch.services.actor import Actor
from planwatch.services.locks import require_open
from planwatch.services.permissions import (
    APPROVE,
    REVIEW,
    holds,
    require_capability,
    require_other_hand,
    require_write,
)
from planwatch.store import Store, audit
from planwatch.store import approvals as approval_store
from planwatch.store.approvals import Figure, Step

STATE_LABELS: Final = {
    ApprovalState.ENTERED: "待审核",
    ApprovalState.REVIEWED: "待审批",
    ApprovalState.APPROVED: "已审批",
    ApprovalState.RETURNED: "已退回",
}
STEP_LABELS: Final = {"review": "审核", "approve": "审批", "return": "退回", "resubmit": "重新提交"}
MOST_NAMED: Final = 20  # figures named in a refusal before "…等N个"
DEMO_NOTE: Final = "示例数据：按发布日期视为已审核、已审批"


class ApprovalError(PlanwatchError):
    """A step the selected figures cannot take (none selected, or some in another state)."""


@dataclass(frozen=True, slots=True)
class StepOutcome:
    step: str
    figures: int
    to: ApprovalState

    def summary(self) -> str:
        return f"已{STEP_LABELS[self.step]}{self.figures}个数值（现为“{STATE_LABELS[self.to]}”）"


def separate_duties() -> bool:
    return config.SEPARATE_DUTIES.flag()


def review(
    store: Store, actor: Actor, plan_id: int, ids: Sequence[int] | None = None, *, year: int | None = None
) -> StepOutcome:
    """审核: the figures entered (all of them, or of `year`, or the ids given) become reviewed."""
    require_capability(actor, REVIEW)
    return _step(store, actor, plan_id, ids, year, "review", ApprovalState.ENTERED, ApprovalState.REVIEWED)


def approve(
    store: Store,
    actor: Actor,
    plan_id: int,
    ids: Sequence[int] | None = None,
    *,
    year: int | None = None,
    today: date | None = None,
) -> StepOutcome:
    """审批: the reviewed figures become approved, approved `today` (the server's date)."""
    require_capability(actor, APPROVE)
    return _step(
        store,
        actor,
        plan_id,
        ids,
        year,
        "approve",
        ApprovalState.REVIEWED,
        ApprovalState.APPROVED,
        today=today,
    )


def return_figures(store: Store, actor: Actor, plan_id: int, ids: Sequence[int], reason: str) -> StepOutcome:
    """退回: back to the one who entered them, with the reason. Entered figures are returned by a
    reviewer, reviewed ones by an approver."""
    reason = reason.strip()
    if not reason:
        raise ApprovalError("退回须说明理由", field="理由")
    if not ids:
        raise ApprovalError("请选择要退回的数值")
    with store.reading() as connection:
        chosen = approval_store.figures(connection, plan_id, ids=ids)
    for state, capability in ((ApprovalState.ENTERED, REVIEW), (ApprovalState.REVIEWED, APPROVE)):
        if any(f.approval is state for f in chosen):
            require_capability(actor, capability)
    froms = (ApprovalState.ENTERED, ApprovalState.REVIEWED)
    return _step(store, actor, plan_id, ids, None, "return", froms, ApprovalState.RETURNED, reason=reason)


def resubmit(store: Store, actor: Actor, plan_id: int, ids: Sequence[int]) -> StepOutcome:
    """重新提交: returned figures go back to the review queue, by whoever may write their items."""
    if not ids:
        raise ApprovalError("请选择要重新提交的数值")
    return _step(store, actor, plan_id, ids, None, "resubmit", ApprovalState.RETURNED, ApprovalState.ENTERED)


def _step(
    store: Store,
    actor: Actor,
    plan_id: int,
    ids: Sequence[int] | None,
    year: int | None,
    step: str,
    before: ApprovalState | tuple[ApprovalState, ...],
    after: ApprovalState,
    *,
    today: date | None = None,
    reason: str | None = None,
) -> StepOutcome:
    froms = before if isinstance(before, tuple) else (before,)
    with store.transaction() as connection:
        chosen = _chosen(connection, plan_id, ids, year, froms, step)
        if step == "resubmit":
            require_write(connection, actor, plan_id, [f.series_id for f in chosen])
        else:
            doing = "审核" if step == "review" else STEP_LABELS[step]
            require_other_hand(actor, [f.entered_by for f in chosen], doing, separate=separate_duties())
        require_open(connection, plan_id, {f.year for f in chosen}, doing=STEP_LABELS[step])
        at = datetime.now(UTC)
        approved_on = (today or date.today()) if after is ApprovalState.APPROVED else None
        approval_store.move(
            connection,
            plan_id,
            [f.id for f in chosen],
            after,
            step,
            actor.name,
            at,
            approved_on=approved_on,
            reason=reason,
        )
        new = {"approval": after.value, **({"reason": reason} if reason else {})}
        if approved_on is not None:
            new["approved_on"] = approved_on.isoformat()
        audit.record_many(
            connection,
            actor.name,
            f"figure.{step}",
            plan_id,
            [(_target(f), {"approval": f.approval.value}, new) for f in chosen],
        )
    return StepOutcome(step, len(chosen), after)


def _chosen(
    connection: Connection,
    plan_id: int,
    ids: Sequence[int] | None,
    year: int | None,
    froms: tuple[ApprovalState, ...],
    step: str,
) -> list[Figure]:
    if ids is None:
        chosen = approval_store.figures(connection, plan_id, states=froms, year=year)
        if not chosen:
            waiting = "、".join(STATE_LABELS[s] for s in froms)
            raise ApprovalError(f"没有{waiting}的数值" + (f"（{year}年）" if year else ""))
        return chosen
    chosen = approval_store.figures(connection, plan_id, ids=ids)
    missing = sorted(set(ids) - {f.id for f in chosen})
    wrong = [f for f in chosen if f.approval not in froms]
    if missing or wrong:
        named = [f"#{i}（不存在）" for i in missing] + [
            f"#{f.id} {f.series_id} {f.period}（{STATE_LABELS[f.approval]}）" for f in wrong
        ]
        more = f"等{len(named)}个" if len(named) > MOST_NAMED else ""
        raise ApprovalError(f"不能{STEP_LABELS[step]}：{'、'.join(named[:MOST_NAMED])}{more}，均未改动")
    return chosen


def _target(f: Figure) -> str:
    return f"{f.series_id} {f.period} {f.kind} #{f.id}"


def approve_demo(connection: Connection, actor: Actor, plan_id: int, fresh: Sequence[Observation]) -> None:
    """The demo's figures (示例数据, not statistics) are stored approved on their own `as_of`, as if
    they had been reviewed and approved when published; the system records both steps and audits
    them, so the portal and the evaluation show them like approved figures."""
    ids = [o.id for o in fresh if o.id is not None]
    at = datetime.now(UTC)
    for step in ("review", "approve"):
        approval_store.record_steps(connection, plan_id, ids, step, actor.name, at, DEMO_NOTE)
    audit.record_many(
        connection,
        actor.name,
        "figure.approve",
        plan_id,
        [
            (
                f"{o.series_id} {o.period} {o.kind.value} #{o.id}",
                None,
                {"approval": "approved", "approved_on": o.as_of.isoformat(), "reason": DEMO_NOTE},
            )
            for o in fresh
        ],
    )


# ---- reading ----------------------------------------------------------------------------------------


def figures_of(
    store: Store,
    plan_id: int,
    *,
    states: Sequence[ApprovalState] | None = None,
    year: int | None = None,
    entered_by: str | None = None,
    limit: int | None = None,
) -> list[Figure]:
    with store.reading() as connection:
        return approval_store.figures(
            connection, plan_id, states=states, year=year, entered_by=entered_by, limit=limit
        )


def steps_of(store: Store, ids: Sequence[int]) -> dict[int, list[Step]]:
    with store.reading() as connection:
        return approval_store.steps(connection, ids)


def counts_of(store: Store, plan_id: int) -> dict[tuple[int, str], int]:
    with store.reading() as connection:
        return approval_store.counts(connection, plan_id)


def may_review(actor: Actor) -> bool:
    return holds(actor, REVIEW)


def may_approve(actor: Actor) -> bool:
    return holds(actor, APPROVE)
