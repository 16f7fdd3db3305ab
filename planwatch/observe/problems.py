"""What is wrong with an import file: its problems, each with its row and column, in Chinese.

A file can hold a million bad rows; a person reads the first hundred. `ProblemList` keeps the
first PLANWATCH_MAX_PROBLEMS problems and counts the rest, and `ImportRefused` says how many
there were in all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planwatch import config
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


class ProblemList:
    """Problems in the order found: the first `limit` kept, every one counted."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = config.count(config.MAX_PROBLEMS) if limit is None else limit
        self.kept: list[ImportProblem] = []
        self.total = 0

    def add(self, problem: ImportProblem) -> None:
        self.total += 1
        if len(self.kept) < self.limit:
            self.kept.append(problem)

    def extend(self, problems: Iterable[ImportProblem]) -> None:
        for problem in problems:
            self.add(problem)

    def __bool__(self) -> bool:
        return self.total > 0

    def refused(self, file: str | None = None) -> ImportRefused:
        return ImportRefused(self.kept, file=file, total=self.total)


class ImportRefused(PlanwatchError):
    """The file was not imported, and the database not changed, because of `problems`.

    `problems` holds at most PLANWATCH_MAX_PROBLEMS of them, in file order; `total` counts all.
    """

    def __init__(
        self, problems: Sequence[ImportProblem], *, file: str | None = None, total: int | None = None
    ) -> None:
        limit = config.count(config.MAX_PROBLEMS)
        self.problems = list(problems[:limit])
        self.total = max(total or 0, len(problems))
        shown = f"（以下列出前{len(self.problems)}个）" if self.total > len(self.problems) else ""
        super().__init__(f"导入被拒绝：共{self.total}个问题{shown}，数据库未作任何改动", file=file)

    @property
    def unlisted(self) -> int:
        """Problems counted but not listed."""
        return self.total - len(self.problems)

    def details(self) -> list[str]:
        more = [f"……另有{self.unlisted}个问题未列出，请先改正以上问题后重新导入"] if self.unlisted else []
        return self.messages() + more

    def messages(self) -> list[str]:
        """One line per listed problem, in file order, for the CLI to print after `one_line()`."""
        return [p.message() for p in self.problems]
