"""Projects of the plan: every numbered item of every project box, with its fields.

Which items are projects:
- A project box is a 专栏 whose title says 项目, 工程, 储备 or 重大建设 (…项目支撑, 重大建设项目,
  重点工程项目, 重大工程, 储备项目). A box in groups (`一、…发展重点` / `二、…项目支撑`) is judged
  group by group: a group is a project group when its title says so, or when the box does and
  the group's title is not a direction (发展重点, 方向, 任务, 行动).
- In any other box or group (…建设方向, 特色种植产业, …行动) an item is a project only when it
  carries an investment or land phrase (总投资…, 占地…亩); the rest are directions.
- A plain line `表3 重大项目` (a table title that says 项目/工程) heading a numbered list opens
  a project list as a box does: some plans list their projects under a table title.
- A project is a numbered item (1、 1. （1）) with its continuation lines, up to the next item or
  heading. An item with numbered children and nothing after its title (`2、新能源项目：`) is a group
  header: its children are the projects. Children of an item with text of its own are part of it.
  One item is one project even when it names several (`…2X100MW扩建项目；…储运项目`); when it
  names several owners a Problem says that only the first is kept.
- Year targets (`2021年目标：…`, on a line of their own or inline) open the project's schedule:
  what follows belongs to that year, numbered sub-lines (`1、开工建设…`) and inline points
  (`2021年目标：1、…。2、…。`) included, each one ScheduleEntry of that year, until an item
  continues the project list (`4、` after `3.`) or a higher level. The outline files the numbered
  lines of a year list as items of the box, siblings of the projects: telling them apart is done
  here. The project's own fields are read from the text before its first year target.
- Items are the outline's: a box ends where the outline closes it, a numbered line is an item
  when the outline took it.

Problems: unreadable or unit-less amounts, a phase-only investment, several owners, duplicated
names (on the later one) and a project box without items. Nothing here knows any plan's lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planwatch.document.model import Document
from planwatch.model import Problem, Project, ScheduleEntry, Section, SectionKind
from planwatch.parse.outline import Outline
from planwatch.parse.project_fields import (
    NAME_END,
    Segment,
    read_fields,
    read_name,
    read_schedule_entry,
    year_entries,
    year_heads,
)

_PROJECT_WORDS = re.compile(r"项目|工程|储备|重大建设")
_DIRECTION_WORDS = re.compile(r"重点(?!项目|工程)|方向|任务|行动|举措")
_TABLE_TITLE = re.compile(r"表\s*(\d+(?:\s*[-—－.]\s*\d+)?)\s*:?\s*(.{1,40})")
_EMPTY = {
    "专栏": "项目专栏中没有编号的项目条目，未能读出项目",
    "项目表": "项目表下没有编号的项目条目（表格形式的项目表尚不能读取）",
}


@dataclass(frozen=True, slots=True)
class ProjectsResult:
    projects: tuple[Project, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class _Scope:
    """A box, a group of a box, or a 表 list: where items are found."""

    number: str | None  # 专栏3-2, 表3
    title: str
    line: int
    section_id: str | None
    is_project: bool
    field_name: str = "专栏"  # 专栏 for a box or a group, 项目表 for a 表 list


@dataclass(frozen=True, slots=True)
class _Heading:
    section_id: str
    number: str
    ordinal: int | None
    line: int
    title_start: int
    parent_id: str | None
    has_children: bool


@dataclass(slots=True)
class _Entry:
    year: int
    segments: list[Segment] = field(default_factory=list)


@dataclass(slots=True)
class _Unit:
    heading: _Heading
    scope: _Scope
    higher: frozenset[str]  # sections above the item's parent, up to the box: their items end it
    lines: list[int] = field(default_factory=list)
    own: list[Segment] = field(default_factory=list)
    entries: list[_Entry] = field(default_factory=list)
    year: int | None = None  # the open year target, once the schedule has begun
    sub_last: int | None = None  # the number of the last numbered line of that year's list


class _Index:
    def __init__(self, outline: Outline) -> None:
        self.outline = outline
        self.starts = {s.line: s for s in outline.sections}
        self.parents = {s.parent_id for s in outline.sections if s.kind is SectionKind.ITEM}
        self.with_children = {s.parent_id for s in outline.sections}

    def box_at(self, n: int) -> str | None:
        box = self.outline.box_of(n)
        return box.id if box is not None else None

    def heading(self, document: Document, n: int) -> _Heading | None:
        section = self.starts.get(n)
        if section is None or section.kind not in (SectionKind.ITEM, SectionKind.SUBSECTION):
            return None
        text = document.line(n).text
        start = _skip_spaces(text, len(text) - len(text.lstrip()) + len(section.number))
        has_children = section.id in self.parents
        return _Heading(
            section.id, section.number, section.ordinal, n, start, section.parent_id, has_children
        )

    def ancestors(self, section_id: str | None, stop: str | None) -> frozenset[str]:
        """Ids above `section_id` up to and including `stop`."""
        found: set[str] = set()
        section = self.outline.section(section_id)
        while section is not None and section.id != stop and section.parent_id is not None:
            found.add(section.parent_id)
            section = self.outline.section(section.parent_id)
        return frozenset(found)


class _Walker:
    """Collects the items of one scope at a time, line by line."""

    def __init__(self, document: Document, index: _Index) -> None:
        self.document = document
        self.index = index
        self.units: list[_Unit] = []
        self.current: _Unit | None = None
        self.root: str | None = None  # the box (or list parent) that bounds `higher`
        self.heads: list[_Heading] = []  # items that opened a project or a group, in order
        self.taken: set[str] = set()  # their section ids

    def item(self, heading: _Heading, scope: _Scope) -> None:
        current = self.current
        if current is not None:
            if current.year is not None and not self._ends_year_list(current, heading):
                current.entries.append(_Entry(current.year))
                current.sub_last = heading.ordinal
                self.feed(heading.line)
                return
            if current.heading.section_id in self.index.ancestors(heading.section_id, self.root):
                self.feed(heading.line)  # a child of an item with text of its own
                return
        self.close()
        self.heads.append(heading)
        self.taken.add(heading.section_id)
        if scope.is_project and heading.has_children and not _details(self.document, heading):
            return  # a group header: its children are the projects
        higher = (
            self.index.ancestors(heading.parent_id, self.root)
            if heading.parent_id != self.root
            else frozenset()
        )
        self.current = _Unit(heading, scope, higher, [heading.line])
        self.feed(heading.line, heading.title_start)

    def _ends_year_list(self, unit: _Unit, heading: _Heading) -> bool:
        """Inside a year list, does `heading` go back to the project list (or above it)?"""
        if heading.parent_id in unit.higher or heading.parent_id in self.taken - {unit.heading.section_id}:
            return True
        if not self.continues_list(heading):
            return False
        in_sub_list = unit.sub_last is not None and heading.ordinal == unit.sub_last + 1
        return not in_sub_list or _titled(self.document, heading)

    def continues_list(self, heading: _Heading) -> bool:
        """Does `heading` continue the list of the last project or group of its numbering style?"""
        same = [h for h in self.heads if _parens(h.number) == _parens(heading.number)]
        return bool(same) and _continues(same[-1], heading)

    def feed(self, n: int, start: int = 0) -> None:
        unit = self.current
        text = self.document.line(n).text
        end = len(text.rstrip())
        if unit is None or not text[start:end].strip():
            return
        if unit.lines[-1] != n:
            unit.lines.append(n)
        pos = start
        for head_start, _, year in year_heads(text, start, end):
            self._put(unit, n, pos, head_start)
            unit.entries.append(_Entry(year))
            unit.year, unit.sub_last = year, None
            pos = head_start
        self._put(unit, n, pos, end)

    def text_line(self, n: int) -> None:
        """A line without a number: the open project's, unless a blank line parts it from a
        finished sentence (`…。`, blank, prose): boxes have no end mark, and the body's next
        paragraph is not the last project's."""
        unit = self.current
        if unit is None:
            return
        pieces = unit.entries[-1].segments if unit.entries else unit.own
        if unit.year is None and pieces and not self.document.line(n - 1).text.strip():
            last = pieces[-1]
            if self.document.line(last.line).text[: last.end].rstrip()[-1:] in ("。", ";", "!", "?"):
                self.close()
                return
        self.feed(n)

    def _put(self, unit: _Unit, n: int, start: int, end: int) -> None:
        text = self.document.line(n).text
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            (unit.entries[-1].segments if unit.entries else unit.own).append(Segment(n, start, end))

    def close(self) -> None:
        if self.current is not None:
            self.units.append(self.current)
        self.current = None


