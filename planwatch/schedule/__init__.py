"""Pure judgement of the 调度 book (beside `evaluate/`): a project's plans and reports, as of a date →
投资完成率, 序时 gap, colour, 逾期 and 未报送, and totals. It never opens a database."""

from planwatch.schedule.judge import Events, ProjectJudgement, events_of, judge_project, judged_year
from planwatch.schedule.settings import DEFAULT_SCHEDULE_SETTINGS, ScheduleSettings
from planwatch.schedule.status import ScheduleStatus
from planwatch.schedule.totals import Totals, totals, totals_by

__all__ = [
    "DEFAULT_SCHEDULE_SETTINGS",
    "Events",
    "ProjectJudgement",
    "ScheduleSettings",
    "ScheduleStatus",
    "Totals",
    "events_of",
    "judge_project",
    "judged_year",
    "totals",
    "totals_by",
]
