"""Figures in: import files (CSV, Excel) read, matched to a plan's series and converted to its units.

Pure: nothing here opens a database (storing figures is `planwatch.services.figures`). The Excel
template is `planwatch.observe.template.write_template` (not imported here: openpyxl loads on use).
"""

from planwatch.observe.match import match_rows
from planwatch.observe.problems import ImportProblem, ImportRefused
from planwatch.observe.read import ImportRow, read_import
from planwatch.observe.values import convert

__all__ = [
    "ImportProblem",
    "ImportRefused",
    "ImportRow",
    "convert",
    "match_rows",
    "read_import",
]
