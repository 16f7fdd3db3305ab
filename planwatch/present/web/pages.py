"""One data function per web page: each returns the dict that both the HTML page and its `.json` twin show.

Everything returned is plain JSON data (str, int, bool, None, Decimal, lists, dicts), so the
API cannot drift from the UI. Amounts stay Decimal; 亿元 figures are computed here, once.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from planwatch.document import load_bytes
from planwatch.errors import NotFoundError
from planwatch.evaluate import DEFAULT_SETTINGS
from planwatch.evaluate.classify import is_linear
from planwatch.evaluate.series import due_year
from planwatch.lint import lint_plan
from planwatch.model import Indicator, ParsedPlan, Section
from planwatch.monitor import PlanEvaluation, current_indicators, evaluate_plan, plan_period
from planwatch.parse.pipeline import all_tables, parse_document
from planwatch.present.amounts import plain, yi_yuan
from planwatch.present.evaluation_data import evaluation_data
from planwatch.present.labels import SEARCH_KIND, attribute_label, target_kind_label
from planwatch.present.lint_data import annotated_lines, lint_data
from planwatch.present.plan_data import indicator_data, project_data, project_totals, target_data
from planwatch.store import Store
from planwatch.store.observations import data_version, history
from planwatch.workflow import DEMO_AS_OF

KEY_CARDS = 12
_CENT = Decimal("0.01")
OFF_TRACK = ("red", "yellow")


_EVALUATIONS: OrderedDict[tuple[str, int, date, tuple[int, int]], PlanEvaluation] = OrderedDict()
_KEPT_EVALUATIONS = 64


def _evaluated(store: Store, plan_id: int, as_of: date) -> PlanEvaluation:
    """evaluate_plan, kept while the plan's figures are unchanged: every page of a plan asks for it."""
    key = (store.url, plan_id, as_of, data_version(store, plan_id))
    cached = _EVALUATIONS.get(key)
    if cached is None:
        cached = _EVALUATIONS[key] = evaluate_plan(store, plan_id, as_of)
        if len(_EVALUATIONS) > _KEPT_EVALUATIONS:
            _EVALUATIONS.popitem(last=False)
    return cached


def plans_page(store: Store) -> dict[str, Any]:
    return {
        "plans": [
            {
                "id": p.id,
                "title": p.title,
                "region": p.region,
                "period_start": p.period_start,
                "period_end": p.period_end,
                "version": p.version,
                "stage": p.stage,
                "line_count": p.line_count,
                "indicator_count": p.indicator_count,
                "ingested_at": p.ingested_at.isoformat(timespec="seconds"),
            }
            for p in store.plans()
        ]
    }


def latest_plan_id(store: Store) -> int | None:
    """The plan `/` opens: the most recently stored one."""
    summaries = store.plans()
    return summaries[-1].id if summaries else None


def plan_header(plan_id: int, parsed: ParsedPlan) -> dict[str, Any]:
    plan = parsed.plan
    return {
        "id": plan_id,
        "title": plan.title,
        "region": plan.region,
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "stage": plan.stage,
        "version": plan.version,
        "source_path": plan.source.path,
    }


def overview_page(store: Store, plan_id: int, as_of: date) -> dict[str, Any]:
    result = _evaluated(store, plan_id, as_of)
    evaluation = evaluation_data(result)
    results = [_with_texts(r, result.indicators[r["indicator_id"]]) for r in evaluation["results"]]
    key = [r for r in results if r["latest_value"] is not None][:KEY_CARDS]
    colors = {r["status"]: r["color"] for r in results}
    totals = project_totals(result.parsed.projects)
    due = due_year(as_of, DEFAULT_SETTINGS.annual_publication_lag_days)
    return {
        "plan": plan_header(plan_id, result.parsed),
        "as_of": as_of.isoformat(),
        "demo_as_of": DEMO_AS_OF.isoformat(),
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
        "key_indicators": [{**r, "chart": _card_chart(store, result, r["indicator_id"])} for r in key],
        "projects_by_box": [_box_in_yi(box) for box in totals["boxes"]],
        "projects_overall": _box_in_yi(totals["overall"]),
        "freshness": {
            "due_year": due,
            "missing": [
                {"indicator_id": r["indicator_id"], "name": r["name"], "latest_year": r["latest_year"]}
                for r in results
                if r["latest_year"] is None or r["latest_year"] < due
            ],
        },
    }


