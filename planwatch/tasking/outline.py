"""The plan's headings as candidate tasks: each 节, 条目 and item outside the 专栏 boxes, with the
lines it spans, the lines of its own text (up to its first sub-heading), and its first sentence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from planwatch.model import ParsedPlan, Section, SectionKind
from planwatch.tasking.model import Level
from planwatch.tasking.settings import TaskSettings

LEVELS = {
    SectionKind.SECTION: Level.SECTION,
    SectionKind.SUBSECTION: Level.ENTRY,
    SectionKind.ITEM: Level.ITEM,
}
_SENTENCE_END = re.compile(r"[。！？!?]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Candidate:
    section: Section
    chapter: Section | None
    level: Level | None  # None for a chapter
    heading: str  # number and title as written: 第一节 做强工业支撑, （一）夯实…
    path: tuple[str, ...]  # the headings above it, the chapter first
    ancestors: tuple[str, ...]  # the section ids above it, the chapter first
    first_line: int
    last_line: int  # the end of everything under it (its items, boxes, tables)
    own_last_line: int  # the end of its own text: the line before its first sub-heading
    summary: str
    summary_line: int | None
    own_text: str  # the heading line and its own text, joined (for the word checks)


def heading_of(section: Section) -> str:
    number, title = section.number.strip(), _SPACES.sub(" ", section.title.strip())
    if section.kind in (SectionKind.CHAPTER, SectionKind.SECTION) and number and title:
        return f"{number} {title}"
    return f"{number}{title}"


def candidates(parsed: ParsedPlan, lines: Sequence[str]) -> list[Candidate]:
    """Every chapter, 节, 条目 and item that is not in a box, in document order."""
    sections = parsed.sections
    by_id = {s.id: s for s in sections}
    found: list[Candidate] = []
    for index, section in enumerate(sections):
        if section.kind is SectionKind.BOX or _in_box(section, by_id):
            continue
        ancestors = _ancestors(section, by_id)
        chapter = (
            by_id[ancestors[0]] if ancestors else (section if section.kind is SectionKind.CHAPTER else None)
        )
        last = _trim(lines, section.line, _subtree_end(sections, index, len(lines)))
        own_last = _trim(lines, section.line, _own_end(sections, index, last))
        summary, summary_line = _first_sentence(section, lines, own_last)
        own = " ".join(lines[n - 1] for n in range(section.line, own_last + 1) if not _in_table(lines[n - 1]))
        found.append(
            Candidate(
                section,
                chapter,
                LEVELS.get(section.kind),
                heading_of(section),
                tuple(heading_of(by_id[a]) for a in ancestors),
                ancestors,
                section.line,
                last,
                own_last,
                summary,
                summary_line,
                own,
            )
        )
    return found


def is_task_chapter(chapter: Section, settings: TaskSettings) -> bool:
    return not any(word in chapter.title for word in settings.review_chapter_words)


def is_declarative(candidate: Candidate, settings: TaskSettings) -> bool:
    """Its heading and own text name no action: it describes, it does not commit anyone to work."""
    return not any(word in candidate.own_text for word in settings.action_words)


def _ancestors(section: Section, by_id: dict[str, Section]) -> tuple[str, ...]:
    chain: list[str] = []
    parent = by_id.get(section.parent_id or "")
    while parent is not None:
        chain.append(parent.id)
        parent = by_id.get(parent.parent_id or "")
    return tuple(reversed(chain))


def _in_box(section: Section, by_id: dict[str, Section]) -> bool:
    parent = by_id.get(section.parent_id or "")
    while parent is not None:
        if parent.kind is SectionKind.BOX:
            return True
        parent = by_id.get(parent.parent_id or "")
    return False


def _subtree_end(sections: Sequence[Section], index: int, line_count: int) -> int:
    """The line before the next heading that is not under this one (the end of the text)."""
    prefix = sections[index].id + "."
    for later in sections[index + 1 :]:
        if not later.id.startswith(prefix):
            return max(later.line - 1, sections[index].line)
    return line_count


def _own_end(sections: Sequence[Section], index: int, last: int) -> int:
    prefix = sections[index].id + "."
    if index + 1 < len(sections) and sections[index + 1].id.startswith(prefix):
        return max(sections[index + 1].line - 1, sections[index].line)
    return last


def _trim(lines: Sequence[str], first: int, last: int) -> int:
    """`last`, moved up past blank lines (never above `first`)."""
    while last > first and not lines[last - 1].strip():
        last -= 1
    return last


def _in_table(line: str) -> bool:
    return line.startswith("\t")  # a table cell or a box line of a text exported from Word


def _first_sentence(section: Section, lines: Sequence[str], own_last: int) -> tuple[str, int | None]:
    """The first sentence of the text after the heading's title, verbatim, and its line."""
    heading_line = lines[section.line - 1] if 0 < section.line <= len(lines) else ""
    title = section.title.strip()
    at = heading_line.find(title) if title else -1
    rest = heading_line[at + len(title) :] if at >= 0 else ""
    rest = rest.lstrip("。．.：:；; \u3000")
    if rest.strip():
        return _sentence(rest), section.line
    for number in range(section.line + 1, own_last + 1):
        text = lines[number - 1]
        if text.strip() and not _in_table(text):
            return _sentence(text.strip()), number
    return "", None


def _sentence(text: str) -> str:
    found = _SENTENCE_END.search(text)
    return (text[: found.end()] if found else text).strip()
