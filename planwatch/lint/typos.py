"""Typing slips: doubled characters and punctuation, unbalanced quotes and brackets.

A doubled character is a slip when the text reads right with one of the two removed and
the left one joins no word: in `和谐新新建建设` 新建 is a word the plan uses everywhere and
谐新 is no word, so one 新 is extra; in `新建建设`, `地基基础` and `中医医院` two common words
meet. Reduplicated words (纷纷, 牢牢, 等等…) and words that contain the pair (阿里巴巴) are
left alone. Precision over recall: `突出出生态` (where 出生 is a word too) is not caught.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator

from planwatch.document.model import Line
from planwatch.lint.context import LintContext, spans
from planwatch.lint.words import frequency, is_common_word
from planwatch.model import Finding, FindingKind, Severity

TYPO = FindingKind.TYPO
# On the normalised text, where ，；：！？ are already , ; : ! ? (。 and 、 have no ASCII twin).
_DOUBLED_PUNCTUATION = re.compile(r"([,。、;:!?])\1+|[,、;:][。,、;]|。[,、;]")
_DOUBLED_HAN = re.compile(r"([\u4e00-\u9fff])\1")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_REDUPLICATED = frozenset(
    [
        "纷纷",
        "牢牢",
        "紧紧",
        "双双",
        "层层",
        "人人",
        "天天",
        "年年",
        "家家",
        "户户",
        "处处",
        "事事",
        "时时",
        "常常",
        "渐渐",
        "一一",
        "实实",
        "在在",
        "默默",
        "稳稳",
        "扎扎",
        "步步",
        "点点",
        "多多",
        "好好",
        "等等",
        "个个",
        "条条",
        "项项",
        "片片",
        "村村",
        "镇镇",
        "户户",
        "世世",
        "代代",
        "方方",
        "面面",
        "上上",
        "下下",
        "高高",
        "大大",
        "小小",
        "久久",
        "遍遍",
        "统统",
        "刚刚",
        "仅仅",
        "恰恰",
        "往往",
        "明明",
        "频频",
        "节节",
        "声声",
    ]
)
_PLAN_WORD = 5  # a pair the plan itself uses this often is one of its words
_KNOWN_WORD = 10  # dictionary frequency that makes the left part a word (丰城 17; 变过 3 is noise)
_FUNCTION_CHARS = frozenset("的了是和与及")
# `1）加强…2）完善…`: a closing bracket as an item marker has no opening one.
_ITEM_MARKER = re.compile(r"(^|[。；;，,\s])[\d一二三四五六七八九十]{1,2}[）)]")
_PAIRS = (("“", "”"), ("（", "）"), ("《", "》"), ("【", "】"), ("‘", "’"))


_DOUBLED_WORD = re.compile(r"([\u4e00-\u9fff]{2,10})\1")  # 促进促进
_STRAY_SPACE = re.compile(r"(?<=[\u4e00-\u9fff，。、；：”）])[ \u3000]+(?=[\u4e00-\u9fff“（\d])")
# A space right after a heading or list number is layout: `第一章 “十四五”…`, `（2） 培育…`, `1、 加强…`.
_LIST_NUMBER = re.compile(
    r"^\s*(第[\d一二三四五六七八九十]+[章节]|专栏\s*\d+\s*-\s*\d+|[(（][\d一二三四五六七八九十]+[)）]"
    r"|(\d+|[一二三四五六七八九十]+)[、.．])\s*$"
)
_HALFWIDTH_PUNCTUATION = re.compile(r"(?<=[\u4e00-\u9fff”）])[;,](?=[\u4e00-\u9fff“（\d])")
_MEASURE_WORDS = "个座所家条项处名栋间台套辆"
_DOUBLE_MEASURE = re.compile(
    rf"[两一二三四五六七八九十百千万\d]+([{_MEASURE_WORDS}])(?!\1)[{_MEASURE_WORDS}][\u4e00-\u9fff]"
)
_ATTRIBUTES = ("预期性", "约束性")


def check(context: LintContext) -> Iterator[Finding]:
    counts = _bigram_counts(context)
    yield from _attributes(context)
    for line in context.prose_lines():
        yield from _line_rules(context, line)
        for _, _, raw in spans(_DOUBLED_PUNCTUATION, line):
            yield context.finding(
                "doubled-punctuation", TYPO, Severity.ERROR, line.number, raw, f"标点“{raw}”重复或连用"
            )
        for m in _DOUBLED_HAN.finditer(line.raw):
            if _is_slip(line.raw, m.start(), counts):
                start = max(0, m.start() - 2)
                evidence = line.raw[start : m.end() + 2]
                yield context.finding(
                    "doubled-character",
                    TYPO,
                    Severity.WARNING,
                    line.number,
                    evidence,
                    f"“{evidence}”中“{m.group()}”疑似多打了一个“{m.group()[0]}”",
                    column=start,
                )
        yield from _unbalanced(context, line.number, line.raw)


def _line_rules(context: LintContext, line: Line) -> Iterator[Finding]:
    region = context.plan.plan.region or ""
    for m in _DOUBLED_WORD.finditer(line.raw):
        if _verb_before_place(line.raw, m.end(), m.group(1), region):
            continue  # 新建新建区客运站: the verb 新建 before the region 新建区
        yield context.finding(
            "doubled-word",
            TYPO,
            Severity.ERROR,
            line.number,
            m.group(),
            f"“{m.group(1)}”连续重复了两次",
            column=m.start(),
        )
    for m in _DOUBLE_MEASURE.finditer(line.raw):
        if is_common_word(m.group()[-2:]):
            continue  # 两个项目, 一座名城: the second "measure word" begins a noun
        yield context.finding(
            "double-measure-word",
            TYPO,
            Severity.ERROR,
            line.number,
            m.group(),
            f"“{m.group()[:-1]}”中量词重复，只应保留一个",
            column=m.start(),
        )
    for m in _HALFWIDTH_PUNCTUATION.finditer(line.raw):
        evidence = line.raw[max(0, m.start() - 3) : m.end() + 3]
        wide = "；" if m.group() == ";" else "，"
        yield context.finding(
            "halfwidth-punctuation",
            TYPO,
            Severity.WARNING,
            line.number,
            evidence,
            f"中文句中使用了半角“{m.group()}”，应为全角“{wide}”",
            column=max(0, m.start() - 3),
        )
    heading = line.number in context.heading_lines
    for m in _STRAY_SPACE.finditer(line.raw):
        if _LIST_NUMBER.match(line.raw[: m.start()]) or _inside_quotes(line.raw, m.start()):
            continue
        if heading and not _touches_punctuation(line.raw, m.start(), m.end()):
            continue  # `第一节  加强…`, `建设现代产业体系  推进…`: a heading's spacing is layout
        start = max(0, m.start() - 4)
        evidence = line.raw[start : m.end() + 4]
        yield context.finding(
            "stray-space",
            TYPO,
            Severity.INFO,
            line.number,
            evidence,
            f"“{evidence.strip()}”中有多余的空格",
            column=start,
        )


def _touches_punctuation(text: str, start: int, end: int) -> bool:
    return text[start - 1] in "，。、；：”）" or (end < len(text) and text[end] in "“（")


def _verb_before_place(text: str, end: int, word: str, region: str) -> bool:
    second = end - len(word)
    if region:
        return text.startswith(region, second)
    # No region known: `XX XX区…` is a place unless 区 begins a word (区域, 区别).
    return text[end : end + 1] in ("区", "县") and text[end + 1 : end + 2] not in (
        "域",
        "别",
        "间",
        "分",
        "块",
    )


def _inside_quotes(text: str, at: int) -> bool:
    """A space inside “…” separates the parts of a slogan or name (`“审批一时代 服务零距离”`)."""
    return text.count("“", 0, at) > text.count("”", 0, at)


def _attributes(context: LintContext) -> Iterator[Finding]:
    """An attribute written other than 预期性/约束性 (the draft's bare `约束`)."""
    for indicator in context.plan.indicators:
        for cell in indicator.cells:
            if "属性" not in cell.header.replace(" ", "") or not cell.raw.strip():
                continue
            written = cell.raw.strip()
            if written not in _ATTRIBUTES:
                expected = next((a for a in _ATTRIBUTES if a.startswith(written[:2])), "预期性或约束性")
                yield context.finding(
                    "attribute-spelling",
                    TYPO,
                    Severity.WARNING,
                    cell.line,
                    written,
                    f"指标“{indicator.name}”的属性写作“{written}”，应为“{expected}”",
                )


def _bigram_counts(context: LintContext) -> Counter[str]:
    return _count_bigrams(tuple(line.raw for line in context.document.lines))


@functools.lru_cache(maxsize=8)
def _count_bigrams(lines: tuple[str, ...]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in lines:
        counts.update(text[i : i + 2] for i in range(len(text) - 1) if _HAN.match(text[i]))
    return counts


def _is_slip(text: str, start: int, counts: Counter[str]) -> bool:
    """`a c c b` at `start` (the first c): a slip when `c b` is the plan's own word and `a c` no word."""
    pair = text[start : start + 2]
    if pair[0] in _FUNCTION_CHARS:
        return True  # 的的, 了了, 和和: never a word
    if pair in _REDUPLICATED or (start > 0 and text[start - 1] == pair[0]):
        return False
    window = text[max(0, start - 3) : start + 5]
    if any(is_common_word(window[i:j]) for i in range(len(window)) for j in range(i + 3, len(window) + 1)
           if pair in window[i:j]):  # fmt: skip
        return False  # 阿里巴巴, 可可脂: the pair belongs to one word
    right = text[start + 1 : start + 3]
    if len(right) < 2 or not _HAN.match(right[1]) or counts[right] < _PLAN_WORD:
        return False
    left_words = (text[i : start + 1] for i in range(max(0, start - 3), start))
    return not any(
        frequency(w) >= _KNOWN_WORD or counts[w] - 1 >= _PLAN_WORD for w in left_words if _HAN.match(w[0])
    )


def _unbalanced(context: LintContext, number: int, raw: str) -> Iterator[Finding]:
    text = _ITEM_MARKER.sub(lambda m: m.group(1) + "_" * (len(m.group()) - len(m.group(1))), raw)
    for opening, closing in _PAIRS:
        opened, closed = text.count(opening), text.count(closing)
        if opened == closed:
            continue
        missing = closing if opened > closed else opening
        at = _unmatched_position(text, opening, closing)
        evidence = raw[max(0, at - 6) : at + 8] if at >= 0 else raw[:12]
        yield context.finding(
            "unbalanced-brackets",
            TYPO,
            Severity.WARNING,
            number,
            evidence,
            f"本段“{opening}”有{opened}个、“{closing}”有{closed}个，疑似缺少“{missing}”",
        )


def _unmatched_position(text: str, opening: str, closing: str) -> int:
    """Where the first unmatched bracket is: an extra closing one, or the last unclosed opening one."""
    depth, unclosed = 0, []
    for index, char in enumerate(text):
        if char == opening:
            unclosed.append(index)
            depth += 1
        elif char == closing:
            if not unclosed:
                return index
            unclosed.pop()
    return unclosed[0] if unclosed else -1
