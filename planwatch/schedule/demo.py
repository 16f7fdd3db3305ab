"""An illustrative 调度 book for a plan's projects (示例数据，非真实统计), so that a new user sees every
colour and status: generated from the library itself, never from real reports.

Projects with a 总投资 take turns in roles for the judged year of `DEMO_AS_OF` (2024): on schedule,
a little behind (关注), behind, far behind, overdue to start or to finish, not reported, completed,
suspended and cancelled; the others (no amount in the plan) have no year plan. Years 2021–2024 get
year plans (the plan's own where its schedule lines give them), planned milestones and monthly
reports made on the 5th of the following month; one report jumps (flagged for review) and a few
are corrected a week after they were made (two versions). Pure: the service stores what this makes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from planwatch.project_model import LibraryProject, ProjectReport

SOURCE = "示例数据，非真实统计"
DEMO_AS_OF = date(2024, 11, 20)  # the 2024 book with October due: every status shows
YEARS = (2021, 2022, 2023, 2024)
SETUP_DAY = date(2021, 1, 4)
ROLES = (
    "normal",
    "watch",
    "behind",
    "jump",
    "seriously_behind",
    "overdue_start",
    "watch",
    "unreported",
    "completed",
    "normal",
    "overdue_finish",
    "behind",
    "suspended",
    "cancelled",
)
# The year's pace (cumulative ÷ plan at the year's end) per role in 2024; earlier years run near plan.
_PACE_2024 = {
    "normal": Decimal("1.08"),
    "jump": Decimal("1.05"),
    "watch": Decimal("0.95"),
    "behind": Decimal("0.75"),
    "seriously_behind": Decimal("0.45"),
    "overdue_start": Decimal("0.03"),
    "unreported": Decimal("1.0"),
    "completed": Decimal("0.96"),
    "overdue_finish": Decimal("0.92"),
    "suspended": Decimal("0.3"),
    "cancelled": Decimal("0.2"),
}
_EARLIER_PACES = (Decimal("1.02"), Decimal("0.97"), Decimal("1.1"), Decimal("0.9"))
_STAGES = (
    (Decimal("0.2"), "场地平整、土方开挖"),
    (Decimal("0.45"), "基础施工"),
    (Decimal("0.7"), "主体结构施工"),
)
_LATE_STAGES = ((Decimal("0.9"), "主体封顶，装饰装修"), (Decimal("2"), "设备安装及室外配套"))
_ISSUES = ("征地拆迁尚未完成，影响施工进度", "项目资金未及时到位", "施工许可手续办理滞后")
_HELP = ("请区自然资源分局协调用地报批", "请区财政局协调资金拨付", "请区行政审批局加快办理施工许可")


@dataclass(frozen=True, slots=True)
class DemoEntry:
    """What the demo enters for one project: field values from a date, and its reports."""

    key: str
    fields: tuple[tuple[str, str, date], ...]  # (field, value, set_on)
    reports: tuple[ProjectReport, ...]


def demo_book(
    projects: Sequence[LibraryProject], units: Mapping[str, str], places: Mapping[str, str]
) -> list[DemoEntry]:
    """`units`: a 责任单位 for each project key (the directory's suggestions); `places`: 建设地点."""
    entries = []
    funded = [p for p in projects if p.investment_wan_yuan and p.in_force]
    for index, project in enumerate(funded):
        entries.append(_funded(project, index, ROLES[index % len(ROLES)], units, places))
    for index, project in enumerate(p for p in projects if p not in funded and p.in_force):
        fields = [("department", units.get(project.key, "区发改委"), SETUP_DAY)]
        fields.append(("status", "谋划" if index % 2 == 0 else "前期", SETUP_DAY))
        entries.append(DemoEntry(project.key, tuple(fields), ()))
    return entries


def _funded(
    project: LibraryProject, index: int, role: str, units: Mapping[str, str], places: Mapping[str, str]
) -> DemoEntry:
    total = project.investment_wan_yuan or Decimal(0)
    first = 2024 if role == "overdue_start" else 2021 + index % 2
    continuing = role not in ("overdue_start",) and index % 3 == 0
    fields: list[tuple[str, str, date]] = [("department", units.get(project.key, "区发改委"), SETUP_DAY)]
    if project.key in places:
        fields.append(("location", places[project.key], SETUP_DAY))
    fields.append(("nature", "续建" if continuing else "新建", SETUP_DAY))
    last = min(first + 3, 2025)
    fields.append(("start_year", str(first), SETUP_DAY))
    fields.append(("end_year", str(last), SETUP_DAY))
    start = date(first, 3, 1) if role != "overdue_start" else date(2024, 6, 1)
    ends = {"overdue_finish": date(2024, 6, 30), "completed": date(2024, 6, 30)}
    finish = ends.get(role, date(last, 12, 31))
    planned_on = date(first - 1, 12, 20)
    if continuing:
        fields.append(("status", "在建", SETUP_DAY))
    else:
        fields.append(("status", "前期", SETUP_DAY))
        fields.append(("start", start.isoformat(), planned_on))
        if role != "overdue_start":
            fields.append(("status", "在建", start))
    fields.append(("finish", finish.isoformat(), planned_on))
    plans: dict[int, Decimal] = {}
    for year in YEARS:
        if year < first:
            continue
        read = project.year_plan(year)
        plans[year] = read.amount_wan_yuan if read is not None else _round(total * Decimal("0.2"), 100)
        if read is None:
            fields.append((f"plan:{year}", str(plans[year]), date(year - 1, 12, 20)))
    paused = {"suspended": ("暂缓", date(2024, 4, 1)), "cancelled": ("取消", date(2024, 3, 15))}.get(role)
    if paused is not None:
        fields.append(("status", paused[0], paused[1]))
    if role == "completed":
        fields.append(("status", "竣工", date(2024, 5, 25)))
    reports = _reports(project.key, index, role, plans, start, continuing, paused[1] if paused else None)
    return DemoEntry(project.key, tuple(fields), tuple(reports))


def _reports(
    key: str,
    index: int,
    role: str,
    plans: Mapping[int, Decimal],
    start: date,
    continuing: bool,
    paused_on: date | None,
) -> list[ProjectReport]:
    found: list[ProjectReport] = []
    for year, planned in plans.items():
        pace = _PACE_2024[role] if year == 2024 else _EARLIER_PACES[(index + year) % len(_EARLIER_PACES)]
        starts_now = year == start.year and not continuing and role != "overdue_start"
        first_month = start.month if starts_now else 1
        last_month = 12
        if year == 2024 and role == "unreported":
            last_month = 7  # stops reporting: August to October are due and missing on DEMO_AS_OF
        if year == 2024 and role == "completed":
            last_month = 5
        before = Decimal(0)
        for month in range(first_month, last_month + 1):
            reported_on = _fifth_of_next(year, month)
            if paused_on is not None and reported_on > paused_on:
                break
            cumulative = _cumulative(role, year, month, planned, pace, first_month)
            found.append(
                ProjectReport(
                    project_key=key,
                    period=f"{year}-{month:02d}",
                    completed_wan_yuan=cumulative - before,
                    cumulative_wan_yuan=cumulative,
                    reported_on=reported_on,
                    started_on=start if starts_now and month == first_month else None,
                    finished_on=date(2024, 5, 20)
                    if role == "completed" and (year, month) == (2024, 5)
                    else None,
                    progress=_stage(cumulative / planned if planned else Decimal(0), role),
                    issues=_ISSUES[index % len(_ISSUES)] if _struggling(role, year) else "",
                    coordination=_HELP[index % len(_HELP)] if _struggling(role, year) else "",
                    source=SOURCE,
                )
            )
            before = cumulative
    return _with_a_correction(found, index)


def _cumulative(
    role: str, year: int, month: int, planned: Decimal, pace: Decimal, first_month: int
) -> Decimal:
    """The year's cumulative at a month: a steady share of the plan from the first month reported; the
    jumping project does little until May, then half its plan in June."""
    span = Decimal(13 - first_month)
    done = Decimal(month - first_month + 1) / span
    if role == "jump" and year == 2024:
        share = Decimal("0.04") * min(month, 5) + (Decimal("0.55") if month >= 6 else 0)
        share += Decimal("0.05") * max(month - 6, 0)
        return _round(planned * share, 1)
    return _round(planned * pace * done, 1)


def _with_a_correction(reports: list[ProjectReport], index: int) -> list[ProjectReport]:
    """Every fifth project's October 2024 report was first sent 5% short and corrected ten days later."""
    if index % 5 != 0:
        return reports
    corrected = []
    for report in reports:
        if report.period == "2024-10":
            short = _round(report.cumulative_wan_yuan * Decimal("0.95"), 1)
            gap = report.cumulative_wan_yuan - short
            corrected.append(
                ProjectReport(
                    report.project_key,
                    report.period,
                    report.completed_wan_yuan - gap,
                    short,
                    report.reported_on,
                    progress=report.progress,
                    source=SOURCE,
                )
            )
            fixed = date(report.reported_on.year, report.reported_on.month, 15)
            corrected.append(replace(report, reported_on=fixed))
        else:
            corrected.append(report)
    return corrected


def _struggling(role: str, year: int) -> bool:
    return year == 2024 and role in ("behind", "seriously_behind", "overdue_start", "overdue_finish")


def _stage(share: Decimal, role: str) -> str:
    if role == "overdue_start":
        return "前期手续办理中，尚未开工"
    for limit, text in _STAGES + _LATE_STAGES:
        if share < limit:
            return text
    return _LATE_STAGES[-1][1]


def _fifth_of_next(year: int, month: int) -> date:
    return date(year + 1, 1, 5) if month == 12 else date(year, month + 1, 5)


def _round(value: Decimal, unit: int) -> Decimal:
    return (value / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP) * unit
