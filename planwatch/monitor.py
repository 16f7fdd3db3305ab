"""Library functions for the monitoring books: evaluate a stored plan as of a date.

Reads the plan and what was known on the date from the store, hands model objects to the
pure evaluation, and returns the results in the order a planner reads them: binding
indicators first, worst first within each group.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planwatch.evaluate import DEFAULT_SETTINGS, EvaluationSettings, evaluate_indicators, rank
from planwatch.model import Attribute, Evaluation, Indicator, ParsedPlan
from planwatch.store import Store
from planwatch.store.observations import observations_as_of


@dataclass(frozen=True, slots=True)
class PlanEvaluation:
    plan_id: int
    parsed: ParsedPlan
    as_of: date
    evaluations: list[Evaluation]
    indicators: dict[str, Indicator]


def current_indicators(parsed: ParsedPlan) -> list[Indicator]:
    return parsed.monitored_indicators()


def plan_period(parsed: ParsedPlan, as_of: date | None = None) -> tuple[int, int]:
    """The plan's period; a plan that states none and has no target years is taken as the five
    years ending with the year judged, so that its indicators read 目标待定 rather than failing."""
    year = (as_of or date.today()).year
    return parsed.period() or (year - 4, year)


def evaluate_plan(
    store: Store, plan_id: int, as_of: date, settings: EvaluationSettings = DEFAULT_SETTINGS
) -> PlanEvaluation:
    parsed = store.load(plan_id)
    indicators = current_indicators(parsed)
    observations = observations_as_of(store, plan_id, as_of, [i.id for i in indicators])
    evaluations = evaluate_indicators(indicators, observations, as_of, plan_period(parsed), settings)
    by_id = {i.id: i for i in indicators}
    ordered = sorted(evaluations, key=lambda e: _reading_order(e, by_id))
    return PlanEvaluation(plan_id, parsed, as_of, ordered, by_id)


def _reading_order(
    evaluation: Evaluation, indicators: dict[str, Indicator]
) -> tuple[int, int, tuple[int, int], str]:
    """Binding first; within each group the worst judged status first, the ungraded (grey) last."""
    binding = indicators[evaluation.series_id].attribute is Attribute.BINDING
    severity = rank(evaluation)
    return (0 if binding else 1, 1 if severity is None else 0, severity or (0, 0), evaluation.series_id)