def indicators_page(
    store: Store,
    plan_id: int,
    as_of: date,
    category: str | None = None,
    attribute: str | None = None,
    status: str | None = None,
) -> dict[str, Any]:
    result = _evaluated(store, plan_id, as_of)
    judged = {r["indicator_id"]: r for r in evaluation_data(result)["results"]}
    rows = []
    for indicator in current_indicators(result.parsed):
        judgement = judged.get(indicator.id)
        rows.append(
            {
                **_indicator_row(indicator),
                "status": judgement["status"] if judgement else None,
                "color": judgement["color"] if judgement else "grey",
                "latest_year": judgement["latest_year"] if judgement else None,
                "latest_value": judgement["latest_value"] if judgement else None,
            }
        )
    shown = [
        row
        for row in rows
        if (not category or row["category"] == category)
        and (not attribute or row["attribute"] == attribute)
        and (not status or row["status"] == status)
    ]
    return {
        "plan": plan_header(plan_id, result.parsed),
        "as_of": as_of.isoformat(),
        "filters": {"category": category, "attribute": attribute, "status": status},
        "choices": {
            "category": sorted({r["category"] for r in rows if r["category"]}),
            "attribute": sorted({r["attribute"] for r in rows if r["attribute"]}),
            "status": sorted({r["status"] for r in rows if r["status"]}),
        },
        "total": len(rows),
        "indicators": shown,
    }


def indicator_page(store: Store, plan_id: int, indicator_id: str, as_of: date) -> dict[str, Any]:
    result = _evaluated(store, plan_id, as_of)
    parsed = result.parsed
    indicator = next((i for i in parsed.indicators if i.id == indicator_id), None)
    if indicator is None:
        raise NotFoundError(f"规划 {plan_id} 中没有编号为“{indicator_id}”的指标")
    evaluation = next(
        (r for r in evaluation_data(result)["results"] if r["indicator_id"] == indicator_id), None
    )
    observations = history(store, plan_id, indicator_id)
    lines = store.lines(plan_id)
    return {
        "plan": plan_header(plan_id, parsed),
        "as_of": as_of.isoformat(),
        "indicator": {**indicator_data(indicator), "attribute_label": attribute_label(_attr(indicator))},
        "evaluation": _with_texts(evaluation, indicator) if evaluation else None,
        "observations": [
            {
                "period": o.period,
                "value": o.value,
                "unit": o.unit,
                "kind": o.kind.value,
                "as_of": o.as_of.isoformat(),
                "source": o.source,
                "status": o.status.value,
            }
            for o in observations
        ],
        "chart": _with_projection_band(
            _indicator_chart(indicator, observations, plan_period(parsed)), evaluation
        ),
        "source_line": indicator.line,
        "source_quote": _quote(lines, indicator),
    }


def text_page(store: Store, plan_id: int) -> dict[str, Any]:
    """The plan text with what was extracted marked in place, each mark linking to its entity:
    how a planner checks the extraction."""
    parsed = store.load(plan_id)
    lines = store.lines(plan_id)
    marks = _extracted_marks(plan_id, parsed, lines)
    return {
        "plan": plan_header(plan_id, parsed),
        "outline": _outline(parsed.sections),
        "lines": [
            {"number": n, "text": text, "pieces": _pieces(text, marks.get(n, []))}
            for n, text in enumerate(lines, start=1)
        ],
        "marked": {kind: sum(1 for m in marks.values() for x in m if x[2] == kind) for kind in _MARK_KINDS},
    }


_MARK_KINDS = ("indicator", "target", "project")
_Mark = tuple[int, int, str, str, str]  # start, end, kind, link, title


def _extracted_marks(plan_id: int, parsed: ParsedPlan, lines: list[str]) -> dict[int, list[_Mark]]:
    base = f"/plans/{plan_id}"
    found: dict[int, list[_Mark]] = {}

    def mark(line: int, text: str, kind: str, link: str, title: str) -> None:
        at = lines[line - 1].find(text) if text and 0 < line <= len(lines) else -1
        if at >= 0:
            found.setdefault(line, []).append((at, at + len(text), kind, link, title))

    for i in parsed.indicators:
        name_cell = next((c for c in i.cells if c.kind.value == "label" and i.name in c.raw), None)
        if name_cell is not None:
            mark(
                name_cell.line,
                name_cell.raw.strip(),
                "indicator",
                f"{base}/indicators/{i.id}",
                f"指标 {i.id}",
            )
    for t in parsed.targets:
        mark(t.line, t.quote, "target", f"{base}/targets#{t.id}", f"目标 {t.id}：{t.subject}")
    for p in parsed.projects:
        mark(p.line, p.name, "project", f"{base}/projects#{p.id}", f"项目 {p.id}：{p.name}")
    return found


