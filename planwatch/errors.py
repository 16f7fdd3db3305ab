"""Errors a user can cause.

A leaf module (imports nothing of ours) so every stage may raise these. Each error
knows the file, line and field it is about, and renders as one Chinese line the
CLI prints before exiting non-zero — never a traceback for a user's mistake.
"""

from __future__ import annotations


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
    ) -> None:
        self.reason = reason
        self.file = file
        self.line = line
        self.field = field
        super().__init__(self.one_line())

    def details(self) -> list[str]:
        """Further lines, one per problem, when the error is a list of them (a refused import)."""
        return []

    def one_line(self) -> str:
        """`文件:行：字段：原因` with the parts that are known."""
        where = ""
        if self.file:
            where = self.file if self.line is None else f"{self.file}:{self.line}"
        elif self.line is not None:
            where = f"第{self.line}行"
        parts = [p for p in (where, self.field, self.reason) if p]
        return "：".join(parts)


class DocumentError(PlanwatchError):
    """The file cannot be read as a plan document (missing, empty, binary, undecodable…)."""


class ParseError(PlanwatchError):
    """The document was read but a part of it cannot be understood."""


class StoreError(PlanwatchError):
    """The database refused an operation or does not hold what was asked for."""


class NotFoundError(StoreError):
    """A plan, indicator or section id that the database does not hold."""
