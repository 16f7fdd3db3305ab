"""An evaluation as plain data: the JSON of `planwatch evaluate --format json` (docs/monitoring.md)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from planwatch.model import Attribute, EvaluationStatus
from planwatch.monitor import PlanEvaluation

STATUS_ORDER = [s.value for s in EvaluationStatus]


def evaluation_data(result: PlanEvaluation) -> dict[str, Any]:
    counts = Counter(e.status.value for e in result.evaluations)
    binding_red = sum(
        1
        for e in result.evaluations
        if e.color.value == "red" and result.indicators[e.series_id].attribute is Attribute.BINDING
    )
    return {
        "as_of": result.as_of.isoformat(),
        "plan_id": str(result.plan_id),
        "plan_title": result.parsed.plan.title,
        "summary": {
            "by_status": {status: counts[status] for status in STATUS_ORDER if counts[status]},
            "binding_red": binding_red,
            "total": len(result.evaluations),
        },
        "results": [
            {
                "indicator_id": e.series_id,
                "name": e.name,
                "unit": result.indicators[e.series_id].unit,
                "attribute": (a.value if (a := result.indicators[e.series_id].attribute) else None),
                "status": e.status.value,  # the label people read (docs/monitoring.md, changelog)
                "status_code": e.status.code,  # stable across wordings, for scripts
                "color": e.color.value,
                "method": e.method,
                "latest_year": e.latest_year,
                "latest_value": e.latest_value,
                # a growth rule judges the reported rates: its latest figure is a rate, not a level
                "latest_unit": "%" if e.method == "growth" else result.indicators[e.series_id].unit,
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
            for e in result.evaluations
        ],
    }
