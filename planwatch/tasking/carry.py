"""A new proposal for a plan that already has an accepted task list: the tasks keep their keys.

Each accepted task is looked for in the new version (tasking.relocate). Found, it keeps its key,
its wording and its assignment, and takes the new version's lines and attached items. Not found,
it stays in the list with its old lines, flagged `unmatched` (原文未找到) for a person to decide.
Proposed tasks that no accepted task took are new (flag `new`), with keys never used before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planwatch.tasking.model import Task
from planwatch.tasking.outline import Candidate
from planwatch.tasking.propose import Proposal
from planwatch.tasking.relocate import relocate
from planwatch.tasking.settings import DEFAULT_TASK_SETTINGS, TaskSettings

UNMATCHED, NEW = "unmatched", "new"


def carry_over(
    proposal: Proposal,
    accepted: Sequence[Task],
    found: Sequence[Candidate],
    settings: TaskSettings = DEFAULT_TASK_SETTINGS,
) -> list[Task]:
    proposed_by_section = {section: key for key, section in proposal.section_of.items()}
    by_key = {t.key: t for t in proposal.tasks}
    taken: dict[str, Task] = {}  # proposed key → the accepted task that takes its place
    unmatched: list[Task] = []
    for task in accepted:
        located = relocate(task, found, settings)
        proposed_key = proposed_by_section.get(located.candidate.section.id) if located else None
        if proposed_key is None or proposed_key in taken:
            unmatched.append(replace(task, flag=UNMATCHED))
            continue
        fresh = by_key[proposed_key]
        taken[proposed_key] = replace(
            task,
            path=fresh.path,
            source_version=fresh.source_version,
            first_line=fresh.first_line,
            last_line=fresh.last_line,
            items=fresh.items,
            flag=None,
        )
    renamed = {key: kept.key for key, kept in taken.items()}
    merged: list[Task] = []
    for task in proposal.tasks:
        parent = renamed.get(task.parent_key or "", task.parent_key)
        kept = taken.get(task.key)
        merged.append(
            replace(kept, parent_key=parent) if kept else replace(task, parent_key=parent, flag=NEW)
        )
    return _placed(merged, unmatched, [t.key for t in accepted])


def _placed(merged: list[Task], unmatched: list[Task], accepted_order: list[str]) -> list[Task]:
    """Each unmatched task right after the task it followed in the accepted list (else at the end)."""
    result = list(merged)
    for task in unmatched:
        index = accepted_order.index(task.key)
        before = next(
            (k for k in reversed(accepted_order[:index]) if any(t.key == k for t in result)),
            None,
        )
        at = next((n + 1 for n, t in enumerate(result) if t.key == before), len(result))
        result.insert(at, task)
    return result
