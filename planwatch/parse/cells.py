"""Type a table cell from its notation, keeping the raw text.

`7.5%左右` approx · `8以上`, `>43.3` floor · `5以内` ceiling · `[10]`, `【2.5】` cumulative
· `19.4:46.7:33.9` structure · `保持稳定` · `下达目标` · `全市领先` · `与经济增长同步`
· `--`, `——` not applicable · `**`, `[]` placeholder · empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from planwatch.document.text import normalise, strip_spaces
from planwatch.model import CellKind

_NUM = r"[+-]?\d+(?:\.\d+)?"
_UNIT = r"(?:%|‰|[\u4e00-\u9fff/]{0,6})?"  # a cell may repeat its unit: 8.5%, 200亿元
_APPROX_BEFORE = r"(?:约|大约|近)"
_FLOOR_BEFORE = r"(?:>|≥|>=|超过|突破|不少于|不低于|大于|高于)"
_CEILING_BEFORE = r"(?:<|≤|<=|不超过|不高于|低于|小于|控制在)"

_PATTERNS: tuple[tuple[CellKind, re.Pattern[str]], ...] = (
    (CellKind.NUMBER, re.compile(rf"^(?P<n>{_NUM})(?P<u>%|‰)?$")),
    (
        CellKind.APPROX,
        re.compile(rf"^{_APPROX_BEFORE}?(?P<n>{_NUM}){_UNIT}左右$|^{_APPROX_BEFORE}(?P<m>{_NUM}){_UNIT}$"),
    ),
    (
        CellKind.FLOOR,
        re.compile(rf"^(?P<n>{_NUM}){_UNIT}(?:以上|及以上|\+)$|^{_FLOOR_BEFORE}(?P<m>{_NUM}){_UNIT}$"),
    ),
    (
        CellKind.CEILING,
        re.compile(
            rf"^(?P<n>{_NUM}){_UNIT}(?:以内|以下|及以下)$|^{_CEILING_BEFORE}(?P<m>{_NUM}){_UNIT}(?:以内)?$"
        ),
    ),
)
_CUMULATIVE = re.compile(rf"^[\[【]\s*(?P<n>{_NUM})\s*(?:%|‰)?\s*[\]】](?P<approx>左右)?$")
_STRUCTURE = re.compile(rf"^{_NUM}(?::{_NUM}){{1,3}}$")
_NOT_APPLICABLE = re.compile(r"^[-—–―－/／]+$|^(无|不适用)$")
_PLACEHOLDER = re.compile(r"^(\*+|[\[【]\s*[\]】]|[Xx×]+[\u4e00-\u9fff%]{0,4}|…+|待定|待补充)$|\*\*")
_KEEP_STABLE = re.compile(r"^(保持|基本|总体)?稳定$|^保持(基本)?稳定")
_ASSIGNED = re.compile(r"下达")
_RELATIVE = re.compile(r"同步|略高于|高于|快于|略快于|不低于|低于|慢于")


@dataclass(frozen=True, slots=True)
class TypedCell:
    kind: CellKind
    value: Decimal | None = None
    qualifier: str | None = None
    parts: tuple[Decimal, ...] = ()


def type_cell(raw: str) -> TypedCell:
    """The typed value of a table cell written as `raw`."""
    text = strip_spaces(normalise(raw))
    if not text:
        return TypedCell(CellKind.EMPTY)
    if _PLACEHOLDER.search(text):
        return TypedCell(CellKind.PLACEHOLDER)
    if _NOT_APPLICABLE.match(text):
        return TypedCell(CellKind.NOT_APPLICABLE)
    if m := _CUMULATIVE.match(text):
        return TypedCell(CellKind.CUMULATIVE, _decimal(m["n"]), "approx" if m["approx"] else None)
    if _STRUCTURE.match(text):
        parts = tuple(_decimal(p) for p in text.split(":"))
        return TypedCell(CellKind.STRUCTURE, parts=parts)
    for kind, pattern in _PATTERNS:
        if m := pattern.match(text):
            return TypedCell(kind, _decimal(m["n"] or m.groupdict().get("m") or ""))
    has_digit = bool(re.search(r"\d", text))
    if _KEEP_STABLE.match(text):
        return TypedCell(CellKind.KEEP_STABLE)
    if _ASSIGNED.search(text) and not has_digit:
        return TypedCell(CellKind.ASSIGNED)
    if _RELATIVE.search(text) and not has_digit:
        return TypedCell(CellKind.RELATIVE)
    if not has_digit and re.search(r"[\u4e00-\u9fff]", text):
        return TypedCell(CellKind.QUALITATIVE)
    return TypedCell(CellKind.TEXT)


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the patterns only let numbers through
        raise ValueError(text) from None
