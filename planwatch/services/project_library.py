"""The project library (项目库) of a plan: every project its versions read, every project added by
hand, and what the office entered about each — as known on a date.

A project read from the plan keeps its source (version, lines, text) and its plan values (name, box,
owner, 总投资, the 年度计划投资 of its schedule lines); a value a person enters is shown over the plan's
and the change is audited (who, when, old → new). A project the version in force no longer carries
keeps everything and is marked 不在现行规划中. 责任单位 and 建设地点 are suggested from the department
directory's keywords and 乡镇街道; a suggestion stays one until a person takes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from operator import attrgetter

from sqlalchemy.engine import Connection

from planwatch.errors import NotFoundError, PlanwatchError
from planwatch.model import ParsedPlan, Project
from planwatch.project_model import (
    LibraryProject,
    Milestone,
    MilestoneKind,
    PlanSource,
    ReportFrequency,
    YearPlan,
)
from planwatch.services.actor import Actor
from planwatch.services.permissions import PLANNERS, require_role
from planwatch.services.project_fields import (
    NODE_PREFIX,
    PLAN_PREFIX,
    Change,
    ProjectRefused,
    amount_text,
    category_of_box,
    is_dated,
    known_field,
    label_of,
    read_value,
)
from planwatch.services.project_suggestions import suggestions
from planwatch.services.versions import version_in_force, versions_of
from planwatch.store import Store, audit
from planwatch.store import project_library as rows
from planwatch.store.project_library import FieldValue


@dataclass(frozen=True, slots=True)
class Library:
    plan_id: int
    title: str
    version: int  # the number of the version in force on `on`
    version_id: int
    period: tuple[int, int] | None
    on: date
    frequency: ReportFrequency
    projects: list[LibraryProject]

    def find(self, reference: str) -> LibraryProject:
        """A project by its key or 项目编号."""
        for project in self.projects:
            if reference in (project.key, project.code):
                return project
        raise NotFoundError(f"规划 {self.plan_id} 的项目库中没有编号为“{reference}”的项目")


def undated(field: str) -> bool:
    """A field that describes the project (项目编号, 名称, 责任单位…) reads as it is now on any date; the
    year plans, milestones and status read as they were on the date asked about."""
    return not is_dated(field)


def library(store: Store, plan_id: int, on: date | None = None) -> Library:
    """The library as known on `on` (today): in the order of the version in force, then the projects
    added by hand, then those no longer in the version in force. What describes a project is read as
    it is now; its year plans, milestones and status as they were on `on`."""
    day = on or date.today()
    in_force_id = version_in_force(store, plan_id, day)
    in_force = store.load(in_force_id)
    read = _projects_read(store, plan_id, in_force_id, in_force)
    with store.reading() as connection:
        manual = rows.manual_keys(connection, plan_id)
        fields = rows.fields_as_of(connection, [plan_id], day, undated=undated).get(plan_id, {})
        frequency = rows.frequency_of(connection, plan_id)
    current = {p.id for p in in_force.projects} | set(manual)
    period = in_force.period()
    ordered = [*(p.id for p in in_force.projects), *manual, *(k for k in read if k not in current)]
    entries = [entry(key, fields.get(key, {}), read.get(key), in_force=key in current) for key in ordered]
    return Library(
        plan_id,
        in_force.plan.title,
        in_force.plan.version,
        in_force_id,
        period,
        day,
        frequency,
        entries,
    )


def _projects_read(
    store: Store, plan_id: int, in_force_id: int, in_force: ParsedPlan
) -> dict[str, tuple[int, Project]]:
    """key → (version number, the project as read): from the version in force when it carries the
    project, otherwise from the newest version that does."""
    read: dict[str, tuple[int, Project]] = {}
    for summary in versions_of(store, plan_id):
        if summary.id == in_force_id:
            continue
        for project in store.load(summary.id).projects:
            read[project.id] = (summary.version, project)
    for project in in_force.projects:
        read[project.id] = (in_force.plan.version, project)
    return read


def entry(
    key: str, fields: Mapping[str, str | None], read: tuple[int, Project] | None, *, in_force: bool
) -> LibraryProject:
    """One library entry: the plan's reading (if any) with the values entered over it. Hot (every
    project of a plan on every judgement): one pass over the entered fields."""
    version, project = read if read is not None else (0, None)
    entered: dict[str, str] = {}
    plans: dict[int, YearPlan] = _plan_years(project) if project is not None else {}
    milestones: list[Milestone] = []
    for name, value in fields.items():
        if value is None:
            continue
        if name.startswith(PLAN_PREFIX):
            year = int(name[len(PLAN_PREFIX) :])
            plans[year] = YearPlan(year, Decimal(value), "set")
        elif name.startswith(NODE_PREFIX):
            milestones.append(Milestone(_NODE, name[len(NODE_PREFIX) :], date.fromisoformat(value)))
        elif name == "start":
            milestones.append(Milestone(_START, "开工", date.fromisoformat(value)))
        elif name == "finish":
            milestones.append(Milestone(_FINISH, "竣工", date.fromisoformat(value)))
        else:
            entered[name] = value
    get = entered.get
    investment = get("investment") or (
        str(project.investment_wan_yuan) if project is not None and project.investment_wan_yuan else None
    )
    category = get("category")
    box_category = category_of_box(project.box_title) if project is not None and category is None else None
    start_year, end_year = get("start_year"), get("end_year")
    if len(milestones) > 1:
        milestones.sort(key=_BY_DATE)
    return LibraryProject(
        key,
        get("code") or key,
        get("name") or (project.name if project is not None else key),
        get("box") or (project.box if project is not None else None),
        category or box_category,
        get("nature"),
        get("location"),
        get("content") or (project.text if project is not None else None),
        int(start_year) if start_year else None,
        int(end_year) if end_year else None,
        Decimal(investment) if investment else None,
        get("owner") or (project.owner if project is not None else None),
        get("department"),
        get("status"),
        project is None,
        in_force,
        _source(version, project) if project is not None else None,
        tuple(plans[y] for y in sorted(plans)),
        tuple(milestones),
        frozenset(name for name, value in fields.items() if value is not None),
        box_category is not None,
    )


_START, _FINISH, _NODE = MilestoneKind.START, MilestoneKind.FINISH, MilestoneKind.NODE  # enum lookups: slow
_BY_DATE = attrgetter("planned_on")


def _source(version: int, project: Project) -> PlanSource:
    return PlanSource(version, project.line, project.last_line, project.text, project.box_title)


def _plan_years(project: Project) -> dict[int, YearPlan]:
    """Each year's 年度计划投资 as the plan's schedule lines give it (专栏6-1: 2021年目标：…完成投资7.24亿元):
    the sum of the amounts of that year's lines, every line kept."""
    plans: dict[int, YearPlan] = {}
    for line in project.schedule:
        if line.investment_wan_yuan is None:
            continue
        found = plans.get(line.year)
        amount = line.investment_wan_yuan + (found.amount_wan_yuan if found else 0)
        lines = (*(found.lines if found else ()), line.line)
        quote = "；".join(q for q in ((found.quote if found else ""), line.investment_raw or "") if q)
        plans[line.year] = YearPlan(line.year, amount, "plan", lines, quote)
    return plans


