"""The report's books as one Excel workbook: 指标评估, 统计数据 (every vintage known on the date),
目标, 项目, 任务 and 来源. Headers frozen, filters on, numbers as numbers with formats, status cells
coloured by conditional formatting on the 颜色 column (so an edited colour recolours its row), and
columns as wide as their Chinese text. Every row goes through planwatch.formulas.append_row: text
from a plan never becomes a formula.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import datetime
from typing import Any

from openpyxl import Workbook

from planwatch import __version__
from planwatch.present.labels import OBSERVATION_KIND, OBSERVATION_STATUS, method_label, target_link_label
from planwatch.present.report.appendix import FIGURES, PLAN_LINES
from planwatch.present.report.categories import COLOR_LABEL
from planwatch.present.report.content import ReportContent
from planwatch.present.report.reproducible import fixed_zip
from planwatch.present.report.sections import NO_PROJECT_DATA, NO_TASK_DATA
from planwatch.present.report.sheets import DATE, DECIMAL2, GENERAL, PERCENT, Column, table_sheet

INDICATOR_COLUMNS = [
    Column("编号"), Column("类别"), Column("指标名称"), Column("单位"), Column("属性"), Column("基期年份"),
    Column("基期"), Column("目标年份"), Column("目标（现行）"), Column("最新年份"), Column("最新值", GENERAL),
    Column("最新值单位"), Column("序时应达", DECIMAL2), Column("时间进度", PERCENT),
    Column("目标进度", PERCENT), Column("进度差", PERCENT), Column("状态"), Column("颜色"),
    Column("中期评估分类"), Column("评估方法"), Column("已实现年均增长"), Column("后续年均需增长"),
    Column("预计期末", DECIMAL2), Column("预计下限", DECIMAL2), Column("预计上限", DECIMAL2),
    Column("说明", wrap=True), Column("数据（附表1）"), Column("规划原文（附表2）"), Column("状态代码"),
]  # fmt: skip


def write_books(content: ReportContent) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    _indicators(workbook, content)
    _figures(workbook, content)
    _targets(workbook, content)
    _projects(workbook, content)
    _tasks(workbook, content)
    _sources(workbook, content)
    moment = datetime(content.as_of.year, content.as_of.month, content.as_of.day)
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = "planwatch"
    properties.title = f"{content.plan['title']}{content.title}（数据）"
    properties.created = properties.modified = moment
    buffer = io.BytesIO()
    workbook.save(buffer)
    return fixed_zip(buffer.getvalue(), content.as_of)


def _refs(table: int, numbers: list[int]) -> str:
    return "、".join(f"{table}-{n}" for n in numbers)


def _indicators(workbook: Workbook, content: ReportContent) -> None:
    rows = []
    for line in content.indicators:
        r = line.result
        rows.append(
            [
                r["indicator_id"], line.category, r["name"], r["unit"],
                "约束性" if r["attribute"] == "binding" else "预期性", line.base_year, line.base,
                line.target_year, line.target,
                r["latest_year"], r["latest_value"], r["latest_unit"], r["expected_value"], r["elapsed"],
                r["progress"], r["schedule_gap"], r["status"], COLOR_LABEL[r["color"]], line.national,
                method_label(r["method"]), line.realised, line.required, r["projection"],
                r["projection_low"], r["projection_high"], r["explanation"],
                _refs(FIGURES, line.latest_refs), _refs(PLAN_LINES, line.plan_refs), r["status_code"],
            ]
        )  # fmt: skip
    if not rows:
        rows = [["", "", "本规划未识别出可监测的主要指标"] + [None] * (len(INDICATOR_COLUMNS) - 3)]
    table_sheet(workbook, "指标评估", INDICATOR_COLUMNS, rows, colored="状态", color_column="颜色")


def _figures(workbook: Workbook, content: ReportContent) -> None:
    columns = [
        Column("编号"), Column("名称"), Column("期间"), Column("类型"), Column("数值", GENERAL),
        Column("单位"), Column("来源"), Column("发布日期", DATE), Column("数据状态"),
        Column("评估采用"), Column("附表1序号"),
    ]  # fmt: skip
    numbers = {(f.series_id, f.period, f.kind, f.published, f.value): f.number for f in content.figures}
    rows = []
    for series_id, name, o, used in content.vintages:
        number = numbers.get((series_id, o.period, o.kind.value, o.as_of, o.value)) if used else None
        rows.append(
            [
                series_id, name, o.period, OBSERVATION_KIND.get(o.kind.value, o.kind.value), o.value, o.unit,
                o.source, o.as_of, OBSERVATION_STATUS.get(o.status.value, o.status.value),
                "是" if used else "否（已被更新的数据取代）", f"{FIGURES}-{number}" if number else "",
            ]
        )  # fmt: skip
    if not rows:
        rows = [["", f"截至{content.as_of.isoformat()}本规划尚无监测数据"] + [None] * (len(columns) - 2)]
    table_sheet(workbook, "统计数据", columns, rows)


def _targets(workbook: Workbook, content: ReportContent) -> None:
    columns = [
        Column("附表2序号"), Column("编号"), Column("类别"), Column("名称"), Column("行号"),
        Column("规划原文", wrap=True), Column("目标调整"), Column("目标值", GENERAL), Column("单位"),
        Column("目标年份"), Column("与主要指标的关系"), Column("状态"), Column("颜色"),
        Column("最新年份"), Column("最新值", GENERAL), Column("说明", wrap=True),
    ]  # fmt: skip
    judged = {r["target_id"]: r for r in content.evaluation.get("targets", {}).get("results", [])}
    indicators = {line.result["indicator_id"]: line for line in content.indicators}
    rows = []
    for line in content.plan_lines:
        if line.kind == "指标" and line.item_id in indicators:
            own = indicators[line.item_id]
            r = own.result
            target = [own.target_value, r["unit"], own.target_year, ""]
        else:
            found = judged.get(line.item_id)
            r = found or {}
            link = target_link_label(r["indicator_id"], r["counted_with_indicator"]) if found else ""
            target = [r.get("target_value"), r.get("target_unit"), r.get("target_year"), link]
        rows.append(
            [
                f"{PLAN_LINES}-{line.number}", line.item_id, line.kind, line.name, line.line, line.quote,
                line.adjusted, *target, r.get("status", ""), COLOR_LABEL[r["color"]] if r else "",
                r.get("latest_year"), r.get("latest_value"), r.get("explanation", ""),
            ]
        )  # fmt: skip
    table_sheet(workbook, "目标", columns, rows, colored="状态", color_column="颜色")


def _projects(workbook: Workbook, content: ReportContent) -> None:
    section = content.projects
    columns = [
        Column("行类型"), Column("专栏"), Column("项目"), Column("建设单位"), Column("阶段"),
        Column("项目数"), Column("年度计划投资（万元）", DECIMAL2), Column("已完成投资（万元）", DECIMAL2),
        Column("投资完成率", PERCENT), Column("预警"), Column("原因", wrap=True),
    ]  # fmt: skip
    rows: list[list[Any]] = [
        ["专栏合计", f"{b.box} {b.title}".strip(), "", "", "", b.projects, b.planned_wan_yuan,
         b.completed_wan_yuan, b.completion_rate, "", ""]
        for b in section.boxes
    ]  # fmt: skip
    rows += [
        ["预警项目", p.box, p.name, p.owner, p.stage, None, p.planned_wan_yuan, p.completed_wan_yuan,
         p.completion_rate, COLOR_LABEL[p.color], p.reason]
        for p in section.flagged
    ]  # fmt: skip
    if section.empty:
        rows = [["说明", NO_PROJECT_DATA] + [None] * (len(columns) - 2)]
    table_sheet(workbook, "项目", columns, rows, colored="预警", color_column="预警")


def _tasks(workbook: Workbook, content: ReportContent) -> None:
    section = content.tasks
    columns = [
        Column("行类型"), Column("牵头单位"), Column("序号"), Column("任务", wrap=True),
        Column("完成时限"), Column("任务数"), Column("已完成"), Column("按期推进"), Column("逾期"),
        Column("状态"), Column("预警"), Column("说明", wrap=True),
    ]  # fmt: skip
    rows: list[list[Any]] = [
        ["牵头单位合计", u.unit, "", "", None, u.tasks, u.done, u.on_schedule, u.overdue, "", "", ""]
        for u in section.units
    ]
    rows += [
        ["预警任务", t.lead_unit, t.number, t.task, t.deadline, None, None, None, None, t.status,
         COLOR_LABEL[t.color], t.note]
        for t in section.flagged
    ]  # fmt: skip
    if section.empty:
        rows = [["说明", NO_TASK_DATA] + [None] * (len(columns) - 2)]
    table_sheet(workbook, "任务", columns, rows, colored="预警", color_column="预警")


def _sources(workbook: Workbook, content: ReportContent) -> None:
    plan = content.plan
    start, end = content.period
    rows: list[list[Any]] = [
        ["规划", plan["title"]],
        ["规划编号", plan["id"]],
        ["规划文本", f"第{content.version}版" + (f"（{plan['stage']}）" if plan.get("stage") else "")],
        ["来源文件", (plan.get("source_path") or "").replace("\\", "/").rsplit("/", 1)[-1]],
        ["来源文件 SHA-256", plan.get("source_sha256") or ""],
        ["报告", content.kind.label + (f"（{content.year}年度）" if content.kind.value == "annual" else "")],
        ["数据截至", content.as_of.isoformat()],
        ["规划期", f"{start}—{end}年"],
        ["应已发布数据的最新年份", content.due_year],
        ["项目调度数据", content.projects.source or NO_PROJECT_DATA],
        ["任务落实数据", content.tasks.source or NO_TASK_DATA],
        ["生成工具", f"planwatch {__version__}"],
    ]
    for adjustment in content.adjustments:
        rows.append(
            [
                f"目标调整：{adjustment.item_key}",
                f"自{adjustment.in_force_from.isoformat()}起按{adjustment.document_no}调整为{adjustment.target_raw}",
            ]
        )
    published: dict[str, list[str]] = {}
    counted = Counter(f.source or "未注明" for f in content.figures)
    for figure in content.figures:
        published.setdefault(figure.source or "未注明", []).append(figure.published.isoformat())
    for source, count in counted.items():
        days = sorted(published[source])
        span = days[0] if days[0] == days[-1] else f"{days[0]}至{days[-1]}"
        rows.append([f"数据来源：{source}", f"评估采用{count}个数值，发布日期{span}"])
    table_sheet(workbook, "来源", [Column("项目"), Column("内容", wrap=True)], rows)
