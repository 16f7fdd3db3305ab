"""One error type, one location format: what every front end prints for a user's mistake."""

from __future__ import annotations

import pytest

from planwatch.errors import Location, PlanwatchError
from planwatch.observe.problems import ImportProblem


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        (Location(file="plan.docx", line=84), "plan.docx:84：原因"),
        (Location(line=84), "第84行：原因"),
        (Location(row=5, column="数值"), "第5行“数值”列：原因"),
        (Location(row=3, other_row=8), "第3行与第8行：原因"),
        (Location(file="figures.csv", row=5, column="期间"), "figures.csv：第5行“期间”列：原因"),
        (Location(field="--as-of"), "--as-of：原因"),
        (Location(), "原因"),
    ],
)
def test_every_location_reads_the_same_way(location: Location, shown: str) -> None:
    assert location.with_reason("原因") == shown


def test_an_error_and_an_import_problem_share_the_format() -> None:
    error = PlanwatchError("“三百”不是数字", row=5, column="数值")
    problem = ImportProblem(5, "数值", "“三百”不是数字")
    assert error.one_line() == problem.message() == "第5行“数值”列：“三百”不是数字"
