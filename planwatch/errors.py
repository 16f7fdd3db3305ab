"""Errors a user can cause.

A leaf module (imports nothing of ours) so every stage may raise these. Each error
knows the file, line and field it is about, and renders as one Chinese line the
CLI prints before exiting non-zero — never a traceback for a user's mistake.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is, in the one format every front end shows: `文件:行`, `第N行` of a document,
    `第N行“列”列` of a sheet (`第3行与第8行` for a clash between rows), then the field or option."""

    file: str | None = None
    line: int | None = None  # 1-based line of a document
    row: int | None = None  # 1-based row of a sheet or CSV file, as Excel numbers it
    column: str | None = None  # the column's header as written (数值, 2023年…)
    field: str | None = None  # a named field or option (--as-of, as_of)
    other_row: int | None = None  # the row it clashes with (a duplicate)

    def text(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file if self.line is None else f"{self.file}:{self.line}")
        elif self.line is not None:
            parts.append(f"第{self.line}行")
        if self.row is not None:
            rows = f"第{self.row}行" + (f"与第{self.other_row}行" if self.other_row is not None else "")
            parts.append(rows + (f"“{self.column}”列" if self.column else ""))
        elif self.column:
            parts.append(f"“{self.column}”列")
        if self.field:
            parts.append(self.field)
        return "：".join(parts)

    def with_reason(self, reason: str) -> str:
        where = self.text()
        return f"{where}：{reason}" if where else reason


class PlanwatchError(Exception):
    """Base of every error planwatch reports to a user."""

    exit_code = 2

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.reason = reason
        self.location = Location(file=file, line=line, row=row, column=column, field=field)
        super().__init__(self.one_line())

    @property
    def file(self) -> str | None:
        return self.location.file

    @property
    def line(self) -> int | None:
        return self.location.line

    @property
    def field(self) -> str | None:
        return self.location.field

    def details(self) -> list[str]:
        """Further lines, one per problem, when the error is a list of them (a refused import)."""
        return []

    def one_line(self) -> str:
        """`文件:行：字段：原因` with the parts that are known."""
        return self.location.with_reason(self.reason)


class DocumentError(PlanwatchError):
    """The file cannot be read as a plan document (missing, empty, binary, undecodable…)."""


class ParseError(PlanwatchError):
    """The document was read but a part of it cannot be understood."""


class StoreError(PlanwatchError):
    """The database refused an operation or does not hold what was asked for."""


class NotFoundError(StoreError):
    """A plan, indicator or section id that the database does not hold."""
