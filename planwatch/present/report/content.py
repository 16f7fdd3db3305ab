"""What a report says, gathered once for the Word and the Excel writers: the evaluation as its JSON
(`evaluation_data`), the figures and plan lines it rests on (附表), the key indicators' chart data,
and the project and task sections. Nothing here judges or recomputes: every status, expected value,
growth and projection is the evaluation's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from planwatch.errors import PlanwatchError
from planwatch.evaluate import DEFAULT_SETTINGS
from planwatch.evaluate.series import due_year
from planwatch.model import Indicator, Observation, ValueRef
from planwatch.present.evaluation_data import evaluation_data
from planwatch.present.pages.charts import indicator_chart
from planwatch.present.pages.common import per_year, plan_header
from planwatch.present.report.appendix import (
    FigureRow,
    PlanLineRow,
    figure_refs,
    figure_rows,
    plan_line_rows,
    plan_ref,
)
from planwatch.present.report.categories import category_of
from planwatch.present.report.sections import ProjectsSection, TasksSection, projects_section, tasks_section
from planwatch.services.evaluation import PlanEvaluation, evaluated, plan_period
from planwatch.services.versions import versions_of
from planwatch.store import Store
from planwatch.store.observations import history_counted
from planwatch.store.plans import Adjustment

KEY_CHARTS = 12  # the key indicators drawn as small multiples, as many as the overview's cards
OTHER_CATEGORY = "其他指标"


class ReportKind(StrEnum):
    ANNUAL = "annual"
    MIDTERM = "midterm"

    @property
    def label(self) -> str:
        return "年度监测报告" if self is ReportKind.ANNUAL else "中期评估报告"


class ReportError(PlanwatchError):
    """A report that cannot be made as asked (a date before the plan starts, a year outside it)."""


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    """One row of 主要指标完成情况: the evaluation's JSON row and what the table prints beside it."""

    result: dict[str, Any]  # the row of `planwatch evaluate --format json`
    category: str
    base: str  # as written: 382 ('—' when the plan gives none)
    base_year: int | None
    target: str  # as in force on the date (an adjustment replaces the written one)
    target_year: int | None
    target_value: Decimal | None  # the target as a number, where it is one
    required: str | None  # 后续年均需增长, in the indicator's terms (7.5%, 1.03个百分点)
    realised: str | None  # 已实现的年均增长, in the same terms
    national: str  # the 中期评估 category
    latest_refs: list[int]  # 附表1 rows behind the latest figure
    plan_refs: list[int]  # 附表2 row of the indicator's line

    @property
    def off_track(self) -> bool:
        return self.result["color"] in ("red", "yellow")


@dataclass(frozen=True, slots=True)
class TargetLine:
    """A prose target judged on its own figures (not a restated indicator)."""

    result: dict[str, Any]  # the row of the evaluation JSON's `targets.results`
    national: str
    latest_refs: list[int]
    plan_refs: list[int]


@dataclass(frozen=True, slots=True)
class ReportContent:
    kind: ReportKind
    as_of: date
    year: int  # the year an annual report covers; the latest year due for a midterm one
    plan: dict[str, Any]  # plan_header, and the source file's sha256
    category_order: list[str]  # the indicator table's categories, as the plan orders them
    version: int  # the version in force on the date
    period: tuple[int, int]
    due_year: int  # the latest year whose figures should be out by the date
    evaluation: dict[str, Any]  # evaluation_data(result): the JSON of evaluate
    indicators: list[IndicatorLine]  # in the evaluation's reading order: binding first, worst first
    targets: list[TargetLine]
    figures: list[FigureRow]  # 附表1
    vintages: list[tuple[str, str, Observation, bool]]  # (series id, name, figure, used) ≤ the date
    plan_lines: list[PlanLineRow]  # 附表2
    charts: list[dict[str, Any]]  # indicator_chart data of the key indicators, with name and status
    projects: ProjectsSection
    tasks: TasksSection
    adjustments: list[Adjustment]

    @property
    def title(self) -> str:
        if self.kind is ReportKind.ANNUAL:
            return f"{self.year}年度监测报告"
        return "中期评估报告"

    @property
    def has_figures(self) -> bool:
        return bool(self.figures)

    def categories(self) -> list[tuple[str, list[IndicatorLine]]]:
        """The indicator table's categories in the plan's order, each in the reading order."""
        grouped: dict[str, list[IndicatorLine]] = {}
        for line in self.indicators:
            grouped.setdefault(line.category, []).append(line)
        order = self.category_order
        return sorted(
            grouped.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)
        )

    def off_track(self) -> list[IndicatorLine]:
        return [line for line in self.indicators if line.off_track]


