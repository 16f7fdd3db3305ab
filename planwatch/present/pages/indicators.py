"""指标: the monitored indicators with their status and filters, and one indicator's detail page."""

from __future__ import annotations

from datetime import date
from typing import Any

from planwatch.evaluate import DEFAULT_SETTINGS
from planwatch.evaluate.series import due_year
from planwatch.model import Indicator
from planwatch.present.evaluation_data import evaluation_data
from planwatch.present.labels import attribute_label
from planwatch.present.pages.charts import counted_chart, indicator_chart, with_projection_band
from planwatch.present.pages.common import (
    attribute_code,
    find_indicator,
    indicator_row,
    plan_header,
    with_texts,
)
from planwatch.present.pages.kept import kept_while_unchanged
from planwatch.present.plan_data import indicator_data
from planwatch.services.evaluation import evaluated, plan_period
from planwatch.store import Store
from planwatch.store.observations import history
from planwatch.store.vintages import observations_as_of


@kept_while_unchanged
def indicators_page(
    store: Store,
    plan_id: int,
    as_of: date,
    category: str | None = None,
    attribute: str | None = None,
    status: str | None = None,
    pending: bool = False,
    missing: bool = False,
) -> dict[str, Any]:
    """`missing`: only those without the figure that should be out by `as_of` (the overview's 数据时效)."""
    result = evaluated(store, plan_id, as_of, pending=pending)
    due = due_year(as_of, DEFAULT_SETTINGS.annual_publication_lag_days)
    judged = {r["indicator_id"]: r for r in evaluation_data(result)["results"]}
    rows = []
    for indicator in result.parsed.monitored_indicators():
        judgement = judged.get(indicator.id)
        rows.append(
            {
                **indicator_row(indicator),
                "status": judgement["status"] if judgement else None,
                "color": judgement["color"] if judgement else "grey",
                "latest_year": judgement["latest_year"] if judgement else None,
                "latest_value": judgement["latest_value"] if judgement else None,
                "unapproved": bool(judgement and judgement["unapproved"]),
            }
        )
    shown = [
        row
        for row in rows
        if (not category or row["category"] == category)
        and (not attribute or row["attribute"] == attribute)
        and (not status or row["status"] == status)
        and (not missing or row["latest_year"] is None or row["latest_year"] < due)
    ]
    return {
        "plan": plan_header(plan_id, result.parsed),
        "as_of": as_of.isoformat(),
        "pending": pending,
        "filters": {"category": category, "attribute": attribute, "status": status, "missing": missing},
        "due_year": due,
        "choices": {
            "category": sorted({r["category"] for r in rows if r["category"]}),
            "attribute": sorted({r["attribute"] for r in rows if r["attribute"]}),
            "status": sorted({r["status"] for r in rows if r["status"]}),
        },
        "total": len(rows),
        "indicators": shown,
    }


@kept_while_unchanged
def indicator_page(
    store: Store, plan_id: int, indicator_id: str, as_of: date, pending: bool = False
) -> dict[str, Any]:
    result = evaluated(store, plan_id, as_of, pending=pending)
    parsed = result.parsed
    indicator = find_indicator(parsed, plan_id, indicator_id)
    evaluation = next(
        (r for r in evaluation_data(result)["results"] if r["indicator_id"] == indicator_id), None
    )
    observations = history(store, plan_id, indicator_id)
    lines = store.lines(result.version_id)
    if indicator_id in result.indicators:
        chart = counted_chart(result, indicator_id)
    else:  # the review table's rows are kept, not judged: drawn from the figures that count all the same
        counted = observations_as_of(store, plan_id, as_of, [indicator_id], pending=pending)
        chart = indicator_chart(indicator, counted.get(indicator_id, []), plan_period(parsed, as_of))
    return {
        "plan": plan_header(plan_id, parsed),
        "as_of": as_of.isoformat(),
        "pending": pending,
        "indicator": {
            **indicator_data(indicator),
            "attribute_label": attribute_label(attribute_code(indicator)),
        },
        "evaluation": with_texts(evaluation, indicator) if evaluation else None,
        "observations": [
            {
                "period": o.period,
                "value": o.value,
                "unit": o.unit,
                "kind": o.kind.value,
                "as_of": o.as_of.isoformat(),
                "source": o.source,
                "status": o.status.value,
                "approval": o.approval.value if o.approval else None,
                "approved_on": o.approved_on.isoformat() if o.approved_on else None,
            }
            for o in observations
        ],
        "chart": with_projection_band(chart, evaluation),
        "source_line": indicator.line,
        "source_quote": source_quote(lines, indicator),
    }


def source_quote(lines: list[str], indicator: Indicator, most: int = 12) -> str:
    """The table row as written: from the name's line to the last cell's (a flattened row spans lines)."""
    last = max((c.line for c in indicator.cells), default=indicator.line)
    last = min(max(last, indicator.line), indicator.line + most - 1, len(lines))
    return "\n".join(line.strip() for line in lines[indicator.line - 1 : last])
