"""Numbering: chapter styles mixed, lists that skip or repeat, box numbers that don't fit.

Lists are judged among siblings of one parent and one numbering style, as the outline
nests them. A list that starts again at 1 is a new list, not a defect; a list that
skips, repeats or starts above 1 is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from planwatch.lint.context import LintContext
from planwatch.model import Finding, FindingKind, Section, SectionKind, Severity

NUMBERING = FindingKind.NUMBERING
_ARABIC_DIGITS = re.compile(r"\d")
_BOX_NUMBER = re.compile(r"专栏\s*(\d+)\s*[-—－–.]\s*(\d+)")


def check(context: LintContext) -> Iterator[Finding]:
    yield from _chapter_styles(context)
    yield from _sequences(context)
    yield from _boxes(context)
    yield from _glued_and_mixed_separators(context)


def _style(section: Section) -> str:
    """The numbering family: 第…章 and 第…节 by kind; lists by their brackets and separator."""
    number = section.number
    if section.kind in (SectionKind.CHAPTER, SectionKind.SECTION):
        return section.kind.value
    digits = "arabic" if _ARABIC_DIGITS.search(number) else "chinese"
    bracket = "paren" if number.startswith(("（", "(")) else "list"
    return f"{digits}-{bracket}"


def _chapter_styles(context: LintContext) -> Iterator[Finding]:
    for kind, word in ((SectionKind.CHAPTER, "章"), (SectionKind.SECTION, "节")):
        headings = [s for s in context.plan.sections if s.kind is kind]
        styles = Counter("arabic" if _ARABIC_DIGITS.search(s.number) else "chinese" for s in headings)
        if len(styles) < 2:
            continue
        majority = styles.most_common(1)[0][0]
        expected = "汉字" if majority == "chinese" else "阿拉伯数字"
        for s in headings:
            style = "arabic" if _ARABIC_DIGITS.search(s.number) else "chinese"
            if style != majority:
                yield context.finding(
                    f"{kind.value}-number-style",
                    NUMBERING,
                    Severity.ERROR,
                    s.line,
                    s.number,
                    f"“{s.number}”与其他{word}的编号方式不一致，应使用{expected}（如“第{_cn(s.ordinal)}{word}”）",
                )


def _sequences(context: LintContext) -> Iterator[Finding]:
    groups: dict[tuple[str | None, str], list[Section]] = {}
    for s in context.plan.sections:
        if s.kind is SectionKind.BOX or s.ordinal is None:
            continue
        groups.setdefault((s.parent_id, _style(s)), []).append(s)
    for siblings in groups.values():
        # Several runs may interleave (a 1、2、3. list whose item 3 holds yearly 1、2、 sub-lists that the
        # outline sees as siblings): a number is in order when it continues any run so far.
        runs: list[Section] = []
        for s in siblings:
            assert s.ordinal is not None
            continued = next(
                (i for i in range(len(runs) - 1, -1, -1) if runs[i].ordinal == s.ordinal - 1), None
            )
            if s.ordinal == 1:
                runs.append(s)
            elif continued is not None:
                runs[continued] = s
            else:
                previous = runs[-1] if runs else None
                yield _sequence_finding(context, s, previous, (previous.ordinal or 0) + 1 if previous else 1)
                runs.append(s)


def _sequence_finding(context: LintContext, s: Section, previous: Section | None, expected: int) -> Finding:
    assert s.ordinal is not None
    if previous is not None and s.ordinal == previous.ordinal:
        message = f"编号“{s.number}”与第{previous.line}行重复"
        rule = "list-number-repeated"
    elif previous is None:
        message = f"编号从“{s.number}”开始，前面没有第1项"
        rule = "list-number-start"
    else:
        message = f"编号“{s.number}”接在第{previous.line}行“{previous.number}”之后，应为第{expected}项"
        rule = "list-number-skipped" if s.ordinal > expected else "list-number-order"
    return context.finding(rule, NUMBERING, Severity.ERROR, s.line, s.number, message)


def _boxes(context: LintContext) -> Iterator[Finding]:
    seen: dict[str, Section] = {}
    last_in_chapter: dict[int, int] = {}
    for box in (s for s in context.plan.sections if s.kind is SectionKind.BOX):
        m = _BOX_NUMBER.search(box.number)
        chapter = _chapter_of(context, box)
        if m and chapter is not None and chapter.ordinal is not None and int(m[1]) != chapter.ordinal:
            yield context.finding(
                "box-chapter-mismatch",
                NUMBERING,
                Severity.ERROR,
                box.line,
                box.number,
                f"“{box.number}”位于第{chapter.ordinal}章（第{chapter.line}行），编号应为“专栏{chapter.ordinal}-…”",
            )
        key = re.sub(r"\s+", "", box.number)
        if key in seen:
            yield context.finding(
                "box-number-repeated",
                NUMBERING,
                Severity.ERROR,
                box.line,
                box.number,
                f"“{box.number}”与第{seen[key].line}行的专栏编号重复",
                lines=(seen[key].line,),
            )
        seen.setdefault(key, box)
        if m and chapter is not None and chapter.ordinal is not None:
            last = last_in_chapter.get(chapter.ordinal, 0)
            if int(m[2]) not in (last + 1, last) and int(m[1]) == chapter.ordinal:
                yield context.finding(
                    "box-number-skipped",
                    NUMBERING,
                    Severity.WARNING,
                    box.line,
                    box.number,
                    f"“{box.number}”之前本章的专栏编号到{chapter.ordinal}-{last}为止，缺少中间的编号",
                )
            last_in_chapter[chapter.ordinal] = int(m[2])


def _glued_and_mixed_separators(context: LintContext) -> Iterator[Finding]:
    by_parent: dict[str | None, list[Section]] = {}
    for s in context.plan.sections:
        if s.kind is SectionKind.ITEM and not s.number.startswith(("（", "(")):
            by_parent.setdefault(s.parent_id, []).append(s)
    for siblings in by_parent.values():
        separators = Counter(s.number[-1] for s in siblings if not s.number[-1].isdigit())
        usual = separators.most_common(1)[0][0] if separators else "、"
        for s in siblings:
            if s.number[-1].isdigit():
                yield context.finding(
                    "item-number-glued",
                    NUMBERING,
                    Severity.ERROR,
                    s.line,
                    s.number + s.title[:2],
                    f"序号“{s.number}”后缺少“{usual}”，与正文连在一起",
                )
            elif len(separators) > 1 and s.number[-1] != usual:
                yield context.finding(
                    "item-separator-mixed",
                    NUMBERING,
                    Severity.WARNING,
                    s.line,
                    s.number,
                    f"序号“{s.number}”的标点与同一列表的其他项（“{usual}”）不一致",
                )


def _chapter_of(context: LintContext, section: Section) -> Section | None:
    current: Section | None = section
    while current is not None and current.kind is not SectionKind.CHAPTER:
        current = context.sections_by_id.get(current.parent_id or "")
    return current


_CN_DIGITS = "零一二三四五六七八九"


def _cn(number: int | None) -> str:
    """7 → 七, 13 → 十三: how the plan writes the chapter numbers it uses most."""
    if number is None:
        return "…"
    if number < 10:
        return _CN_DIGITS[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
