"""统计公报: read a bulletin for a plan into the 待审核 queue, then accept (as written or edited) or
reject each proposal. An accepted figure is an observation entered by the one who accepted it,
sourced 《X年统计公报》第N行, waiting for review and approval like any other; a locked year takes none.

Who: planners and administrators read bulletins, as does whoever holds the review capability (the
statistics bureau); accepting or rejecting a proposal is writing its series' figure (a department
only its own items). Each action is one transaction with its audit entries and the revision bump.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from planwatch.bulletin import DEFAULT_SETTINGS as READER_SETTINGS
from planwatch.bulletin import BulletinReading, BulletinSettings, Candidate, SynonymPair, read_bulletin
from planwatch.document import Document, load_bytes, load_document
from planwatch.document.numbers import convert
from planwatch.errors import NotFoundError, PlanwatchError
from planwatch.evaluate.link import link_targets
from planwatch.formatting import plain
from planwatch.model import Observation, ObservationKind, ObservationStatus, ParsedPlan
from planwatch.observe.values import CellError, parse_number, tidy
from planwatch.services.actor import Actor
from planwatch.services.figures import write_logged
from planwatch.services.permissions import PLANNERS, REVIEW, PermissionDenied, holds, require_write
from planwatch.services.versions import working_plan
from planwatch.store import Store, audit
from planwatch.store import bulletins as bulletin_store
from planwatch.store import synonyms as synonym_store
from planwatch.store.bulletins import ACCEPTED, PENDING, REJECTED, BulletinRow, ProposalRow


class BulletinError(PlanwatchError):
    """A proposal that cannot be accepted as it is, or a bulletin for another place or period."""


@dataclass(frozen=True, slots=True)
class BulletinOutcome:
    bulletin_id: int
    title: str
    year: int
    proposals: int
    unmentioned: int
    already_read: bool
    outside_period: int = 0  # figures for years outside the plan's period, not proposed

    def summary(self) -> str:
        if self.already_read:
            return f"{self.title}：此公报已读入过（编号{self.bulletin_id}），未作改动"
        outside = f"；{self.outside_period}个数值不在规划期内，未提出" if self.outside_period else ""
        return (
            f"{self.title}：提出{self.proposals}个数值待审核（公报编号{self.bulletin_id}），"
            f"{self.unmentioned}项指标公报未发布{outside}"
        )


def candidates_of(parsed: ParsedPlan) -> list[Candidate]:
    """The series a bulletin's figure may belong to: the monitored indicators, and the prose targets
    that are about no row of the table (a target about a row reads the row's figures)."""
    monitored = parsed.monitored_indicators()
    period = parsed.period() or (0, 0)
    linked = link_targets(parsed.targets, monitored, period)
    return [Candidate(i.id, i.name, i.unit, True) for i in monitored] + [
        Candidate(t.id, t.subject, t.unit, False) for t in parsed.targets if t.id not in linked
    ]


def may_read(actor: Actor) -> bool:
    return actor.role in PLANNERS or holds(actor, REVIEW)


def read_bulletin_file(
    store: Store,
    actor: Actor,
    plan_id: int,
    path: str | Path,
    *,
    settings: BulletinSettings = READER_SETTINGS,
) -> BulletinOutcome:
    """Read a bulletin (txt/docx/pdf/html) into the plan's 待审核 queue; NotABulletin (nothing stored)
    for a file that is not one. The same file read again changes nothing."""
    _require_reader(actor)
    return _read(store, actor, plan_id, load_document(path), Path(path).name, settings)


def read_bulletin_upload(
    store: Store,
    actor: Actor,
    plan_id: int,
    content: bytes,
    file_name: str,
    *,
    settings: BulletinSettings = READER_SETTINGS,
) -> BulletinOutcome:
    """`read_bulletin_file` for a web upload: the file's name gives its format and names it in errors."""
    _require_reader(actor)
    return _read(store, actor, plan_id, load_bytes(content, file_name), file_name, settings)


def _require_reader(actor: Actor) -> None:
    if not may_read(actor):
        raise PermissionDenied(f"用户“{actor.name}”（{actor.role_label}）没有读入统计公报的权限")


def _read(
    store: Store, actor: Actor, plan_id: int, document: Document, shown: str, settings: BulletinSettings
) -> BulletinOutcome:
    parsed = working_plan(store, plan_id)
    with store.reading() as connection:
        known = bulletin_store.find(connection, plan_id, document.sha256)
        pairs = [
            SynonymPair(s.name, s.synonym, s.relation, s.note) for s in synonym_store.all_synonyms(connection)
        ]
    if known is not None:
        return BulletinOutcome(known.id, known.title, known.year, 0, 0, True)
    reading = read_bulletin(document, candidates_of(parsed), pairs, settings)
    _check_region(reading, parsed, shown)
    inside, outside = _in_period(reading, parsed)
    notes = _notes(reading)
    with store.transaction() as connection:
        again = bulletin_store.find(connection, plan_id, document.sha256)
        if again is not None:  # read by someone else meanwhile
            return BulletinOutcome(again.id, again.title, again.year, 0, 0, True)
        bulletin_id = bulletin_store.insert_bulletin(
            connection,
            plan_id,
            year=reading.year,
            title=reading.title,
            published_on=reading.published_on,
            file_name=shown,
            format=document.format,
            sha256=document.sha256,
            lines=[line.raw for line in document.lines],
            notes=notes,
            read_by=actor.name,
            read_at=datetime.now(UTC),
        )
        bulletin_store.insert_proposals(connection, bulletin_id, plan_id, [_row(p) for p in inside])
        new = {
            "file": shown,
            "year": reading.year,
            "proposals": len(inside),
            "unmentioned": len(reading.unmentioned),
        }
        audit.record(connection, actor.name, "bulletin.read", plan_id, f"统计公报 #{bulletin_id}", None, new)
    return BulletinOutcome(
        bulletin_id, reading.title, reading.year, len(inside), len(reading.unmentioned), False, outside
    )


def _check_region(reading: BulletinReading, parsed: ParsedPlan, file_name: str) -> None:
    """A bulletin of another place is refused: its figures are not this plan's."""
    ours, theirs = parsed.plan.region, reading.region
    if ours and theirs and ours not in theirs and theirs not in ours:
        raise BulletinError(f"这是“{theirs}”的统计公报，与规划所属的“{ours}”不符，未读入", file=file_name)


def _in_period(reading: BulletinReading, parsed: ParsedPlan) -> tuple[list[Any], int]:
    period = parsed.period()
    if period is None:
        return list(reading.proposals), 0
    inside = [p for p in reading.proposals if period[0] - 1 <= int(p.period) <= period[1]]
    return inside, len(reading.proposals) - len(inside)


def _notes(reading: BulletinReading) -> dict[str, Any]:
    return {
        "region": reading.region,
        "statements": reading.statements,
        "unmentioned": [{"series_id": c.id, "name": c.name, "unit": c.unit} for c in reading.unmentioned],
        "other_measures": [
            {
                "series_id": o.series_id,
                "name": o.series_name,
                "subject": o.subject,
                "raw": o.raw,
                "line": o.line,
                "note": o.note,
            }
            for o in reading.other_measures
        ],
    }


def _row(p: Any) -> dict[str, Any]:
    return {
        "series_id": p.series_id,
        "series_name": p.series_name,
        "period": p.period,
        "kind": p.kind.value,
        "value": p.value,
        "unit": p.unit,
        "raw": p.raw,
        "line": p.line,
        "quote": p.quote,
        "match": p.match.value,
        "match_note": p.match_note,
        "unit_problem": p.unit_problem,
        "conflict": p.conflict,
        "status": p.status.value,
    }


# ---- deciding -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decision:
    proposal_id: int
    state: str
    observation_id: int | None
    note: str

    def summary(self) -> str:
        if self.state == REJECTED:
            return f"已拒绝建议 #{self.proposal_id}"
        if self.observation_id is None:
            return f"已接受建议 #{self.proposal_id}：与已有数值相同，未新增"
        return f"已接受建议 #{self.proposal_id}：{self.note}，待审核"


def accept(
    store: Store,
    actor: Actor,
    plan_id: int,
    proposal_id: int,
    *,
    value: str | None = None,
    unit: str | None = None,
    today: date | None = None,
) -> Decision:
    """Accept a proposal as written, or edited (`value`, `unit`); a proposal with a unit problem must
    be edited into the series' unit first. The figure enters the review queue."""
    day = today or date.today()
    with store.transaction() as connection:
        proposal = _pending(connection, plan_id, proposal_id)
        require_write(connection, actor, plan_id, [proposal.series_id])
        bulletin = bulletin_store.bulletin(connection, proposal.bulletin_id)
        assert bulletin is not None
        figure, edited = _figure(proposal, bulletin, working_plan(store, plan_id), value, unit, day)
        _, fresh = write_logged(connection, actor, plan_id, [figure], "bulletin.accept", None, "")
        observation_id = fresh[0].id if fresh else None
        note = f"{figure.series_id} {figure.period}年 {plain(figure.value)}{figure.unit or ''}" + (
            "（已修改）" if edited else ""
        )
        bulletin_store.decide(
            connection, proposal.id, ACCEPTED, actor.name, datetime.now(UTC), note, observation_id
        )
        old = {"value": str(proposal.value), "unit": proposal.unit}
        new = {
            "value": str(figure.value),
            "unit": figure.unit,
            "observation_id": observation_id,
            "edited": edited,
        }
        audit.record(connection, actor.name, "proposal.accept", plan_id, f"建议 #{proposal.id}", old, new)
        _reject_rivals(connection, actor, plan_id, proposal)
    return Decision(proposal_id, ACCEPTED, observation_id, note)


def reject(store: Store, actor: Actor, plan_id: int, proposal_id: int, reason: str = "") -> Decision:
    with store.transaction() as connection:
        proposal = _pending(connection, plan_id, proposal_id)
        require_write(connection, actor, plan_id, [proposal.series_id])
        note = reason.strip() or "不采用"
        bulletin_store.decide(connection, proposal.id, REJECTED, actor.name, datetime.now(UTC), note)
        old = {"value": str(proposal.value), "unit": proposal.unit}
        audit.record(
            connection, actor.name, "proposal.reject", plan_id, f"建议 #{proposal.id}", old, {"reason": note}
        )
    return Decision(proposal_id, REJECTED, None, note)


def _pending(connection: Any, plan_id: int, proposal_id: int) -> ProposalRow:
    found = bulletin_store.proposals(connection, plan_id, ids=[proposal_id])
    if not found:
        raise NotFoundError(f"规划 {plan_id} 中没有编号为 {proposal_id} 的公报建议")
    if found[0].state != PENDING:
        state = {ACCEPTED: "已接受", REJECTED: "已拒绝"}[found[0].state]
        raise BulletinError(f"建议 #{proposal_id} {state}，不能再处理")
    return found[0]


def _figure(
    proposal: ProposalRow,
    bulletin: BulletinRow,
    parsed: ParsedPlan,
    value: str | None,
    unit: str | None,
    day: date,
) -> tuple[Observation, bool]:
    series = {s.id: s for s in parsed.series()}.get(proposal.series_id)
    if series is None:
        raise BulletinError(f"规划现行版本中已没有“{proposal.series_id}”，不能接受")
    kind = ObservationKind(proposal.kind)
    wanted = "%" if kind is ObservationKind.GROWTH else series.unit
    edited = (value is not None and value.strip() != "") or (
        unit is not None and tidy(unit) != tidy(proposal.unit or "")
    )
    number, given = proposal.value, proposal.unit
    if value is not None and value.strip():
        try:
            number, written = parse_number(value, wanted)
        except CellError as error:
            raise BulletinError(str(error), field="数值") from None
        given = written or given
    if unit is not None and unit.strip():
        given = tidy(unit)
    if not edited and proposal.unit_problem:
        raise BulletinError(
            f"建议 #{proposal.id}：{proposal.unit_problem}；请改为指标单位“{wanted or '（无）'}”后再接受"
        )
    final = _converted(number, given, wanted)
    as_of = min(bulletin.published_on or bulletin.read_at.date(), day)
    observation = Observation(
        series_id=proposal.series_id,
        period=proposal.period,
        value=final,
        unit=wanted if wanted is not None else given,
        kind=kind,
        as_of=as_of,
        source=f"《{bulletin.year}年统计公报》第{proposal.line}行",
        status=ObservationStatus(proposal.status),
    )
    return observation, edited


def _converted(value: Decimal, given: str | None, wanted: str | None) -> Decimal:
    if wanted is None or given is None or tidy(given) == tidy(wanted):
        if wanted is not None and given is None:
            raise BulletinError(f"数值没有单位，应为“{wanted}”", field="单位")
        return value
    converted = convert(value, tidy(given), tidy(wanted))
    if converted is None:
        raise BulletinError(f"“{given}”与指标单位“{wanted}”不兼容，不能换算", field="单位")
    return converted


def _reject_rivals(connection: Any, actor: Actor, plan_id: int, chosen: ProposalRow) -> None:
    """The other figures of a conflict group: rejected, saying which one was accepted."""
    if not chosen.conflict:
        return
    for rival in bulletin_store.proposals(connection, plan_id, bulletin_id=chosen.bulletin_id, state=PENDING):
        if rival.conflict == chosen.conflict and rival.series_id == chosen.series_id:
            note = f"同一指标同一期间的另一数值（建议 #{chosen.id}）已被接受"
            bulletin_store.decide(connection, rival.id, REJECTED, actor.name, datetime.now(UTC), note)
            audit.record(
                connection,
                actor.name,
                "proposal.reject",
                plan_id,
                f"建议 #{rival.id}",
                None,
                {"reason": note},
            )


# ---- reading ------------------------------------------------------------------------------------------


def bulletins_of(store: Store, plan_id: int) -> list[BulletinRow]:
    with store.reading() as connection:
        return bulletin_store.bulletins_of(connection, plan_id)


def bulletin_of(store: Store, plan_id: int, bulletin_id: int) -> BulletinRow:
    with store.reading() as connection:
        found = bulletin_store.bulletin(connection, bulletin_id)
    if found is None or found.plan_id != plan_id:
        raise NotFoundError(f"规划 {plan_id} 中没有编号为 {bulletin_id} 的统计公报")
    return found


def proposals_of(
    store: Store, plan_id: int, *, bulletin_id: int | None = None, state: str | None = None
) -> list[ProposalRow]:
    with store.reading() as connection:
        return bulletin_store.proposals(connection, plan_id, bulletin_id=bulletin_id, state=state)


def lines_of(store: Store, bulletin_id: int, numbers: list[int] | None = None) -> dict[int, str]:
    with store.reading() as connection:
        return bulletin_store.lines_of(connection, bulletin_id, numbers)


def pending_counts(store: Store, plan_id: int) -> dict[int, int]:
    with store.reading() as connection:
        return bulletin_store.pending_counts(connection, plan_id)
