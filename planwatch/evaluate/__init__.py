"""Pure judgement of indicators against their targets (docs/evaluation.md).

Callers hand in model objects (Indicator, Target, Observation); nothing here opens a
database or reads a clock. Build a `SeriesSpec` once per indicator, evaluate it as of any date.
"""

from planwatch.evaluate.engine import evaluate_indicators, evaluate_series, evaluate_specs, evaluate_targets
from planwatch.evaluate.link import TargetLink, link_target, link_targets, unlinked_targets
from planwatch.evaluate.prose import TargetResult, target_results
from planwatch.evaluate.settings import DEFAULT_SETTINGS, EvaluationSettings
from planwatch.evaluate.spec import SeriesSpec, SpecKind, spec_from_indicator, spec_from_target
from planwatch.evaluate.status import rank
from planwatch.evaluate.targets import target_spec, target_specs

__all__ = [
    "DEFAULT_SETTINGS",
    "EvaluationSettings",
    "SeriesSpec",
    "SpecKind",
    "TargetLink",
    "TargetResult",
    "evaluate_indicators",
    "evaluate_series",
    "evaluate_specs",
    "evaluate_targets",
    "link_target",
    "link_targets",
    "rank",
    "spec_from_indicator",
    "spec_from_target",
    "target_results",
    "target_spec",
    "target_specs",
    "unlinked_targets",
]
