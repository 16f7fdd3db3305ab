"""The planner's edits of a task list, as pure functions over tasks: merge, split, renumber.

A merged task keeps the first task's key and spans the lines of all; a split makes a second task
with a new key from a line on. Both note where they came from, so the list stays traceable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from planwatch.tasking.model import Task


class EditError(ValueError):
    """An edit that cannot be made (the message is Chinese)."""


def merge(tasks: Sequence[Task], keys: Sequence[str]) -> tuple[Task, list[str]]:
    """The first of `keys` with the lines, items and units of the others; the keys merged into it."""
    wanted = list(dict.fromkeys(keys))
    if len(wanted) < 2:
        raise EditError("合并至少需要两项任务")
    by_key = {t.key: t for t in tasks}
    unknown = [k for k in wanted if k not in by_key]
    if unknown:
        raise EditError(f"任务清单中没有 {'、'.join(unknown)}")
    chosen = [by_key[k] for k in wanted]
    first = chosen[0]
    if any(t.source_version != first.source_version for t in chosen):
        raise EditError("只能合并出自同一版本规划文本的任务")
    co_units = list(first.co_units)
    for other in chosen[1:]:
        for unit in (other.lead_unit, *other.co_units):
            if unit and unit != first.lead_unit and unit not in co_units:
                co_units.append(unit)
    items = {(i.kind, i.key): i for t in chosen for i in t.items}
    merged = replace(
        first,
        first_line=min(t.first_line for t in chosen),
        last_line=max(t.last_line for t in chosen),
        items=tuple(sorted(items.values(), key=lambda i: (i.line, i.kind, i.key))),
        co_units=tuple(co_units),
        note=_joined(first.note, f"由{'、'.join(wanted)}合并"),
    )
    return merged, wanted[1:]


def split(task: Task, at_line: int, new_key: str, heading: str) -> tuple[Task, Task]:
    """`task` up to the line before `at_line`, and a new task `new_key` from `at_line` on."""
    if not task.first_line < at_line <= task.last_line:
        raise EditError(f"拆分行应在第{task.first_line + 1}行至第{task.last_line}行之间")
    if not heading.strip():
        raise EditError("请填写拆分出的任务名称")
    before = tuple(i for i in task.items if i.line < at_line)
    after = tuple(i for i in task.items if i.line >= at_line)
    first = replace(task, last_line=at_line - 1, items=before)
    second = replace(
        task,
        key=new_key,
        heading=heading.strip(),
        summary="",
        first_line=at_line,
        items=after,
        note=f"由{task.key}拆分",
        flag=None,
    )
    return first, second


def renumbered(tasks: Sequence[Task]) -> list[Task]:
    """Tasks in their order with 序号 by chapter: the chapter's number, then the position among the
    tasks of the same parent (3.1, 3.1.1, 3.1.2 …). A number a planner typed is replaced."""
    numbers: dict[str, str] = {}
    counts: dict[str, int] = {}
    chapters: dict[str, int] = {}
    done = []
    for task in tasks:
        chapter = task.chapter
        if chapter not in chapters:
            chapters[chapter] = _chapter_number(task, len(chapters) + 1)
        scope = task.parent_key if task.parent_key in numbers else None
        counter = scope or f"chapter:{chapter}"
        counts[counter] = counts.get(counter, 0) + 1
        prefix = numbers[scope] if scope else str(chapters[chapter])
        numbers[task.key] = f"{prefix}.{counts[counter]}"
        done.append(replace(task, number=numbers[task.key]))
    return done


def _chapter_number(task: Task, fallback: int) -> int:
    head = task.number.split(".", 1)[0]
    return int(head) if head.isdigit() else fallback


def _joined(note: str, added: str) -> str:
    return f"{note}；{added}" if note else added
