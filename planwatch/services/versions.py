"""A plan's life: which version is in force on a date, adopting a version, pairing what the matching
left to a person, adjusting a target at mid-term (中期调整), and the difference between versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from planwatch.compare.diff import VersionDiff, diff_versions
from planwatch.errors import NotFoundError, PlanwatchError
from planwatch.model import ParsedPlan
from planwatch.services.actor import Actor
from planwatch.services.permissions import PLANNERS, require_role
from planwatch.store import Store, audit, items, plans, versions
from planwatch.store.plans import Adjustment, Adoption
from planwatch.store.versions import VersionSummary


class VersionError(PlanwatchError):
    """A version action that is refused (an older version adopted without --force, two plans diffed)."""


def version_in_force(store: Store, plan_id: int, on: date | None = None) -> int:
    """The version id in force on `on` (today when None): the latest adoption whose date has come.
    Before the first adoption takes effect, the draft that was worked on: the newest version older
    than the first adopted one (or that one itself). A plan never adopted: its newest version."""
    with store.reading() as connection:
        taken = plans.adoptions_of(connection, plan_id)
        all_versions = versions.list_versions(connection, plan_id)
    if not all_versions:
        raise NotFoundError(f"数据库中没有编号为 {plan_id} 的规划")
    day = on or date.today()
    effective = [a for a in taken if a.in_force_from <= day]
    if effective:
        return effective[-1].version_id
    if taken:
        first = min(taken, key=lambda a: (a.in_force_from, a.id))
        earlier = [v for v in all_versions if v.version < first.version]
        return earlier[-1].id if earlier else first.version_id
    return all_versions[-1].id


def version_id(store: Store, plan_id: int, number: int | None, on: date | None = None) -> int:
    """Version `number` of the plan, or the one in force on `on`."""
    if number is None:
        return version_in_force(store, plan_id, on)
    with store.reading() as connection:
        return versions.version_id_of(connection, plan_id, number)


def adopt(
    store: Store,
    actor: Actor,
    plan_id: int,
    number: int,
    in_force_from: date,
    *,
    document_no: str | None = None,
    force: bool = False,
) -> Adoption:
    """Make version `number` the one in force from `in_force_from`. Adopting a version older than the
    one in force then is refused unless forced, and a forced adoption says so in the audit log."""
    require_role(actor, *PLANNERS, doing="设定现行版本")
    with store.transaction() as connection:
        chosen = versions.version_id_of(connection, plan_id, number)
        current = [a for a in plans.adoptions_of(connection, plan_id) if a.in_force_from <= in_force_from]
        if current and current[-1].version > number and not force:
            raise VersionError(
                f"第{number}版早于{in_force_from}时现行的第{current[-1].version}版；"
                "确需回退请加 --force（将记入审计日志）"
            )
        plans.add_adoption(connection, plan_id, chosen, in_force_from, document_no, force, actor.name)
        new = {"version": number, "in_force_from": in_force_from.isoformat(), "document_no": document_no}
        if force:
            new["forced"] = True
        old = {"version": current[-1].version} if current else None
        audit.record(connection, actor.name, "plan.adopt", plan_id, f"第{number}版", old, new)
        return plans.adoptions_of(connection, plan_id)[-1]


def adoptions(store: Store, plan_id: int) -> list[Adoption]:
    with store.reading() as connection:
        return plans.adoptions_of(connection, plan_id)


@dataclass(frozen=True, slots=True)
class PendingItem:
    version: int
    kind: str
    local_id: str
    provisional_key: str
    candidate_key: str | None
    confidence: Decimal | None


def pending_items(store: Store, plan_id: int) -> list[PendingItem]:
    """Items the matching did not pair on its own, in every version of the plan."""
    found = []
    with store.reading() as connection:
        for summary in versions.list_versions(connection, plan_id):
            for item in items.items_of_version(connection, summary.id):
                if item.status == "pending":
                    found.append(
                        PendingItem(
                            summary.version,
                            item.kind,
                            item.local_id,
                            item.item_key,
                            item.previous_local_id,
                            item.confidence,
                        )
                    )
    return found


def pair(
    store: Store, actor: Actor, plan_id: int, number: int, kind: str, local_id: str, key: str | None
) -> str:
    """A person's decision on an item of version `number`: it is the earlier item `key`, or (None) it
    is new under its provisional key. Returns the key it now carries."""
    require_role(actor, *PLANNERS, doing="确认版本对应关系")
    with store.transaction() as connection:
        version = versions.version_id_of(connection, plan_id, number)
        mine = {(i.kind, i.local_id): i for i in items.items_of_version(connection, version)}
        item = mine.get((kind, local_id))
        if item is None:
            raise NotFoundError(f"第{number}版中没有编号为“{local_id}”的{_KIND_LABEL.get(kind, kind)}")
        chosen = item.item_key if key is None else key
        taken = {i.item_key for i in mine.values() if i.kind == kind and i.local_id != local_id}
        if chosen in taken:
            raise VersionError(f"第{number}版中已有其他条目对应“{chosen}”")
        if key is not None and key not in items.keys_of_plan(connection, plan_id):
            raise NotFoundError(f"规划 {plan_id} 的各版本中没有编号为“{key}”的条目")
        items.set_key(connection, version, kind, local_id, chosen, "paired" if key else "new")
        old = {"key": item.item_key, "status": item.status}
        audit.record(
            connection, actor.name, "item.pair", plan_id, f"第{number}版 {local_id}", old, {"key": chosen}
        )
    return chosen


_KIND_LABEL = {"indicator": "指标", "target": "目标", "project": "项目"}


def adjust_target(
    store: Store,
    actor: Actor,
    plan_id: int,
    item_key: str,
    in_force_from: date,
    value: Decimal,
    *,
    document_no: str,
    reason: str,
    raw: str | None = None,
) -> None:
    """中期调整: the target of an indicator (or prose target) changes from a date, by a document. The
    version's own target stays as written; evaluations as of earlier dates keep using it."""
    require_role(actor, *PLANNERS, doing="调整目标")
    if not document_no.strip() or not reason.strip():
        raise VersionError("调整目标须写明文号和理由")
    current = store.load(version_in_force(store, plan_id, in_force_from))
    keys = {i.id for i in current.indicators} | {t.id for t in current.targets}
    if item_key not in keys:
        raise NotFoundError(f"规划 {plan_id} 现行版本中没有编号为“{item_key}”的指标或目标")
    with store.transaction() as connection:
        before = [a for a in plans.adjustments_of(connection, plan_id) if a.item_key == item_key]
        plans.add_adjustment(
            connection,
            plan_id,
            item_key,
            in_force_from,
            value,
            raw or str(value),
            document_no.strip(),
            reason.strip(),
            actor.name,
        )
        new = {
            "target": str(value),
            "in_force_from": in_force_from.isoformat(),
            "document_no": document_no.strip(),
            "reason": reason.strip(),
        }
        old = {"target": str(before[-1].target_value)} if before else None
        audit.record(connection, actor.name, "target.adjust", plan_id, item_key, old, new)


