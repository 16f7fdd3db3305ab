"""Figures in: import files (CSV, Excel) read, matched to a plan's series and converted to its units.

Pure but for `import_observations`, which hands the matched figures to the store. The Excel
template is `planwatch.observe.template.write_template` (not imported here: openpyxl loads on use).
"""

from planwatch.observe.importing import ImportOutcome, import_observations
from planwatch.observe.match import match_rows
from planwatch.observe.problems import ImportProblem, ImportRefused
from planwatch.observe.read import ImportRow, read_import
from planwatch.observe.values import convert

__all__ = [
    "ImportOutcome",
    "ImportProblem",
    "ImportRefused",
    "ImportRow",
    "convert",
    "import_observations",
    "match_rows",
    "read_import",
]
