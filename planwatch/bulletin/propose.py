"""A bulletin read for a plan: every figure it states for the plan's series, as proposals to review.

Nothing is chosen for a person: two different figures for one series, period and kind are both
proposed and marked as a conflict; a figure in a unit that cannot be converted exactly into the
series' unit is proposed as written, with the problem; a like-sounding other measure is shown
beside the series, never matched. The monitored indicators the bulletin says nothing about for its
year are listed (公报未发布), so the unit knows what it must still supply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal

from planwatch.bulletin.derive import derivation_for, derive
from planwatch.bulletin.names import COUNT_UNITS, Reading, Synonyms, key, readings
from planwatch.bulletin.prose import read_prose
from planwatch.bulletin.settings import DEFAULT_SETTINGS, BulletinSettings
from planwatch.bulletin.tables import read_tables
from planwatch.bulletin.title import read_heading
from planwatch.bulletin.types import (
    BulletinReading,
    Candidate,
    Match,
    OtherMeasure,
    Proposal,
    Statement,
    SynonymPair,
)
from planwatch.document import Document
from planwatch.document.numbers import convert
from planwatch.formatting import plain
from planwatch.model import ObservationKind, ObservationStatus
from planwatch.parse.tables import find_flattened_tables


def read_bulletin(
    document: Document,
    candidates: Sequence[Candidate],
    synonyms: Iterable[SynonymPair],
    settings: BulletinSettings = DEFAULT_SETTINGS,
) -> BulletinReading:
    """Read `document` as a statistics bulletin and propose its figures for `candidates`;
    NotABulletin (a DocumentError) when it is not one."""
    heading = read_heading(document, settings.title_lines)
    statements = read_statements(document, heading.year, heading.region, settings)
    table = Synonyms.of(synonyms)
    proposals, others = _match(statements, [readings(c) for c in candidates], table)
    proposals += _derived(candidates, statements, proposals, table, settings)
    proposals = _conflicts(proposals)
    said = {p.series_id for p in proposals if p.period == str(heading.year)}
    return BulletinReading(
        title=heading.title,
        year=heading.year,
        published_on=heading.published_on,
        region=heading.region,
        statements=len(statements),
        proposals=tuple(sorted(proposals, key=lambda p: (p.line, _order(p.series_id), p.kind != "level"))),
        unmentioned=tuple(c for c in candidates if c.is_indicator and c.id not in said),
        other_measures=tuple(others),
    )


def read_statements(
    document: Document, year: int, region: str | None, settings: BulletinSettings = DEFAULT_SETTINGS
) -> list[Statement]:
    """Every figure of the text and the tables, in the order of their lines (at most max_statements)."""
    tables = (*document.tables, *find_flattened_tables(document))
    found = [
        *read_prose(list(document.lines), year, settings, region),
        *read_tables(document, tables, year, region),
    ]
    return sorted(found, key=lambda s: s.line)[: settings.max_statements]


def _order(series_id: str) -> tuple[str, str]:
    head, _, tail = series_id.partition(".")
    return head, tail.zfill(4)


def _match(
    statements: list[Statement], series: list[Reading], synonyms: Synonyms
) -> tuple[list[Proposal], list[OtherMeasure]]:
    index: dict[str, list[tuple[Reading, str]]] = {}
    for reading in series:
        for name, role in reading.names:
            index.setdefault(name, []).append((reading, role))
    proposals: list[Proposal] = []
    others: list[OtherMeasure] = []
    for statement in statements:
        subject = key(statement.subject)
        matched = False
        for name in sorted(synonyms.same(subject), key=lambda n: n != subject):
            for reading, role in index.get(name, []):
                proposal = _proposal(statement, reading.candidate, role, name == subject, name, synonyms)
                if proposal is not None:
                    proposals.append(proposal)
                    matched = True
        if not matched:
            others += _other_measures(statement, subject, index, synonyms)
    return proposals, others


def _proposal(
    statement: Statement, candidate: Candidate, role: str, exact: bool, name: str, synonyms: Synonyms
) -> Proposal | None:
    kind, value, unit = statement.kind, statement.value, statement.unit
    rate_named = any(r == "rate" for _, r in readings(candidate).names)
    if role == "rate" and kind is not ObservationKind.GROWTH:
        return None
    if role == "fall":
        if kind is not ObservationKind.GROWTH:
            return None
        kind, value = ObservationKind.LEVEL, -value
    if role == "count" and (kind is not ObservationKind.LEVEL or unit not in COUNT_UNITS):
        return None
    if role == "plain" and rate_named and kind is ObservationKind.LEVEL and unit == "%":
        kind = ObservationKind.GROWTH
    note = _note(statement, candidate, role, exact, name, synonyms)
    problem = None
    if kind is ObservationKind.LEVEL:
        value, unit, converted, problem = _in_unit(value, unit, candidate.unit)
        note += converted
    return Proposal(
        series_id=candidate.id,
        series_name=candidate.name,
        period=str(statement.year),
        kind=kind,
        value=value,
        unit=unit,
        raw=statement.raw,
        line=statement.line,
        quote=statement.quote,
        match=Match.EXACT if exact else Match.SYNONYM,
        match_note=note,
        status=statement.status,
        unit_problem=problem,
    )


def _note(
    statement: Statement, candidate: Candidate, role: str, exact: bool, name: str, synonyms: Synonyms
) -> str:
    said = f"公报写作“{statement.subject}”"
    if not exact:
        why = synonyms.notes.get((key(statement.subject), name), "")
        said += f"，按同义词表即“{synonyms.shown.get(name, name)}”" + (f"（{why}）" if why else "")
    if role == "rate":
        return f"{said}，其增速即指标“{candidate.name}”"
    if role == "fall":
        return f"{said}，其降幅即指标“{candidate.name}”（下降记为正数）"
    if role == "count":
        return f"{said}，其个数即指标“{candidate.name}”"
    return said if not exact else f"名称一致：{said}"


def _in_unit(
    value: Decimal, unit: str | None, wanted: str | None
) -> tuple[Decimal, str | None, str, str | None]:
    """(value, unit, the conversion said, the unit problem): converted only when exact (万元 → 亿元)."""
    if wanted is None or unit == wanted:
        return value, unit or wanted, "", None
    if unit is None:
        return value, None, "", f"公报数值没有单位，指标单位为“{wanted}”，请核对后修改"
    converted = convert(value, unit, wanted)
    if converted is None:
        return value, unit, "", f"公报单位“{unit}”与指标单位“{wanted}”不同，无法换算，未作换算"
    return converted, wanted, f"；{plain(value)}{unit}换算为{plain(converted)}{wanted}", None


def _other_measures(
    statement: Statement, subject: str, index: dict[str, list[tuple[Reading, str]]], synonyms: Synonyms
) -> list[OtherMeasure]:
    found = []
    for other, note in synonyms.different.get(subject, {}).items():
        for reading, _ in index.get(other, []):
            c = reading.candidate
            said = f"公报给出“{statement.subject}”{statement.raw}（第{statement.line}行）"
            shown = f"{said}，与“{c.name}”口径不同：{note}，未作匹配"
            found.append(OtherMeasure(c.id, c.name, statement.subject, statement.raw, statement.line, shown))
    return found


def _derived(
    candidates: Sequence[Candidate],
    statements: list[Statement],
    proposals: list[Proposal],
    synonyms: Synonyms,
    settings: BulletinSettings,
) -> list[Proposal]:
    stated = {(p.series_id, p.period) for p in proposals if p.kind is ObservationKind.LEVEL}
    years = sorted({s.year for s in statements})
    found = []
    for candidate in candidates:
        derivation = derivation_for(candidate.name, synonyms)
        if derivation is None:
            continue
        for year in years:
            if (candidate.id, str(year)) in stated:
                continue
            derived = derive(derivation, statements, year, synonyms, settings.derived_places)
            if derived is None:
                continue
            value, unit, converted, problem = _in_unit(derived.value, derived.unit, candidate.unit)
            if derived.unit is None and candidate.unit is not None and problem is not None:
                problem = f"派生值是两数之比（无单位），指标单位为“{candidate.unit}”，请核对后修改"
            top, bottom = derived.numerator, derived.denominator
            found.append(
                Proposal(
                    series_id=candidate.id,
                    series_name=candidate.name,
                    period=str(year),
                    kind=ObservationKind.LEVEL,
                    value=value,
                    unit=unit,
                    raw=plain(derived.value) + (derived.unit or ""),
                    line=top.line,
                    quote=top.quote,
                    match=Match.DERIVED,
                    match_note=f"由公报数值计算：{derived.arithmetic}（第{top.line}行、第{bottom.line}行）{converted}",
                    status=top.status if top.status is bottom.status else ObservationStatus.PRELIMINARY,
                    unit_problem=problem,
                )
            )
    return found


def _conflicts(proposals: list[Proposal]) -> list[Proposal]:
    """One proposal per figure stated again alike; every figure of a disagreeing group marked."""
    groups: dict[tuple[str, str, str], list[Proposal]] = {}
    for p in proposals:
        found = groups.setdefault((p.series_id, p.period, p.kind.value), [])
        if not any(q.value == p.value and q.unit == p.unit for q in found):
            found.append(p)
    kept: list[Proposal] = []
    number = 0
    for group in groups.values():
        if len(group) == 1:
            kept += group
            continue
        number += 1
        kept += [replace(p, conflict=number) for p in group]
    return kept
