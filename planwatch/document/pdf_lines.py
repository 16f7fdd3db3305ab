"""Glyphs → printed lines, and which printed lines are page headers and footers.

A printed line is what a reader counts on the page: the glyphs sharing a baseline, left to right.
Its number on the page (1-based, headers included) is what `Document.printed` cites, so a planner
holding the PDF finds "第12页第5行" by counting. Table cells are cut out of these lines later; the
line numbers stay those of the whole page.

Headers and footers (`— 12 —`, `第3页`, a running title) sit in the page's top or bottom band and
either look like a page number or repeat on many pages with only their digits changing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planwatch.document.pdf_page import Glyph

_BAND = 0.12  # share of the page height at the top and bottom where headers and footers sit
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－·•]*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?"
    r"|[-—–－]\s*\d{1,4}\s*[-—–－]|[IVXLCivxlc]{1,6})[\s\-—–－·•]*$"
)
_DIGITS = re.compile(r"\d+")
_MIN_REPEATS = 3  # a running title repeats on at least this many pages…
_REPEAT_SHARE = 0.3  # …and on this share of the pages


@dataclass(frozen=True, slots=True)
class PrintedLine:
    page: int
    number: int  # 1-based on its page, from the top, headers and footers included
    glyphs: tuple[Glyph, ...]  # left to right
    text: str
    x0: float  # of its first and last visible glyphs
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float  # median font size, 0 when unknown


def make_line(page: int, number: int, glyphs: tuple[Glyph, ...]) -> PrintedLine:
    """The printed line of `glyphs` (left to right, at least one visible), its measures computed once."""
    visible = [g for g in glyphs if not g.char.isspace()] or list(glyphs)
    sizes = sorted(g.size for g in glyphs if g.size > 0)
    baselines = sorted(g.baseline for g in glyphs)
    return PrintedLine(
        page,
        number,
        glyphs,
        glyph_text(glyphs),
        min(g.x0 for g in visible),
        max(g.x1 for g in visible),
        min(g.top for g in glyphs),
        max(g.bottom for g in glyphs),
        baselines[len(baselines) // 2],
        sizes[len(sizes) // 2] if sizes else 0.0,
    )


def glyph_text(glyphs: Iterable[Glyph]) -> str:
    """The characters of glyphs in order, runs of spaces collapsed, ends stripped.

    A space PDFium guessed from a gap (size 0) is kept only between two Latin letters or digits
    (a word gap in Latin text); beside Chinese it is only the spacing of a Latin font run, and
    the Word source has no space there (2020年, “十四五”). A gap wider than two characters with no
    glyph in it separates columns (a table drawn without rules): it becomes two spaces, so that
    `210` and `300` in neighbouring columns never read as 210300.
    """
    ordered = list(glyphs)
    guessed = [g.size == 0 and g.char.isspace() for g in ordered]
    # The nearest real character after each position, for the guessed spaces.
    following = [""] * (len(ordered) + 1)
    for i in range(len(ordered) - 1, -1, -1):
        following[i] = following[i + 1] if guessed[i] else ordered[i].char
    out: list[str] = []
    last_char = ""
    previous: Glyph | None = None
    for i, glyph in enumerate(ordered):
        if guessed[i]:
            if _word(last_char) and _word(following[i + 1]):
                out.append(" ")
            continue
        char = glyph.char
        if previous is not None and not char.isspace():
            em = max(previous.size, glyph.size, 6.0)
            if glyph.x0 - previous.x1 > 2 * em:
                out.append("\t")
        out.append(char)
        last_char = char
        if not char.isspace():
            previous = glyph
    text = re.sub(r" {2,}", " ", "".join(out))
    return re.sub(r" ?\t[ \t]*", "  ", text).strip()


def _word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def printed_lines(glyphs: Sequence[Glyph], page: int) -> list[PrintedLine]:
    """The page's glyphs grouped by baseline, top to bottom; whitespace-only lines dropped."""
    ordered = sorted(glyphs, key=lambda g: (g.baseline, g.x0))
    groups: list[list[Glyph]] = []
    for glyph in ordered:
        if groups:
            current = groups[-1]
            anchor = current[0].baseline
            tolerance = max(1.5, 0.3 * max(glyph.size, current[0].size, 1.0))
            if glyph.baseline - anchor <= tolerance:
                current.append(glyph)
                continue
        groups.append([glyph])
    lines: list[PrintedLine] = []
    for group in groups:
        if all(g.char.isspace() for g in group):
            continue
        group.sort(key=lambda g: g.x0)
        lines.append(make_line(page, len(lines) + 1, tuple(group)))
    return lines


def running_lines(pages: Sequence[tuple[float, Sequence[PrintedLine]]]) -> set[tuple[int, int]]:
    """(page, line number) of every header and footer line; `pages` holds (page height, lines)."""
    candidates: list[tuple[PrintedLine, str]] = []
    for height, lines in pages:
        for line in _banded(height, lines):
            candidates.append((line, _DIGITS.sub("#", re.sub(r"\s+", "", line.text))))
    repeats = Counter(key for _, key in candidates)
    needed = max(_MIN_REPEATS, int(len(pages) * _REPEAT_SHARE))
    return {
        (line.page, line.number)
        for line, key in candidates
        if _PAGE_NUMBER.match(line.text) or (repeats[key] >= needed and len(key) > 1)
    }


def _banded(height: float, lines: Sequence[PrintedLine]) -> list[PrintedLine]:
    """The first two and last two lines of a page, where they lie in its top or bottom band."""
    edge = list(lines[:2]) + [line for line in lines[-2:] if line not in lines[:2]]
    return [line for line in edge if line.bottom <= height * _BAND or line.top >= height * (1 - _BAND)]
