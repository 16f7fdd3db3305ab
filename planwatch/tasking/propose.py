"""The proposed task list of a version: each 节, 条目 and numbered item of the task chapters.

Not tasks: the chapters that review the last period or set the goals (their titles say 发展基础,
指导思想, 主要目标 …), the 专栏 boxes and what is in them (their projects are followed by 重大项目调度
and are attached to the task the box belongs to), chapter introductions, and headings without
sub-headings whose own text names no action (purely declarative). A heading with sub-headings is
kept: it groups the tasks under it. Every quantified target and project is attached to the
innermost task whose lines hold it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from planwatch.model import ParsedPlan
from planwatch.tasking.model import AttachedItem, Task
from planwatch.tasking.outline import Candidate, candidates, is_declarative, is_task_chapter
from planwatch.tasking.settings import DEFAULT_TASK_SETTINGS, TaskSettings


@dataclass(frozen=True, slots=True)
class Skipped:
    heading: str
    line: int
    reason: str  # Chinese, for the planner


@dataclass(frozen=True, slots=True)
class Proposal:
    tasks: list[Task]
    skipped: list[Skipped]  # headings of the task chapters that are not tasks, and why
    chapters: list[tuple[str, bool]]  # every chapter: (heading, holds tasks)
    section_of: dict[str, str]  # task key → the section id it was proposed from


def key_of(number: int) -> str:
    return f"R{number:03d}"


def key_number(key: str) -> int:
    return int(key[1:]) if key[:1] == "R" and key[1:].isdigit() else 0


def propose(
    parsed: ParsedPlan,
    lines: Sequence[str],
    version_id: int,
    *,
    first_key: int = 1,
    settings: TaskSettings = DEFAULT_TASK_SETTINGS,
) -> Proposal:
    found = candidates(parsed, lines)
    chapters = [c for c in found if c.level is None]
    taken_chapters = {c.section.id for c in chapters if is_task_chapter(c.section, settings)}
    period = parsed.period()
    deadline = str(period[1]) if period else "长期"
    tasks: list[Task] = []
    skipped: list[Skipped] = []
    section_of: dict[str, str] = {}
    key_by_section: dict[str, str] = {}
    number_by_section: dict[str, str] = {}
    children: dict[str, int] = {}
    grouping = {a for c in found if c.level is not None for a in c.ancestors}  # headings with sub-headings
    for candidate in found:
        if candidate.level is None or candidate.chapter is None:
            continue
        if candidate.chapter.id not in taken_chapters:
            continue
        if candidate.section.id not in grouping and is_declarative(candidate, settings):
            skipped.append(Skipped(candidate.heading, candidate.first_line, "只有陈述，没有具体任务"))
            continue
        parent = next((key_by_section[a] for a in reversed(candidate.ancestors) if a in key_by_section), None)
        scope = next((a for a in reversed(candidate.ancestors) if a in number_by_section), None)
        children[scope or candidate.chapter.id] = children.get(scope or candidate.chapter.id, 0) + 1
        prefix = number_by_section[scope] if scope else _chapter_number(candidate)
        number = f"{prefix}.{children[scope or candidate.chapter.id]}"
        key = key_of(first_key + len(tasks))
        key_by_section[candidate.section.id] = key
        number_by_section[candidate.section.id] = number
        section_of[key] = candidate.section.id
        tasks.append(_task(candidate, key, number, parent, version_id, deadline, settings))
    tasks = attach_items(tasks, parsed, version_id)
    chapter_rows = [(c.heading, c.section.id in taken_chapters) for c in chapters]
    return Proposal(tasks, skipped, chapter_rows, section_of)


def attach_items(tasks: list[Task], parsed: ParsedPlan, version_id: int) -> list[Task]:
    """Each task of version `version_id` (`parsed`) with the indicators, prose targets and projects
    whose line falls inside it and not inside a task under it; tasks whose lines are in another
    version keep the items they had."""
    items = [AttachedItem("indicator", i.id, i.name, i.line) for i in parsed.indicators]
    items += [AttachedItem("target", t.id, t.subject, t.line) for t in parsed.targets]
    items += [AttachedItem("project", p.id, p.name, p.line) for p in parsed.projects]
    here = [t for t in tasks if t.source_version == version_id]
    attached: dict[str, list[AttachedItem]] = {t.key: [] for t in here}
    for item in sorted(items, key=lambda i: (i.line, i.kind, i.key)):
        holder = innermost(here, item.line)
        if holder is not None:
            attached[holder.key].append(item)
    return [replace(t, items=tuple(attached[t.key])) if t.key in attached else t for t in tasks]


def innermost(tasks: Sequence[Task], line: int) -> Task | None:
    """The task with the narrowest span that holds `line`."""
    holding = [t for t in tasks if t.first_line <= line <= t.last_line]
    return min(holding, key=lambda t: (t.last_line - t.first_line, -t.first_line), default=None)


def _chapter_number(candidate: Candidate) -> str:
    chapter = candidate.chapter
    assert chapter is not None
    return chapter.id.removeprefix("c")  # positional (c3 → 3), so a broken 第7章 still numbers in order


def _task(
    candidate: Candidate,
    key: str,
    number: str,
    parent: str | None,
    version_id: int,
    deadline: str,
    settings: TaskSettings,
) -> Task:
    assert candidate.level is not None
    return Task(
        key=key,
        number=number,
        level=candidate.level,
        parent_key=parent,
        path=candidate.path,
        heading=candidate.heading,
        summary=candidate.summary,
        source_version=version_id,
        first_line=candidate.first_line,
        last_line=candidate.last_line,
        deadline=deadline,
        cycle=settings.default_cycle,
    )
