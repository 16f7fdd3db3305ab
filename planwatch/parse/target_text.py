"""Sentences of a line and the quantities in them, for the target extractor.

Offsets index the line: matching happens on `Line.text` (normalised, same length) and quotes are
cut from `Line.raw`. numbers.find_amounts is called per clause of the raw text, and only on clauses
that can hold a quantity at all: scanning every clause of a plan costs several times the 40 ms budget,
because nearly every sentence holds a 一 or 三 that the scanner must try as a numeral.

Besides the amounts and ranges of numbers.py, three kinds of quantity are read here because a draft
writes them and numbers.py (rightly, for its general use) does not report them:
- placeholders, `**%`, `***万美元`, `X个`: the target exists, its value is not yet written;
- bare numbers after a commitment verb, `控制在2.0左右`, `为375亿`: readable, but without a unit;
- a lone multiplier before 亿元/万元, `千亿元`: numbers.py only starts a numeral at a digit.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from decimal import Decimal

from planwatch.document.numbers import AFTER_QUALIFIER, Amount, NumberRange, find_amounts, find_ranges
from planwatch.parse.quantity import Quantity
from planwatch.parse.target_forms import doublings, years_of


def word_set(text: str) -> frozenset[str]:
    """A lexicon written as space-separated words, as a planner would list them."""
    return frozenset(text.split())


# Count words (document.vocabulary, people left out): a count followed by a noun counts that noun
# (培育10家企业); any other unit followed by a noun is a threshold inside a name (10亿元以上项目,
# 2000人以上行政村).

_SENTENCE_END = re.compile(r"[。;!?]")  # normalised text: ；！？ are folded to ASCII
_BREAKS = re.compile(r"[;:、。!?]|(?<![0-9]),|,(?![0-9])")
_BREAKS_NO_ENUMERATION = re.compile(r"[;:。!?]|(?<![0-9]),|,(?![0-9])")
_RANGE_HINT = re.compile(r"[0-9一二三四五六七八九十][^,;:、。]{0,3}[-~〜–—至到]")
# A clause worth scanning: a digit, a placeholder, or a Chinese numeral written before a unit.
_UNIT_START = "个家条所座人户张床辆项台套只处栋名件株头艘架亩吨元公米千平立方万亿%‰美兆斤瓦mkKMW㎡"
_MAYBE = re.compile(
    rf"[0-9][0-9.,]*\s*[十百千万亿]*[余多]?\s*[{_UNIT_START}]|[*X□]|百分之|千分之|[百千万]亿元"
    rf"|[一二两三四五六七八九十][十百千万亿]*[余多]?[{_UNIT_START}]|翻[一两二三]?番|(?:年限|寿命|年龄)"
    r"|(?:达到|达|为|控制在|保持在|稳定在|维持在|提高到|提高至|提升到|提升至|降低至|降低到|降至|突破|超过)\s*[0-9]"
)
_HEADING_NUMBER = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百\d]+[章节]|专栏\s*\d+(?:\s*[-—－–.]\s*\d+)?|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]"
    r"|[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[、.．](?!\d))"
)
_NUMERAL_START = re.compile(r"[0-9]|百分之|千分之|[零〇一二两三四五六七八九十]")
_AFTER_QUALIFIER = AFTER_QUALIFIER  # 左右, 以上, 以内…, written once in document.vocabulary
_PLACEHOLDER_UNITS = (
    "个百分点 万亿元 亿美元 万美元 亿元 万元 元 平方公里 公里 万亩 亩 万吨 吨 万千瓦 千瓦 人次 万人 人 "
    "% ‰ 个 家 项 户 所 座 条 名 亿 万"
)
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z0-9+])(?P<mark>\*+|X{1,3}|x{1,3}|×{2,}|□+)\s*(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(_PLACEHOLDER_UNITS.split(), key=len, reverse=True))
    + ")"
)
# A number right after a commitment verb and right before a clause end: it has no unit.
_BARE = re.compile(
    r"(?:达到|达|为|控制在|保持在|稳定在|维持在|提高到|提高至|提升到|提升至|降低至|降低到|降至|突破|超过)\s*"
    r"(?P<num>[0-9]+(?:\.[0-9]+)?)\s*(?P<mult>万亿|亿|万)?\s*(?:(?P<approx>左右)|(?P<floor>以上)|(?P<ceiling>以内|以下))?"
    r"(?=\s*(?:[,;:。、)）!?]|$))"
)
_LONE_MULTIPLIER = re.compile(
    r"(?<![0-9零〇一二两三四五六七八九十百千万.])(?P<mult>[百千万])(?P<unit>亿元|万元|亿美元)"
)
_LONE_FACTOR = {"百": Decimal(100), "千": Decimal(1000), "万": Decimal(10000)}


def heading_end(text: str) -> int:
    """Where a line's body starts: after 第三章, 专栏3-9, （一）, 1、 (their numbers are no quantities)."""
    m = _HEADING_NUMBER.match(text)
    return m.end() if m else 0


def may_hold_quantity(text: str) -> bool:
    return _MAYBE.search(text) is not None


