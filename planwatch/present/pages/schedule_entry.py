"""调度填报: the projects the signed-in user reports on (a department: those whose 责任单位 is its unit),
each with its form, its judgement today and its latest reports; the 调度表 upload."""

from __future__ import annotations

from datetime import date
from typing import Any

from planwatch.present.amounts import yi_yuan
from planwatch.present.pages.schedule_data import project_row
from planwatch.project_model import PAUSED
from planwatch.schedule import periods as schedule_periods
from planwatch.schedule.judge import judged_year
from planwatch.schedule.settings import DEFAULT_SCHEDULE_SETTINGS
from planwatch.services.actor import Actor
from planwatch.services.permissions import writable_projects
from planwatch.services.project_reports import FORM_FIELDS, reports_known, scheduled
from planwatch.store import Store

_RECENT = 3


def schedule_entry_page(
    store: Store,
    plan_id: int,
    actor: Actor,
    *,
    today: date | None = None,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, dict[str, str]] | None = None,
    import_errors: list[str] | None = None,
    notice: str = "",
) -> dict[str, Any]:
    day = today or date.today()
    result = scheduled(store, plan_id, day)
    current = result.library
    units = {p.key: p.department for p in current.projects}
    listed = [p.key for p in current.projects if p.in_force and p.status not in PAUSED]  # as the template
    mine = set(writable_projects(actor, units, listed))
    known = reports_known(store, plan_id, day, sorted(mine))
    _, due = judged_year(day, current.frequency, DEFAULT_SCHEDULE_SETTINGS)
    rows = []
    for project, judged in result.judged:
        if project.key not in mine:
            continue
        recent = sorted(known.get(project.key, []), key=lambda r: schedule_periods.order(r.period))[-_RECENT:]
        rows.append(
            {
                **project_row(plan_id, project, judged),
                "errors": (errors or {}).get(project.key, []),
                "values": (values or {}).get(project.key, {}),
                "recent": [
                    {
                        "period": r.period,
                        "completed_yi_yuan": yi_yuan(r.completed_wan_yuan),
                        "cumulative_yi_yuan": yi_yuan(r.cumulative_wan_yuan),
                        "progress": r.progress,
                        "reported_on": r.reported_on.isoformat(),
                        "entered_by": r.entered_by,
                    }
                    for r in reversed(recent)
                ],
            }
        )
    return {
        "plan": {"id": plan_id, "title": current.title},
        "user": {
            "name": actor.name,
            "role": actor.role.value,
            "role_label": actor.role_label,
            "department": actor.department,
        },
        "notice": notice_text(notice),
        "fields": FORM_FIELDS,
        "frequency": {"code": current.frequency.value, "label": current.frequency.label},
        "period_default": due,
        "period_example": "2024-05" if current.frequency.value == "month" else "2024Q2",
        "projects": rows,
        "import_errors": import_errors or [],
    }


def notice_text(code: str) -> str | None:
    """The message after a write: codes only, never text from the query."""
    kind, _, numbers = code.partition("-")
    counts = [int(n) for n in numbers.split("-") if n.isdigit()]
    if kind == "reported" and len(counts) == 1:
        return "已保存调度情况" if counts[0] else "与已有报送相同，未作改动"
    if kind == "imported" and len(counts) == 2:
        return f"导入完成：新增{counts[0]}份报送，与已有报送相同{counts[1]}行"
    if kind == "edited" and len(counts) == 1:
        return f"已保存：修改了{counts[0]}项" if counts[0] else "没有改动"
    if kind == "added":
        return "已添加项目"
    return None
