"""A plan's prose targets judged as of a date, each with the target, its spec and its link.

The shape the pages and the JSON need: `evaluate_targets` gives bare Evaluations; this keeps
each beside the target it judges (its quote and line), the spec (the unit its figures are in)
and the link to a row of the table (so a restated target is counted once, with the row).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from planwatch.evaluate.engine import evaluate_specs
from planwatch.evaluate.link import TargetLink
from planwatch.evaluate.settings import DEFAULT_SETTINGS, EvaluationSettings
from planwatch.evaluate.spec import SeriesSpec
from planwatch.evaluate.targets import linked_specs
from planwatch.model import Evaluation, Indicator, Observation, Target


@dataclass(frozen=True, slots=True)
class TargetResult:
    target: Target
    spec: SeriesSpec
    evaluation: Evaluation
    link: TargetLink | None

    @property
    def counted_with_indicator(self) -> bool:
        """The target restates a row's target: judged and counted as that row, not again."""
        return self.link is not None and self.link.same_target


def target_results(
    targets: Sequence[Target],
    indicators: Sequence[Indicator],
    observations_by_series: Mapping[str, Sequence[Observation]],
    as_of: date,
    period: tuple[int, int],
    settings: EvaluationSettings = DEFAULT_SETTINGS,
) -> list[TargetResult]:
    """Every target of the plan, in the plan's order; `observations_by_series` must hold the
    figures of the targets and of the evaluated indicators (a linked target reads its row's)."""
    pairs = linked_specs(targets, indicators, period)
    evaluations = evaluate_specs([spec for spec, _ in pairs], observations_by_series, as_of, settings)
    return [
        TargetResult(target, spec, evaluation, link)
        for target, (spec, link), evaluation in zip(targets, pairs, evaluations, strict=True)
    ]
