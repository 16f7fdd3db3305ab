"""公开门户 (/public/): what the public may see of each plan: the indicator table with statuses, each
indicator's chart and figures with their sources, the plan text, and the open data. Approved figures
only (as the evaluation counts them by default), the version in force, and no one's name: not who
entered, reviewed or approved a figure, not who read a bulletin. No draft review (审稿), no pending
figure, no form."""

from __future__ import annotations

from datetime import date
from typing import Any

from planwatch.formatting import plain
from planwatch.model import Observation, ObservationKind, ObservationStatus
from planwatch.present.evaluation_data import evaluation_data
from planwatch.present.labels import OBSERVATION_KIND, OBSERVATION_STATUS, attribute_label
from planwatch.present.pages.charts import indicator_chart
from planwatch.present.pages.common import attribute_code, find_indicator
from planwatch.present.pages.text import outline
from planwatch.services.evaluation import evaluated, plan_period
from planwatch.services.versions import adoptions, version_in_force
from planwatch.store import Store
from planwatch.store.approvals import Figure, approved

OPEN_DATA_COLUMNS = (
    ("plan_id", "规划编号"),
    ("series_id", "指标编号"),
    ("name", "指标名称"),
    ("period", "期间"),
    ("kind", "类型"),
    ("value", "数值"),
    ("unit", "单位"),
    ("status", "数据状态"),
    ("as_of", "发布日期"),
    ("approved_on", "审批日期"),
    ("source", "来源"),
    ("latest", "截至当日最新"),
)


def portal_page(store: Store) -> dict[str, Any]:
    rows = []
    for plan in store.plans():
        parsed = store.load(version_in_force(store, plan.id))
        start_end = parsed.period()
        rows.append(
            {
                "id": plan.id,
                "title": plan.title,
                "region": plan.region,
                "period": f"{start_end[0]}—{start_end[1]}年" if start_end else None,
                "stage": _stage(store, plan.id, parsed.plan.stage),
            }
        )
    return {"plans": rows}


def public_plan_page(store: Store, plan_id: int, as_of: date) -> dict[str, Any]:
    result = evaluated(store, plan_id, as_of)
    data = evaluation_data(result)
    return {
        "plan": _header(
            store, plan_id, result.parsed.plan.title, result.parsed.plan.region, result.parsed.plan.stage
        ),
        "as_of": as_of.isoformat(),
        "summary": data["summary"],
        "indicators": [
            {
                "id": r["indicator_id"],
                "name": r["name"],
                "unit": r["unit"],
                "attribute_label": attribute_label(r["attribute"]),
                "base": _raw(result.indicators[r["indicator_id"]].base),
                "target": _raw(result.indicators[r["indicator_id"]].target),
                "latest_year": r["latest_year"],
                "latest_value": r["latest_value"],
                "latest_unit": r["latest_unit"],
                "status": r["status"],
                "color": r["color"],
                "explanation": r["explanation"],
            }
            for r in sorted(data["results"], key=lambda r: _order(r["indicator_id"]))
        ],
    }


def public_indicator_page(store: Store, plan_id: int, indicator_id: str, as_of: date) -> dict[str, Any]:
    result = evaluated(store, plan_id, as_of)
    indicator = find_indicator(result.parsed, plan_id, indicator_id)
    judged = next((r for r in evaluation_data(result)["results"] if r["indicator_id"] == indicator_id), None)
    with store.reading() as connection:
        figures = approved(connection, plan_id, as_of, [indicator_id])
    chart = indicator_chart(indicator, [_observation(f) for f in figures], plan_period(result.parsed, as_of))
    return {
        "plan": _header(
            store, plan_id, result.parsed.plan.title, result.parsed.plan.region, result.parsed.plan.stage
        ),
        "as_of": as_of.isoformat(),
        "indicator": {
            "id": indicator.id,
            "name": indicator.name,
            "unit": indicator.unit,
            "attribute_label": attribute_label(attribute_code(indicator)),
            "base": _raw(indicator.base),
            "base_year": indicator.base.year if indicator.base else None,
            "target": _raw(indicator.target),
            "target_year": indicator.target.year if indicator.target else None,
            "line": indicator.line,
        },
        "evaluation": None
        if judged is None
        else {
            k: judged[k]
            for k in ("status", "color", "latest_year", "latest_value", "latest_unit", "explanation")
        },
        "chart": chart,
        "figures": [_figure_row(f) for f in figures],
    }


