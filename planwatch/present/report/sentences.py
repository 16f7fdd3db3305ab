"""The report's sentences: fixed templates filled with the evaluation's counts and words.

No sentence states what the evaluation did not: every number is a count of its statuses, a date,
or a figure it gave; anything a writer must judge is left as a highlighted placeholder.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from planwatch.present.report.categories import CATEGORY_ORDER, NOT_JUDGED
from planwatch.present.report.content import IndicatorLine, ReportContent, ReportKind, TargetLine

GREY_STATUSES = ("数据缺失", "无数据", "需人工评估", "目标待定")


def day_text(content: ReportContent) -> str:
    d = content.as_of
    return f"{d.year}年{d.month}月{d.day}日"


def counts_phrase(counts: Mapping[str, int]) -> str:
    """`提前实现1项，快于预期2项` in the order given, the zeros left out."""
    return "，".join(f"{label}{n}项" for label, n in counts.items() if n)


def by_category(lines: Iterable[IndicatorLine | TargetLine]) -> dict[str, int]:
    counted = Counter(line.national for line in lines)
    return {category: counted[category] for category in CATEGORY_ORDER if counted[category]}


def overview(content: ReportContent) -> list[str]:
    """总体情况: what the evaluation found, in the order a planner reads it."""
    summary = content.evaluation["summary"]
    total = summary["total"]
    day = day_text(content)
    if total == 0:
        return [f"截至{day}，本规划未识别出可监测的主要指标，无法按指标评估实施情况。"]
    if not content.has_figures:
        return [f"截至{day}，本规划尚无任何监测数据，{total}项主要指标均无法评估，请先录入或导入统计数据。"]
    sentences = []
    if content.kind is ReportKind.MIDTERM:
        sentences.append(time_progress(content))
        counts = counts_phrase(by_category(content.indicators))
        sentences.append(f"对照中期评估的分类，{total}项主要指标中，{counts}。")
    else:
        judged = {k: v for k, v in summary["by_status"].items() if k not in GREY_STATUSES}
        grey = {k: v for k, v in summary["by_status"].items() if k in GREY_STATUSES}
        found = counts_phrase(judged) or "尚无可评估的指标"
        text = f"截至{day}，按已发布的统计数据评估，{total}项主要指标中，{found}"
        sentences.append(text + (f"；{counts_phrase(grey)}。" if grey else "。"))
    sentences.append(binding(content))
    sentences.append(warnings(content))
    if targets := prose_targets(content):
        sentences.append(targets)
    return sentences


def time_progress(content: ReportContent) -> str:
    start, end = content.period
    years = max(content.due_year - start + 1, 0)
    share = round(100 * years / (end - start + 1))
    known = f"已有{start}—{content.due_year}年共{years}年的数据" if years else "尚无规划期内的年度数据"
    return (
        f"按照“时间过半、任务过半”的要求，截至{day_text(content)}，规划期{start}—{end}年中{known}，"
        f"时间进度为{share}%。"
    )


def binding(content: ReportContent) -> str:
    lines = [line for line in content.indicators if line.result["attribute"] == "binding"]
    if not lines:
        return "本规划的主要指标未标明约束性指标。"
    red = [line.result["name"] for line in lines if line.result["color"] == "red"]
    if content.kind is ReportKind.MIDTERM:
        counts = counts_phrase(by_category(lines))
    else:
        counts = counts_phrase(Counter(line.result["status"] for line in lines))
    text = f"约束性指标{len(lines)}项，{counts}"
    if red:
        return text + f"；其中红色预警{len(red)}项：{'、'.join(red)}。"
    return text + "；无红色预警。"


def warnings(content: ReportContent) -> str:
    red = [line.result["name"] for line in content.indicators if line.result["color"] == "red"]
    yellow = [line.result["name"] for line in content.indicators if line.result["color"] == "yellow"]
    if not red and not yellow:
        return "全部已评估指标均未出现预警。"
    parts = []
    if red:
        parts.append(f"红色预警{len(red)}项（{'、'.join(red)}）")
    if yellow:
        parts.append(f"黄色关注{len(yellow)}项（{'、'.join(yellow)}）")
    return "需要关注的指标中，" + "，".join(parts) + "，逐项情况见第二部分。"


def prose_targets(content: ReportContent) -> str:
    data = content.evaluation.get("targets")
    if not data or not data["summary"]["total"]:
        return ""
    summary = data["summary"]
    own = summary["judged"]
    restated = summary["counted_with_indicators"]
    text = f"规划文本中另有量化目标{own}项" + (
        f"（另有{restated}项与主要指标相同，不重复计数）" if restated else ""
    )
    if content.kind is ReportKind.MIDTERM:
        counted = by_category(content.targets)
        judged = {k: v for k, v in counted.items() if k != NOT_JUDGED}
        rest = counted.get(NOT_JUDGED, 0)
    else:
        judged = {k: v for k, v in summary["by_status"].items() if k not in GREY_STATUSES}
        rest = sum(v for k, v in summary["by_status"].items() if k in GREY_STATUSES)
    if not judged:
        return text + "，均尚无可评估的监测数据。"
    return text + f"，其中{counts_phrase(judged)}" + (f"，其余{rest}项暂无法评估。" if rest else "。")


def off_track_paragraph(line: IndicatorLine) -> str:
    """One off-track indicator, in the evaluation's own explanation."""
    row = line.result
    attribute = "约束性" if row["attribute"] == "binding" else "预期性"
    return f"{row['name']}（{attribute}指标，{row['status']}）。{row['explanation']}"
