"""总览 (一屏全观): the state of a plan on one screen."""

from __future__ import annotations

from datetime import date
from typing import Any

from planwatch.evaluate import DEFAULT_SETTINGS
from planwatch.evaluate.series import due_year
from planwatch.present.evaluation_data import evaluation_data
from planwatch.present.pages.charts import card_chart
from planwatch.present.pages.common import OFF_TRACK, box_in_yi, plan_header, with_texts
from planwatch.present.pages.followup import tasks_card
from planwatch.present.pages.kept import kept_while_unchanged
from planwatch.present.pages.schedule import schedule_card
from planwatch.present.plan_data import project_totals
from planwatch.services.evaluation import evaluated
from planwatch.services.figures import demo_as_of
from planwatch.store import Store

KEY_CARDS = 12


@kept_while_unchanged
def overview_page(store: Store, plan_id: int, as_of: date, pending: bool = False) -> dict[str, Any]:
    """`pending`: count the figures awaiting review or approval too (each such result is 未审批)."""
    result = evaluated(store, plan_id, as_of, pending=pending)
    evaluation = evaluation_data(result)
    results = [with_texts(r, result.indicators[r["indicator_id"]]) for r in evaluation["results"]]
    key = [r for r in results if r["latest_value"] is not None][:KEY_CARDS]
    colors = {r["status"]: r["color"] for r in results}
    totals = project_totals(result.parsed.projects)
    due = due_year(as_of, DEFAULT_SETTINGS.annual_publication_lag_days)
    demo = demo_as_of(store, plan_id)
    return {
        "plan": plan_header(plan_id, result.parsed),
        "as_of": as_of.isoformat(),
        "pending": pending,
        "demo_as_of": demo.isoformat() if demo else None,
        "summary": evaluation["summary"],
        "status_counts": [
            {"status": status, "count": count, "color": colors[status]}
            for status, count in evaluation["summary"]["by_status"].items()
        ],
        "binding_off_track": [r for r in results if r["attribute"] == "binding" and r["color"] in OFF_TRACK],
        "binding_unjudged": [
            {"indicator_id": r["indicator_id"], "name": r["name"], "status": r["status"]}
            for r in results
            if r["attribute"] == "binding" and r["color"] == "grey"
        ],
        "key_indicators": [{**r, "chart": card_chart(result, r["indicator_id"])} for r in key],
        "targets": _target_counts(evaluation["targets"]),
        "projects_by_box": [
            box_in_yi(box) for box in totals["boxes"] if box["investment_wan_yuan"] is not None
        ],
        "projects_unlisted_boxes": [
            box["box"] for box in totals["boxes"] if box["investment_wan_yuan"] is None
        ],
        "projects_overall": box_in_yi(totals["overall"]),
        "schedule": schedule_card(store, plan_id, as_of),
        "tasks": tasks_card(store, plan_id, as_of),
        "freshness": {
            "due_year": due,
            "missing": [
                {"indicator_id": r["indicator_id"], "name": r["name"], "latest_year": r["latest_year"]}
                for r in results
                if r["latest_year"] is None or r["latest_year"] < due
            ],
        },
    }


def _target_counts(section: dict[str, Any]) -> dict[str, Any]:
    """The prose targets' card: how many are judged on their own, by status (those restating a row
    are counted with the indicators)."""
    colors = {r["status"]: r["color"] for r in section["results"]}
    return {
        **section["summary"],
        "status_counts": [
            {"status": status, "count": count, "color": colors[status]}
            for status, count in section["summary"]["by_status"].items()
        ],
    }
