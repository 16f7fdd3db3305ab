"""JSON text with exact decimals.

The standard library can only write a Decimal by turning it into a float (or a
string), and a planner's `0.2950` or `3.14159` must reach the reader as written.
This writer emits Decimals as JSON numbers in plain notation.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any


def dumps(value: Any, indent: int | None = 2) -> str:
    parts: list[str] = []
    _write(value, parts, indent, 0)
    return "".join(parts)


def decimal_text(value: Decimal) -> str:
    """Plain notation, never an exponent: Decimal('1E+4') → '10000'."""
    return format(value, "f")


def _write(value: Any, out: list[str], indent: int | None, depth: int) -> None:
    if isinstance(value, Decimal):
        if not value.is_finite():
            out.append("null")
        else:
            out.append(decimal_text(value))
    elif isinstance(value, dict):
        _write_container(list(value.items()), "{", "}", out, indent, depth, keyed=True)
    elif isinstance(value, list | tuple):
        _write_container(list(value), "[", "]", out, indent, depth, keyed=False)
    else:
        out.append(json.dumps(value, ensure_ascii=False))


def _write_container(
    items: list[Any],
    opening: str,
    closing: str,
    out: list[str],
    indent: int | None,
    depth: int,
    *,
    keyed: bool,
) -> None:
    if not items:
        out.append(opening + closing)
        return
    newline = "" if indent is None else "\n" + " " * (indent * (depth + 1))
    separator = "," if indent is not None else ", "
    out.append(opening)
    for index, item in enumerate(items):
        if index:
            out.append(separator)
        out.append(newline)
        if keyed:
            key, item = item
            out.append(json.dumps(str(key), ensure_ascii=False) + ": ")
        _write(item, out, indent, depth + 1)
    out.append("" if indent is None else "\n" + " " * (indent * depth))
    out.append(closing)