def extract_projects(document: Document, outline: Outline) -> ProjectsResult:
    index = _Index(outline)
    units: list[_Unit] = []
    problems: list[Problem] = []
    for section in outline.sections:
        if section.kind is SectionKind.BOX and (
            section.id in index.with_children or _PROJECT_WORDS.search(section.title)
        ):  # a box of directions without numbered items (a table of indicators) has no project
            found, empty = _walk_box(document, index, section)
            units += found
            problems += empty
    for line in document.lines:
        if line.text.lstrip()[:1] != "表":
            continue
        if (scope := _table_title(document, index, line.number)) is not None:
            found, empty = _walk_list(document, index, scope)
            units += found
            problems += empty
    units.sort(key=lambda u: u.heading.line)
    projects: list[Project] = []
    first_of: dict[str, int] = {}
    for unit in units:
        built = _build(document, unit, len(projects) + 1, problems)
        if built is None:
            continue
        projects.append(built)
        key = _key(built.name)
        if not built.name:
            problems.append(
                Problem(built.line, "项目名称", "未写项目名称", document.line(built.line).raw.strip())
            )
        elif key in first_of:
            reason = f"项目名称重复（另见第{first_of[key]}行）"
            problems.append(Problem(built.line, "项目名称", reason, built.name))
        else:
            first_of[key] = built.line
    return ProjectsResult(tuple(projects), tuple(sorted(problems, key=lambda p: p.line)))