def public_text_page(store: Store, plan_id: int) -> dict[str, Any]:
    version = version_in_force(store, plan_id)
    parsed = store.load(version)
    return {
        "plan": _header(store, plan_id, parsed.plan.title, parsed.plan.region, parsed.plan.stage),
        "outline": [s for s in outline(parsed.sections) if s["depth"] < 3],
        "lines": [{"number": n, "text": text} for n, text in enumerate(store.lines(version), start=1)],
    }


def open_data(store: Store, plan_id: int, as_of: date) -> dict[str, Any]:
    """Every approved vintage of every series of the plan known by `as_of`, for download; `latest`
    marks the vintage the evaluation reads for its period."""
    parsed = store.load(version_in_force(store, plan_id, as_of))
    names = {s.id: s.name for s in parsed.series()}
    with store.reading() as connection:
        figures = approved(connection, plan_id, as_of)
    latest: dict[tuple[str, str, str], int] = {}
    for f in figures:  # ordered by as_of then id within each (series, period, kind)
        latest[(f.series_id, f.period, f.kind)] = f.id
    rows = [
        {
            "plan_id": plan_id,
            "series_id": f.series_id,
            "name": names.get(f.series_id, ""),
            "period": f.period,
            "kind": OBSERVATION_KIND.get(f.kind, f.kind),
            "value": f.value,
            "unit": f.unit,
            "status": OBSERVATION_STATUS.get(f.status, f.status),
            "as_of": f.as_of.isoformat(),
            "approved_on": f.approved_on.isoformat() if f.approved_on else None,
            "source": f.source,
            "latest": latest[(f.series_id, f.period, f.kind)] == f.id,
        }
        for f in figures
    ]
    return {
        "plan": {"id": plan_id, "title": parsed.plan.title, "region": parsed.plan.region},
        "as_of": as_of.isoformat(),
        "columns": [{"key": key, "label": label} for key, label in OPEN_DATA_COLUMNS],
        "figures": rows,
    }


def _header(store: Store, plan_id: int, title: str, region: str | None, stage: str | None) -> dict[str, Any]:
    return {"id": plan_id, "title": title, "region": region, "stage": _stage(store, plan_id, stage)}


def _stage(store: Store, plan_id: int, stage: str | None) -> str:
    """What the public is shown of the text: the adopted text, or the draft with its stage said."""
    today = date.today()
    adopted = next((a for a in reversed(adoptions(store, plan_id)) if a.in_force_from <= today), None)
    if adopted is not None:
        return f"自{adopted.in_force_from.isoformat()}起施行" + (
            f"（{adopted.document_no}）" if adopted.document_no else ""
        )
    return f"尚未批准施行，现为{stage or '草案'}"


def _raw(ref: Any) -> str | None:
    return ref.raw.strip() or None if ref is not None else None


def _order(series_id: str) -> tuple[str, str]:
    head, _, tail = series_id.partition(".")
    return head, tail.zfill(4)


def _figure_row(f: Figure) -> dict[str, Any]:
    return {
        "period": f.period,
        "kind": f.kind,
        "kind_label": OBSERVATION_KIND.get(f.kind, f.kind),
        "value": f.value,
        "value_text": plain(f.value, keep_zeros=True),
        "unit": f.unit,
        "status_label": OBSERVATION_STATUS.get(f.status, f.status),
        "as_of": f.as_of.isoformat(),
        "approved_on": f.approved_on.isoformat() if f.approved_on else None,
        "source": f.source,
    }


def _observation(f: Figure) -> Observation:
    return Observation(
        f.series_id,
        f.period,
        f.value,
        f.unit,
        ObservationKind(f.kind),
        f.as_of,
        f.source,
        ObservationStatus(f.status),
    )
