"""One name written several ways: years, multiplication signs, Roman numerals, separators,
乡/镇 of one town, homophone slips in names (石港/石岗, 科竣/科骏), a name missing a
character (海昏侯遗址公园 beside 海昏侯国遗址公园).

The written majority is taken as right, except where a standard exists (〇 in years,
× for multiplication). Only rare forms beside frequent ones are reported.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator

from planwatch.lint.context import LintContext
from planwatch.lint.words import is_common_word
from planwatch.model import Finding, FindingKind, Severity

SPELLING = FindingKind.SPELLING
_CN_YEAR = re.compile(r"[一二][〇零0OoＯ０][一二三四五六七八九〇零0OoＯ０]{2}(?=年|远景)")
_LATIN_TIMES = re.compile(r"\d\s*[Xx]\s*\d")
_ROMAN = re.compile(r"[ⅠⅡⅢⅣⅤⅥ]|(?<![A-Za-z])(?:III|II|IV|VI)(?=类)")
# Anchored at the start of a run of Han characters: unanchored, every position inside a long run retries.
_SEPARATED = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,}(?:[·•・]|\s+)[\u4e00-\u9fff]{2,}")
# A name stem: two characters before 镇/乡 or a company word. Stems with a function character
# (市场等乡镇, 和城镇) are pieces of sentences, not names.
_STEM = re.compile(r"([\u4e00-\u9fff]{2})(镇|乡|实业|集团|公司|科技)")
_NOT_IN_NAMES = frozenset("等和与及的在是对把被为从向于以或各每本该其并且加进提升")
_LONG_NAME = re.compile(r"[\u4e00-\u9fff]{2,12}?(?:遗址公园|产业园|科创城|公园|基地|中心)")
_RARE, _FREQUENT = 1, 3


def check(context: LintContext) -> Iterator[Finding]:
    yield from _years(context)
    yield from _times_sign(context)
    yield from _minority_forms(context, _ROMAN, "roman-numeral", _roman_key, "罗马数字写法")
    yield from _minority_forms(context, _SEPARATED, "separator-variant", _separator_key, "名称写法")
    yield from _town_suffixes(context)
    yield from _homophones(context)
    yield from _shortened_names(context)


def _years(context: LintContext) -> Iterator[Finding]:
    for line in context.prose_lines():
        for m in _CN_YEAR.finditer(line.raw):
            if set(m.group()[1:]) & set("零0OoＯ０"):
                right = re.sub("[零0OoＯ０]", "〇", m.group())
                yield context.finding(
                    "year-spelling", SPELLING, Severity.WARNING, line.number, m.group(),
                    f"年份“{m.group()}”中的零应写作“〇”（“{right}”）", column=m.start(),
                )  # fmt: skip


def _times_sign(context: LintContext) -> Iterator[Finding]:
    for line in context.prose_lines():
        for m in _LATIN_TIMES.finditer(line.raw):
            yield context.finding(
                "multiplication-sign", SPELLING, Severity.INFO, line.number, m.group(),
                f"“{m.group()}”中的字母“X”应为乘号“×”", column=m.start(),
            )  # fmt: skip


def _roman_key(text: str) -> str:
    return {"Ⅰ": "I", "Ⅱ": "II", "Ⅲ": "III", "Ⅳ": "IV", "Ⅴ": "V", "Ⅵ": "VI"}.get(text, text)


def _separator_key(text: str) -> str:
    return re.sub(r"[·•・\s]+", "", text)


def _minority_forms(
    context: LintContext, pattern: re.Pattern[str], rule: str, key: Callable[[str], str], what: str
) -> Iterator[Finding]:
    """Occurrences whose spelling differs from the most common spelling of the same thing."""
    groups: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for line in context.prose_lines():
        for m in pattern.finditer(line.raw):
            groups[key(m.group())].append((line.number, m.start(), m.group()))
    for occurrences in groups.values():
        forms = Counter(_form(text) for _, _, text in occurrences)
        if len(forms) < 2:
            continue
        usual, usual_count = forms.most_common(1)[0]
        if list(forms.values()).count(usual_count) > 1:
            continue  # no majority: nothing to call right
        example = next(text for _, _, text in occurrences if _form(text) == usual)
        for number, column, text in occurrences:
            if _form(text) != usual:
                yield context.finding(
                    rule, SPELLING, Severity.INFO, number, text,
                    f"{what}不一致：此处为“{text}”，其余多处为“{example}”", column=column,
                )  # fmt: skip


def _form(text: str) -> str:
    """How a separator or numeral is written, ignoring how many spaces."""
    return re.sub(r"\s+", " ", text)


def _names(context: LintContext) -> list[tuple[int, int, str, str]]:
    """(line, column, stem, suffix) of every name-like stem: 松湖镇 → (松湖, 镇)."""
    found = []
    for line in context.prose_lines():
        for m in _STEM.finditer(line.raw):
            stem, suffix = m[1], m[2]
            if set(stem) & _NOT_IN_NAMES or is_common_word(stem[-1] + suffix[0]) or is_common_word(stem):
                continue  # 城镇, 乡镇 are words; 提升 is a verb
            found.append((line.number, m.start(), stem, suffix))
    return found


def _town_suffixes(context: LintContext) -> Iterator[Finding]:
    """One town written as both 乡 and 镇: the rarer one is the slip."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    places = [p for p in _names(context) if p[3] in "乡镇"]
    for _, _, stem, suffix in places:
        seen[stem][suffix] += 1
    for number, column, stem, suffix in places:
        other = "镇" if suffix == "乡" else "乡"
        if seen[stem][suffix] <= _RARE and seen[stem][other] >= _FREQUENT - 1:
            yield context.finding(
                "town-suffix", SPELLING, Severity.WARNING, number, stem + suffix,
                f"“{stem}{suffix}”在其他{seen[stem][other]}处写作“{stem}{other}”", column=column,
            )  # fmt: skip


