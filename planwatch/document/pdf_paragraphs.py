"""Printed lines → paragraphs, the unit a .docx has and every later stage reads.

A PDF knows only printed lines. A paragraph is rebuilt by joining a line to the one before it unless
something on the page says a new paragraph starts:
- the line before ended although the first unbreakable piece of this line (a Chinese character with
  the punctuation that may not be parted from it, a number, a Latin word) would have fitted after
  it: the writer ended the paragraph there, the layout did not wrap it (this works for justified
  and for ragged text alike),
- this line is indented or centred (a first-line indent, a heading),
- the gap above it is wider than the usual line pitch (space between paragraphs),
- the font size changes (a heading), either line has columns (a table drawn without rules keeps a
  line per row), or it opens with a heading number (第三章, （二）, 专栏) after a
  sentence that ended.
A page break is no reason: a paragraph that fills the last line of a page goes on at the top of the
next one. A table ends the paragraph before it. Margins and pitch are measured on the document
itself (the most common left edge, right edge and line distance of each page shape).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from planwatch.document.model import Printed
from planwatch.document.pdf_lines import PrintedLine

_HEADING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[章节篇部分]|专栏|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)"
)
_NUMBERED = re.compile(_HEADING.pattern + r"|^\s*(?:\d{1,2}\s*[、.．](?!\d)|[（(]\d{1,2}[)）])")
_ENDED = re.compile(r"[。；;：:！!？?]$")
_SENTENCE_END = re.compile(r"[。；;：:！!？?…”’」』）)]$")


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    printed: tuple[Printed, ...]


@dataclass(frozen=True, slots=True)
class _Shape:
    left: float
    right: float
    pitch: float | None


def shapes(lines: Iterable[tuple[tuple[int, int], PrintedLine]]) -> dict[tuple[int, int], _Shape]:
    """Per page shape (width, height rounded): the body's left and right margins and line pitch."""
    lefts: dict[tuple[int, int], Counter[int]] = {}
    rights: dict[tuple[int, int], Counter[int]] = {}
    pitches: dict[tuple[int, int], Counter[float]] = {}
    previous: tuple[tuple[int, int], PrintedLine] | None = None
    for key, line in lines:
        lefts.setdefault(key, Counter())[round(line.x0)] += 1
        rights.setdefault(key, Counter())[round(line.x1)] += 1
        if previous is not None and previous[1].page == line.page and abs(previous[1].size - line.size) < 0.5:
            delta = line.baseline - previous[1].baseline
            if 0 < delta < 3 * max(line.size, 1.0):
                pitches.setdefault(key, Counter())[round(delta * 2) / 2] += 1
        previous = (key, line)
    result = {}
    for key, counter in lefts.items():
        pitch = pitches.get(key)
        result[key] = _Shape(
            float(_mode(counter)),
            float(_high(rights[key])),
            pitch.most_common(1)[0][0] if pitch else None,
        )
    return result


def _high(counter: Counter[int]) -> int:
    """The right margin: the edge that a tenth of the lines reach (full lines, not stray marks)."""
    edges = sorted(counter.elements())
    return edges[(len(edges) - 1) * 9 // 10]


def _mode(counter: Counter[int]) -> int:
    """The most common position, counting its neighbours within 2 points (rounding splits a margin)."""
    return max(counter, key=lambda x: (sum(counter[x + d] for d in range(-2, 3)), counter[x], -x))


def paragraphs(lines: Sequence[PrintedLine], shape_of: dict[int, _Shape]) -> Iterator[Paragraph]:
    """The paragraphs of a run of body lines (no table between them); `shape_of` maps page → shape."""
    current: list[PrintedLine] = []
    for line in lines:
        if current and not _continues(current[-1], line, shape_of):
            yield _paragraph(current)
            current = []
        current.append(line)
    if current:
        yield _paragraph(current)


def _continues(before: PrintedLine, line: PrintedLine, shape_of: dict[int, _Shape]) -> bool:
    shape, shape_before = shape_of[line.page], shape_of[before.page]
    em = max(line.size, before.size, 6.0)
    if abs(line.size - before.size) > 0.8:
        return False
    if "  " in before.text or "  " in line.text:
        return False  # a row of a table drawn without rules: its columns stand apart, a line each
    # Writer does not break inside a Chinese word, so a line not ending a sentence may leave room
    # for a word of two or three characters.
    slack = 0.3 * em if _SENTENCE_END.search(before.text) else 2.2 * em
    if _first_piece(line) < shape_before.right - before.x1 - slack:
        return False  # the line before ended with room to spare: its paragraph ended
    if line.x0 > shape.left + 0.8 * em:
        return False  # indented or centred
    spaced = shape.pitch is not None and line.baseline - before.baseline > shape.pitch * 1.3 + 1
    if before.page == line.page and spaced:
        return False  # space between paragraphs
    # Across a page break there is no spacing to see: a sentence that ended at the foot of a page
    # and a numbered line atop the next are two paragraphs (1、交通路网建设项目).
    heading = _HEADING if before.page == line.page else _NUMBERED
    return not (heading.match(line.text) and _ENDED.search(before.text))


# Characters a line may not start with (closing punctuation, ambiguous quotes, %), and characters
# it may not end with (opening punctuation, quotes): a simplification of Unicode line breaking.
# Curly quotes are ambiguous in Unicode line breaking: no break on either side of them.
_NO_START = frozenset("，。、；：！？）》」』】〕〉…—·%‰“”‘’\"',.;:!?)]}")
_NO_END = frozenset("（《「『【〔〈“”‘’\"'([{")


def _first_piece(line: PrintedLine) -> float:
    """The width of the line's first unbreakable piece: how much room the line before lacked."""
    glyphs = [g for g in line.glyphs if not g.char.isspace()]
    if not glyphs:
        return 0.0
    start = glyphs[0].x0
    for before, glyph in itertools.pairwise(glyphs):
        if _breakable(before.char, glyph.char):
            return glyph.x0 - start
    return glyphs[-1].x1 - start


def _breakable(a: str, b: str) -> bool:
    if b in _NO_START or a in _NO_END or (a == b == "—"):
        return False
    if a.isascii() and b.isascii():
        return False  # a Latin word or a number is not broken
    # Writer keeps a Latin word or number with the bracket or the 、，after which it stands.
    return not (
        (a in _NO_START and b.isascii() and b.isalnum()) or (a.isascii() and a.isalnum() and b in "（(")
    )


def _paragraph(lines: Sequence[PrintedLine]) -> Paragraph:
    text = ""
    runs: list[Printed] = []
    for line in lines:
        part = line.text
        if text and part and _latin(text[-1]) and _latin(part[0]):
            text += " "  # a Latin word broken at the line end keeps its space
        runs.append(Printed(len(text), line.page, line.number))
        text += part
    return Paragraph(text, tuple(runs))


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()