def report_content(
    store: Store, plan_id: int, kind: ReportKind, as_of: date, year: int | None
) -> ReportContent:
    result = evaluated(store, plan_id, as_of)
    parsed = result.parsed
    stated = parsed.period()
    if stated is not None and as_of < date(stated[0], 1, 1):
        raise ReportError(
            f"截至日期{as_of.isoformat()}早于规划期起始（{stated[0]}年），无法生成报告", field="--as-of"
        )
    period = plan_period(parsed, as_of)
    due = due_year(as_of, DEFAULT_SETTINGS.annual_publication_lag_days)
    chosen = _year(kind, year, period, due, as_of)
    evaluation = evaluation_data(result)  # the indicators and the prose targets, as judged
    indicators = list(result.indicators.values())
    names = [(i.id, i.name) for i in indicators] + [(t.id, t.subject) for t in parsed.targets]
    known = figures_read(store, result, [series_id for series_id, _ in names])
    figures = figure_rows(names, known)
    lines = store.lines(result.version_id)
    plan_lines = plan_line_rows(indicators, parsed.targets, lines, result.adjustments)
    histories = vintages_known(store, plan_id, as_of, known)
    header = {**plan_header(plan_id, parsed), "source_sha256": parsed.plan.source.sha256}
    rows = [
        _indicator_line(r, result.indicators[r["indicator_id"]], figures, plan_lines)
        for r in evaluation["results"]
    ]
    version = next(v.version for v in versions_of(store, plan_id) if v.id == result.version_id)
    return ReportContent(
        kind=kind,
        as_of=as_of,
        year=chosen,
        plan=header,
        category_order=list(dict.fromkeys(i.category or OTHER_CATEGORY for i in indicators)),
        version=version,
        period=period,
        due_year=due,
        evaluation=evaluation,
        indicators=rows,
        targets=_target_lines(evaluation, figures, plan_lines),
        figures=figures,
        vintages=_vintages(names, histories, figures),
        plan_lines=plan_lines,
        charts=_key_charts(rows, result.indicators, histories, period),
        projects=projects_section(store, plan_id, as_of, chosen),
        tasks=tasks_section(store, plan_id, as_of, chosen),
        adjustments=sorted(result.adjustments.values(), key=lambda a: (a.in_force_from, a.id)),
    )


def figures_read(store: Store, result: PlanEvaluation, series_ids: list[str]) -> dict[str, list[Observation]]:
    """The figures the evaluation read, per series: the latest vintage of each period that counted
    on its date (published and approved by then) — what 附表1 lists and the references point at.
    The evaluation's own list, so the report can never cite a figure the judgement did not use."""
    del store  # kept in the signature: every section reads from the store the same way
    return {series_id: list(result.counted.get(series_id, ())) for series_id in series_ids}


def vintages_known(
    store: Store, plan_id: int, as_of: date, series_ids: Iterable[str]
) -> dict[str, list[Observation]]:
    """Every vintage of each series that counted on the date, for the 统计数据 sheet and the charts,
    which draw the latest of each year."""
    return history_counted(store, plan_id, as_of, series_ids)


