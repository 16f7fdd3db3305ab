"""Repeated text: a sentence or clause written twice, an item listed twice in one list,
the same project in two boxes.

Clauses are compared after normalisation (width, spaces); short ones are ignored, since
plans rightly repeat set phrases (坚持以人民为中心). The later occurrence is reported,
pointing back at the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from planwatch.document.text import normalise
from planwatch.lint.context import LintContext
from planwatch.model import Finding, FindingKind, Project, Severity

DUPLICATE = FindingKind.DUPLICATE
_CLAUSE = re.compile(r"[^，。；！？：,;:!?]+")
_MIN_CLAUSE = 16  # characters: shorter repeats are set phrases
_MIN_PROJECT_NAME = 8
_MIN_REPEATED_RUN = 32  # two clauses repeated in one paragraph: 项目单位为…，建设规模… can be two projects
_ADJACENT_ITEMS = re.compile(r"([\u4e00-\u9fffA-Za-z0-9（）()\-—]{3,})、\1(?![\u4e00-\u9fff])")


def check(context: LintContext) -> Iterator[Finding]:
    projects = list(_repeated_projects(context))
    yield from projects
    # Inside a project already reported as listed twice, its copied sentences are the same defect.
    covered = {n for f in projects for p in context.plan.projects if p.line == f.line
               for n in range(p.line, p.last_line + 1)}  # fmt: skip
    yield from (f for f in _repeated_clauses(context) if f.line not in covered)
    yield from _repeated_list_items(context)


_NOT_COMPARED = re.compile(r"\s+|[“”‘’\"'·•・]")


def _key(text: str) -> str:
    return _NOT_COMPARED.sub("", normalise(text))


def _repeated_clauses(context: LintContext) -> Iterator[Finding]:
    """A clause copied within one chapter's running text, or between two boxes.

    Boxes restate the body and the goals chapter is echoed everywhere, so a clause shared
    by a box and the body, or by two chapters, is by design. Within one paragraph only a
    repeated run of two clauses counts: parallel sentences legitimately share one.
    """
    first_seen: dict[str, tuple[int, int]] = {}
    for line in context.prose_lines():
        if line.number in context.heading_lines:
            continue
        clauses = [(m.start(), m.group()) for m in _CLAUSE.finditer(line.raw)]
        for index, (start, text) in enumerate(clauses):
            clause = text.strip()
            # line.text is the normalised line, same length: slice it rather than normalise every clause.
            key = _NOT_COMPARED.sub("", line.text[start : start + len(text)])
            if len(key) < _MIN_CLAUSE or not re.search(r"[\u4e00-\u9fff]{6}", key):
                continue
            earlier = first_seen.get(key)
            if earlier is None:
                first_seen[key] = (line.number, index)
                continue
            if _meant_twice(context, line.number, clauses, index, earlier):
                continue
            where = "本段前文" if earlier[0] == line.number else f"第{earlier[0]}行"
            yield context.finding(
                "repeated-sentence", DUPLICATE, Severity.WARNING, line.number, clause,
                f"“{_short(clause)}”与{where}重复", lines=(earlier[0],), column=start + text.find(clause),
            )  # fmt: skip


def _meant_twice(
    context: LintContext, number: int, clauses: list[tuple[int, str]], index: int, earlier: tuple[int, int]
) -> bool:
    earlier_line, earlier_index = earlier
    if earlier_line == number:
        following = _key(clauses[index + 1][1]) if index + 1 < len(clauses) else ""
        earlier_following = _key(clauses[earlier_index + 1][1]) if earlier_index + 1 < len(clauses) else ""
        run = len(_key(clauses[index][1])) + len(following)
        return following != earlier_following or not following or run < _MIN_REPEATED_RUN
    here, there = context.box_at(number), context.box_at(earlier_line)
    if here is not None or there is not None:
        return here is None or there is None or here.id == there.id
    return context.chapter_at(number) != context.chapter_at(earlier_line)


def _repeated_list_items(context: LintContext) -> Iterator[Finding]:
    """`礼步湖大道、礼步湖大道`: an item written twice in a row in one enumeration."""
    for line in context.prose_lines():
        for m in _ADJACENT_ITEMS.finditer(line.raw):
            yield context.finding(
                "repeated-list-item", DUPLICATE, Severity.ERROR, line.number, m.group(),
                f"列举中“{m.group(1)}”连续出现了两次", column=m.start(),
            )  # fmt: skip


def _repeated_projects(context: LintContext) -> Iterator[Finding]:
    for project, twin in repeated_projects(context.plan.projects):
        yield context.finding(
            "repeated-project", DUPLICATE, Severity.ERROR, project.line, project.name,
            f"项目“{project.name}”与第{twin.line}行的“{twin.name}”是同一项目，重复列入", lines=(twin.line,),
        )  # fmt: skip


def repeated_projects(projects: Sequence[Project]) -> list[tuple[Project, Project]]:
    """(the repeat, the project it repeats): one project in two lists, by the same specific name or
    one name ending with the other. The totals count it once (present.plan_data.project_totals)."""
    seen: list[tuple[str, Project]] = []
    found = []
    for project in projects:
        key = _key(re.sub(r"项目$", "", project.name))
        if len(key) < _MIN_PROJECT_NAME:
            continue  # 光伏发电项目 names a kind of project, not one project
        twin = next(
            (p for k, p in seen if p.line != project.line and (k.endswith(key) or key.endswith(k))), None
        )
        if twin is not None:
            found.append((project, twin))
        seen.append((key, project))
    return found


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
