"""Every threshold of the 调度 judgement (docs/projects.md), named, with its default.

The colour bands are the ones Chinese cities publish for their 重大项目 schedules: the gap between
投资完成率 and 序时进度, in points of the year's plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class ScheduleSettings:
    # Gap g = 投资完成率 − 序时进度, as a fraction of the year's plan (−0.10 is 10 points behind).
    watch_gap: Decimal = Decimal("0")  # g ≥ 0 → 正常; below: 关注 (still green)
    behind_gap: Decimal = Decimal("-0.10")  # −0.10 ≤ g < 0 → 关注; below: 滞后 (yellow)
    seriously_behind_gap: Decimal = Decimal("-0.30")  # −0.30 ≤ g < −0.10 → 滞后; below: 严重滞后 (red)

    # A period's report is due by this day of the month after the period ends (5月 → 6月10日).
    report_due_day: int = 10
    # A planned 开工/竣工 date is overdue this many days after it passed without the event.
    overdue_grace_days: int = 0
    # A period whose 本期完成 exceeds this share of the year's plan is accepted and flagged for review.
    jump_share: Decimal = Decimal("0.5")

    # 投资完成率, 序时进度 and the gap are rounded to this many decimals of a fraction (0.1 point),
    # so that the number a planner reads is the number that was judged.
    rate_decimals: int = 3


DEFAULT_SCHEDULE_SETTINGS = ScheduleSettings()