# ---- actions -------------------------------------------------------------------------------------------


def edit_project(
    store: Store,
    actor: Actor,
    plan_id: int,
    reference: str,
    values: Mapping[str, str],
    *,
    set_on: date | None = None,
    today: date | None = None,
) -> list[Change]:
    """Change fields of a library entry (`values` as typed, by field name: code, department, plan:2024,
    start, node:主体封顶…; blank clears). Every problem is listed and nothing is written when any; each
    change is audited (old → new). `set_on` (default today) is when a year plan, milestone or status
    takes effect; never later than today, never before the field's last change."""
    require_role(actor, *PLANNERS, doing="编辑项目库")
    day = today or date.today()
    current = library(store, plan_id, date.max)  # everything entered so far
    project = current.find(reference)
    with store.transaction() as connection:
        return _apply(connection, actor, current, project, values, set_on or day, day)


def _apply(
    connection: Connection,
    actor: Actor,
    current: Library,
    project: LibraryProject,
    values: Mapping[str, str],
    effective: date,
    today: date,
) -> list[Change]:
    changes = _changes(connection, current, project, values, effective, today)
    for change in changes:
        rows.write_fields(
            connection, current.plan_id, project.key, {change.field: change.new}, effective, actor.name
        )
        target = f"{project.key} {change.label}"
        audit.record(connection, actor.name, "project.edit", current.plan_id, target, change.old, change.new)
    return changes


