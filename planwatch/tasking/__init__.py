"""Tasks of a plan (任务分工) and their follow-up (督查督办), as pure functions beside evaluate/:
the proposal of a task list from a version's outline, re-locating a task in a later version,
reporting periods, and the status of a task as of a date. Nothing here opens a database.
"""

from planwatch.tasking.model import (
    LONG_TERM,
    AttachedItem,
    Cycle,
    Degree,
    Level,
    Status,
    Task,
)
from planwatch.tasking.settings import DEFAULT_TASK_SETTINGS, TaskSettings

__all__ = [
    "DEFAULT_TASK_SETTINGS",
    "LONG_TERM",
    "AttachedItem",
    "Cycle",
    "Degree",
    "Level",
    "Status",
    "Task",
    "TaskSettings",
]
