"""Which item of a new version is which item of the previous one: the stable identity of indicators,
targets and projects across versions.

Each new item is scored against each previous one; the best pairs are taken greedily, one to one.

- indicators: the same name and unit in the same box (same, 1.0); the same name (name, 0.9); the same
  box, category and row (position, 0.7 plus a little for a similar name); else a similar name;
- targets: the same quote (same, 1.0); the same subject and unit (0.85 plus the quote's similarity);
  else the quote's similarity (quote);
- projects: the same name (same, 1.0); else a similar name (name).

A pair below the threshold, or one with a rival candidate within the margin, is never taken
silently: the item is `pending` until a person pairs it or confirms it new. An item with no
candidate above the floor is new, under its own id when that id was never used, else the next
free number of the same family (T2.25 after T2.24).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

from planwatch.document.text import normalise, strip_spaces
from planwatch.model import Indicator, ParsedPlan, Project, Target

T = TypeVar("T", Indicator, Target, Project)
KINDS = ("indicator", "target", "project")


@dataclass(frozen=True, slots=True)
class MatchSettings:
    threshold: Decimal = Decimal("0.80")  # below: a person decides
    margin: Decimal = Decimal("0.05")  # a rival this close makes the match ambiguous
    floor: Decimal = Decimal("0.40")  # below: not a candidate at all


@dataclass(frozen=True, slots=True)
class Match:
    kind: str
    local_id: str  # as the parser named it in the new version
    key: str  # the stable key it carries (a provisional new key while pending)
    reason: str  # same | name | position | quote | new
    confidence: Decimal | None
    status: str  # auto | pending
    previous_key: str | None = None  # the previous item it is (or, pending, most likely is)
    rivals: tuple[str, ...] = ()  # other close candidates' keys, when ambiguous


@dataclass(frozen=True, slots=True)
class Matching:
    items: tuple[Match, ...]
    removed: tuple[tuple[str, str], ...]  # (kind, key) of previous items no new item carries

    def of_kind(self, kind: str) -> list[Match]:
        return [m for m in self.items if m.kind == kind]

    @property
    def pending(self) -> list[Match]:
        return [m for m in self.items if m.status == "pending"]


@dataclass(frozen=True, slots=True)
class _Scored(Generic[T]):
    score: Decimal
    reason: str
    previous: T
    new: T


def first_version(parsed: ParsedPlan) -> Matching:
    """A plan's first version: every item is new under its own id."""
    return Matching(tuple(Match(k, i, i, "new", None, "auto") for k, i in _local_ids(parsed)), ())


def match_versions(
    previous: ParsedPlan, new: ParsedPlan, used_keys: set[str], settings: MatchSettings = MatchSettings()
) -> Matching:
    """`previous` carries stable keys as its ids; `new` carries the parser's ids."""
    used = set(used_keys)
    results = [
        (
            "indicator",
            _match_kind("indicator", previous.indicators, new.indicators, _indicator_score, used, settings),
        ),
        ("target", _match_kind("target", previous.targets, new.targets, _target_score, used, settings)),
        ("project", _match_kind("project", previous.projects, new.projects, _project_score, used, settings)),
    ]
    items = [match for _, (found, _) in results for match in found]
    removed = [(kind, key) for kind, (_, gone) in results for key in gone]
    return Matching(tuple(items), tuple(removed))


def _match_kind(
    kind: str,
    previous: Sequence[T],
    new: Sequence[T],
    score: Callable[[T, T], tuple[Decimal, str]],
    used: set[str],
    settings: MatchSettings,
) -> tuple[list[Match], list[str]]:
    exact = _exact_pairs(kind, previous, new)
    taken_old = {p.id for p, _ in exact}
    taken_new = {n.id for _, n in exact}
    results = {n.id: Match(kind, n.id, p.id, "same", Decimal(1), "auto", p.id) for p, n in exact}
    rest_old = [p for p in previous if p.id not in taken_old]
    rest_new = [n for n in new if n.id not in taken_new]
    candidates: dict[str, list[_Scored[T]]] = {}
    for n in rest_new:
        scored = []
        for p in rest_old:
            value, reason = score(p, n)
            if value >= settings.floor:
                scored.append(_Scored(value, reason, p, n))
        candidates[n.id] = sorted(scored, key=lambda s: (-s.score, s.previous.id))
    for pair in sorted(
        (s for found in candidates.values() for s in found), key=lambda s: (-s.score, s.new.id, s.previous.id)
    ):
        if pair.new.id in results or pair.previous.id in taken_old:
            continue
        rivals = tuple(
            s.previous.id
            for s in candidates[pair.new.id]
            if s.previous is not pair.previous
            and s.previous.id not in taken_old
            and pair.score - s.score <= settings.margin
        )
        confident = pair.score >= settings.threshold and not rivals
        if confident:
            taken_old.add(pair.previous.id)
            results[pair.new.id] = Match(
                kind,
                pair.new.id,
                pair.previous.id,
                pair.reason,
                pair.score.quantize(Decimal("0.01")),
                "auto",
                pair.previous.id,
            )
        else:
            key = _new_key(pair.new.id, used)
            results[pair.new.id] = Match(
                kind,
                pair.new.id,
                key,
                pair.reason,
                pair.score.quantize(Decimal("0.01")),
                "pending",
                pair.previous.id,
                rivals,
            )
    for n in new:
        if n.id not in results:
            results[n.id] = Match(kind, n.id, _new_key(n.id, used), "new", None, "auto")
    carried = {m.previous_key for m in results.values() if m.status == "auto" and m.previous_key}
    gone = [p.id for p in previous if p.id not in carried]
    return [results[n.id] for n in new], gone


