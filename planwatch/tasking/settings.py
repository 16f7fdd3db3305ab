"""The thresholds and word lists of the task proposal and of the follow-up (docs/tasks.md)."""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.tasking.model import Cycle

# Chapters whose titles carry these words review the last period or set goals: not tasks.
REVIEW_CHAPTER_WORDS = (
    "发展基础",
    "面临形势",
    "发展环境",
    "指导思想",
    "主要目标",
    "发展目标",
    "总体要求",
    "远景目标",
)

# A heading whose own text holds none of these only describes (a 现状 or an 意义): not a task.
ACTION_WORDS = (
    "推进", "推动", "加快", "加强", "加大", "实施", "建设", "建立", "健全", "完善", "提升", "提高",
    "打造", "培育", "落实", "深化", "强化", "构建", "发展", "支持", "鼓励", "引导", "争取", "开展",
    "创建", "优化", "保障", "促进", "坚持", "扩大", "巩固", "壮大", "夯实", "做强", "做大", "做优",
    "做实", "做特", "做旺", "拓展", "规范", "实行", "推行", "着力", "确保", "力争", "筑牢", "防范",
    "治理", "改造", "整治", "保护", "创新", "探索", "培养", "引进", "布局", "搭建", "设立", "组织",
    "统筹", "维护", "构筑", "汇聚", "完成", "突破", "普及", "稳定", "增强", "振兴", "繁荣", "丰富",
    "挖掘", "融合", "唱响", "应对", "化解", "厘清", "营造", "理清", "倡导", "形成", "严格", "全面",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class TaskSettings:
    # Days after the end of a reporting period within which its report is to be filed; a report
    # missing after that is 未报送 (PLANWATCH_TASK_REPORT_DAYS sets it for a site).
    report_grace_days: int = 15
    # The reporting cycle a proposed task starts with (the planner changes it per task).
    default_cycle: Cycle = Cycle.HALF
    # Re-locating a task in a later version: a heading at least this similar (difflib ratio) to the
    # task's, and better than any other by this margin, is taken as the same heading.
    heading_similarity: float = 0.8
    heading_margin: float = 0.05
    review_chapter_words: tuple[str, ...] = REVIEW_CHAPTER_WORDS
    action_words: tuple[str, ...] = ACTION_WORDS


DEFAULT_TASK_SETTINGS = TaskSettings()