def adjustments(store: Store, plan_id: int, on: date | None = None) -> list[Adjustment]:
    """Every adjustment of the plan (only those in force on `on`, the latest per item, when given)."""
    with store.reading() as connection:
        found = plans.adjustments_of(connection, plan_id)
    if on is None:
        return found
    latest: dict[str, Adjustment] = {}
    for adjustment in found:
        if adjustment.in_force_from <= on:
            latest[adjustment.item_key] = adjustment
    return list(latest.values())


def diff(
    store: Store, plan_id: int, first: int, second: int, *, other_plan_id: int | None = None
) -> VersionDiff:
    """What changed from version `first` to version `second` of one plan (`second` of `other_plan_id`
    when given: refused, with both titles, unless it is the same plan)."""
    with store.reading() as connection:
        if other_plan_id is not None and other_plan_id != plan_id:
            one, other = plans.plan_row(connection, plan_id), plans.plan_row(connection, other_plan_id)
            raise VersionError(f"不能比较两个不同的规划：“{one.title}”与“{other.title}”")
        old_id = versions.version_id_of(connection, plan_id, first)
        new_id = versions.version_id_of(connection, plan_id, second)
        old_items = items.items_of_version(connection, old_id)
        new_items = items.items_of_version(connection, new_id)
    old, new = store.load(old_id), store.load(new_id)
    return diff_versions(
        old, new, store.lines(old_id), store.lines(new_id), old_items, new_items, first, second
    )


@dataclass(frozen=True, slots=True)
class Located:
    """A plan named by a person, and the version meant: the one named, or the one in force."""

    plan_id: int
    version_id: int
    version: int
    title: str

    def label(self) -> str:
        return f"规划 {self.plan_id}：{self.title}（第{self.version}版）"


def locate(store: Store, reference: str, number: int | None = None, on: date | None = None) -> Located:
    """The plan `reference` names (its number, a version's number, or part of its title; several
    plans by one name are refused) and its version: `number`, the version the reference named, or
    the one in force on `on` (today)."""
    with store.reading() as connection:
        plan_id, named_version = plans.resolve(connection, reference)
    if number is not None:
        chosen = version_id(store, plan_id, number)
    else:
        chosen = named_version if named_version is not None else version_in_force(store, plan_id, on)
    with store.reading() as connection:
        summary = next(v for v in versions.list_versions(connection, plan_id) if v.id == chosen)
    return Located(plan_id, chosen, summary.version, summary.title)


def working_plan(store: Store, plan_id: int, on: date | None = None) -> ParsedPlan:
    """The version in force on `on` (today), keyed: what figures are entered and items assigned against."""
    return store.load(version_in_force(store, plan_id, on))


def versions_of(store: Store, plan_id: int) -> list[VersionSummary]:
    with store.reading() as connection:
        return versions.list_versions(connection, plan_id)


def item_keys(store: Store, version_id: int) -> dict[tuple[str, str], str]:
    """(kind, the parser's id in that version) → stable key: for what is stored by position (search)."""
    with store.reading() as connection:
        return items.keys_of_version(connection, version_id)
