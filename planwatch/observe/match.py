"""Import rows → Observations of a plan's indicators and prose targets, or the problems at once.

An indicator is found by its id (T2.01, or a prose target's G012) or by its name, compared without
spaces, full/half-width differences or a unit in brackets (地区生产总值（亿元） is 地区生产总值). When
a name is in both the plan's table and the previous period's review table (十三五完成情况), the current
one is meant. Values are converted to the indicator's unit when the units are of one dimension
(万元 → 亿元) and refused otherwise; growth rates are in %.

Defaults: status 初步; as_of (when the figure became known) the row's 发布日期, else `today`.
A figure may be for the plan's years or its base year (2020 for 2021—2025).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TypeVar

from planwatch.document import numbers
from planwatch.model import Observation, ObservationKind, ParsedPlan, Series, SeriesKind
from planwatch.observe import layout
from planwatch.observe.problems import ImportProblem, ProblemList
from planwatch.observe.read import ImportRow
from planwatch.observe.values import (
    CellError,
    convert,
    parse_date,
    parse_kind,
    parse_number,
    parse_period,
    parse_status,
    period_end,
    tidy,
)

T = TypeVar("T")
GROWTH_UNIT = "%"
_BRACKETS = str.maketrans(
    {"【": "(", "】": ")", "[": "(", "]": ")", "〔": "(", "〕": ")", "（": "(", "）": ")"}
)
_TRAILING_BRACKET = re.compile(r"\([^()]*\)$")
_UNIT_IN_BRACKETS = re.compile(r"^(?P<name>.+?)\((?P<unit>[^()]+)\)$")


def name_key(text: str, units: Iterable[str] = ()) -> tuple[str, str | None]:
    """(comparable name, the unit written in brackets at its end, if it is a unit)."""
    key = tidy(text).translate(_BRACKETS).lower()
    match = _UNIT_IN_BRACKETS.match(key)
    if match and (numbers.is_unit(match["unit"]) or match["unit"] in units):
        return match["name"], match["unit"]
    return key, None


class Catalogue:
    """The series of one plan, by id and by name."""

    def __init__(self, parsed: ParsedPlan) -> None:
        self.series = parsed.series()
        self.units = {tidy(s.unit) for s in self.series if s.unit}
        self.by_id = {s.id.upper(): s for s in self.series}
        self.by_name: dict[str, list[Series]] = {}
        for s in self.series:
            self.by_name.setdefault(name_key(s.name, self.units)[0], []).append(s)

    def find(self, row: ImportRow) -> tuple[Series | None, str | None]:
        """(the series, None) or (None, why not)."""
        key, _ = name_key(row.name, self.units)
        if row.series_id:
            found = self.by_id.get(tidy(row.series_id).upper())
            if found is None:
                hint = self._by_name(key)
                suggestion = f"，是不是“{hint.id} {hint.name}”？" if isinstance(hint, Series) else ""
                return None, f"找不到指标编号“{row.series_id}”{suggestion}"
            if row.name and name_key(found.name, self.units)[0] != key:
                return None, f"指标编号“{row.series_id}”是“{found.name}”，与指标名称“{row.name}”不符"
            return found, None
        if not row.name:
            return None, "没有填写指标编号或指标名称"
        found_by_name = self._by_name(key)
        if isinstance(found_by_name, Series):
            return found_by_name, None
        if found_by_name:
            ids = "、".join(s.id for s in found_by_name)
            return None, f"指标名称“{row.name}”对应多个指标（{ids}），请填写指标编号"
        return None, f"找不到指标“{row.name}”{self._suggest(key)}"

    def _by_name(self, key: str) -> Series | list[Series]:
        """The one series of that name, or the candidates (none, or several)."""
        candidates = self.by_name.get(key, [])
        best = [s for s in candidates if _rank(s) == min(_rank(c) for c in candidates)]
        return best[0] if len(best) == 1 else best

    def _suggest(self, key: str) -> str:
        """`，是不是“地区生产总值”？`: the name without a bracket that is no unit (亿圆), else the closest."""
        names = {name_key(s.name, self.units)[0]: s.name for s in self.series if s.current}
        stem = _TRAILING_BRACKET.sub("", key)
        close = [stem] if stem in names else difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
        if not close:
            return ""
        return "，是不是" + "或".join(f"“{names[c]}”" for c in close) + "？"


def _rank(series: Series) -> int:
    """By name, a lower rank wins: an indicator of this plan, then one of the previous period's
    review table, then a prose target of that name."""
    if series.kind is SeriesKind.TARGET:
        return 2
    return 0 if series.current else 1


def match_rows(
    rows: Sequence[ImportRow], parsed: ParsedPlan, *, today: date | None = None, file: str | None = None
) -> list[Observation]:
    """Observations for `rows`, or ImportRefused listing the problems of every row (the first hundred)."""
    today = today or date.today()
    catalogue = Catalogue(parsed)
    years = parsed.period()
    problems = ProblemList()
    found: list[Observation] = []
    first_row: dict[tuple[str, str, ObservationKind], int] = {}
    # A wide row repeats its indicator's problem for each of its years: once per file row is enough.
    current_row, seen = -1, set[ImportProblem]()
    for row in rows:
        row_problems: list[ImportProblem] = []
        observation = _observation(row, catalogue, years, today, row_problems)
        if observation is not None:
            key = (observation.series_id, observation.period, observation.kind)
            earlier = first_row.setdefault(key, row.row)
            if earlier != row.row:
                label = f"{observation.series_id}，{_period_label(observation.period)}"
                row_problems.append(ImportProblem(earlier, None, f"同一指标同一期间重复（{label}）", row.row))
            elif not problems:
                found.append(observation)  # once a problem is found, nothing will be stored
        if row.row != current_row:
            current_row, seen = row.row, set()
        for problem in row_problems:
            if problem not in seen:
                seen.add(problem)
                problems.add(problem)
    if not found and not problems:
        problems.add(ImportProblem(None, None, "文件中没有可导入的数值（空白、“未填”和示例行不导入）"))
    if problems:
        raise problems.refused(file)
    return found


def _observation(
    row: ImportRow,
    catalogue: Catalogue,
    years: tuple[int, int] | None,
    today: date,
    problems: list[ImportProblem],
) -> Observation | None:
    series, why_not = catalogue.find(row)
    if why_not is not None:
        problems.append(ImportProblem(row.row, None, why_not))
    period = _read(row, layout.PERIOD, parse_period, row.period, problems)
    kind = _read(row, layout.KIND, parse_kind, row.kind, problems)
    status = _read(row, layout.STATUS, parse_status, row.status, problems)
    as_of = _read(row, layout.AS_OF, parse_date, row.as_of, problems)
    if as_of is not None and as_of > today:
        problems.append(
            ImportProblem(row.row, row.column(layout.AS_OF), f"发布日期{as_of.isoformat()}晚于今天")
        )
    unit = None if series is None or kind is None else _expected_unit(series, kind)
    number = _read(row, layout.VALUE, lambda text: parse_number(text, unit), row.value, problems)
    if period is not None and years is not None and not years[0] - 1 <= int(period[:4]) <= years[1]:
        problems.append(
            ImportProblem(row.row, None, f"{period[:4]}年不在规划期（{years[0]}—{years[1]}年）内")
        )
    elif period is not None:
        _published_after_the_period(row, period, as_of, today, problems)
    if series is None or period is None or kind is None or status is None or number is None:
        return None
    value = _in_unit(row, number, unit, catalogue, problems)
    if value is None:
        return None
    return Observation(
        series_id=series.id,
        period=period,
        value=value[0],
        unit=value[1],
        kind=kind,
        as_of=as_of or today,
        source=row.source,
        status=status,
    )


def _published_after_the_period(
    row: ImportRow, period: str, as_of: date | None, today: date, problems: list[ImportProblem]
) -> None:
    """A figure becomes known after its period ends: a 发布日期 before that is a typo (2023-01-01
    for 2023), and a period not yet over has no figure to import."""
    end = period_end(period)
    label = _period_label(period)
    if as_of is not None and as_of < end:
        reason = f"发布日期{as_of.isoformat()}早于{label}结束（{end.isoformat()}），数据不会在期末之前公布"
        problems.append(ImportProblem(row.row, row.column(layout.AS_OF), reason))
    elif as_of is None and today < end:
        reason = f"{label}尚未结束（{end.isoformat()}），还没有可填的数据（发布日期留空按今天）"
        problems.append(ImportProblem(row.row, row.column(layout.PERIOD) or None, reason))


def _read(
    row: ImportRow, name: str, reader: Callable[[str], T], text: str, problems: list[ImportProblem]
) -> T | None:
    """reader(text), or None with the problem noted against the cell's column."""
    try:
        return reader(text)
    except CellError as error:
        problems.append(ImportProblem(row.row, row.column(name) or None, str(error)))
        return None


