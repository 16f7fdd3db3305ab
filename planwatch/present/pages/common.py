"""What several pages show the same way: the plan's header, amounts in 亿元, growth still required."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from planwatch.errors import NotFoundError
from planwatch.evaluate.classify import is_linear
from planwatch.formatting import plain
from planwatch.model import Indicator, ParsedPlan
from planwatch.present.amounts import yi_yuan
from planwatch.present.labels import attribute_label
from planwatch.services.versions import version_id
from planwatch.store import Store

OFF_TRACK = ("red", "yellow")


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


def version_of(store: Store, plan_id: int, number: int | None = None) -> tuple[int, ParsedPlan]:
    """(version id, the version keyed): version `number`, or the one in force today."""
    chosen = version_id(store, plan_id, number)
    return chosen, store.load(chosen)


def find_indicator(parsed: ParsedPlan, plan_id: int, indicator_id: str) -> Indicator:
    found = next((i for i in parsed.indicators if i.id == indicator_id), None)
    if found is None:
        raise NotFoundError(f"规划 {plan_id} 中没有编号为“{indicator_id}”的指标")
    return found


def attribute_code(indicator: Indicator) -> str | None:
    return indicator.attribute.value if indicator.attribute else None


def indicator_row(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.id,
        "name": indicator.name,
        "unit": indicator.unit,
        "category": indicator.category,
        "attribute": attribute_code(indicator),
        "attribute_label": attribute_label(attribute_code(indicator)),
        "line": indicator.line,
        "base": indicator.base.raw if indicator.base else None,
        "target": indicator.target.raw if indicator.target else None,
        "target_year": indicator.target.year if indicator.target else None,
    }


def with_texts(result: dict[str, Any], indicator: Indicator) -> dict[str, Any]:
    return {
        **result,
        "attribute_label": attribute_label(result["attribute"]),
        "required_growth_text": per_year(result["required_growth"], indicator, result["method"]),
    }


def per_year(value: Decimal | None, indicator: Indicator, method: str) -> str | None:
    """Fractions read as % a year; a linear indicator's points in its unit (a growth rate stays %)."""
    if value is None:
        return None
    if method != "growth" and is_linear(indicator.name, indicator.unit):
        unit = "个百分点" if indicator.unit == "%" else (indicator.unit or "")
        return f"每年 {plain(value, 2)} {unit}".strip()
    return f"每年 {plain(value * 100, 2)}%"


def box_in_yi(box: dict[str, Any]) -> dict[str, Any]:
    return {**box, "investment_yi_yuan": yi_yuan(box["investment_wan_yuan"])}
