"""Figures a bulletin gives by their parts: a ratio of two of its figures, shown with the arithmetic.

Each derivation names the series it gives and the figures it needs; it is used only for a series
the bulletin states no level of, in a year it states both parts (same year, same unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from planwatch.bulletin.names import Synonyms, key
from planwatch.bulletin.types import Statement
from planwatch.formatting import plain
from planwatch.model import ObservationKind


@dataclass(frozen=True, slots=True)
class Derivation:
    gives: tuple[str, ...]  # the names of the series it gives
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    factor: Decimal
    unit: str | None  # of the result: None for a ratio, % for a share


DERIVATIONS = (
    Derivation(
        ("城乡居民人均可支配收入比", "城乡居民收入比"),
        ("城镇居民人均可支配收入",),
        ("农村居民人均可支配收入",),
        Decimal(1),
        None,
    ),
    Derivation(
        ("常住人口城镇化率", "城镇化率"),
        ("城镇人口", "城镇常住人口"),
        ("常住人口", "年末常住人口"),
        Decimal(100),
        "%",
    ),
)


@dataclass(frozen=True, slots=True)
class Derived:
    value: Decimal
    unit: str | None
    numerator: Statement
    denominator: Statement
    arithmetic: str  # 51240 ÷ 26120 = 1.96


def derivation_for(name: str, synonyms: Synonyms) -> Derivation | None:
    names = synonyms.same(key(name))
    return next((d for d in DERIVATIONS if names & {key(g) for g in d.gives}), None)


def derive(
    derivation: Derivation, statements: list[Statement], year: int, synonyms: Synonyms, places: int
) -> Derived | None:
    """The derived figure for `year`, when the bulletin states both of its parts (levels, one unit)."""
    top = _part(derivation.numerator, statements, year, synonyms)
    bottom = _part(derivation.denominator, statements, year, synonyms)
    if top is None or bottom is None or bottom.value == 0 or top.unit != bottom.unit:
        return None
    exact = top.value / bottom.value * derivation.factor
    value = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    times = f" × {plain(derivation.factor)}" if derivation.factor != 1 else ""
    arithmetic = (
        f"{top.subject}{plain(top.value)}{top.unit or ''} ÷ {bottom.subject}{plain(bottom.value)}"
        f"{bottom.unit or ''}{times} = {plain(value)}{derivation.unit or ''}"
    )
    return Derived(value, derivation.unit, top, bottom, arithmetic)


def _part(
    names: tuple[str, ...], statements: list[Statement], year: int, synonyms: Synonyms
) -> Statement | None:
    wanted = set().union(*(synonyms.same(key(n)) for n in names))
    return next(
        (
            s
            for s in statements
            if s.kind is ObservationKind.LEVEL and s.year == year and key(s.subject) in wanted
        ),
        None,
    )
