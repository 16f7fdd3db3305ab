"""The 调度 statuses: one idea each, with the colour each shows in, in the order they are decided."""

from __future__ import annotations

from enum import StrEnum

from planwatch.model import Color


class ScheduleStatus(StrEnum):
    """The value is the label people read (and the JSON `status`); `code` is the stable machine name."""

    CANCELLED = "已取消"  # 状态 取消: no longer judged
    SUSPENDED = "暂缓"  # 状态 暂缓: not judged while suspended
    COMPLETED = "已竣工"  # 竣工 reported (or 状态 竣工)
    UNREPORTED = "未报送"  # a due period without a report
    OVERDUE_FINISH = "逾期未竣工"  # the planned 竣工 date passed without 竣工
    OVERDUE_START = "逾期未开工"  # the planned 开工 date passed without 开工
    SERIOUSLY_BEHIND = "严重滞后"  # gap < −30 points
    BEHIND = "滞后"  # −30 ≤ gap < −10 points
    WATCH = "关注"  # −10 ≤ gap < 0 points
    NORMAL = "正常"  # gap ≥ 0
    NO_PLAN = "无年度计划"  # nothing planned for the year, nothing overdue: no schedule to judge

    @property
    def code(self) -> str:
        return self.name.lower()

    @property
    def color(self) -> Color:
        return _COLORS[self]


_COLORS = {
    ScheduleStatus.CANCELLED: Color.GREY,
    ScheduleStatus.SUSPENDED: Color.GREY,
    ScheduleStatus.COMPLETED: Color.GREEN,
    ScheduleStatus.UNREPORTED: Color.GREY,
    ScheduleStatus.OVERDUE_FINISH: Color.RED,
    ScheduleStatus.OVERDUE_START: Color.RED,
    ScheduleStatus.SERIOUSLY_BEHIND: Color.RED,
    ScheduleStatus.BEHIND: Color.YELLOW,
    ScheduleStatus.WATCH: Color.GREEN,
    ScheduleStatus.NORMAL: Color.GREEN,
    ScheduleStatus.NO_PLAN: Color.GREY,
}

# Worst first: how a list of projects is ordered, and a colour's rank (red < yellow < green).
COLOR_RANK = {Color.RED: 0, Color.YELLOW: 1, Color.GREEN: 2, Color.GREY: 3}
STATUS_ORDER = (
    ScheduleStatus.UNREPORTED,
    ScheduleStatus.OVERDUE_FINISH,
    ScheduleStatus.OVERDUE_START,
    ScheduleStatus.SERIOUSLY_BEHIND,
    ScheduleStatus.BEHIND,
    ScheduleStatus.WATCH,
    ScheduleStatus.NORMAL,
    ScheduleStatus.COMPLETED,
    ScheduleStatus.NO_PLAN,
    ScheduleStatus.SUSPENDED,
    ScheduleStatus.CANCELLED,
)
