"""One project of the library: its fields and where each comes from, the judgement as of a date, the
year's planned against completed investment by month (chart), the milestones on a timeline, every
report with its versions, the 存在问题 log, and every hand edit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from planwatch.present.amounts import yi_yuan
from planwatch.present.pages.common import plan_header
from planwatch.present.pages.schedule_data import project_row
from planwatch.project_model import LibraryProject, MilestoneKind, ProjectReport, ReportFrequency
from planwatch.schedule import ProjectJudgement
from planwatch.schedule import periods as schedule_periods
from planwatch.schedule.demo import DEMO_AS_OF
from planwatch.services.actor import Actor
from planwatch.services.permissions import PLANNERS, writable_projects
from planwatch.services.project_fields import LABELS, label_of
from planwatch.services.project_library import field_history
from planwatch.services.project_reports import report_history, scheduled
from planwatch.services.project_suggestions import suggestions
from planwatch.store import Store

_SHOWN_FIELDS = (
    "code",
    "name",
    "box",
    "category",
    "nature",
    "location",
    "start_year",
    "end_year",
    "investment",
    "owner",
    "department",
    "status",
)
_FROM_PLAN = {"name", "box", "investment", "owner", "content"}


def project_page(
    store: Store, plan_id: int, reference: str, as_of: date, viewer: Actor | None = None
) -> dict[str, Any]:
    result = scheduled(store, plan_id, as_of)
    project = result.library.find(reference)
    judged = next(j for p, j in result.judged if p.key == project.key)
    history = report_history(store, plan_id, project.key)
    known = [r for r in history if r.reported_on <= as_of]
    parsed = store.load(result.library.version_id)
    units = {project.key: project.department}
    hints = suggestions(store, [project]).get(project.key)
    return {
        "plan": plan_header(plan_id, parsed),
        "as_of": as_of.isoformat(),
        "demo_as_of": DEMO_AS_OF.isoformat(),
        "project": project_row(plan_id, project, judged),
        "fields": _fields(plan_id, project),
        "content": project.content,
        "source": _source(plan_id, project),
        "suggestions": {
            "department": hints.department if hints else None,
            "department_keyword": hints.department_keyword if hints else None,
            "location": hints.location if hints else None,
        },
        "year_plans": [
            {
                "year": p.year,
                "amount_yi_yuan": yi_yuan(p.amount_wan_yuan),
                "origin": p.origin,
                "origin_label": "规划原文" if p.origin == "plan" else "录入",
                "lines": list(p.lines),
                "quote": p.quote,
            }
            for p in project.year_plans
        ],
        "milestones": _milestones(project, judged, as_of),
        "chart": _chart(project, judged, known, result.library.frequency),
        "reports": _reports(history, as_of),
        "issues": [
            {
                "period": r.period,
                "period_label": schedule_periods.label(r.period),
                "issues": r.issues,
                "coordination": r.coordination,
                "reported_on": r.reported_on.isoformat(),
            }
            for r in sorted(_latest(known), key=lambda r: schedule_periods.order(r.period), reverse=True)
            if r.issues or r.coordination
        ],
        "edits": [
            {
                "field": label_of(v.field),
                "value": v.value,
                "set_on": v.set_on.isoformat(),
                "entered_by": v.entered_by,
                "entered_at": v.entered_at.isoformat(timespec="seconds") if v.entered_at else None,
            }
            for v in reversed(field_history(store, plan_id, project.key))
        ],
        "can_edit": viewer is not None and viewer.role in PLANNERS,
        "can_report": viewer is not None and bool(writable_projects(viewer, units, [project.key])),
        "editable": [{"name": name, "label": LABELS[name]} for name in _SHOWN_FIELDS],
    }


def _fields(plan_id: int, project: LibraryProject) -> list[dict[str, Any]]:
    """Each field with its value as shown and where it comes from: the plan's line, a person, a rule."""
    shown = []
    for name in _SHOWN_FIELDS:
        value: Any = getattr(project, name, None)
        if name == "investment":
            value = yi_yuan(project.investment_wan_yuan)
        if name in project.set_fields:
            origin = "录入"
        elif name == "category" and project.category_from_box:
            origin = "按专栏归类"
        elif name in _FROM_PLAN and project.source is not None and value is not None:
            origin = f"规划原文第{project.source.line}行"
        elif name == "code":
            origin = "规划编号" if not project.manual else "手工添加"
        else:
            origin = ""
        shown.append({"name": name, "label": LABELS[name], "value": value, "origin": origin})
    return shown


