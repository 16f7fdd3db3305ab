"""Quantified targets and facts of the prose. (Being written: returns nothing yet.)"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.document.model import Document, Table
from planwatch.model import Problem, Target
from planwatch.parse.outline import Outline


@dataclass(frozen=True, slots=True)
class TargetsResult:
    targets: tuple[Target, ...]
    facts: tuple[Target, ...]
    problems: tuple[Problem, ...]


def extract_targets(
    document: Document,
    outline: Outline,
    tables: tuple[Table, ...],
    period: tuple[int | None, int | None],
    skip_lines: frozenset[int],
) -> TargetsResult:
    return TargetsResult((), (), ())