def _changes(
    connection: Connection,
    current: Library,
    project: LibraryProject,
    values: Mapping[str, str],
    effective: date,
    today: date,
) -> list[Change]:
    problems: list[tuple[str, str]] = []
    changes: list[Change] = []
    if effective > today:
        problems.append(("生效日期", f"{effective.isoformat()}晚于今天"))
    latest = rows.latest_set_on(connection, current.plan_id, project.key, values)
    codes = rows.codes_in_use(connection, current.plan_id)
    keys = {p.key for p in current.projects}
    for field, text in values.items():
        label = label_of(field)
        if not known_field(field):
            problems.append((field, "不是项目库的字段"))
            continue
        try:
            new = read_value(connection, field, text, period=current.period)
        except PlanwatchError as error:
            problems.append((label, error.reason))
            continue
        if field in latest and latest[field] > effective:
            problems.append((label, f"已有{latest[field].isoformat()}起的值，生效日期不能更早"))
            continue
        if not is_dated(field) and effective != today:
            problems.append((label, "只有年度计划、节点、开工竣工日期和状态可以指定生效日期"))
            continue
        if field == "code" and new is not None and _taken(new, project.key, codes, keys):
            problems.append((label, f"“{new}”已是其他项目的编号"))
            continue
        old = shown_value(project, field)
        if new != old:
            changes.append(Change(field, label, old, new))
    if problems:
        raise ProjectRefused(problems)
    return changes


def _taken(code: str, key: str, codes: Mapping[str, str], keys: set[str]) -> bool:
    """Whether another project is known by `code` (its 项目编号 or its key)."""
    return codes.get(code, key) != key or (code in keys and code != key)


def shown_value(project: LibraryProject, field: str) -> str | None:
    """A field's value as the library shows it now (the plan's, or as entered), in stored text."""
    if field.startswith(PLAN_PREFIX):
        plan = project.year_plan(int(field.removeprefix(PLAN_PREFIX)))
        return amount_text(plan.amount_wan_yuan) if plan else None
    if field.startswith(NODE_PREFIX):
        name = field.removeprefix(NODE_PREFIX)
        found = next(
            (m for m in project.milestones if m.kind is MilestoneKind.NODE and m.label == name), None
        )
        return found.planned_on.isoformat() if found else None
    if field in ("start", "finish"):
        day = project.planned(MilestoneKind(field))
        return day.isoformat() if day else None
    if field == "investment":
        return amount_text(project.investment_wan_yuan) if project.investment_wan_yuan is not None else None
    value = getattr(project, field, None)
    return None if value is None else str(value)


def add_project(
    store: Store, actor: Actor, plan_id: int, values: Mapping[str, str], *, today: date | None = None
) -> str:
    """A project the plan does not list (offices add projects every year): it gets a key of its own
    (H001…), says it was added by hand, and has no plan line. Returns the key."""
    require_role(actor, *PLANNERS, doing="添加项目")
    if not (values.get("name") or "").strip():
        raise ProjectRefused([("项目名称", "不能为空")])
    day = today or date.today()
    current = library(store, plan_id, date.max)
    with store.transaction() as connection:
        key = rows.add_manual(connection, plan_id, actor.name)
        changes = _changes(connection, current, entry(key, {}, None, in_force=True), values, day, day)
        stored = {c.field: c.new for c in changes}
        rows.write_fields(connection, plan_id, key, stored, day, actor.name)
        audit.record(connection, actor.name, "project.add", plan_id, key, None, stored)
    return key


def accept_suggestions(
    store: Store, actor: Actor, plan_id: int, fields: Sequence[str] = ("department", "location")
) -> int:
    """Take every suggestion of `fields` for the projects that have none set, in one transaction
    (each change audited). Returns how many values were taken."""
    require_role(actor, *PLANNERS, doing="编辑项目库")
    day = date.today()
    current = library(store, plan_id, date.max)
    by_key = {p.key: p for p in current.projects}
    taken = 0
    with store.transaction() as connection:
        for key, suggested in suggestions(store, current.projects).items():
            values = {}
            if "department" in fields and suggested.department:
                values["department"] = suggested.department
            if "location" in fields and suggested.location:
                values["location"] = suggested.location
            if values:
                taken += len(_apply(connection, actor, current, by_key[key], values, day, day))
    return taken


def set_frequency(store: Store, actor: Actor, plan_id: int, frequency: ReportFrequency) -> bool:
    """月报 or 季报 for the plan's projects; False when unchanged."""
    require_role(actor, *PLANNERS, doing="设置调度频率")
    with store.transaction() as connection:
        old = rows.frequency_of(connection, plan_id)
        if old is frequency:
            return False
        rows.set_frequency(connection, plan_id, frequency)
        audit.record(
            connection, actor.name, "schedule.frequency", plan_id, "调度频率", old.label, frequency.label
        )
    return True


def field_history(store: Store, plan_id: int, key: str) -> list[FieldValue]:
    with store.reading() as connection:
        return rows.field_history(connection, plan_id, key)
