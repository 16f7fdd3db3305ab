"""The outline: 章 → 节 → 一、 → （一） → 1、 → （1）, and 专栏 boxes, as a tree with lines.

Drafts break numbering (a 第7章 among 第X章, a （2） where （二） belongs, boxes
numbered 8-x in chapter 9, `5打造` with its 、 lost); the outline takes what is
written and leaves the judging to lint. Boxes have no end marker in text, so a
box closes when a numbered line continues a list that was open *outside* it
(the body's （2） after the box that followed its （1）), at a chapter or section
heading, or after the table it holds.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from planwatch.document.model import Document, Table
from planwatch.document.numbers import NumberError, parse_decimal
from planwatch.model import Section, SectionKind

_CN = "一二三四五六七八九十百零〇两"
_CHAPTER = re.compile(rf"^第\s*([{_CN}\d]+)\s*章(?![程节])\s*(.*)$")
_SECTION = re.compile(rf"^第\s*([{_CN}\d]+)\s*节\s*(.*)$")
_BOX = re.compile(r"^专栏\s*(\d+(?:\s*[-—－–.]\s*\d+)?)\s*[:：]?\s*(.*)$")
_CN_LIST = re.compile(rf"^([{_CN}]+)\s*[、.](.*)$")  # 一、
_CN_PAREN = re.compile(rf"^[(（]\s*([{_CN}]+)\s*[)）]\s*(.*)$")  # （一）
_ARABIC = re.compile(r"^(\d{1,2})\s*(?:、|\.(?!\d))\s*(.*)$")  # 1、 3. (but 3.5 is a number; 1、5G an item)
_ARABIC_GLUED = re.compile(r"^(\d{1,2})(?=[\u4e00-\u9fff])(?![年月日个家条号届期批项座所])(.*)$")  # 5打造
_ARABIC_PAREN = re.compile(r"^[(（]\s*(\d{1,2})\s*[)）]\s*(.*)$")  # （1）

# Rank: smaller is higher. Boxes sit outside the ranking: they nest under whatever is open.
_RANKS = {"chapter": 1, "section": 2, "cn_list": 3, "cn_paren": 4, "arabic": 5, "arabic_paren": 6}
_KINDS = {
    "chapter": SectionKind.CHAPTER,
    "section": SectionKind.SECTION,
    "cn_list": SectionKind.SUBSECTION,
    "cn_paren": SectionKind.SUBSECTION,
    "arabic": SectionKind.ITEM,
    "arabic_paren": SectionKind.ITEM,
}
_TITLE_END = re.compile(r"[。：:；;]")
_MAX_TITLE = 60


@dataclass(frozen=True)
class Outline:
    sections: tuple[Section, ...]
    section_of_line: tuple[str | None, ...]  # index 0 is line 1

    def section_at(self, line: int) -> str | None:
        return self.section_of_line[line - 1] if 0 < line <= len(self.section_of_line) else None

    def section(self, section_id: str | None) -> Section | None:
        return self._by_id.get(section_id or "")

    def box_of(self, line: int) -> Section | None:
        """The 专栏 box holding `line`, if any."""
        section = self.section(self.section_at(line))
        while section is not None and section.kind is not SectionKind.BOX:
            section = self.section(section.parent_id)
        return section

    @functools.cached_property
    def _by_id(self) -> dict[str, Section]:
        return {s.id: s for s in self.sections}


@dataclass
class _Open:
    section: Section
    style: str  # a key of _RANKS, or "box"
    children_last: dict[str, int] = field(default_factory=dict)  # style → last ordinal among children


@dataclass(frozen=True, slots=True)
class _Heading:
    style: str
    number: str
    ordinal: int | None
    title: str
    title_start: int = 0  # offset of the title in the stripped line: what precedes it is the number


def parse_outline(document: Document, tables: tuple[Table, ...] = ()) -> Outline:
    """The outline of `document`; `tables` are skipped (their note lines are not list items)."""
    in_table = {n for t in tables for n in range(t.first_line, t.last_line + 1)}
    table_end = {t.last_line for t in tables}
    builder = _Builder()
    owners: list[str | None] = []
    for line in document.lines:
        text = line.text.strip()
        if line.number in in_table and not _BOX.match(text):
            owners.append(builder.current_id())
            if line.number in table_end:
                builder.close_box()
            continue
        heading = _classify(text, builder)
        if heading is not None:
            builder.add(_as_written(heading, line.raw, line.text), line.number)
        owners.append(builder.current_id())
        if line.number in table_end:
            builder.close_box()
    return Outline(tuple(builder.sections), tuple(owners))


def _classify(text: str, builder: _Builder) -> _Heading | None:
    if not text:
        return None
    if m := _CHAPTER.match(text):
        return _Heading("chapter", "", _ordinal(m[1]), _title(m[2], keep_all=True), m.start(2))
    if m := _SECTION.match(text):
        return _Heading("section", "", _ordinal(m[1]), _title(m[2], keep_all=True), m.start(2))
    if m := _BOX.match(text):
        return _Heading("box", "", None, _title(m[2], keep_all=True), m.start(2))
    for style, pattern in (
        ("cn_paren", _CN_PAREN),
        ("arabic_paren", _ARABIC_PAREN),
        ("cn_list", _CN_LIST),
        ("arabic", _ARABIC),
    ):
        if m := pattern.match(text):
            return _Heading(style, "", _ordinal(m[1]), _title(m[2]), m.start(2))
    if (m := _ARABIC_GLUED.match(text)) and builder.expects("arabic", int(m[1])):
        return _Heading("arabic", "", int(m[1]), _title(m[2]), m.start(2))
    return None


def _as_written(heading: _Heading, raw: str, text: str) -> _Heading:
    """Number and title as written: matched on the normalised text, cut from the raw by the same offsets."""
    lead = len(text) - len(text.lstrip())
    stripped_raw = raw[lead:]
    number = stripped_raw[: heading.title_start].strip().rstrip(":：").strip()
    title = heading.title
    if title:
        start = text.find(title, lead + heading.title_start)
        if start >= 0:
            title = raw[start : start + len(title)]
    return _Heading(heading.style, number, heading.ordinal, title, heading.title_start)


def _ordinal(text: str) -> int | None:
    try:
        value = parse_decimal(text)
    except NumberError:
        return None
    return int(value) if value == value.to_integral_value() else None


def _title(text: str, *, keep_all: bool = False) -> str:
    text = text.strip()
    if keep_all:
        return text
    cut = _TITLE_END.search(text)
    if cut and cut.start() > 0:
        text = text[: cut.start()]
    return text if len(text) <= _MAX_TITLE else text[:_MAX_TITLE]


class _Builder:
    """Keeps the stack of open headings, and the box (if any) with its own stack."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.stack: list[_Open] = []  # body headings, outermost first
        self.box: _Open | None = None
        self.box_stack: list[_Open] = []  # headings inside the open box
        self.root_last: dict[str, int] = {}
        self._counter: dict[str, int] = {}

    def current_id(self) -> str | None:
        if self.box is not None:
            return (self.box_stack[-1] if self.box_stack else self.box).section.id
        return self.stack[-1].section.id if self.stack else None

    def close_box(self) -> None:
        self.box = None
        self.box_stack = []

    def expects(self, style: str, ordinal: int) -> bool:
        """Would `ordinal` continue the list of `style` that is open where we are?"""
        return self._last_in(self._scope(), style, root=self.box) == ordinal - 1

    def add(self, heading: _Heading, line: int) -> None:
        if heading.style == "box":
            self.close_box()
            self.box = self._open(heading, line, parent=self.stack[-1] if self.stack else None)
            return
        if self.box is not None and self._leaves_box(heading):
            self.close_box()
        stack = self.box_stack if self.box is not None else self.stack
        rank = _RANKS[heading.style]
        while stack and _RANKS[stack[-1].style] >= rank:
            stack.pop()
        parent = stack[-1] if stack else self.box
        opened = self._open(heading, line, parent)
        stack.append(opened)

    def _leaves_box(self, heading: _Heading) -> bool:
        if _RANKS[heading.style] <= _RANKS["section"]:
            return True
        if heading.ordinal is None:
            return False
        outside = self._expected_outside(heading.style)
        inside = self._last_in(self.box_stack, heading.style, root=self.box) + 1
        if (
            heading.ordinal == outside
            and heading.ordinal != inside
            and (outside > 1 or heading.style == "cn_paren")
        ):
            return True  # it continues the body's list; a 1、 starting afresh continues nothing
        # Both lists would take it (each expects 1): a （一） is the body's, list items are the box's.
        return heading.ordinal == outside == inside and heading.style == "cn_paren"

    def _expected_outside(self, style: str) -> int:
        return self._last_in(self.stack, style) + 1

    def _scope(self) -> list[_Open]:
        return self.box_stack if self.box is not None else self.stack

    def _last_in(self, stack: list[_Open], style: str, root: _Open | None = None) -> int:
        """The last ordinal of `style` among the children of the level where `style` would attach."""
        rank = _RANKS[style]
        parent: _Open | None = root
        for opened in stack:
            if _RANKS.get(opened.style, 0) < rank:
                parent = opened
            else:
                break
        if parent is None:
            return self.root_last.get(style, 0)
        return parent.children_last.get(style, 0)

    def _open(self, heading: _Heading, line: int, parent: _Open | None) -> _Open:
        kind = SectionKind.BOX if heading.style == "box" else _KINDS[heading.style]
        section_id = self._next_id(kind, parent)
        section = Section(
            id=section_id,
            kind=kind,
            number=heading.number,
            title=heading.title,
            line=line,
            parent_id=parent.section.id if parent else None,
            ordinal=heading.ordinal,
        )
        self.sections.append(section)
        if heading.ordinal is not None:
            last = parent.children_last if parent else self.root_last
            last[heading.style] = heading.ordinal
        return _Open(section, heading.style)

    def _next_id(self, kind: SectionKind, parent: _Open | None) -> str:
        """Ids follow document order within the parent: c3, c3.s1, c3.s1.p2, c3.s1.p2.b1, …"""
        prefix = {"chapter": "c", "section": "s", "subsection": "p", "item": "i", "box": "b"}[kind.value]
        scope = parent.section.id if parent else ""
        key = f"{scope}/{prefix}"
        self._counter[key] = self._counter.get(key, 0) + 1
        own = f"{prefix}{self._counter[key]}"
        return f"{scope}.{own}" if scope else own