def _source(plan_id: int, project: LibraryProject) -> dict[str, Any] | None:
    if project.source is None:
        return None
    s = project.source
    return {
        "version": s.version,
        "line": s.line,
        "last_line": s.last_line,
        "box_title": s.box_title,
        "quote": s.quote,
        "url": f"/plans/{plan_id}/text?version={s.version}#L{s.line}",
    }


def _milestones(project: LibraryProject, judged: ProjectJudgement, as_of: date) -> list[dict[str, Any]]:
    found = []
    for m in project.milestones:
        actual = {MilestoneKind.START: judged.started_on, MilestoneKind.FINISH: judged.finished_on}.get(
            m.kind
        )
        if actual is not None:
            state = "已完成"
        elif m.planned_on < as_of and m.kind is not MilestoneKind.NODE:
            state = "逾期"
        else:
            state = "未到期" if m.planned_on >= as_of else "已过计划日期"
        found.append(
            {
                "kind": m.kind.value,
                "label": m.label,
                "planned_on": m.planned_on.isoformat(),
                "actual_on": actual.isoformat() if actual else None,
                "state": state,
            }
        )
    return found


def _chart(
    project: LibraryProject, judged: ProjectJudgement, known: list[ProjectReport], frequency: ReportFrequency
) -> dict[str, Any]:
    """The judged year by period: the plan spread evenly (序时计划), the cumulative completed and each
    period's completed, in 亿元."""
    year = judged.year
    plan = project.year_plan(year)
    by_period = {r.period: r for r in _latest(known) if r.year == year}
    labels, planned, cumulative, completed = [], [], [], []
    for period in schedule_periods.periods_of_year(year, frequency):
        labels.append(f"{int(period[5:])}{'月' if frequency is ReportFrequency.MONTH else '季度'}")
        share = schedule_periods.elapsed_share(period)
        planned.append(yi_yuan(plan.amount_wan_yuan * share) if plan else None)
        report = by_period.get(period)
        cumulative.append(yi_yuan(report.cumulative_wan_yuan) if report else None)
        completed.append(yi_yuan(report.completed_wan_yuan) if report else None)
    return {
        "year": year,
        "labels": labels,
        "planned": [_round(v) for v in planned],
        "cumulative": [_round(v) for v in cumulative],
        "completed": [_round(v) for v in completed],
    }


def _round(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.0001"))


def _latest(reports: list[ProjectReport]) -> list[ProjectReport]:
    latest: dict[str, ProjectReport] = {}
    for r in reports:  # by period, then as made: the last of a period is its latest version
        latest[r.period] = r
    return list(latest.values())


def _reports(history: list[ProjectReport], as_of: date) -> list[dict[str, Any]]:
    """Every period, newest first, with every version (the one known on `as_of` marked)."""
    periods: dict[str, list[ProjectReport]] = {}
    for r in history:
        periods.setdefault(r.period, []).append(r)
    shown = []
    for period in sorted(periods, key=schedule_periods.order, reverse=True):
        versions = sorted(periods[period], key=lambda r: (r.reported_on, r.id or 0))
        known = [v for v in versions if v.reported_on <= as_of]
        current = known[-1] if known else None
        shown.append(
            {
                "period": period,
                "period_label": schedule_periods.label(period),
                "versions": [
                    {
                        "id": v.id,
                        "completed_yi_yuan": yi_yuan(v.completed_wan_yuan),
                        "cumulative_yi_yuan": yi_yuan(v.cumulative_wan_yuan),
                        "started_on": v.started_on.isoformat() if v.started_on else None,
                        "finished_on": v.finished_on.isoformat() if v.finished_on else None,
                        "progress": v.progress,
                        "issues": v.issues,
                        "coordination": v.coordination,
                        "reported_on": v.reported_on.isoformat(),
                        "entered_by": v.entered_by,
                        "source": v.source,
                        "current": v is current,
                        "later": v.reported_on > as_of,
                    }
                    for v in versions
                ],
            }
        )
    return shown