def _walk_box(document: Document, index: _Index, box: Section) -> tuple[list[_Unit], list[Problem]]:
    box_is_project = bool(_PROJECT_WORDS.search(box.title))
    scope = _Scope(box.number, box.title, box.line, box.id, box_is_project)
    groups: list[_Scope] = []
    walker = _Walker(document, index)
    walker.root = box.id
    for n in range(box.line + 1, document.line_count + 1):
        if index.box_at(n) != box.id:
            break
        section = index.starts.get(n)
        heading = index.heading(document, n)
        if section is not None and section.kind is SectionKind.SUBSECTION:
            if heading is not None and section.id not in index.with_children and _details(document, heading):
                walker.item(heading, scope)  # `一、临港物流园：总投资…` with nothing under it: an item
                continue
            walker.close()
            grouped = bool(_PROJECT_WORDS.search(section.title)) or (
                box_is_project and not _DIRECTION_WORDS.search(section.title)
            )
            scope = _Scope(box.number, box.title, section.line, section.id, grouped)
            groups.append(scope)
            continue
        if heading is not None:
            walker.item(heading, scope)
        else:
            walker.text_line(n)
    walker.close()
    return walker.units, _empty_scopes(document, groups or [scope], walker.units)


def _walk_list(document: Document, index: _Index, scope: _Scope) -> tuple[list[_Unit], list[Problem]]:
    """The numbered list under a `表3 重大项目` line: its items share a parent."""
    walker = _Walker(document, index)
    root: str | None = None
    members: set[str] = set()
    for n in range(scope.line + 1, document.line_count + 1):
        section = index.starts.get(n)
        if section is not None and section.kind is not SectionKind.ITEM:
            break
        heading = index.heading(document, n)
        if heading is None:
            if walker.current is None and document.line(n).text.strip():
                break  # text before any item, or after the list: not a numbered item's
            walker.text_line(n)
            continue
        if root is None:
            root = heading.parent_id
            walker.root = root
        elif heading.parent_id != root and heading.parent_id not in members:
            break
        members.add(heading.section_id)
        walker.item(heading, scope)
    walker.close()
    return walker.units, _empty_scopes(document, [scope], walker.units)


