"""The words plans use around numbers, listed once: count units and qualifier words.

numbers.py reads amounts with them, and the parse stage (cells, targets) decides kinds and
qualifiers with the same lists, so a word added here is understood everywhere at once.
Each list is written as a planner would write it, space-separated, longest-first where a
regular expression needs that order (不超过 before 超过).
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """A lexicon written as space-separated words, in the order written."""
    return tuple(text.split())


# Count units: each word is its own dimension, its 万 form ×10000. 位 and 次 are left out: 五位一体
# and 三次产业 are not counts.
COUNT_UNITS = words("个 家 条 所 座 人 人次 户 张 床 辆 项 台 套 只 处 栋 名 件 株 头 艘 架")
# People are counted too, but a number of people before a noun is a threshold of that noun
# (2000人以上行政村), never the count of it: the target reader leaves these out of counting things.
PERSON_UNITS = words("人 人次")
THING_UNITS = tuple(unit for unit in COUNT_UNITS if unit not in PERSON_UNITS)

# Qualifier words before a number, by meaning. Longer first: 不超过 must win over 超过.
CEILING_BEFORE = words("不超过 不高于 控制在 低于 少于")
FLOOR_BEFORE = words("不少于 不低于 至少 超过 突破 多于 超")
APPROX_BEFORE = words("大约 约 将近 接近")  # and 近, but not in 附近/就近/最近 (numbers.py guards it)
PLAN_BEFORE = words("拟 计划")
# Verbs of a level that set a floor or a ceiling by themselves (跨入千亿元, 迈上新台阶).
FLOOR_VERBS = words("突破 超过 超 跨入 迈上 迈入 不少于 不低于 至少 高于")
CEILING_VERBS = words("不超过 不高于 低于 少于")

# Qualifier words after a number (and its unit).
APPROX_AFTER = words("左右 上下")
FLOOR_AFTER = words("以上")
CEILING_AFTER = words("以内 以下")
# Written between the unit and 以上/以下: 6人（含）以下 counts the six.
INCLUSIVE = words("（含） (含)")


def alternation(*lists: tuple[str, ...]) -> str:
    """A regular-expression alternation of the words, longest first (no word shadows a longer one)."""
    import re

    merged = sorted({w for lst in lists for w in lst}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in merged)
