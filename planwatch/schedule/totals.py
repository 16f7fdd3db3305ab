"""Totals of many judged projects: by 专栏, 项目类别, 责任单位 or 镇街, and for the whole plan.

开工率 is the share of the projects planned to start in the judged year that have started by the
date; 竣工率 the same for finishing. 投资完成率 sums the year's 累计 over the year's plans of the
projects being judged (暂缓 and 取消 left out).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from planwatch.model import Color
from planwatch.project_model import LibraryProject
from planwatch.schedule.judge import ProjectJudgement
from planwatch.schedule.settings import DEFAULT_SCHEDULE_SETTINGS, ScheduleSettings
from planwatch.schedule.status import STATUS_ORDER, ScheduleStatus

Judged = tuple[LibraryProject, ProjectJudgement]
_NOT_JUDGED = (ScheduleStatus.CANCELLED, ScheduleStatus.SUSPENDED)
UNSET = "（未填）"


@dataclass(frozen=True, slots=True)
class Totals:
    label: str
    count: int
    by_color: dict[str, int] = field(default_factory=dict)  # green, yellow, red, grey (all four)
    by_status: dict[str, int] = field(default_factory=dict)  # label → count, in STATUS_ORDER, only those seen
    planned_wan_yuan: Decimal = Decimal(0)
    cumulative_wan_yuan: Decimal = Decimal(0)
    rate: Decimal | None = None  # 投资完成率
    to_start: int = 0  # planned to start in the year
    started: int = 0  # of which started
    start_rate: Decimal | None = None  # 开工率
    to_finish: int = 0
    finished: int = 0
    finish_rate: Decimal | None = None  # 竣工率

    @property
    def unreported(self) -> int:
        return self.by_status.get(ScheduleStatus.UNREPORTED.value, 0)


def totals(
    judged: Sequence[Judged], label: str = "合计", settings: ScheduleSettings = DEFAULT_SCHEDULE_SETTINGS
) -> Totals:
    colors = {c.value: 0 for c in (Color.GREEN, Color.YELLOW, Color.RED, Color.GREY)}
    statuses: dict[ScheduleStatus, int] = {}
    planned = cumulative = Decimal(0)
    to_start = started = to_finish = finished = 0
    for _, j in judged:
        colors[j.color.value] += 1
        statuses[j.status] = statuses.get(j.status, 0) + 1
        if j.status in _NOT_JUDGED:
            continue
        if j.planned_wan_yuan is not None:
            planned += j.planned_wan_yuan
            cumulative += j.cumulative_wan_yuan or 0
        if j.planned_start is not None and j.planned_start.year == j.year:
            to_start += 1
            started += j.started
        if j.planned_finish is not None and j.planned_finish.year == j.year:
            to_finish += 1
            finished += j.finished
    return Totals(
        label=label,
        count=len(judged),
        by_color=colors,
        by_status={s.value: statuses[s] for s in STATUS_ORDER if s in statuses},
        planned_wan_yuan=planned,
        cumulative_wan_yuan=cumulative,
        rate=_share(cumulative, planned, settings),
        to_start=to_start,
        started=started,
        start_rate=_share(Decimal(started), Decimal(to_start), settings),
        to_finish=to_finish,
        finished=finished,
        finish_rate=_share(Decimal(finished), Decimal(to_finish), settings),
    )


def totals_by(
    judged: Sequence[Judged],
    key: Callable[[LibraryProject], str | None],
    settings: ScheduleSettings = DEFAULT_SCHEDULE_SETTINGS,
) -> list[Totals]:
    """One Totals per value of `key` (empty values together as （未填）, last), in first-seen order."""
    groups: dict[str, list[Judged]] = {}
    for pair in judged:
        groups.setdefault(key(pair[0]) or UNSET, []).append(pair)
    ordered = sorted(groups, key=lambda name: name == UNSET)
    return [totals(groups[name], name, settings) for name in ordered]


def _share(part: Decimal, whole: Decimal, settings: ScheduleSettings) -> Decimal | None:
    if not whole:
        return None
    return (part / whole).quantize(Decimal(1).scaleb(-settings.rate_decimals))
