"""Evaluate a stored plan as of a date: read the plan and what was known on the date, hand model
objects to the pure evaluation, and return the results in the order a planner reads them: binding
indicators first, worst first within each group; then the plan's prose targets, in the plan's order,
each with its link to a row of the table (a target restating a row is judged once, as the row).

Evaluations are kept while the database's revision is unchanged: every page of a plan asks for one,
and any write (a figure added, corrected or approved) makes a new one.

Only approved figures count (store.vintages); `pending=True` shows what the picture would be with
the figures still waiting for review or approval, and `unapproved` names the series whose figures
as of the date include such a figure (marked 未审批 on the pages).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from planwatch.evaluate import (
    DEFAULT_SETTINGS,
    EvaluationSettings,
    TargetResult,
    evaluate_indicators,
    rank,
    target_results,
)
from planwatch.model import Attribute, Evaluation, Indicator, Observation, ParsedPlan, Target
from planwatch.services.versions import adjustments, version_in_force
from planwatch.store import Store
from planwatch.store.kept import kept_per_revision
from planwatch.store.plans import Adjustment
from planwatch.store.vintages import observations_as_of


@dataclass(frozen=True, slots=True)
class PlanEvaluation:
    plan_id: int
    version_id: int  # the version in force on `as_of`
    parsed: ParsedPlan  # that version, with the targets adjusted by then
    as_of: date
    evaluations: list[Evaluation]
    indicators: dict[str, Indicator]
    adjustments: dict[str, Adjustment]  # item key → the adjustment in force on `as_of`
    pending: bool = False  # figures awaiting review or approval were counted
    unapproved: frozenset[str] = frozenset()  # series judged on a figure not approved by `as_of`
    # the figures each series was judged on: the latest vintage of each period known on `as_of`
    # (approved by then, or awaiting approval when `pending`); what a chart of this evaluation draws
    counted: Mapping[str, list[Observation]] = field(default_factory=dict)
    targets: tuple[TargetResult, ...] = ()  # the prose targets, in the plan's order


def plan_period(parsed: ParsedPlan, as_of: date) -> tuple[int, int]:
    """The plan's period; a plan that states none and has no target years is taken as the five
    years ending with the year judged, so that its indicators read 目标待定 rather than failing."""
    return parsed.period() or (as_of.year - 4, as_of.year)


def evaluate_plan(
    store: Store,
    plan_id: int,
    as_of: date,
    settings: EvaluationSettings = DEFAULT_SETTINGS,
    *,
    pending: bool = False,
) -> PlanEvaluation:
    version = version_in_force(store, plan_id, as_of)
    in_force = {a.item_key: a for a in adjustments(store, plan_id, as_of)}
    parsed = with_adjustments(store.load(version), in_force)
    indicators = parsed.monitored_indicators()
    series = [i.id for i in indicators] + [t.id for t in parsed.targets]
    observations = observations_as_of(store, plan_id, as_of, series, pending=pending)
    unapproved = frozenset(
        series
        for series, found in observations.items()
        if any(o.approved_on is None or o.approved_on > as_of for o in found)
    )
    period = plan_period(parsed, as_of)
    evaluations = evaluate_indicators(indicators, observations, as_of, period, settings)
    evaluations = [_noting_adjustment(e, in_force.get(e.series_id)) for e in evaluations]
    by_id = {i.id: i for i in indicators}
    ordered = sorted(evaluations, key=lambda e: _reading_order(e, by_id))
    targets = tuple(
        replace(r, evaluation=_noting_adjustment(r.evaluation, in_force.get(r.target.id)))
        for r in target_results(parsed.targets, indicators, observations, as_of, period, settings)
    )
    return PlanEvaluation(
        plan_id, version, parsed, as_of, ordered, by_id, in_force, pending, unapproved, observations, targets
    )


def with_adjustments(parsed: ParsedPlan, in_force: dict[str, Adjustment]) -> ParsedPlan:
    """The version with each adjusted target replaced by the one in force (the text keeps the old)."""
    if not in_force:
        return parsed

    def indicator(i: Indicator) -> Indicator:
        found = in_force.get(i.id)
        if found is None or i.target is None:
            return i
        return replace(i, target=replace(i.target, value=found.target_value, raw=found.target_raw))

    def target(t: Target) -> Target:
        found = in_force.get(t.id)
        return t if found is None else replace(t, value=found.target_value, value_raw=found.target_raw)

    return replace(
        parsed,
        indicators=tuple(indicator(i) for i in parsed.indicators),
        targets=tuple(target(t) for t in parsed.targets),
    )


def _noting_adjustment(evaluation: Evaluation, adjustment: Adjustment | None) -> Evaluation:
    if adjustment is None:
        return evaluation
    note = (
        f"（目标自{adjustment.in_force_from.isoformat()}起按{adjustment.document_no}调整为"
        f"{adjustment.target_raw}）"
    )
    return replace(evaluation, explanation=evaluation.explanation + note)


@kept_per_revision
def evaluated(store: Store, plan_id: int, as_of: date, *, pending: bool = False) -> PlanEvaluation:
    """`evaluate_plan` with the default settings, kept while the database's revision is unchanged."""
    return evaluate_plan(store, plan_id, as_of, pending=pending)


def _reading_order(
    evaluation: Evaluation, indicators: dict[str, Indicator]
) -> tuple[int, int, tuple[int, int], str]:
    """Binding first; within each group the worst judged status first, the ungraded (grey) last."""
    binding = indicators[evaluation.series_id].attribute is Attribute.BINDING
    severity = rank(evaluation)
    return (0 if binding else 1, 1 if severity is None else 0, severity or (0, 0), evaluation.series_id)