def _expected_unit(series: Series, kind: ObservationKind) -> str | None:
    return GROWTH_UNIT if kind is ObservationKind.GROWTH else series.unit


def _in_unit(
    row: ImportRow,
    number: tuple[Decimal, str],
    unit: str | None,
    catalogue: Catalogue,
    problems: list[ImportProblem],
) -> tuple[Decimal, str | None] | None:
    """(value, unit) in the series' unit.

    The value's unit is the 单位 column's or the one written after the number (they must agree), else
    the one in brackets after the name (地区生产总值（亿元）), else the series' own.
    """
    value, written_in_cell = number
    given = [u for u in (tidy(row.unit), written_in_cell) if u]
    if len(set(given)) > 1:
        problems.append(ImportProblem(row.row, None, f"数值后的单位“{given[1]}”与单位“{given[0]}”不一致"))
        return None
    given = given or [u for u in (name_key(row.name, catalogue.units)[1],) if u]
    if not given:
        return value, unit
    if unit is None:
        return value, given[0]
    converted = convert(value, given[0], unit)
    if converted is None:
        problems.append(ImportProblem(row.row, None, f"单位“{given[0]}”与指标单位“{unit}”不兼容"))
        return None
    return converted, unit


def _period_label(period: str) -> str:
    if "Q" in period:
        return f"{period[:4]}年第{period[-1]}季度"
    if "-" in period:
        return f"{period[:4]}年{int(period[5:])}月"
    return f"{period}年"
