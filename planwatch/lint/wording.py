"""Wrong words that official Chinese writing is known for (错别字), and words left incomplete.

A spelling checker needs a dictionary; this is ours: confusions that recur across
government documents (形势/形式, 品位/品味, 配合/配和, 科创板/科创版…), each with the narrow
context in which the wrong one is almost never right. Plus units and years missing a
character (`100多万平方`, `由2016的`) and a district plan that speaks of its 全县.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from planwatch.lint.context import LintContext
from planwatch.model import Finding, FindingKind, Severity

TYPO = FindingKind.TYPO


@dataclass(frozen=True, slots=True)
class Confusion:
    pattern: re.Pattern[str]
    wrong: str
    right: str


def _confusion(pattern: str, wrong: str, right: str) -> Confusion:
    return Confusion(re.compile(pattern), wrong, right)


CONFUSIONS = (
    _confusion(r"(?:复杂|严峻)(?:多变的)?形式|国际形式(?!多样)", "形式", "形势"),
    _confusion(r"(?:提升|提高|城市|发展|质量和|文化)品味", "品味", "品位"),
    _confusion(r"配和", "配和", "配合"),
    _confusion(r"科创版", "科创版", "科创板"),
    _confusion(r"主营业收入", "主营业收入", "主营业务收入"),
    _confusion(r"多变(?:国际)?(?:贸易|合作|机制|主义)", "多变", "多边"),
    _confusion(r"依次为(?:依托|基础|契机|抓手)", "依次", "以此"),
    _confusion(r"(?:主干道|次干道|干道)和之路", "之路", "支路"),
    _confusion(r"(?<![向北南东西])延(?![伸长续期])(?=\d+国道|[\u4e00-\u9fff]{1,4}走廊)", "延", "沿"),
    _confusion(r"(?<=原始创新[、和与及])继承创新|继承创新(?=和引进消化吸收再创新)", "继承创新", "集成创新"),
    _confusion(r"截止(?=\d{4}年|目前|到)", "截止", "截至"),
)
_MISSING_METRE = re.compile(r"\d[\d.]*\s*(?:多)?万?平方(?![米公千])")
_MISSING_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d\d(?=的)")


def check(context: LintContext) -> Iterator[Finding]:
    county_word = "全县" if (context.plan.plan.region or "").endswith("区") else None
    for line in context.prose_lines():
        for confusion in CONFUSIONS:
            for m in confusion.pattern.finditer(line.raw):
                yield context.finding(
                    "wrong-word",
                    TYPO,
                    Severity.WARNING,
                    line.number,
                    m.group(),
                    f"“{m.group()}”疑为错别字：“{confusion.wrong}”应为“{confusion.right}”",
                    column=m.start(),
                )
        for m in _MISSING_METRE.finditer(line.raw):
            yield context.finding(
                "missing-character", TYPO, Severity.WARNING, line.number, m.group(),
                f"“{m.group()}”缺少单位中的“米”", column=m.start(),
            )  # fmt: skip
        for m in _MISSING_YEAR.finditer(line.raw):
            yield context.finding(
                "missing-character", TYPO, Severity.WARNING, line.number, m.group() + "的",
                f"“{m.group()}的”中年份后缺少“年”", column=m.start(),
            )  # fmt: skip
        if county_word and (at := line.raw.find(county_word)) >= 0:
            yield context.finding(
                "wrong-region-level", TYPO, Severity.WARNING, line.number, county_word,
                f"本规划是{context.plan.plan.region}的规划，“{county_word}”应为“全区”", column=at,
            )  # fmt: skip