def _exact_pairs(kind: str, previous: Sequence[T], new: Sequence[T]) -> list[tuple[T, T]]:
    """Items identical in what identifies them (name, unit and box; quote; project name and box).
    First within the same section, then anywhere; of several candidates the nearest in the text,
    so that a sentence repeated elsewhere in the new version never takes the old one's place."""
    pairs: list[tuple[T, T]] = []
    taken_old: set[str] = set()
    taken_new: set[str] = set()
    for strict in (True, False):
        by_signature: dict[tuple[str, ...], list[T]] = {}
        for p in previous:
            if p.id not in taken_old:
                by_signature.setdefault(_signature(kind, p, strict), []).append(p)
        for n in new:
            if n.id in taken_new:
                continue
            waiting = [p for p in by_signature.get(_signature(kind, n, strict), []) if p.id not in taken_old]
            if waiting:
                nearest = min(waiting, key=lambda p: (abs(p.line - n.line), p.line))
                pairs.append((nearest, n))
                taken_old.add(nearest.id)
                taken_new.add(n.id)
    return pairs


def _signature(kind: str, item: Indicator | Target | Project, strict: bool) -> tuple[str, ...]:
    where = (item.section_id or "",) if strict else ()
    if isinstance(item, Indicator):
        return ("i", _norm(item.name), item.unit or "", item.box or "", *where)
    if isinstance(item, Target):
        return ("t", _norm(item.quote), *where)
    return ("p", _norm(item.name), item.box or "", *where)


def _indicator_score(p: Indicator, n: Indicator) -> tuple[Decimal, str]:
    same_name = _norm(p.name) == _norm(n.name)
    if same_name:
        return Decimal("0.90"), "name"
    similarity = _ratio(p.name, n.name)
    if (p.box, p.category) == (n.box, n.category) and _row(p) == _row(n):
        return Decimal("0.70") + Decimal("0.25") * similarity, "position"
    return Decimal("0.80") * similarity, "name"


def _target_score(p: Target, n: Target) -> tuple[Decimal, str]:
    similarity = _ratio(p.quote, n.quote)
    if _norm(p.subject) == _norm(n.subject) and (p.unit or "") == (n.unit or ""):
        return Decimal("0.75") + Decimal("0.25") * similarity, "quote"
    return Decimal("0.90") * similarity, "quote"


def _project_score(p: Project, n: Project) -> tuple[Decimal, str]:
    return Decimal("0.95") * _ratio(p.name, n.name), "name"


def _row(indicator: Indicator) -> str:
    """The row's number within its box as the id gives it (T2.07 → 07)."""
    return indicator.id.rsplit(".", 1)[-1]


def _norm(text: str) -> str:
    return strip_spaces(normalise(text)).lower()


def _ratio(a: str, b: str) -> Decimal:
    matcher = difflib.SequenceMatcher(None, _norm(a), _norm(b), autojunk=False)
    if matcher.real_quick_ratio() < 0.4 or matcher.quick_ratio() < 0.4:
        return Decimal(0)
    return Decimal(str(round(matcher.ratio(), 4)))


_NUMBERED = re.compile(r"^(?P<prefix>.*?)(?P<number>\d+)$")


def _new_key(local_id: str, used: set[str]) -> str:
    """The item's own id when no version ever used it; else the next free number of its family."""
    if local_id not in used:
        used.add(local_id)
        return local_id
    match = _NUMBERED.match(local_id)
    prefix, width = (match["prefix"], len(match["number"])) if match else (local_id + "-", 1)
    taken = [int(m["number"]) for key in used if (m := _NUMBERED.match(key)) and m["prefix"] == prefix]
    number = max(taken, default=0) + 1
    key = f"{prefix}{number:0{width}d}"
    while key in used:
        number += 1
        key = f"{prefix}{number:0{width}d}"
    used.add(key)
    return key


def _local_ids(parsed: ParsedPlan) -> list[tuple[str, str]]:
    return (
        [("indicator", i.id) for i in parsed.indicators]
        + [("target", t.id) for t in parsed.targets]
        + [("project", p.id) for p in parsed.projects]
    )