def _pieces(text: str, marks: list[_Mark]) -> list[dict[str, Any]]:
    """`text` cut into plain and marked pieces; a mark overlapping an earlier one is left out."""
    pieces: list[dict[str, Any]] = []
    cursor = 0
    for start, end, kind, link, title in sorted(marks):
        if start < cursor:
            continue
        if start > cursor:
            pieces.append({"text": text[cursor:start]})
        pieces.append({"text": text[start:end], "kind": kind, "link": link, "title": title})
        cursor = end
    pieces.append({"text": text[cursor:]})
    return pieces


def targets_page(store: Store, plan_id: int) -> dict[str, Any]:
    parsed = store.load(plan_id)
    return {
        "plan": plan_header(plan_id, parsed),
        "targets": [
            {**target_data(t), "kind_label": target_kind_label(t.kind.value)} for t in parsed.targets
        ],
    }


def projects_page(store: Store, plan_id: int) -> dict[str, Any]:
    parsed = store.load(plan_id)
    totals = project_totals(parsed.projects)
    return {
        "plan": plan_header(plan_id, parsed),
        "boxes": [_box_in_yi(box) for box in totals["boxes"]],
        "overall": _box_in_yi(totals["overall"]),
        "projects": [
            {**project_data(p), "investment_yi_yuan": yi_yuan(p.investment_wan_yuan)} for p in parsed.projects
        ],
    }


def lint_page(store: Store, plan_id: int) -> dict[str, Any]:
    """Re-read the stored lines as a document, so the report matches the text the database holds."""
    stored = store.load(plan_id)
    document = load_bytes("\n".join(store.lines(plan_id)).encode(), "plan.txt")
    parsed = parse_document(document)
    findings = lint_plan(document, parsed, all_tables(document))
    data = lint_data(document, parsed, findings)
    data["file"] = PurePath(stored.plan.source.path).name  # the server's directories are nobody's business
    return {"plan": plan_header(plan_id, stored), "lint": data, "rows": annotated_lines(document, findings)}


def search_page(store: Store, plan_id: int, query: str, limit: int = 50) -> dict[str, Any]:
    parsed = store.load(plan_id)
    hits = store.search(query, plan_id=plan_id, limit=limit) if query.strip() else []
    return {
        "plan": plan_header(plan_id, parsed),
        "query": query,
        "hits": [
            {
                "kind": hit.kind,
                "kind_label": SEARCH_KIND.get(hit.kind, hit.kind),
                "ref_id": hit.ref_id,
                "line": hit.line,
                "snippet": hit.snippet,
                "pieces": highlight(hit.snippet, hit.snippet_spans),
            }
            for hit in hits
        ],
    }


def highlight(text: str, spans: tuple[tuple[int, int], ...]) -> list[dict[str, Any]]:
    """`text` cut into plain and matched pieces; the template escapes each piece."""
    pieces: list[dict[str, Any]] = []
    cursor = 0
    for start, end in sorted(spans):
        start = max(start, cursor)
        if end <= start:
            continue
        if start > cursor:
            pieces.append({"text": text[cursor:start], "hit": False})
        pieces.append({"text": text[start:end], "hit": True})
        cursor = end
    if cursor < len(text):
        pieces.append({"text": text[cursor:], "hit": False})
    return pieces


# ---- helpers -----------------------------------------------------------------------------------


def _attr(indicator: Indicator) -> str | None:
    return indicator.attribute.value if indicator.attribute else None


def _indicator_row(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.id,
        "name": indicator.name,
        "unit": indicator.unit,
        "category": indicator.category,
        "attribute": _attr(indicator),
        "attribute_label": attribute_label(_attr(indicator)),
        "line": indicator.line,
        "base": indicator.base.raw if indicator.base else None,
        "target": indicator.target.raw if indicator.target else None,
        "target_year": indicator.target.year if indicator.target else None,
    }


def _quote(lines: list[str], indicator: Indicator, most: int = 12) -> str:
    """The table row as written: from the name's line to the last cell's (a flattened row spans lines)."""
    last = max((c.line for c in indicator.cells), default=indicator.line)
    last = min(max(last, indicator.line), indicator.line + most - 1, len(lines))
    return "\n".join(line.strip() for line in lines[indicator.line - 1 : last])


def _with_texts(result: dict[str, Any], indicator: Indicator) -> dict[str, Any]:
    return {
        **result,
        "attribute_label": attribute_label(result["attribute"]),
        "required_growth_text": _per_year(result["required_growth"], indicator, result["method"]),
    }


def _per_year(value: Decimal | None, indicator: Indicator, method: str) -> str | None:
    """Fractions read as % a year; a linear indicator's points in its unit (a growth rate stays %)."""
    if value is None:
        return None
    if method != "growth" and is_linear(indicator.name, indicator.unit):
        unit = "个百分点" if indicator.unit == "%" else (indicator.unit or "")
        return f"每年 {plain(value.quantize(Decimal('0.01')))} {unit}".strip()
    return f"每年 {plain((value * 100).quantize(Decimal('0.01')))}%"