def _homophones(context: LintContext) -> Iterator[Finding]:
    """A name stem seen once whose homophone twin (one character apart) is the plan's usual name."""
    places = _names(context)
    stems = Counter(stem for _, _, stem, _ in places)
    text_counts = _all_bigrams(tuple(line.raw for line in context.document.lines))
    for number, column, stem, _ in places:
        if text_counts[stem] > _RARE:
            continue
        for twin in _twins(stem, stems):
            if text_counts[twin] >= _FREQUENT:
                yield context.finding(
                    "name-homophone", SPELLING, Severity.WARNING, number, stem,
                    f"“{stem}”疑为“{twin}”之误（读音相同，“{twin}”在文中出现{text_counts[twin]}次）",
                    column=column,
                )  # fmt: skip
                break


def _twins(stem: str, stems: Counter[str]) -> Iterator[str]:
    for other in stems:
        if other != stem and sum(a != b for a, b in zip(other, stem, strict=True)) == 1:
            differing = next((a, b) for a, b in zip(other, stem, strict=True) if a != b)
            if _readings(differing[0]) & _readings(differing[1]):
                yield other


@functools.lru_cache(maxsize=4096)
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin  # 0.2 s to import: only when a rare name needs it

    return frozenset(pinyin(char, style=Style.NORMAL, heteronym=True)[0])


@functools.lru_cache(maxsize=8)
def _all_bigrams(lines: tuple[str, ...]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in lines:
        counts.update(text[i : i + 2] for i in range(len(text) - 1))
    return counts


def _shortened_names(context: LintContext) -> Iterator[Finding]:
    """`海昏侯遗址公园` where the plan usually writes `海昏侯国遗址公园`: a name with characters lost."""
    text = "\n".join(line.raw for line in context.document.lines)
    names = Counter(m.group() for line in context.prose_lines() for m in _LONG_NAME.finditer(line.raw))
    full_names = [n for n, count in names.items() if count >= 2 and len(n) >= 6]
    reported: set[tuple[int, int]] = set()
    for name in full_names:
        for variant in _deletions(name):
            if variant in text and text.count(variant) < text.count(name):
                for line in context.prose_lines():
                    for m in re.finditer(re.escape(variant), line.raw):
                        if (line.number, m.start()) not in reported:
                            reported.add((line.number, m.start()))
                            yield context.finding(
                                "name-shortened", SPELLING, Severity.INFO, line.number, variant,
                                f"“{variant}”与文中通行的“{name}”不一致（少了字）", column=m.start(),
                            )  # fmt: skip


def _deletions(name: str) -> Iterator[str]:
    """The name with one or two adjacent inner characters removed (not the first two, not the suffix)."""
    for size in (1, 2):
        for start in range(2, len(name) - 3):
            variant = name[:start] + name[start + size :]
            if len(variant) >= 5:
                yield variant
