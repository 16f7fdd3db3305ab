"""Figures in: an import file, one figure typed into a form, the demo data set. Each is permitted,
stored with an audit entry per figure (old → new), and bumps the revision, in one transaction.
A figure enters the review queue (审核, then 审批: services.approval); a locked year takes none.
The demo's figures are stored approved on their own dates (示例数据, not statistics).

A typed figure is checked by the import's own code (`match_rows` on one `ImportRow`), so the web
form and an imported file accept and refuse the same things.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from planwatch.demo import SOURCE as DEMO_SOURCE
from planwatch.demo import demo_observations, fingerprint
from planwatch.model import ApprovalState, Observation
from planwatch.observe import ImportRow, layout, match_rows, read_import
from planwatch.services.actor import Actor
from planwatch.services.approval import approve_demo
from planwatch.services.locks import require_open
from planwatch.services.permissions import PLANNERS, may_write_somewhere, require_role, require_write
from planwatch.services.versions import working_plan
from planwatch.store import Store, audit
from planwatch.store.observations import AddResult, current_figures, has_source, write_observations

DEMO_FILE = "planwatch demo（示例数据，非真实统计）"
# The demo's figures run to the fourth year; on this date its last year is known and the fifth not yet due.
DEMO_AS_OF = date(2025, 6, 30)
# The form's fields, as ImportRow names them, with the labels shown (and used in messages).
FORM_FIELDS = {
    layout.PERIOD: "期间",
    layout.VALUE: "数值",
    layout.UNIT: "单位",
    layout.KIND: "类型",
    layout.SOURCE: "来源",
    layout.STATUS: "状态",
    layout.AS_OF: "发布日期",
}


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    path: str
    sha256: str
    figures: int  # figures the file holds
    result: AddResult

    def summary(self) -> str:
        """One Chinese line for the CLI."""
        if self.result.already_imported:
            return f"{self.path}：此文件已导入过（{self.figures}个数值），未作改动"
        added, unchanged = self.result.added, self.result.unchanged
        return f"{self.path}：共{self.figures}个数值，新增{added}个，与已有数值相同{unchanged}个"


def import_figures(
    store: Store,
    actor: Actor,
    plan_id: int,
    path: str | Path,
    *,
    file_name: str | None = None,
    today: date | None = None,
) -> ImportOutcome:
    """Import a .csv/.xlsx file of figures; ImportRefused (database untouched) lists every problem.

    Who may write is checked before the file is read (a department with nothing assigned is refused
    at once) and again, item by item, in the transaction that stores the figures.
    """
    file = Path(path)
    shown = file_name or file.name
    with store.reading() as connection:
        may_write_somewhere(connection, actor, plan_id)
    rows = read_import(file)
    observations = match_rows(rows, working_plan(store, plan_id), today=today, file=shown)
    sha256 = hashlib.sha256(file.read_bytes()).hexdigest()
    result = _store(store, actor, plan_id, observations, action="import", sha256=sha256, file_name=shown)
    return ImportOutcome(str(file) if file_name is None else shown, sha256, len(observations), result)


def enter_figure(
    store: Store, actor: Actor, plan_id: int, series_id: str, values: dict[str, str]
) -> AddResult:
    """One figure typed into the 数据填报 form (`values` by FORM_FIELDS name); ImportRefused when bad."""
    with store.reading() as connection:
        require_write(connection, actor, plan_id, [series_id])
    row = ImportRow(row=1, series_id=series_id, name="", columns=FORM_FIELDS, **values)
    found = match_rows([row], working_plan(store, plan_id))
    return _store(store, actor, plan_id, found, action="entry")


def load_demo(store: Store, actor: Actor, plan_id: int) -> AddResult:
    """The illustrative data set (示例数据，非真实统计) of a stored plan; loading it again changes nothing."""
    require_role(actor, *PLANNERS, doing="载入示例数据")
    parsed = working_plan(store, plan_id)
    observations = demo_observations(parsed, parsed.monitored_indicators())
    return _store(
        store,
        actor,
        plan_id,
        observations,
        action="demo",
        sha256=fingerprint(observations),
        file_name=DEMO_FILE,
        approval=ApprovalState.APPROVED,
    )


def demo_as_of(store: Store, plan_id: int) -> date | None:
    """The date the demo's figures are best seen on, when the plan holds demo figures; else None."""
    return DEMO_AS_OF if has_source(store, plan_id, DEMO_SOURCE) else None


def _store(
    store: Store,
    actor: Actor,
    plan_id: int,
    found: Sequence[Observation],
    *,
    action: str,
    sha256: str | None = None,
    file_name: str = "",
    approval: ApprovalState = ApprovalState.ENTERED,
) -> AddResult:
    with store.transaction() as connection:
        require_write(connection, actor, plan_id, [o.series_id for o in found])
        return write_logged(connection, actor, plan_id, found, action, sha256, file_name, approval)[0]


def write_logged(
    connection: Connection,
    actor: Actor,
    plan_id: int,
    new: Sequence[Observation],
    action: str,
    sha256: str | None,
    file_name: str,
    approval: ApprovalState = ApprovalState.ENTERED,
) -> tuple[AddResult, list[Observation]]:
    """The figures that are news, each with its audit entry (old → new), on the caller's transaction
    (the caller has checked who may write them); refused whole when a year is locked."""
    require_open(connection, plan_id, {o.year for o in new})
    before = current_figures(connection, plan_id, {o.series_id for o in new})
    result, fresh = write_observations(
        connection,
        plan_id,
        new,
        source_sha256=sha256,
        file_name=file_name,
        entered_by=actor.name,
        approval=approval,
    )
    for o in fresh:
        key = (o.series_id, o.period, o.kind.value)
        target = f"{o.series_id} {o.period} {o.kind.value}"
        audit.record(connection, actor.name, action, plan_id, target, before.get(key), _figure(o, file_name))
    if approval is ApprovalState.APPROVED:
        approve_demo(connection, actor, plan_id, fresh)
    return result, fresh


def _figure(o: Observation, file_name: str) -> dict[str, Any]:
    figure = {
        "value": str(o.value),
        "unit": o.unit,
        "status": o.status.value,
        "as_of": o.as_of.isoformat(),
        "source": o.source,
    }
    return {**figure, "file": file_name} if file_name else figure
