"""What is wrong with an import file: every problem, each with its row and column, in Chinese."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planwatch.errors import Location, PlanwatchError


@dataclass(frozen=True, slots=True)
class ImportProblem:
    row: int | None  # 1-based row of the file (the sheet row in Excel); None for the file as a whole
    column: str | None  # the column's header as written (数值, 2023年…); None when not about one cell
    reason: str
    other_row: int | None = None  # the row it clashes with (a duplicate)

    def message(self) -> str:
        """`第5行“数值”列：“三百”不是数字`, `第3行与第8行：同一指标同一期间重复`."""
        where = Location(row=self.row, column=self.column, other_row=self.other_row)
        return where.with_reason(self.reason)


class ImportRefused(PlanwatchError):
    """The file was not imported, and the database not changed, because of `problems` (all of them)."""

    def __init__(self, problems: Sequence[ImportProblem], *, file: str | None = None) -> None:
        self.problems = list(problems)
        super().__init__(f"导入被拒绝：共{len(self.problems)}个问题，数据库未作任何改动", file=file)

    def details(self) -> list[str]:
        return self.messages()

    def messages(self) -> list[str]:
        """One line per problem, in file order, for the CLI to print after `one_line()`."""
        return [p.message() for p in self.problems]
