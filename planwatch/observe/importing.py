"""`planwatch observe PLAN FILE`: read, match and store a file of figures, all or nothing.

The one module of `observe` that touches the store, through its functions (never SQL).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from planwatch.observe.match import match_rows
from planwatch.observe.read import read_import
from planwatch.store import Store
from planwatch.store.observations import AddResult, add_observations


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


def import_observations(
    store: Store, plan_id: int, path: str | Path, *, entered_by: str = "", today: date | None = None
) -> ImportOutcome:
    """Import a .csv/.xlsx file of figures into a plan; raises ImportRefused (database untouched)."""
    file = Path(path)
    rows = read_import(file)
    observations = match_rows(rows, store.load(plan_id), today=today, file=str(file))
    sha256 = hashlib.sha256(file.read_bytes()).hexdigest()
    result = add_observations(
        store, plan_id, observations, source_sha256=sha256, file_name=file.name, entered_by=entered_by
    )
    return ImportOutcome(str(file), sha256, len(observations), result)