def _table_title(document: Document, index: _Index, n: int) -> _Scope | None:
    text = document.line(n).text.strip()
    if index.box_at(n) is not None:
        return None
    m = _TABLE_TITLE.fullmatch(text)
    if m is None or not _PROJECT_WORDS.search(m[2]):
        return None
    raw = document.line(n).raw.strip()
    return _Scope(raw[: m.end(1)].replace(" ", ""), raw[m.start(2) :].strip(), n, None, True, "项目表")


def _empty_scopes(document: Document, scopes: list[_Scope], units: list[_Unit]) -> list[Problem]:
    """A project box, group or list with no numbered item: its projects could not be read."""
    used = {id(u.scope) for u in units}
    return [
        Problem(s.line, s.field_name, _EMPTY[s.field_name], document.line(s.line).raw.strip())
        for s in scopes
        if s.is_project and id(s) not in used
    ]


def _build(document: Document, unit: _Unit, number: int, problems: list[Problem]) -> Project | None:
    heading, scope = unit.heading, unit.scope
    first = document.line(heading.line)
    fields = read_fields(document, unit.own)
    if not scope.is_project and not fields.mentions_money_or_land:
        return None
    schedule: list[ScheduleEntry] = []
    for year, segments in year_entries(document, [(e.year, e.segments) for e in unit.entries]):
        entry, trouble = read_schedule_entry(document, year, segments)
        schedule.append(entry)
        problems.extend(trouble)
    problems.extend(fields.problems)
    return Project(
        id=f"P{number:03d}",
        box=scope.number,
        box_title=scope.title,
        number=heading.number,
        name=read_name(first.text, first.raw, heading.title_start),
        owner=fields.owner,
        investment_raw=fields.investment_raw,
        investment_wan_yuan=fields.investment_wan_yuan,
        investment_qualifier=fields.investment_qualifier,
        land_mu=fields.land_mu,
        land_raw=fields.land_raw,
        capacity_raw=fields.capacity_raw,
        schedule=tuple(schedule),
        line=heading.line,
        last_line=max(unit.lines),
        text="\n".join(document.line(n).raw.strip() for n in unit.lines),
        section_id=heading.section_id,
    )


def _continues(project: _Heading, item: _Heading) -> bool:
    """Does `item` continue the list `project` is in (4、 after 3.)?"""
    if project.ordinal is None or item.ordinal is None:
        return False
    return item.ordinal == project.ordinal + 1 and _parens(project.number) == _parens(item.number)


def _parens(number: str) -> bool:
    return number.lstrip()[:1] in "(（"


def _titled(document: Document, heading: _Heading) -> bool:
    """Is the item written as a project (`2、公园建设项目：…`), not as a sentence (`2、开工建设…，`)?"""
    text = document.line(heading.line).text
    cut = NAME_END.search(text, heading.title_start)
    return cut[0] == ":" if cut else len(text) - heading.title_start <= 30


def _details(document: Document, heading: _Heading) -> bool:
    """Has the item's first line anything after its name (`2、新能源项目：` has not)?"""
    text = document.line(heading.line).text
    cut = NAME_END.search(text, heading.title_start)
    return cut is not None and bool(text[cut.end() :].strip(" \t:,。;"))


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name)
