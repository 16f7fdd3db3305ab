"""The observations an evaluation may see: as of a date, latest vintage per period, annual figures.

Only figures whose `as_of` ≤ the evaluation date count, and of several vintages of one period
(初步核算 → 最终核实) the latest known one wins (by `as_of`, then `id`, then value, so the
answer does not depend on the order the figures arrive in). The annual judgement uses the
year figures ("2023"); quarterly and monthly figures are kept aside and only mentioned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from planwatch.model import Observation, ObservationKind

_LEVEL = ObservationKind.LEVEL
_PREFIXES = (("千万", 7), ("百万", 6), ("亿", 8), ("万", 4), ("千", 3), ("百", 2))


@lru_cache(maxsize=512)
def _split_unit(unit: str) -> tuple[int, str]:
    for prefix, power in _PREFIXES:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return power, unit[len(prefix) :]
    return 0, unit


@lru_cache(maxsize=1024)
def unit_shift(observed: str | None, wanted: str | None) -> int:
    """Powers of ten from the observation's unit to the series' unit (万元 → 亿元: −4); 0 if unrelated."""
    if not observed or not wanted or observed == wanted:
        return 0
    p1, base1 = _split_unit(observed)
    p2, base2 = _split_unit(wanted)
    return p1 - p2 if base1 == base2 else 0


def in_unit(value: Decimal, unit: str | None, wanted: str | None) -> Decimal:
    """`value` given in `unit`, in `wanted` (3000 万元 → 0.3 亿元); unchanged if unrelated."""
    shift = unit_shift(unit, wanted)
    return value.scaleb(shift) if shift else value


@lru_cache(maxsize=4096)
def due_year(as_of: date, lag_days: int) -> int:
    """The latest year whose annual figure should be published by `as_of` (31 Dec + lag)."""
    year = as_of.year
    while date(year, 12, 31) + timedelta(days=lag_days) > as_of:
        year -= 1
    return year


def due_date(year: int, lag_days: int) -> date:
    return date(year, 12, 31) + timedelta(days=lag_days)


@dataclass(slots=True)
class SeriesData:
    """Annual figures of one series within [base year, target year], as of a date."""

    seen: int  # periods of this series with a figure known as of the date (any period, any kind)
    levels: dict[int, Decimal]  # in the series' unit
    values: dict[int, float]  # the same levels as floats, for the math
    rates: dict[int, Decimal]  # reported annual growth, in %
    units: tuple[str | None, ...] = ()  # the units the annual level figures came in, by year
    sub_annual: Observation | None = None  # the latest quarterly or monthly figure


def _newer(new: Observation, old: Observation) -> bool:
    """Of two vintages published the same day: the higher id, then the higher value, then the unit
    written (so that the answer never depends on the order the figures arrive in)."""
    new_id = -1 if new.id is None else new.id
    old_id = -1 if old.id is None else old.id
    if new_id != old_id:
        return new_id > old_id
    if new.value != old.value:
        return new.value > old.value
    return (new.unit or "") > (old.unit or "")


# "2023" → 2023 without parsing (the hot path): a year is looked up; 2023Q2 and 2023-05 are not found
_YEARS = {str(year): year for year in range(1900, 2200)}


def collect(
    observations: Iterable[Observation], series_id: str, unit: str | None, as_of: date, first: int, last: int
) -> SeriesData:
    """The latest vintage per period as of `as_of`, annual figures of years first..last."""
    level: dict[str, Observation] = {}
    growth: dict[str, Observation] = {}
    for obs in observations:
        day = obs.as_of
        if day > as_of or obs.series_id != series_id:
            continue
        latest = level if obs.kind is _LEVEL else growth
        period = obs.period
        old = latest.get(period)
        if old is None or day > old.as_of or (day == old.as_of and _newer(obs, old)):
            latest[period] = obs
    levels: dict[int, Decimal] = {}
    values: dict[int, float] = {}
    rates: dict[int, Decimal] = {}
    data = SeriesData(len(level) + len(growth), levels, values, rates)
    units: dict[int, str] = {}  # by year: the last is the latest year's, whatever order figures came in
    years = _YEARS
    for period, obs in level.items():
        year = years.get(period)
        if year is None:
            if len(period) != 4:
                _keep_sub_annual(data, obs)
        elif first <= year <= last:
            value, observed = obs.value, obs.unit
            if observed != unit and observed:
                units[year] = observed
                shift = unit_shift(observed, unit)
                if shift:
                    value = value.scaleb(shift)
            levels[year] = value
            values[year] = float(value)
    if units:
        data.units = tuple(units[year] for year in sorted(units))
    for period, obs in growth.items():
        year = years.get(period)
        if year is None:
            if len(period) != 4:
                _keep_sub_annual(data, obs)
        elif first <= year <= last:
            rates[year] = obs.value
    return data


def _keep_sub_annual(data: SeriesData, obs: Observation) -> None:
    sub = data.sub_annual
    if sub is None or (obs.year, obs.period) > (sub.year, sub.period):
        data.sub_annual = obs
