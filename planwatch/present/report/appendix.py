"""The report's 附表: every figure used (附表1) and the plan line of every target (附表2), numbered,
so that each number in the body can point at its row (`[1-5]`, `[2-3]`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from planwatch.model import Indicator, Observation, Target
from planwatch.present.pages.indicators import source_quote
from planwatch.store.plans import Adjustment

FIGURES = 1  # 附表1 监测数据及来源
PLAN_LINES = 2  # 附表2 规划目标原文


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One figure the evaluation read: the latest vintage of its period known on the report's date."""

    number: int
    series_id: str
    name: str
    period: str
    kind: str  # level | growth
    value: Decimal
    unit: str | None
    source: str
    published: date  # the figure's as_of: when it became known
    status: str  # preliminary | verified | final

    @property
    def year(self) -> int:
        return int(self.period[:4])


@dataclass(frozen=True, slots=True)
class PlanLineRow:
    """Where a target is written: the indicator table's row, or the sentence of the prose."""

    number: int
    item_id: str
    kind: str  # 指标 | 目标
    name: str
    line: int
    quote: str
    adjusted: str  # the adjustment in force, in words; '' when none


def figure_rows(
    series_order: Sequence[tuple[str, str]], known: dict[str, list[Observation]]
) -> list[FigureRow]:
    """The figures known on the date of each series (id, name) in the given order, numbered from 1."""
    rows: list[FigureRow] = []
    for series_id, name in series_order:
        for o in known.get(series_id, []):
            rows.append(
                FigureRow(
                    len(rows) + 1,
                    series_id,
                    name,
                    o.period,
                    o.kind.value,
                    o.value,
                    o.unit,
                    o.source,
                    o.as_of,
                    o.status.value,
                )
            )
    return rows


def plan_line_rows(
    indicators: Iterable[Indicator],
    targets: Iterable[Target],
    lines: list[str],
    adjustments: dict[str, Adjustment],
) -> list[PlanLineRow]:
    rows: list[PlanLineRow] = []
    for indicator in indicators:
        quote = " ｜ ".join(source_quote(lines, indicator).split("\n"))
        rows.append(
            PlanLineRow(
                len(rows) + 1,
                indicator.id,
                "指标",
                indicator.name,
                indicator.line,
                quote,
                _adjusted(adjustments.get(indicator.id)),
            )
        )
    for target in targets:
        rows.append(
            PlanLineRow(
                len(rows) + 1,
                target.id,
                "目标",
                target.subject,
                target.line,
                target.quote,
                _adjusted(adjustments.get(target.id)),
            )
        )
    return rows


def _adjusted(adjustment: Adjustment | None) -> str:
    if adjustment is None:
        return ""
    return (
        f"自{adjustment.in_force_from.isoformat()}起按{adjustment.document_no}调整为{adjustment.target_raw}"
    )


def figure_refs(
    figures: Sequence[FigureRow], series_id: str, year: int | None, value: Decimal | None, *, derived: bool
) -> list[int]:
    """The 附表1 rows behind a latest figure: its own row (that year, that value); for a figure the
    evaluation derived (`derived`: an average growth over the years) or one not found as such, every
    row of the series up to that year."""
    if year is None:
        return []
    own = [f for f in figures if f.series_id == series_id]
    exact = [f.number for f in own if f.year == year and value is not None and f.value == value]
    if exact and not derived:
        return exact
    return [f.number for f in own if f.year <= year]


def plan_ref(plan_lines: Sequence[PlanLineRow], item_id: str) -> list[int]:
    return [row.number for row in plan_lines if row.item_id == item_id]


def ref_text(table: int, numbers: Sequence[int]) -> str:
    """`[1-5]`, `[1-3～1-6]` for a run, `[1-2、1-7]` otherwise; '' when there is nothing to cite."""
    if not numbers:
        return ""
    ordered = sorted(set(numbers))
    runs: list[tuple[int, int]] = []
    for n in ordered:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    parts = [f"{table}-{a}" if a == b else f"{table}-{a}～{table}-{b}" for a, b in runs]
    return "[" + "、".join(parts) + "]"
