"""Rows that hold a sub-indicator in the same cells: 幼儿教师专科及以上学历比例（%） 其中：本科及以上…

Tables copied from Word often write an indicator and its 其中 part in one row, each cell holding
two lines: the names in the name cell, two values in each value cell. Read as one row they give
names and values glued together (100%50%); split, they are the two indicators the table means.
A row is split only when every value cell holds exactly as many readable values as there are
names; anything less certain stays one row (and its unreadable values are reported).
"""

from __future__ import annotations

import re

from planwatch.document.model import TableCell
from planwatch.document.text import normalise, strip_spaces

_PART = re.compile(r"其中\s*[:：]")
_VALUE = re.compile(
    r"(?:[<>≥≤]|不低于|不超过)?[0-9]+(?:\.[0-9]+)?(?:%|‰|年|个|家|人)?(?:以上|以下|以内|左右)?"
    r"|[\[【][0-9]+(?:\.[0-9]+)?[\]】]"
)


Row = tuple[TableCell, ...]


def split_sub_rows(row: Row, name_col: int, value_cols: set[int]) -> list[Row]:
    """The row as one row per indicator it holds (the row itself when it holds one).

    其中：小学初中 (two short names glued, each with a value) cannot be cut with certainty: kept whole.
    """
    if name_col >= len(row):
        return [row]
    names = _PART.split(row[name_col].raw, maxsplit=1)
    if len(names) != 2 or not all(n.strip() for n in names) or len(strip_spaces(names[1])) <= 4:
        return [row]
    split_values: dict[int, list[str]] = {}
    for col in value_cols:
        if col >= len(row) or not row[col].raw.strip():
            continue
        text = strip_spaces(normalise(row[col].raw))
        parts = _VALUE.findall(text)
        if len(parts) != 2 or "".join(parts) != text:
            return [row]
        split_values[col] = _raw_parts(row[col].raw, parts)
    if not split_values:
        return [row]
    rows = []
    for k in range(2):
        cells = []
        for cell in row:
            if cell.col == name_col:
                raw = names[k].strip()
            elif cell.col in split_values:
                raw = split_values[cell.col][k]
            else:
                raw = cell.raw
            cells.append(TableCell(cell.row, cell.col, raw, cell.line))
        rows.append(tuple(cells))
    return rows


def _raw_parts(raw: str, parts: list[str]) -> list[str]:
    """The raw spellings of the normalised parts (the raw text is kept for quoting)."""
    squeezed = strip_spaces(raw)
    first = len(parts[0])
    return [squeezed[:first], squeezed[first:]]
