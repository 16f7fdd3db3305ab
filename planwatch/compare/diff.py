"""What changed between two versions of a plan, item by item, each change with both quotes and lines.

Items are compared by their stable keys (the versions arrive keyed): an indicator whose row moved
down because a row was inserted above it is the same indicator, unchanged. Sections are compared
by kind and title: a heading that kept its title under another number has moved.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from planwatch.document.text import normalise, strip_spaces
from planwatch.model import Indicator, ParsedPlan, Project, Section, Target, ValueRef

_YI = Decimal(10000)


@dataclass(frozen=True, slots=True)
class Side:
    local_id: str | None  # as the parser named it in that version
    line: int
    quote: str


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # indicator | target | project | section | text
    change: str  # added | removed | changed | renamed | moved | wording
    key: str  # the stable key (a section: its kind and title)
    name: str
    fields: tuple[tuple[str, str, str], ...] = ()  # (label, old, new)
    old: Side | None = None
    new: Side | None = None


@dataclass(frozen=True, slots=True)
class VersionDiff:
    title: str
    first: int
    second: int
    changes: tuple[Change, ...] = field(default=())

    def of(self, kind: str, change: str | None = None) -> list[Change]:
        return [c for c in self.changes if c.kind == kind and (change is None or c.change == change)]


def diff_versions(
    old: ParsedPlan,
    new: ParsedPlan,
    old_lines: Sequence[str],
    new_lines: Sequence[str],
    old_items: Iterable[object],
    new_items: Iterable[object],
    first: int,
    second: int,
) -> VersionDiff:
    local_old, local_new = _locals(old_items), _locals(new_items)
    changes: list[Change] = []
    changes += _pairs(
        "indicator",
        old.indicators,
        new.indicators,
        local_old,
        local_new,
        old_lines,
        new_lines,
        _indicator_fields,
    )
    changes += _pairs(
        "target", old.targets, new.targets, local_old, local_new, old_lines, new_lines, _target_fields
    )
    changes += _pairs(
        "project", old.projects, new.projects, local_old, local_new, old_lines, new_lines, _project_fields
    )
    changes += _sections(old.sections, new.sections, old_lines, new_lines)
    changes += _text(old_lines, new_lines)
    return VersionDiff(new.plan.title, first, second, tuple(changes))


def _text(old_lines: Sequence[str], new_lines: Sequence[str]) -> list[Change]:
    """Lines rewritten, added or removed: the wording a structural comparison does not see (a typo
    fixed, a sentence reworded). A run of added or removed lines is one change."""
    matcher = difflib.SequenceMatcher(None, list(old_lines), list(new_lines), autojunk=False)
    changes = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and a1 - a0 == b1 - b0:
            for i, j in zip(range(a0, a1), range(b0, b1), strict=True):
                old_side, new_side = Side(None, i + 1, old_lines[i]), Side(None, j + 1, new_lines[j])
                changes.append(Change("text", "changed", f"{i + 1}→{j + 1}", "", (), old_side, new_side))
            continue
        before = Side(None, a0 + 1, "\n".join(old_lines[a0:a1])) if a1 > a0 else None
        after = Side(None, b0 + 1, "\n".join(new_lines[b0:b1])) if b1 > b0 else None
        change = {"insert": "added", "delete": "removed"}.get(op, "changed")
        changes.append(Change("text", change, f"{a0 + 1}→{b0 + 1}", "", (), before, after))
    return changes


def _locals(version_items: Iterable[object]) -> dict[tuple[str, str], str]:
    """(kind, key) → the local id in that version."""
    found = {}
    for item in version_items:
        found[(getattr(item, "kind"), getattr(item, "item_key"))] = getattr(item, "local_id")  # noqa: B009
    return found


def _pairs(
    kind: str,
    old: Sequence[Indicator] | Sequence[Target] | Sequence[Project],
    new: Sequence[Indicator] | Sequence[Target] | Sequence[Project],
    local_old: dict[tuple[str, str], str],
    local_new: dict[tuple[str, str], str],
    old_lines: Sequence[str],
    new_lines: Sequence[str],
    fields: object,
) -> list[Change]:
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    changes = []
    for key, item in after.items():
        side = _side(item, local_new.get((kind, key)), new_lines)
        if key not in before:
            changes.append(Change(kind, "added", key, _name(item), new=side))
            continue
        previous = before[key]
        changed = fields(previous, item)  # type: ignore[operator]
        old_side = _side(previous, local_old.get((kind, key)), old_lines)
        if changed:
            renamed = any(label == "名称" for label, _, _ in changed) and len(changed) == 1
            changes.append(
                Change(
                    kind,
                    "renamed" if renamed else "changed",
                    key,
                    _name(item),
                    tuple(changed),
                    old_side,
                    side,
                )
            )
        elif kind == "target" and _norm(previous.quote) != _norm(item.quote):  # type: ignore[union-attr]
            changes.append(Change(kind, "wording", key, _name(item), (), old_side, side))
    for key, item in before.items():
        if key not in after:
            changes.append(
                Change(
                    kind, "removed", key, _name(item), old=_side(item, local_old.get((kind, key)), old_lines)
                )
            )
    return changes


def _name(item: Indicator | Target | Project) -> str:
    return item.subject if isinstance(item, Target) else item.name


def _side(item: Indicator | Target | Project, local_id: str | None, lines: Sequence[str]) -> Side:
    if isinstance(item, Target):
        return Side(local_id, item.line, item.quote)
    if isinstance(item, Project):
        return Side(local_id, item.line, _line(lines, item.line))
    last = max((c.line for c in item.cells), default=item.line)
    quote = " ".join(_line(lines, n).strip() for n in range(item.line, min(last, item.line + 11) + 1))
    return Side(local_id, item.line, " ".join(quote.split()))


def _line(lines: Sequence[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _ref(ref: ValueRef | None) -> str:
    if ref is None:
        return ""
    return f"{ref.raw.strip()}（{ref.year}年）" if ref.year else ref.raw.strip()


def _indicator_fields(old: Indicator, new: Indicator) -> list[tuple[str, str, str]]:
    pairs = [
        ("名称", old.name, new.name),
        ("单位", old.unit or "", new.unit or ""),
        ("类别", old.category or "", new.category or ""),
        ("专栏", old.box or "", new.box or ""),
        ("基期值", _ref(old.base), _ref(new.base)),
        ("目标值", _ref(old.target), _ref(new.target)),
        (
            "年均增速/累计",
            old.growth.raw.strip() if old.growth else "",
            new.growth.raw.strip() if new.growth else "",
        ),
        ("属性", _attribute(old), _attribute(new)),
    ]
    return [(label, a, b) for label, a, b in pairs if _norm(a) != _norm(b)]


def _attribute(indicator: Indicator) -> str:
    return {"binding": "约束性", "expected": "预期性"}.get(
        indicator.attribute.value if indicator.attribute else "", ""
    )


def _target_fields(old: Target, new: Target) -> list[tuple[str, str, str]]:
    def value(t: Target) -> str:
        if t.value is None and t.value_min is not None:
            return f"{t.value_min}～{t.value_max}"
        return "" if t.value is None else str(t.value)

    pairs = [
        ("对象", old.subject, new.subject),
        ("数值", value(old), value(new)),
        ("单位", old.unit or "", new.unit or ""),
        ("类型", old.kind.value, new.kind.value),
        ("年份", str(old.year or old.year_implied or ""), str(new.year or new.year_implied or "")),
    ]
    return [(label, a, b) for label, a, b in pairs if _norm(a) != _norm(b)]


def _project_fields(old: Project, new: Project) -> list[tuple[str, str, str]]:
    def amount(p: Project) -> str:
        if p.investment_wan_yuan is None:
            return ""
        return f"{(p.investment_wan_yuan / _YI).normalize():f}亿元"

    pairs = [
        ("名称", old.name, new.name),
        ("总投资", amount(old), amount(new)),
        ("建设单位", old.owner or "", new.owner or ""),
        ("专栏", old.box or "", new.box or ""),
    ]
    return [(label, a, b) for label, a, b in pairs if _norm(a) != _norm(b)]


def _sections(
    old: Sequence[Section], new: Sequence[Section], old_lines: Sequence[str], new_lines: Sequence[str]
) -> list[Change]:
    def signature(s: Section) -> tuple[str, str]:
        return s.kind.value, _norm(s.title)

    before = {signature(s): s for s in old}
    after = {signature(s): s for s in new}
    changes = []
    for sig, section in after.items():
        side = Side(section.number, section.line, _line(new_lines, section.line).strip())
        label = f"{section.number} {section.title}"
        if sig not in before:
            changes.append(Change("section", "added", f"{sig[0]}:{section.title}", label, new=side))
        elif _norm(before[sig].number) != _norm(section.number):
            previous = before[sig]
            old_side = Side(previous.number, previous.line, _line(old_lines, previous.line).strip())
            moved = (("编号", previous.number, section.number),)
            changes.append(
                Change("section", "moved", f"{sig[0]}:{section.title}", label, moved, old_side, side)
            )
    for sig, section in before.items():
        if sig not in after:
            old_side = Side(section.number, section.line, _line(old_lines, section.line).strip())
            label = f"{section.number} {section.title}"
            changes.append(Change("section", "removed", f"{sig[0]}:{section.title}", label, old=old_side))
    return changes


def _norm(text: str) -> str:
    return strip_spaces(normalise(text))
