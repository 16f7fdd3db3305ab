"""Finding a task's text again in another version of the plan.

A task keeps its key whatever the plan becomes; its lines are those of the version it was drafted
from. In a later version its text is looked for, in this order:

1. same: a heading written the same way under the same chapter and 节 headings;
2. heading: the same heading title (without its number) once in the version;
3. quote: its first sentence, verbatim, in the own text of exactly one heading;
4. similar: the most similar heading title, at least `heading_similarity` alike and ahead of the
   next by `heading_margin`.

A task found by none of them is flagged (原文未找到), never dropped: a person decides.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from planwatch.tasking.model import Task
from planwatch.tasking.outline import Candidate
from planwatch.tasking.settings import DEFAULT_TASK_SETTINGS, TaskSettings

_NUMBER = re.compile(
    r"^(?:第\s*[一二三四五六七八九十百零〇两\d]+\s*[章节]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|"
    r"[一二三四五六七八九十]+\s*[、.]|\d{1,2}\s*[、.]?)\s*"
)
_SPACE = re.compile(r"\s+")

HOW_LABELS = {"same": "标题与位置相同", "heading": "标题相同", "quote": "首句相同", "similar": "标题相近"}


@dataclass(frozen=True, slots=True)
class Located:
    candidate: Candidate
    how: str  # same | heading | quote | similar
    likeness: float  # 1.0 but for `similar`


def title_of(heading: str) -> str:
    """A heading without its number and spaces: （一）夯实…产业发展体系 → 夯实…产业发展体系."""
    return _SPACE.sub("", _NUMBER.sub("", heading.strip()))


def relocate(
    task: Task, found: Sequence[Candidate], settings: TaskSettings = DEFAULT_TASK_SETTINGS
) -> Located | None:
    tasks_here = [c for c in found if c.level is not None]
    heading = _SPACE.sub("", task.heading)
    path = tuple(_SPACE.sub("", p) for p in task.path)
    for c in tasks_here:
        if _SPACE.sub("", c.heading) == heading and tuple(_SPACE.sub("", p) for p in c.path) == path:
            return Located(c, "same", 1.0)
    title = title_of(task.heading)
    same_title = [c for c in tasks_here if title and title_of(c.heading) == title]
    if len(same_title) == 1:
        return Located(same_title[0], "heading", 1.0)
    if task.summary:
        quoted = [c for c in tasks_here if task.summary in c.own_text]
        if len(quoted) == 1:
            return Located(quoted[0], "quote", 1.0)
    scored = sorted(
        (
            (difflib.SequenceMatcher(None, title, title_of(c.heading)).ratio(), n)
            for n, c in enumerate(tasks_here)
        ),
        reverse=True,
    )
    if scored and scored[0][0] >= settings.heading_similarity:
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if scored[0][0] - runner_up >= settings.heading_margin:
            return Located(tasks_here[scored[0][1]], "similar", round(scored[0][0], 3))
    return None
