"""An evaluation as plain data: the JSON of `planwatch evaluate --format json` (docs/monitoring.md)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from planwatch.evaluate import TargetResult
from planwatch.model import Attribute, Evaluation, EvaluationStatus
from planwatch.services.evaluation import PlanEvaluation

STATUS_ORDER = [s.value for s in EvaluationStatus]


def evaluation_data(result: PlanEvaluation, targets: Sequence[TargetResult] | None = None) -> dict[str, Any]:
    """The indicators' evaluation and the prose targets' (`targets`, else the result's own)."""
    counts = Counter(e.status.value for e in result.evaluations)
    binding_red = sum(
        1
        for e in result.evaluations
        if e.color.value == "red" and result.indicators[e.series_id].attribute is Attribute.BINDING
    )
    data: dict[str, Any] = {
        "as_of": result.as_of.isoformat(),
        "plan_id": str(result.plan_id),
        "plan_title": result.parsed.plan.title,
        "pending": result.pending,  # figures awaiting review or approval were counted (未审批)
        "summary": {
            "by_status": _by_status(counts),
            "binding_red": binding_red,
            "total": len(result.evaluations),
        },
        "results": [
            {
                "indicator_id": e.series_id,
                "name": e.name,
                "unit": result.indicators[e.series_id].unit,
                "attribute": (a.value if (a := result.indicators[e.series_id].attribute) else None),
                **_judgement(e, result.indicators[e.series_id].unit),
                "unapproved": e.series_id in result.unapproved,
            }
            for e in result.evaluations
        ],
    }
    data["targets"] = target_data(result.targets if targets is None else targets)
    return data


def target_data(results: Sequence[TargetResult]) -> dict[str, Any]:
    """Prose targets: every one listed; the summary counts those judged on their own, since a
    target restating a row (`counted_with_indicator`) is already counted among the indicators."""
    own = [r for r in results if not r.counted_with_indicator]
    return {
        "summary": {
            "by_status": _by_status(Counter(r.evaluation.status.value for r in own)),
            "judged": len(own),
            "counted_with_indicators": len(results) - len(own),
            "total": len(results),
        },
        "results": [_target_row(r) for r in results],
    }


def _target_row(result: TargetResult) -> dict[str, Any]:
    target, link = result.target, result.link
    return {
        "target_id": target.id,
        "subject": target.subject,
        "quote": target.quote,
        "line": target.line,
        "kind": target.kind.value,
        "target_value": target.value,
        "target_unit": target.unit,
        "target_year": result.spec.target_year,
        "indicator_id": link.indicator_id if link else None,
        "counted_with_indicator": result.counted_with_indicator,
        "link_reason": link.reason if link else None,
        **_judgement(result.evaluation, result.spec.unit),
    }


def _by_status(counts: Counter[str]) -> dict[str, int]:
    return {status: counts[status] for status in STATUS_ORDER if counts[status]}


def _judgement(e: Evaluation, unit: str | None) -> dict[str, Any]:
    return {
        "status": e.status.value,  # the label people read (docs/monitoring.md, changelog)
        "status_code": e.status.code,  # stable across wordings, for scripts
        "color": e.color.value,
        "method": e.method,
        "latest_year": e.latest_year,
        "latest_value": e.latest_value,
        # the engine says where the latest figure is not in the series' unit (a growth rate: %)
        "latest_unit": e.latest_unit or unit,
        "expected_value": e.expected_value,
        "elapsed": e.elapsed,
        "progress": e.progress,
        "schedule_gap": e.schedule_gap,
        "realised_growth": e.realised_growth,
        "required_growth": e.required_growth,
        "projection": e.projection,
        "projection_low": e.projection_low,
        "projection_high": e.projection_high,
        "explanation": e.explanation,
    }
