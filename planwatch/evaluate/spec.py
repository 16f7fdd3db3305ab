"""What is being judged: one series, its base, its target and the rule that applies.

A `SeriesSpec` is built once per indicator (`spec_from_indicator`) or prose target
(`spec_from_target`) and then evaluated against any number of observation sets and dates,
so everything that depends on the plan alone (kinds, path, direction, target value, the
floats the engine needs) is worked out here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import Literal, TypedDict

from planwatch.evaluate.classify import classify, is_intensity, is_linear
from planwatch.model import Attribute, CellKind, Indicator, Target, TargetKind

Path = Literal["geometric", "linear"]
Direction = Literal["rising", "falling"]
CumulativeMode = Literal["points", "percent", "intensity", "additive"]

_HUNDRED = Decimal(100)


class SpecKind(StrEnum):
    LEVEL = "level"  # 达到 545 亿元
    FLOOR = "floor"  # 8以上, 超过, 突破
    APPROX = "approx"  # 9左右
    CEILING = "ceiling"  # 5以内, 不超过
    KEEP_STABLE = "keep_stable"  # 保持稳定 (or a target equal to its base)
    CUMULATIVE = "cumulative"  # [10], 【2.5】
    GROWTH = "growth"  # 年均增长 7.5%左右, with no level target
    QUALITATIVE = "qualitative"  # 全市领先 → 需人工评估
    RELATIVE = "relative"  # 与经济增长同步 → 需人工评估
    STRUCTURE = "structure"  # 9:50:41 → 需人工评估
    ASSIGNED = "assigned"  # 下达目标 → 目标待定
    PLACEHOLDER = "placeholder"  # **, [] → 需人工评估 (a defect of the draft)
    MISSING = "missing"  # empty, -- → 需人工评估


LEVEL_KINDS = frozenset({SpecKind.LEVEL, SpecKind.FLOOR, SpecKind.APPROX})
MANUAL_KINDS = frozenset(
    {
        SpecKind.QUALITATIVE,
        SpecKind.RELATIVE,
        SpecKind.STRUCTURE,
        SpecKind.ASSIGNED,
        SpecKind.PLACEHOLDER,
        SpecKind.MISSING,
    }
)


@dataclass(frozen=True, slots=True)
class SeriesSpec:
    id: str
    name: str
    unit: str | None
    kind: SpecKind
    base_year: int
    target_year: int
    binding: bool = False
    path: Path = "geometric"  # amounts and counts; "linear" for %, ‰, 比, 率
    direction: Direction = "rising"
    base_value: Decimal | None = None  # B; None → the base-year observation
    target_value: Decimal | None = None  # T (for cumulative: B ± Δ or B·(1 ± Δ/100) once B is known)
    growth_target: Decimal | None = None  # g* in percent (7.5 for 7.5%)
    growth_approx: bool = False  # g* written with 左右
    cumulative_delta: Decimal | None = None  # Δ of [Δ] / 【Δ】
    cumulative_mode: CumulativeMode | None = None
    values_are_rates: bool = False  # the series is itself a growth rate (固定资产投资增速 %)
    target_raw: str = ""
    growth_raw: str = ""
    note: str = ""  # Chinese: why the series needs a person, or what else the plan says
    data_id: str = ""  # the series whose figures are read, when not `id` (a target linked to a row)

    @property
    def manual(self) -> bool:
        """Judged by a person, not by a rule (需人工评估 / 目标待定)."""
        return self.kind in MANUAL_KINDS


def cumulative_target(spec: SeriesSpec, base: Decimal) -> Decimal | None:
    """T from B and Δ: points (B ± Δ), percent (B·(1 ± Δ/100)), intensity (B·(1 − Δ/100))."""
    delta = spec.cumulative_delta
    if delta is None:
        return None
    falling = spec.direction == "falling"
    if spec.cumulative_mode == "points":
        return base - delta if falling else base + delta
    if spec.cumulative_mode == "intensity":
        return base * (1 - delta / _HUNDRED)
    if spec.cumulative_mode == "percent":
        return base * (1 - delta / _HUNDRED) if falling else base * (1 + delta / _HUNDRED)
    return None  # additive flows have no level target


class _Common(TypedDict, total=False):
    id: str
    name: str
    unit: str | None
    base_year: int
    target_year: int
    binding: bool
    path: Path
    base_value: Decimal | None
    values_are_rates: bool
    target_raw: str
    growth_raw: str


_NUMERIC = frozenset({CellKind.NUMBER, CellKind.APPROX, CellKind.FLOOR})
_LEVEL_KIND = {
    CellKind.NUMBER: SpecKind.LEVEL,
    CellKind.APPROX: SpecKind.APPROX,
    CellKind.FLOOR: SpecKind.FLOOR,
}
_MANUAL_CELL = {
    CellKind.QUALITATIVE: SpecKind.QUALITATIVE,
    CellKind.RELATIVE: SpecKind.RELATIVE,
    CellKind.STRUCTURE: SpecKind.STRUCTURE,
    CellKind.PLACEHOLDER: SpecKind.PLACEHOLDER,
}
_RATE_UNITS = frozenset({"%", "％", "‰"})


def _cumulative_mode(name: str, unit: str | None, in_target_column: bool) -> CumulativeMode:
    if unit in _RATE_UNITS:
        return "intensity" if is_intensity(name) else "points"
    return "additive" if in_target_column else "percent"


_CUMULATIVE_NOTE = {
    "points": "累计目标{raw}按百分点计：目标值＝基期值{sign}{delta}",
    "percent": "累计目标{raw}按百分比计：目标值＝基期值×(1{sign}{delta}%)",
    "intensity": "累计降低{raw}：目标值＝基期强度×(1−{delta}%)",
    "additive": "期内累计目标{raw}：进度＝逐年新增量之和÷{delta}",
}


def _cumulative_spec(
    common: _Common, mode: CumulativeMode, delta: Decimal, raw: str, direction: Direction
) -> SeriesSpec:
    if mode == "intensity":
        direction = "falling"
        common["path"] = "geometric"  # an intensity is an amount per unit of output, whatever its unit
        if common.get("unit") in _RATE_UNITS:
            common["base_value"] = None  # a base cell in % is a past reduction, not the intensity
    sign = "−" if direction == "falling" else "+"
    note = _CUMULATIVE_NOTE[mode].format(raw=raw, sign=sign, delta=delta)
    spec = SeriesSpec(
        kind=SpecKind.CUMULATIVE,
        direction=direction,
        cumulative_delta=delta,
        cumulative_mode=mode,
        note=note,
        **common,
    )
    if spec.base_value is None:
        return spec
    return replace(spec, target_value=cumulative_target(spec, spec.base_value))


def _manual_note(kind: SpecKind, raw: str) -> str:
    if kind is SpecKind.QUALITATIVE:
        return f"目标为定性表述“{raw}”，需人工评估"
    if kind is SpecKind.RELATIVE:
        return f"目标为相对表述“{raw}”，需对照相关指标人工评估"
    if kind is SpecKind.STRUCTURE:
        return f"目标为结构比例“{raw}”，需人工评估"
    return f"目标值为占位符“{raw}”，草案待补"


def spec_from_indicator(
    indicator: Indicator, period_end: int, *, period_start: int | None = None
) -> SeriesSpec:
    """The spec of an indicator table row (专栏 主要指标). The rules are listed in docs/evaluation.md."""
    name, unit = indicator.name, indicator.unit
    base, target, growth = indicator.base, indicator.target, indicator.growth
    base_year = base.year if base is not None else None
    if base_year is None:
        base_year = period_start - 1 if period_start is not None else period_end - 5
    target_year = target.year if target is not None and target.year is not None else period_end
    base_value = base.value if base is not None and base.kind in _NUMERIC else None
    tk = target.kind if target is not None else CellKind.EMPTY
    gk = growth.kind if growth is not None else CellKind.EMPTY
    tv = target.value if target is not None else None
    gv = growth.value if growth is not None else None
    t_raw = target.raw if target is not None else ""
    g_raw = growth.raw if growth is not None else ""
    path, by_name, rates = classify(name, unit)
    common: _Common = {
        "id": indicator.id,
        "name": name,
        "unit": unit,
        "base_year": base_year,
        "target_year": target_year,
        "binding": indicator.attribute is Attribute.BINDING,
        "path": path,
        "base_value": base_value,
        "values_are_rates": rates,
        "target_raw": t_raw,
        "growth_raw": g_raw,
    }
    note = f"增速栏“{g_raw}”为相对表述，未参与判断" if gk is CellKind.RELATIVE else ""

    if tk is CellKind.ASSIGNED or (gk is CellKind.ASSIGNED and tk not in _NUMERIC):
        return SeriesSpec(
            kind=SpecKind.ASSIGNED, direction=by_name, note="目标由上级下达，尚未确定", **common
        )
    if tk in _NUMERIC and tv is not None:
        if base_value is not None and base_value == tv:
            note = note or "目标值与基期值相同，按保持稳定评估"
            return SeriesSpec(kind=SpecKind.KEEP_STABLE, target_value=tv, note=note, **common)
        direction: Direction = by_name if base_value is None else ("falling" if tv < base_value else "rising")
        return SeriesSpec(
            kind=_LEVEL_KIND[tk],
            direction=direction,
            target_value=tv,
            growth_target=gv if gk in _NUMERIC else None,
            growth_approx=gk is CellKind.APPROX,
            note=note,
            **common,
        )
    if tk is CellKind.CEILING and tv is not None:
        return SeriesSpec(kind=SpecKind.CEILING, direction="falling", target_value=tv, **common)
    if tk is CellKind.CUMULATIVE and tv is not None:
        return _cumulative_spec(common, _cumulative_mode(name, unit, True), tv, t_raw, by_name)
    if CellKind.KEEP_STABLE in (tk, gk):
        return SeriesSpec(kind=SpecKind.KEEP_STABLE, **common)
    if gk is CellKind.CUMULATIVE and gv is not None:
        return _cumulative_spec(common, _cumulative_mode(name, unit, False), gv, g_raw, by_name)
    if gk in _NUMERIC and gv is not None:
        approx = gk is CellKind.APPROX or g_raw.endswith("左右")
        return SeriesSpec(
            kind=SpecKind.GROWTH, direction=by_name, growth_target=gv, growth_approx=approx, **common
        )
    for kind, raw in ((tk, t_raw), (gk, g_raw)):
        if kind in _MANUAL_CELL:
            manual = _MANUAL_CELL[kind]
            return SeriesSpec(kind=manual, note=_manual_note(manual, raw), **common)
    return SeriesSpec(kind=SpecKind.MISSING, note="未给出目标值或增速，无法评估", **common)


_TARGET_LEVEL = {TargetKind.LEVEL: SpecKind.LEVEL, TargetKind.APPROX: SpecKind.APPROX}


def _prose_cumulative_mode(name: str, unit: str | None, direction: Direction) -> CumulativeMode:
    """下降30% of an intensity or amount is a percent of its base; 提高5个百分点 of a share is
    points; 亿元以上技改项目20个, 累计完成投资100亿元 are period totals (additive)."""
    if unit == "个百分点" or (unit in _RATE_UNITS and is_linear(name, None)):
        return "points"
    if unit in _RATE_UNITS:
        return "intensity" if direction == "falling" or is_intensity(name) else "percent"
    return "additive"


def spec_from_target(target: Target, period_start: int, period_end: int) -> SeriesSpec:
    """The spec of a quantified prose target (到2025年…达到…); its base is the base-year observation."""
    name, unit = target.subject, target.unit
    path, by_name, rates = classify(name, unit)
    stated = {"下降": "falling", "上升": "rising"}.get(target.direction or "")
    direction: Direction = "falling" if (stated or by_name) == "falling" else "rising"
    common: _Common = {
        "id": target.id,
        "name": name,
        "unit": unit,
        "base_year": period_start - 1,
        "target_year": target.year or target.year_implied or period_end,
        "path": path,
        "values_are_rates": rates,
        "target_raw": target.quote,
    }
    kind = target.kind
    value = target.value_min if kind is TargetKind.RANGE else target.value
    raw = target.value_raw or (str(value) if value is not None else "")
    if value is None:
        return SeriesSpec(
            kind=SpecKind.PLACEHOLDER, note=_manual_note(SpecKind.PLACEHOLDER, target.quote), **common
        )
    if kind is TargetKind.GROWTH:
        common["growth_raw"] = raw
        common["unit"] = None  # the % is the rate's; the series' own figures come in their unit (亿元)
        common["values_are_rates"] = False
        return SeriesSpec(
            kind=SpecKind.GROWTH,
            direction=direction,
            growth_target=-value if direction == "falling" else value,
            growth_approx=target.qualifier == "approx",
            **common,
        )
    if kind is TargetKind.CEILING:
        return SeriesSpec(kind=SpecKind.CEILING, direction="falling", target_value=value, **common)
    if kind is TargetKind.CUMULATIVE:
        mode = _prose_cumulative_mode(name, unit, direction)
        if mode == "points":
            common["unit"], common["path"] = "%", "linear"  # 提高5个百分点: the series is a share in %
        elif mode in ("percent", "intensity"):
            common["unit"] = None  # the % is the change's; the figures come in their own unit
        return _cumulative_spec(common, mode, value, raw, direction)
    if kind is TargetKind.INCREMENT:  # 再提高1岁: the base-year level plus the increment (B ± Δ)
        spec = _cumulative_spec(common, "points", value, raw, direction)
        sign = "−" if direction == "falling" else "+"
        return replace(spec, note=f"增量目标{raw}{unit or ''}：目标值＝基期值{sign}{value}{unit or ''}")
    if kind is TargetKind.DOUBLE:  # 比2010年翻一番: its base year is its own, not the period's
        note = f"翻番目标“{target.quote}”以其自身基年为基数，需人工评估"
        return SeriesSpec(kind=SpecKind.QUALITATIVE, note=note, **common)
    note = f"区间目标{target.value_min}—{target.value_max}，按下限评估" if kind is TargetKind.RANGE else ""
    level_kind = _TARGET_LEVEL.get(kind, SpecKind.FLOOR)
    return SeriesSpec(kind=level_kind, direction=direction, target_value=value, note=note, **common)