def sentences(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of `text[start:]`, split after 。；！？."""
    begin = start
    for m in _SENTENCE_END.finditer(text, start):
        if m.start() > begin:
            yield begin, m.start()
        begin = m.end()
    if begin < len(text):
        yield begin, len(text)


def clause_breaks(text: str, start: int, end: int, *, enumeration: bool = True) -> list[int]:
    """Offsets of clause-ending characters in [start, end): ，；： (and 、 with `enumeration`).

    An ASCII comma between two digits is a thousands separator (1,000), not a break. A subject may
    hold 、 (A、B的比重), so subjects are read without it; scanning for numbers splits on it too.
    """
    pattern = _BREAKS if enumeration else _BREAKS_NO_ENUMERATION
    return [m.start() for m in pattern.finditer(text, start, end)]


def find_quantities(raw: str, text: str, start: int, end: int) -> list[Quantity]:
    """Every quantity of the sentence `[start, end)`, in order, none overlapping."""
    found: list[Quantity] = []
    bounds = [start, *(b + 1 for b in clause_breaks(text, start, end)), end + 1]
    for a, b in itertools.pairwise(bounds):
        clause_end = min(b - 1, end) if b <= end else end
        if clause_end <= a or not may_hold_quantity(text[a:clause_end]):
            continue
        chunk = raw[a:clause_end]
        found.extend(_from_amount(raw, text, x, a) for x in find_amounts(chunk))
        if _RANGE_HINT.search(text, a, clause_end):
            found.extend(_from_range(raw, text, r, a) for r in find_ranges(chunk))
    sentence = text[start:end]
    for m in _PLACEHOLDER.finditer(sentence):
        found.append(_placeholder(raw, m, start))
    for m in _BARE.finditer(sentence):
        found.append(_bare(raw, m, start))
    for m in _LONE_MULTIPLIER.finditer(sentence):
        found.append(_lone_multiplier(raw, text, m, start))
    found.extend(years_of(raw, text, start, end))
    found.extend(doublings(raw, text, start, end))
    found.sort(key=lambda q: (q.start, -(q.end - q.start)))
    kept: list[Quantity] = []
    for q in found:
        if kept and q.start < kept[-1].end:
            continue  # the first (and longest) reading of the span wins
        kept.append(q)
    return kept


def _unit_as_written(raw: str, num_start: int, unit_end: int, canonical: str | None) -> tuple[str, int]:
    """The unit's spelling in the raw text and where it starts (unit_end when there is none)."""
    tail = raw[num_start:unit_end].rstrip()
    if canonical and tail.endswith(canonical):
        return canonical, num_start + len(tail) - len(canonical)
    k = len(tail)
    while k > 0 and not (tail[k - 1].isdigit() or tail[k - 1] in "．.,，"):
        k -= 1
    spelled = tail[k:].strip().lstrip("余多").strip()
    if not spelled:
        return canonical or "", unit_end
    return spelled, num_start + len(tail) - len(spelled)


def _from_amount(raw: str, text: str, amount: Amount, offset: int) -> Quantity:
    start, end = amount.start + offset, amount.end + offset
    m = _NUMERAL_START.search(text, start, end)
    num_start = m.start() if m else start
    after = _AFTER_QUALIFIER.search(text, num_start, end)
    unit_end = after.start() if after and after.end() == end else end
    unit, unit_start = _unit_as_written(raw, num_start, unit_end, amount.unit)
    value_raw = raw[num_start:unit_start].strip().rstrip("余多").strip()
    qualifier = amount.qualifier if amount.qualifier != "plan" else None
    return Quantity(
        start,
        end,
        num_start,
        amount.value,
        None,
        None,
        unit or None,
        qualifier,
        raw[start:num_start].strip(),
        value_raw,
    )


def _from_range(raw: str, text: str, rng: NumberRange, offset: int) -> Quantity:
    start, end = rng.start + offset, rng.end + offset
    qualifier = None
    if after := _AFTER_QUALIFIER.match(text, end):
        qualifier, end = after.lastgroup, after.end()
    unit, unit_start = _unit_as_written(raw, start, rng.end + offset, rng.unit)
    value_raw = raw[start:unit_start].strip()
    return Quantity(start, end, start, None, rng.low, rng.high, unit or None, qualifier, "", value_raw)


def _placeholder(raw: str, m: re.Match[str], offset: int) -> Quantity:
    start, end = m.start() + offset, m.end() + offset
    return Quantity(
        start,
        end,
        start,
        None,
        None,
        None,
        m["unit"],
        None,
        "",
        raw[start : m.end("mark") + offset],
        placeholder=True,
    )


def _bare(raw: str, m: re.Match[str], offset: int) -> Quantity:
    start, end = m.start("num") + offset, m.end() + offset
    qualifier = next((k for k in ("approx", "floor", "ceiling") if m[k]), None)
    unit = raw[m.start("mult") + offset : m.end("mult") + offset] if m["mult"] else None
    value_raw = raw[start : m.end("num") + offset]
    return Quantity(
        start, end, start, Decimal(m["num"]), None, None, unit, qualifier, "", value_raw, unitless=True
    )


def _lone_multiplier(raw: str, text: str, m: re.Match[str], offset: int) -> Quantity:
    start, end = m.start() + offset, m.end() + offset
    qualifier = None
    if after := _AFTER_QUALIFIER.match(text, end):
        qualifier, end = after.lastgroup, after.end()
    value_raw = raw[start : start + 1]
    unit = raw[m.start("unit") + offset : m.end("unit") + offset]
    return Quantity(start, end, start, _LONE_FACTOR[m["mult"]], None, None, unit, qualifier, "", value_raw)


def inside_quotes(text: str, start: int, pos: int) -> bool:
    """Is `pos` inside “…”, "…" or 《…》 (a slogan or a title) within `text[start:pos]`?"""
    before = text[start:pos]
    if before.count("“") > before.count("”") or before.count("《") > before.count("》"):
        return True
    return before.count('"') % 2 == 1


_LIST_SEPARATOR = re.compile(r"[和及与、]")


def list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the items a subject lists: 单位GDP能耗和二氧化碳排放 → 单位GDP能耗, 二氧化碳排放."""
    items = []
    begin = start
    for m in _LIST_SEPARATOR.finditer(text, start, end):
        items.append((begin, m.start()))
        begin = m.end()
    items.append((begin, end))
    return [(a, b) for a, b in items if b - a >= 2]
