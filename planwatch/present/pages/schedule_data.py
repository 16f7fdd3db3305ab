"""A judged project and a group's totals as plain data: what the 项目调度 page, its JSON twin, the
project page, the CLI tables and the Excel export all show. Amounts in 亿元, shares in % (Decimal)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from planwatch.present.amounts import yi_yuan
from planwatch.project_model import LibraryProject
from planwatch.schedule import DEFAULT_SCHEDULE_SETTINGS, ProjectJudgement, Totals
from planwatch.schedule import periods as schedule_periods
from planwatch.schedule.status import STATUS_ORDER, ScheduleStatus

HUNDRED = Decimal(100)
NOT_IN_FORCE = "不在现行规划中"
COLOR_LABELS = {"green": "绿", "yellow": "黄", "red": "红", "grey": "灰"}


def percent(fraction: Decimal | None) -> Decimal | None:
    """A share as % with one decimal (0.417 → 41.7)."""
    return None if fraction is None else (fraction * HUNDRED).quantize(Decimal("0.1"))


def project_row(plan_id: int, project: LibraryProject, judged: ProjectJudgement) -> dict[str, Any]:
    return {
        "key": project.key,
        "code": project.code,
        "name": project.name,
        "box": project.box,
        "category": project.category,
        "department": project.department,
        "location": project.location,
        "nature": project.nature,
        "status_set": project.status,
        "manual": project.manual,
        "in_force": project.in_force,
        "in_force_label": None if project.in_force else NOT_IN_FORCE,
        "investment_yi_yuan": yi_yuan(project.investment_wan_yuan),
        "line": project.source.line if project.source else None,
        "year": judged.year,
        "period": judged.period,
        "period_label": schedule_periods.label(judged.period) if judged.period else None,
        "planned_yi_yuan": yi_yuan(judged.planned_wan_yuan),
        "cumulative_yi_yuan": yi_yuan(judged.cumulative_wan_yuan),
        "rate": percent(judged.rate),
        "elapsed": percent(judged.elapsed),
        "gap_points": percent(judged.gap),
        "status": judged.status.value,
        "status_code": judged.status.code,
        "color": judged.color.value,
        "explanation": judged.explanation,
        "flags": list(judged.flags),
        "planned_start": _day(judged.planned_start),
        "planned_finish": _day(judged.planned_finish),
        "started_on": _day(judged.started_on),
        "finished_on": _day(judged.finished_on),
        "url": f"/plans/{plan_id}/schedule/{project.key}",
    }


def totals_data(totals: Totals) -> dict[str, Any]:
    return {
        "label": totals.label,
        "count": totals.count,
        "colors": totals.by_color,
        "by_status": totals.by_status,
        "unreported": totals.unreported,
        "planned_yi_yuan": yi_yuan(totals.planned_wan_yuan),
        "cumulative_yi_yuan": yi_yuan(totals.cumulative_wan_yuan),
        "rate": percent(totals.rate),
        "to_start": totals.to_start,
        "started": totals.started,
        "start_rate": percent(totals.start_rate),
        "to_finish": totals.to_finish,
        "finished": totals.finished,
        "finish_rate": percent(totals.finish_rate),
    }


def status_choices() -> list[dict[str, str]]:
    return [{"code": s.code, "label": s.value, "color": s.color.value} for s in STATUS_ORDER]


def bands() -> list[dict[str, str]]:
    """The colour bands as the legend states them, from the settings."""
    s = DEFAULT_SCHEDULE_SETTINGS
    watch, behind, serious = (
        abs(percent(g) or 0) for g in (s.watch_gap, s.behind_gap, s.seriously_behind_gap)
    )
    return [
        {
            "status": ScheduleStatus.NORMAL.value,
            "color": "green",
            "rule": f"完成率不低于序时进度（差≥{watch}个百分点）",
        },
        {"status": ScheduleStatus.WATCH.value, "color": "green", "rule": f"落后序时{watch}—{behind}个百分点"},
        {
            "status": ScheduleStatus.BEHIND.value,
            "color": "yellow",
            "rule": f"落后序时{behind}—{serious}个百分点",
        },
        {
            "status": ScheduleStatus.SERIOUSLY_BEHIND.value,
            "color": "red",
            "rule": f"落后序时超过{serious}个百分点",
        },
        {
            "status": "逾期未开工／逾期未竣工",
            "color": "red",
            "rule": "计划开工、竣工日期已过而未开工、未竣工",
        },
        {"status": ScheduleStatus.UNREPORTED.value, "color": "grey", "rule": "应报送的期间没有报送"},
    ]


def _day(value: object) -> str | None:
    return None if value is None else str(value)
