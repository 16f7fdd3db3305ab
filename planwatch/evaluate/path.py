"""The expected path E(t) from base to target, year by year, in Decimal: what charts draw.

The same rule the judgement uses (EVALUATION.md): geometric for amounts and counts, linear for
shares, rates and ratios (and wherever a geometric path cannot be drawn: a zero or negative end).
A cumulative target ([10], 【2.5】) is drawn to the level it implies, never to its Δ.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

from planwatch.evaluate.spec import SeriesSpec, SpecKind, cumulative_target

_DRAWN = frozenset(
    {
        SpecKind.LEVEL,
        SpecKind.FLOOR,
        SpecKind.APPROX,
        SpecKind.CEILING,
        SpecKind.KEEP_STABLE,
        SpecKind.CUMULATIVE,
    }
)
_CENT = Decimal("0.01")


def path_target(spec: SeriesSpec) -> Decimal | None:
    """The level the path ends at: the target, the level a cumulative Δ implies, or (keep-stable) the base."""
    if spec.kind not in _DRAWN or spec.base_value is None:
        return None
    if spec.kind is SpecKind.CUMULATIVE:
        return cumulative_target(spec, spec.base_value)
    if spec.kind is SpecKind.KEEP_STABLE:
        return spec.target_value if spec.target_value is not None else spec.base_value
    return spec.target_value


def expected_path(spec: SeriesSpec, places: Decimal = _CENT) -> dict[int, Decimal]:
    """Year → E(year) from the base year to the target year, rounded to `places`; empty when the spec
    has no base value or no level target to draw to."""
    base, target = spec.base_value, path_target(spec)
    y0, y1 = spec.base_year, spec.target_year
    if base is None or target is None or y1 <= y0:
        return {}
    geometric = spec.path == "geometric" and base > 0 and target > 0
    path: dict[int, Decimal] = {}
    with localcontext() as context:
        context.prec = 28
        for year in range(y0, y1 + 1):
            f = Decimal(year - y0) / Decimal(y1 - y0)
            value = base * (target / base) ** f if geometric else base + (target - base) * f
            path[year] = value.quantize(places)
    return path
