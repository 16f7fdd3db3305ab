"""The plan's prose targets judged as of the report's date.

`services.evaluation.PlanEvaluation` does not carry them yet (another change is adding that); until
then this one helper feeds the pure `evaluate.target_results` with what the evaluation itself read:
the version in force on the date, its targets as adjusted by then, and the figures known then.
"""

from __future__ import annotations

from planwatch.evaluate import TargetResult, target_results
from planwatch.services.evaluation import PlanEvaluation, plan_period
from planwatch.store import Store
from planwatch.store.vintages import observations_as_of


def judged_targets(store: Store, result: PlanEvaluation) -> list[TargetResult]:
    parsed = result.parsed
    if not parsed.targets:
        return []
    indicators = list(result.indicators.values())
    series_ids = [t.id for t in parsed.targets] + [i.id for i in indicators]
    observed = observations_as_of(store, result.plan_id, result.as_of, series_ids)
    period = plan_period(parsed, result.as_of)
    return target_results(parsed.targets, indicators, observed, result.as_of, period)