def _year(kind: ReportKind, year: int | None, period: tuple[int, int], due: int, as_of: date) -> int:
    """The year an annual report covers: the one asked for, else the latest whose figures are due."""
    if year is None:
        return min(max(due, period[0]), period[1])
    if kind is ReportKind.MIDTERM:
        raise ReportError("中期评估报告不按年度生成，请不要指定 --year", field="--year")
    if not period[0] <= year <= period[1]:
        raise ReportError(f"{year}年不在规划期（{period[0]}—{period[1]}年）内", field="--year")
    if year > as_of.year:
        raise ReportError(f"{year}年晚于截至日期{as_of.isoformat()}", field="--year")
    return year


def _indicator_line(
    row: dict[str, Any], indicator: Indicator, figures: list[FigureRow], plan_lines: list[PlanLineRow]
) -> IndicatorLine:
    required = per_year(row["required_growth"], indicator, row["method"])
    realised = per_year(row["realised_growth"], indicator, row["method"])
    return IndicatorLine(
        result=row,
        category=indicator.category or OTHER_CATEGORY,
        base=_as_written(indicator.base),
        base_year=indicator.base.year if indicator.base else None,
        target=_as_written(indicator.target),
        target_year=indicator.target.year if indicator.target else None,
        target_value=indicator.target.value if indicator.target else None,
        required=required.removeprefix("每年 ") if required else None,
        realised=realised.removeprefix("每年 ") if realised else None,
        national=category_of(row["status_code"]),
        latest_refs=figure_refs(
            figures, indicator.id, row["latest_year"], row["latest_value"], derived=row["method"] == "growth"
        ),
        plan_refs=plan_ref(plan_lines, indicator.id),
    )


def _as_written(ref: ValueRef | None) -> str:
    return ref.raw.strip() if ref is not None and ref.raw.strip() else "—"


def _target_lines(
    evaluation: dict[str, Any], figures: list[FigureRow], plan_lines: list[PlanLineRow]
) -> list[TargetLine]:
    """Prose targets judged on their own (a target restating a row is that row, counted once)."""
    lines = []
    for row in evaluation.get("targets", {}).get("results", []):
        if row["counted_with_indicator"]:
            continue
        data_id = row["indicator_id"] or row["target_id"]
        lines.append(
            TargetLine(
                result=row,
                national=category_of(row["status_code"]),
                latest_refs=figure_refs(
                    figures,
                    data_id,
                    row["latest_year"],
                    row["latest_value"],
                    derived=row["method"] == "growth",
                ),
                plan_refs=plan_ref(plan_lines, row["target_id"]),
            )
        )
    return lines


def _vintages(
    names: list[tuple[str, str]], histories: dict[str, list[Observation]], figures: list[FigureRow]
) -> list[tuple[str, str, Observation, bool]]:
    used = {(f.series_id, f.period, f.kind, f.published, f.value) for f in figures}
    found = []
    for series_id, name in names:
        for o in histories.get(series_id, []):
            key = (series_id, o.period, o.kind.value, o.as_of, o.value)
            found.append((series_id, name, o, key in used))
    return found


def _key_charts(
    rows: list[IndicatorLine],
    indicators: dict[str, Indicator],
    histories: dict[str, list[Observation]],
    period: tuple[int, int],
) -> list[dict[str, Any]]:
    """The overview's key cards: indicators with a latest figure and at least two levels to draw."""
    charts = []
    for line in rows:
        row = line.result
        if row["latest_value"] is None or row["indicator_id"] not in histories:
            continue
        indicator = indicators[row["indicator_id"]]
        chart = indicator_chart(indicator, histories[indicator.id], period)
        if sum(1 for value in chart["actual"] if value is not None) < 2:
            continue
        charts.append({**chart, "name": indicator.name, "status": row["status"], "color": row["color"]})
        if len(charts) == KEY_CHARTS:
            break
    return charts
