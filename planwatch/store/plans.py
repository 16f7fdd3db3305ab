"""Plans: what is monitored. One per title (`plan_key`), with its versions, adoptions and the
target adjustments decided for it. Its id is the id of its first version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from planwatch.document.text import normalise, strip_spaces
from planwatch.errors import NotFoundError, PlanwatchError
from planwatch.store.schema import adoptions, plan_versions, plans, target_adjustments

_MAX_ID = 2**31 - 1  # ids are 32-bit INTEGERs on PostgreSQL


class UnknownPlan(NotFoundError):
    """No plan has that number or name. The message says which; the command line adds where to look
    (the web's error page links to the list of plans)."""

    def details(self) -> list[str]:
        return ["用 planwatch plans 查看已导入的规划"]


class AmbiguousPlan(PlanwatchError):
    """A name that matches several plans: never one picked silently."""


@dataclass(frozen=True, slots=True)
class PlanRow:
    id: int
    title: str
    region: str | None
    kind: str
    level: str
    versions: int
    latest_version_id: int


@dataclass(frozen=True, slots=True)
class Adoption:
    id: int
    version_id: int
    version: int
    in_force_from: date
    document_no: str | None
    forced: bool
    adopted_by: str
    adopted_at: datetime


@dataclass(frozen=True, slots=True)
class Adjustment:
    id: int
    item_key: str
    in_force_from: date
    target_value: Decimal
    target_raw: str
    document_no: str
    reason: str
    adjusted_by: str
    adjusted_at: datetime


def plan_key(title: str) -> str:
    """Versions of one plan share their title, whatever its spacing or full/half-width form."""
    return strip_spaces(normalise(title))[:200]


def find_plan(connection: Connection, key: str) -> int | None:
    found = connection.execute(select(plans.c.id).where(plans.c.plan_key == key)).scalar()
    return None if found is None else int(found)


def create_plan(
    connection: Connection, plan_id: int, key: str, title: str, region: str | None, kind: str, level: str
) -> None:
    """A new plan, numbered `plan_id`: the id its first version was given."""
    connection.execute(
        insert(plans).values(
            id=plan_id,
            plan_key=key,
            title=title,
            region=region,
            kind=kind,
            level=level,
            created_at=datetime.now(UTC),
        )
    )


def retitle(connection: Connection, plan_id: int, title: str, region: str | None) -> None:
    """The plan is shown by the title of its newest version."""
    connection.execute(update(plans).where(plans.c.id == plan_id).values(title=title, region=region))


def list_plans(connection: Connection) -> list[PlanRow]:
    v = plan_versions.c
    counts = (
        select(v.plan_id, func.count().label("n"), func.max(v.id).label("latest"))
        .group_by(v.plan_id)
        .subquery()
    )
    query = (
        select(plans, counts.c.n, counts.c.latest)
        .join(counts, counts.c.plan_id == plans.c.id)
        .order_by(plans.c.id)
    )
    return [
        PlanRow(r.id, r.title, r.region, r.kind, r.level, int(r.n), int(r.latest))
        for r in connection.execute(query)
    ]


def plan_row(connection: Connection, plan_id: int) -> PlanRow:
    found = [p for p in list_plans(connection) if p.id == plan_id]
    if not found:
        raise UnknownPlan(f"数据库中没有编号为 {plan_id} 的规划")
    return found[0]


def resolve(connection: Connection, reference: str) -> tuple[int, int | None]:
    """(plan id, version id or None) from `reference`: a plan's number (or a version's), or part of
    a title. A title that matches several plans is refused with the candidates listed."""
    text = reference.strip()
    if text.isdecimal():  # 12 or １２, not ² or ⑴ (digits to isdigit(), not to int())
        number = int(text) if len(text) <= 10 and int(text) <= _MAX_ID else -1  # not found, never an overflow
        if connection.execute(select(plans.c.id).where(plans.c.id == number)).first() is not None:
            return number, None
        owner = connection.execute(
            select(plan_versions.c.plan_id).where(plan_versions.c.id == number)
        ).scalar()
        if owner is not None:
            return int(owner), number
        raise UnknownPlan(f"数据库中没有编号为 {text} 的规划")
    needle = plan_key(text)
    if not needle:
        raise UnknownPlan("请给出规划编号或名称")
    rows = connection.execute(
        select(plans.c.id, plans.c.title, plans.c.plan_key)
        .where(plans.c.plan_key.contains(needle, autoescape=True))
        .order_by(plans.c.id)
    ).all()
    exact = [r for r in rows if r.plan_key == needle]
    if len(exact) == 1 or len(rows) == 1:
        return int((exact or rows)[0].id), None
    if not rows:
        raise UnknownPlan(f"数据库中没有名称含“{reference}”的规划")
    candidates = "；".join(f"{r.id}：{r.title}" for r in rows)
    raise AmbiguousPlan(f"“{reference}”对应多个规划，请用编号指明：{candidates}")


# ---- adoption ---------------------------------------------------------------------------------------


def add_adoption(
    connection: Connection,
    plan_id: int,
    version_id: int,
    in_force_from: date,
    document_no: str | None,
    forced: bool,
    by: str,
) -> None:
    connection.execute(
        insert(adoptions).values(
            plan_id=plan_id,
            version_id=version_id,
            in_force_from=in_force_from,
            document_no=document_no,
            forced=1 if forced else 0,
            adopted_by=by,
            adopted_at=datetime.now(UTC),
        )
    )


def adoptions_of(connection: Connection, plan_id: int) -> list[Adoption]:
    """The plan's adoptions in the order they take effect (by date, then as recorded)."""
    a, v = adoptions.c, plan_versions.c
    query = (
        select(
            a.id,
            a.version_id,
            v.version,
            a.in_force_from,
            a.document_no,
            a.forced,
            a.adopted_by,
            a.adopted_at,
        )
        .join(plan_versions, v.id == a.version_id)
        .where(a.plan_id == plan_id)
        .order_by(a.in_force_from, a.id)
    )
    return [
        Adoption(
            r.id,
            r.version_id,
            r.version,
            r.in_force_from,
            r.document_no,
            bool(r.forced),
            r.adopted_by,
            _utc(r.adopted_at),
        )
        for r in connection.execute(query)
    ]


# ---- target adjustments (中期调整) -----------------------------------------------------------------


def add_adjustment(
    connection: Connection,
    plan_id: int,
    item_key: str,
    in_force_from: date,
    target_value: Decimal,
    target_raw: str,
    document_no: str,
    reason: str,
    by: str,
) -> None:
    connection.execute(
        insert(target_adjustments).values(
            plan_id=plan_id,
            item_key=item_key,
            in_force_from=in_force_from,
            target_value=target_value,
            target_raw=target_raw,
            document_no=document_no,
            reason=reason,
            adjusted_by=by,
            adjusted_at=datetime.now(UTC),
        )
    )


def adjustments_of(connection: Connection, plan_id: int) -> list[Adjustment]:
    t = target_adjustments.c
    query = select(target_adjustments).where(t.plan_id == plan_id).order_by(t.in_force_from, t.id)
    return [
        Adjustment(
            r.id,
            r.item_key,
            r.in_force_from,
            r.target_value,
            r.target_raw,
            r.document_no,
            r.reason,
            r.adjusted_by,
            _utc(r.adjusted_at),
        )
        for r in connection.execute(query)
    ]


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