def _box_in_yi(box: dict[str, Any]) -> dict[str, Any]:
    return {**box, "investment_yi_yuan": yi_yuan(box["investment_wan_yuan"])}


def _outline(sections: tuple[Section, ...]) -> list[dict[str, Any]]:
    depth: dict[str, int] = {}
    rows = []
    for section in sections:
        level = depth[section.parent_id] + 1 if section.parent_id in depth else 0
        depth[section.id] = level
        rows.append(
            {
                "id": section.id,
                "number": section.number,
                "title": section.title,
                "line": section.line,
                "depth": level,
                "kind": section.kind.value,
            }
        )
    return rows


def _indicator_chart(
    indicator: Indicator, observations: list[Any], period: tuple[int, int]
) -> dict[str, Any]:
    """Actual annual levels (latest vintage of each year), the straight or compound path from base to
    target, and the target itself."""
    actual: dict[int, Decimal] = {}
    for o in observations:  # ordered by period then as_of: the last one of a year is its latest vintage
        if o.kind.value == "level" and o.period.isdigit():
            actual[int(o.period)] = o.value
    base, target = indicator.base, indicator.target
    start = base.year if base and base.year else period[0] - 1
    end = target.year if target and target.year else period[1]
    expected: dict[int, Decimal] = {}
    if base and target and base.value is not None and target.value is not None and end > start:
        linear = is_linear(indicator.name, indicator.unit) or base.value <= 0 or target.value <= 0
        for year in range(start, end + 1):
            f = Decimal(year - start) / Decimal(end - start)
            if linear:
                value = base.value + (target.value - base.value) * f
            else:
                value = Decimal(float(base.value) * float(target.value / base.value) ** float(f))
            expected[year] = value.quantize(Decimal("0.01"))
    years = sorted({*actual, *expected, *range(start, end + 1)})
    return {
        "unit": indicator.unit,
        "years": [str(y) for y in years],
        "actual": [actual.get(y) for y in years],
        "expected": [expected.get(y) for y in years],
        "target": target.value if target else None,
        "target_year": end,
    }


def _card_chart(store: Store, result: PlanEvaluation, indicator_id: str) -> dict[str, Any] | None:
    """A key indicator card's small chart: the series of its detail page without the band; None when
    there are not two levels to draw (a series judged on its growth rates alone)."""
    indicator = result.indicators[indicator_id]
    observed = history(store, result.plan_id, indicator_id)
    chart = _indicator_chart(indicator, observed, plan_period(result.parsed))
    return chart if sum(1 for value in chart["actual"] if value is not None) >= 2 else None


def _with_projection_band(chart: dict[str, Any], evaluation: dict[str, Any] | None) -> dict[str, Any]:
    """Add the evaluation's projection range for the target year as `band_low` / `band_high`, aligned
    with `years`: both start at the latest actual level and open out to the range at the target year.
    Both are all None when there is no projection (or no actual level to start it from)."""
    years = [int(y) for y in chart["years"]]
    low: list[Any] = [None] * len(years)
    high: list[Any] = [None] * len(years)
    chart = {**chart, "band_low": low, "band_high": high}
    if not evaluation or evaluation.get("projection_low") is None:
        return chart
    p_low, p_high = evaluation["projection_low"], evaluation.get("projection_high")
    if p_high is None or chart["target_year"] not in years:
        return chart
    end = years.index(chart["target_year"])
    actual = chart["actual"]
    latest_year = evaluation.get("latest_year")
    start: int | None = None
    if latest_year in years and actual[years.index(latest_year)] is not None:
        start = years.index(latest_year)
    elif (
        latest_year in years
        and evaluation.get("latest_value") is not None
        and (evaluation.get("latest_unit") or None) == (chart["unit"] or None)
    ):
        start = years.index(latest_year)
        actual = [*actual]
        actual[start] = evaluation["latest_value"]
    else:  # the evaluation judged a growth rate: start from the latest actual level drawn
        drawn = [i for i, v in enumerate(actual) if v is not None and i < end]
        start = drawn[-1] if drawn else None
    if start is None or start >= end:
        low[end], high[end] = p_low, p_high
        return chart
    s_value, s_year = Decimal(str(actual[start])), years[start]
    span = Decimal(years[end] - s_year)
    for i in range(start, end + 1):
        f = Decimal(years[i] - s_year) / span
        low[i] = (s_value + (Decimal(str(p_low)) - s_value) * f).quantize(Decimal("0.01"))
        high[i] = (s_value + (Decimal(str(p_high)) - s_value) * f).quantize(Decimal("0.01"))
    return chart
