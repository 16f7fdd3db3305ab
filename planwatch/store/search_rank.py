"""Search without SQL: query terms, match keys, highlight spans, snippets and the ranking rule.

Matching is by substring of the *key*: the text normalise()d (full-width → half-width, 二〇二五年 →
2025年) and lower-cased, character for character, so offsets found in the key are offsets in the text.

Ranking rule — an order, computed by the database on every matching entry (search.py builds the same
expressions for SQLite and PostgreSQL), so it is exact and the same on both:

1. tier, highest first: the entry's weight when every term falls inside its title part — a chapter/
   section/subsection/box heading (4), an item heading, a project's or an indicator's name (3), a
   target's quote (2) — else 1. A heading *about* the query ranks above lines that mention it in passing.
2. occurrences of the terms in the entry, most first;
3. the entry's length, shortest (densest) first;
4. earlier line, then plan, then entry order.
`score` = tier + occurrences / (1 + occurrences): never rises down the list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain

from planwatch.document.text import normalise, to_halfwidth

MAX_TERMS = 32  # more terms than this are ignored (the SQL stays small)
SNIPPET_CONTEXT = 40  # characters of context each side of the first match
ELLIPSIS = "…"

HEADING_WEIGHT = 4  # chapter, section, subsection, box
NAME_WEIGHT = 3  # item heading, project name, indicator name
TARGET_WEIGHT = 2
TEXT_WEIGHT = 1

Span = tuple[int, int]


def fold(text: str) -> str:
    """The match key of `text`: normalise()d and lower-cased, exactly as long as `text`.

    NUL becomes a space: PostgreSQL stores no NUL, and query terms never hold one.
    """
    normal = normalise(text).replace(_SEPARATOR, " ")
    lower = normal.lower()
    if len(lower) == len(normal):  # no character lower-cases to two (İ → i̇)
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in normal)


@cache
def _halfwidth_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """The characters to_halfwidth() changes (probed once), as a character class and a map."""
    probed = map(chr, chain(range(0x3100), range(0xFE00, 0x10000)))
    changes = {c: h for c in probed if (h := to_halfwidth(c)) != c}
    return re.compile("[" + "".join(re.escape(c) for c in changes) + "]"), changes


_MAYBE_YEAR = re.compile("[一二][〇零0Oo一二三四五六七八九]{3}")  # normalise() may rewrite these
_SEPARATOR = "\x00"


def fold_many(texts: Sequence[str]) -> list[str]:
    """[fold(t) for t in texts], about five times faster: one regex pass over the joined texts."""
    if not texts:
        return []
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != max(0, len(texts) - 1):
        return [fold(text) for text in texts]
    pattern, changes = _halfwidth_pattern()
    halves = pattern.sub(lambda m: changes[m.group()], joined).split(_SEPARATOR)
    keys = []
    for half, text in zip(halves, texts, strict=True):
        lower = (normalise(text) if _MAYBE_YEAR.search(half) else half).lower()
        keys.append(lower if len(lower) == len(text) else fold(text))
    return keys


def query_terms(query: str) -> list[str]:
    """The folded, distinct terms of a user's query (whitespace separates terms; all must occur).

    Control characters and lone surrogates separate terms too: no database stores them in a term.
    """
    cleaned = "".join(" " if unicodedata.category(c) in ("Cc", "Cs") else c for c in query)
    terms: list[str] = []
    for raw in cleaned.split():
        for term in fold(raw).split():
            if term not in terms:
                terms.append(term)
    return terms[:MAX_TERMS]


def grams(key: str) -> str:
    """The key as the SQLite index stores it: one token per character ("水利" → "水 利 ")."""
    return _spaced(key)


def grams_many(keys: Sequence[str]) -> list[str]:
    """[grams(k) for k in keys], in one pass over the joined keys."""
    if not keys:
        return []
    joined = _SEPARATOR.join(keys)
    if joined.count(_SEPARATOR) != max(0, len(keys) - 1):
        return [grams(key) for key in keys]
    return _spaced(joined).split(_SEPARATOR + " ")


def _spaced(text: str) -> str:
    # A space after every character, by slicing UTF-32 code units (no per-character Python work).
    units = text.encode("utf-32-le")
    out = bytearray(2 * len(units))
    for byte in range(4):
        out[byte::8] = units[byte::4]
    out[4::8] = b" " * len(text)
    return out.decode("utf-32-le")


def _fts_safe(char: str) -> bool:
    # A letter, number, mark, punctuation or symbol already in Unicode 3.2: SQLite's tables know it.
    return ord(char) < 0x10000 and unicodedata.ucd_3_2_0.category(char)[0] in "LNMPS"


def fts_phrase(term: str) -> str | None:
    """`term` as a quoted FTS5 phrase, or None when the index cannot look it up (then scan)."""
    if not any(_fts_safe(c) for c in term):
        return None
    return '"' + grams(term).replace('"', '""') + '"'


def find_spans(key: str, terms: Sequence[str]) -> list[Span]:
    """Every occurrence of every term in `key`, overlapping ones merged, in order."""
    found: list[Span] = []
    for term in terms:
        start = key.find(term)
        while start >= 0:
            found.append((start, start + len(term)))
            start = key.find(term, start + len(term))
    found.sort()
    merged: list[Span] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def rank(key: str, terms: Sequence[str], weight: int, title_len: int) -> tuple[int, int] | None:
    """(tier, occurrences) of an entry by the ranking rule, or None when a term does not occur."""
    occurrences = [key.count(term) for term in terms]
    if not terms or 0 in occurrences:
        return None
    title = key[:title_len]
    tier = weight if title_len > 0 and all(term in title for term in terms) else TEXT_WEIGHT
    return tier, sum(occurrences)


def score(tier: int, occurrences: int) -> float:
    return tier + occurrences / (1 + occurrences)


@dataclass(frozen=True, slots=True)
class Snippet:
    text: str
    spans: tuple[Span, ...]


def snippet(text: str, spans: Sequence[Span], context: int = SNIPPET_CONTEXT) -> Snippet:
    """A window of `text` around the first span, "…" where cut; spans moved into the window."""
    if not spans:
        cut = len(text) > 2 * context
        return Snippet(text[: 2 * context] + (ELLIPSIS if cut else ""), ())
    start = max(0, spans[0][0] - context)
    end = min(len(text), spans[0][1] + context)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start
    inside = tuple((max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start)
    return Snippet(prefix + text[start:end] + suffix, inside)
