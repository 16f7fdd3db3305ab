"""Text normalisation for parsing: same length in, same length out.

Parsers match on the normalised text and quote the raw text by the same offsets,
so every mapping here is one character to one character.
"""

from __future__ import annotations

import re

# Full-width ASCII variants (！ to ～) map to ASCII by a fixed offset.
_FULLWIDTH_START, _FULLWIDTH_END, _FULLWIDTH_OFFSET = 0xFF01, 0xFF5E, 0xFEE0

_EXTRA = {
    "\u3000": " ",  # ideographic space
    "\u00a0": " ",  # no-break space
    "\f": " ",  # PDF page break inside a line
    "\r": " ",
    "\u2212": "-",  # minus sign
    "［": "[",
    "］": "]",
}

_TRANSLATION = {cp: chr(cp - _FULLWIDTH_OFFSET) for cp in range(_FULLWIDTH_START, _FULLWIDTH_END + 1)}
_TRANSLATION.update({ord(k): v for k, v in _EXTRA.items()})

_CN_YEAR_DIGITS = {
    "〇": "0",
    "零": "0",
    "0": "0",
    "O": "0",
    "o": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
# A year written in Chinese digits, its zero as 〇, 零, 0 or even the letter O (二〇三五年, 二0三五年,
# 二O三五年 all occur in one draft). Four digits to four digits keeps the length.
_CN_YEAR = re.compile(r"[一二][〇零0Oo一二三四五六七八九]{3}(?=年|远景)")


def to_halfwidth(text: str) -> str:
    """Full-width digits, letters and punctuation → ASCII (（ → (, ５ → 5, ： → :)."""
    return text.translate(_TRANSLATION)


def normalise(text: str) -> str:
    """The parsing form of `text`, of exactly the same length."""
    folded = to_halfwidth(text)
    return _CN_YEAR.sub(lambda m: "".join(_CN_YEAR_DIGITS[c] for c in m.group()), folded)


def strip_spaces(text: str) -> str:
    """Remove all whitespace: header cells like `指         标` and `属 性` mean 指标, 属性."""
    return re.sub(r"\s+", "", text)
