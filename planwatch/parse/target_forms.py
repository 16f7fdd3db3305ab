"""Targets written in forms the amount scanner does not read on its own.

- Years and ages as levels: 平均受教育年限提高到11.3年, 人均预期寿命再提高1岁. numbers.py never
  reports 年 or 岁 (2025年 is a date, 30年 a duration), so they are read here, and only right
  after a subject that is measured in years (年限, 寿命, 年龄).
- Doubling: 比2010年翻一番 (×2), 翻两番 (×4), 实现翻番: the value is the multiple, unit 倍.
- Red lines: 严守18亿亩耕地红线 — the amount names the line that is held, so it is the target
  (a floor), not a threshold inside a name as 15平方公里的九望新城 is.
"""

from __future__ import annotations

import re
from decimal import Decimal

from planwatch.parse.quantity import Quantity

_YEARS_OF = re.compile(
    r"(?P<num>(?<![0-9.])[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>年|岁)(?![0-9])(?:\s*(?P<floor>以上)|\s*(?P<approx>左右))?"
)
_MEASURED_IN_YEARS = re.compile(r"(?:年限|寿命|年龄)[^,;:。!?]{0,16}$")
_DOUBLING = re.compile(r"翻(?P<times>一|两|二|三)?番")
_TIMES = {None: 2, "一": 2, "两": 4, "二": 4, "三": 8}
# What follows the amount of a red line: 耕地红线, 生态保护红线, 底线.
RED_LINE = re.compile(r"\s*(?P<noun>[\u4e00-\u9fff]{0,8}?(?:红线|底线))")


def years_of(raw: str, text: str, start: int, end: int) -> list[Quantity]:
    """Levels in years or years of age after a subject measured in them, in [start, end)."""
    found = []
    for m in _YEARS_OF.finditer(text, start, end):
        if not _MEASURED_IN_YEARS.search(text, max(start, m.start() - 24), m.start()):
            continue
        qualifier = "floor" if m["floor"] else "approx" if m["approx"] else None
        num_start, num_end = m.span("num")
        found.append(
            Quantity(
                num_start,
                m.end(),
                num_start,
                Decimal(m["num"]),
                None,
                None,
                raw[m.start("unit") : m.end("unit")],
                qualifier,
                "",
                raw[num_start:num_end],
            )
        )
    return found


def doublings(raw: str, text: str, start: int, end: int) -> list[Quantity]:
    """翻一番 and its kin as a multiple: value 2 (4, 8), unit 倍."""
    found = []
    for m in _DOUBLING.finditer(text, start, end):
        value = Decimal(_TIMES[m["times"]])
        spelled = raw[m.start() : m.end()]
        found.append(
            Quantity(m.start(), m.end(), m.start(), value, None, None, "倍", None, "", spelled, doubling=True)
        )
    return found
