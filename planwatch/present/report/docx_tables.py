"""The report's tables: indicators by category (status cells coloured), prose targets, the project
and task books, and the 附表. A number in a table carries its 附表 row as a superscript ([1-5])."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from docx.shared import Pt

from planwatch.formatting import plain
from planwatch.present.amounts import yi_yuan
from planwatch.present.labels import OBSERVATION_KIND, OBSERVATION_STATUS, STATUS
from planwatch.present.report import charts, sentences
from planwatch.present.report.appendix import FIGURES, PLAN_LINES, ref_text
from planwatch.present.report.categories import COLOR_LABEL, FILL, NATIONAL_CATEGORY
from planwatch.present.report.content import IndicatorLine, ReportContent, ReportKind
from planwatch.present.report.docx_xml import Cell, add_table
from planwatch.present.report.sections import NO_PROJECT_DATA, NO_TASK_DATA
from planwatch.present.report.word import turn_page

if TYPE_CHECKING:
    from planwatch.present.report.docx_report import Writer

CHINESE_NUMBERS = "一二三四五六七八九十"
TABLE_PT = 10.5  # 五号
SMALL_PT = 9.0  # 小五
INDICATOR_WIDTHS = [46.0, 15.0, 21.0, 21.0, 38.0, 18.0, 24.0, 20.0, 22.0]  # landscape: 225 mm
NOTE = (
    "注：上标[1-n]为附表1（监测数据及来源）的序号，[2-n]为附表2（规划目标原文）的序号。"
    "状态单元格颜色：绿色为达到或好于序时进度，黄色为需关注，红色为预警，灰色为暂无法评估。"
)


def number(value: Any, places: int | None = None) -> str:
    return "—" if value is None else plain(Decimal(str(value)), places)


def status_counts(writer: Writer, bars: Sequence[tuple[str, dict[str, int], dict[str, int]]]) -> None:
    rows = []
    totals = [0, 0]
    for label, colors, attributes in bars:
        binding, expected = attributes.get("binding", 0), attributes.get("expected", 0)
        totals = [totals[0] + binding, totals[1] + expected]
        fill = FILL[next(iter(colors))] if len(colors) == 1 else None
        counts = [Cell(str(n), center=True) for n in (binding, expected, binding + expected)]
        rows.append([Cell(label, fill=fill), *counts])
    rows.append(
        [Cell("合计", bold=True)] + [Cell(str(n), center=True, bold=True) for n in (*totals, sum(totals))]
    )
    header = ["评估结果", "约束性", "预期性", "合计"]
    add_table(writer.document, header, [60.0, 30.0, 30.0, 30.0], rows, SMALL_PT, keep_together=True)


def indicator_section(writer: Writer) -> None:
    """主要指标完成情况; docx_report has turned the page to landscape when there are tables to show."""
    content = writer.content
    if not content.indicators:
        writer.paragraph("本规划未识别出可监测的主要指标。")
        return
    if not content.has_figures:
        writer.paragraph(
            f"截至{sentences.day_text(content)}，本规划尚无任何监测数据，各项主要指标暂无法评估；"
            "指标的基期值、目标值及规划原文见附表2。"
        )
        return
    if content.charts:  # twelve panels fill one landscape page
        writer.picture(charts.small_multiples(content.charts, columns=4, width_inches=8.6), 218)
        writer.caption("主要指标实际值与序时进度", table=False)
    numbers = iter(CHINESE_NUMBERS)
    for category, lines in content.categories():
        writer.heading(2, f"（{next(numbers)}）{category}")
        writer.caption(f"{category}指标完成情况")
        _indicator_table(writer, lines)
    note = writer.paragraph(NOTE)
    note.paragraph_format.first_line_indent = Pt(0)
    for run in note.runs:
        run.font.size = Pt(10.5)
    turn_page(writer.document, landscape=False)
    writer.heading(2, f"（{next(numbers)}）规划文本中的其他量化目标")
    _targets(writer)
    writer.heading(2, f"（{next(numbers)}）需要关注的指标")
    _off_track(writer)


def indicator_header(content: ReportContent) -> list[str]:
    """The years every row shares go in the header: 基期（2020年）, 目标（2025年）."""
    start, end = content.period
    return [
        "指标（单位）", "属性", f"基期（{start - 1}年）", f"目标（{end}年）", "最新值（年份）", "序时应达",
        "状态", "后续年均需增长", "预计期末",
    ]  # fmt: skip


def _with_year(text: str, year: int | None, usual: int) -> str:
    return f"{text}（{year}年）" if year is not None and year != usual and text != "—" else text


def _indicator_table(writer: Writer, lines: list[IndicatorLine]) -> None:
    content = writer.content
    midterm = content.kind is ReportKind.MIDTERM
    start, end = content.period
    rows = []
    for line in lines:
        row = line.result
        unit = f"（{row['unit']}）" if row["unit"] else ""
        plan_ref = ref_text(PLAN_LINES, line.plan_refs)
        status = line.national if midterm else row["status"]
        if midterm and status != row["status"]:
            status += f"（{row['status']}）"
        band = ""
        if row["projection_low"] is not None and row["projection_high"] is not None:
            band = f"{number(row['projection_low'], 2)}～{number(row['projection_high'], 2)}"
        rows.append(
            [
                Cell(f"{row['name']}{unit}"),
                Cell("约束性" if row["attribute"] == "binding" else "预期性", center=True),
                Cell(_with_year(line.base, line.base_year, start - 1), plan_ref, center=True),
                Cell(_with_year(line.target, line.target_year, end), plan_ref, center=True),
                Cell(latest_text(row), ref_text(FIGURES, line.latest_refs)),
                Cell(number(row["expected_value"], 2), center=True),
                Cell(status, fill=FILL[row["color"]], center=True),
                Cell(line.required or "—", center=True),
                Cell(number(row["projection"], 2), center=True, second_line=band),
            ]
        )
    add_table(
        writer.document, indicator_header(content), INDICATOR_WIDTHS, rows, TABLE_PT, keep_together=True
    )


def latest_text(row: dict[str, Any]) -> str:
    """The latest figure and its year; an average growth the evaluation derived says so."""
    if row["latest_value"] is None:
        return "—"
    unit = row["latest_unit"] if row["latest_unit"] and row["latest_unit"] != row["unit"] else ""
    if row["method"] == "growth":
        return f"年均{number(row['latest_value'])}{unit or '%'}（至{row['latest_year']}年）"
    return f"{number(row['latest_value'])}{unit}（{row['latest_year']}年）"


def _targets(writer: Writer) -> None:
    content = writer.content
    judged = [t for t in content.targets if t.result["color"] != "grey"]
    waiting = len(content.targets) - len(judged)
    if not judged:
        writer.paragraph(
            f"规划文本中的{len(content.targets)}项量化目标（不含与主要指标相同者）尚无可评估的监测数据；"
            "目标原文见附表2。"
            if content.targets
            else "规划文本中未识别出主要指标以外的量化目标。"
        )
        return
    writer.caption("规划文本中有监测数据的量化目标")
    midterm = content.kind is ReportKind.MIDTERM
    rows = [
        [
            Cell(t.result["quote"], ref_text(PLAN_LINES, t.plan_refs)),
            Cell(latest_text(t.result | {"unit": t.result["target_unit"]}), ref_text(FIGURES, t.latest_refs)),
            Cell(number(t.result["expected_value"], 2), center=True),
            Cell(t.national if midterm else t.result["status"], fill=FILL[t.result["color"]], center=True),
        ]
        for t in judged
    ]
    header = ["目标（规划原文）", "最新值（年份）", "序时应达", "状态"]
    add_table(writer.document, header, [70.0, 32.0, 24.0, 30.0], rows, SMALL_PT)
    if waiting:
        writer.paragraph(f"其余{waiting}项目标暂无监测数据或需人工评估，原文见附表2。")


def _off_track(writer: Writer) -> None:
    """One paragraph per red or yellow indicator, in its explanation, with a footnote to its sources."""
    content = writer.content
    flagged = content.off_track()
    if not flagged:
        writer.paragraph("已评估的主要指标均未出现预警。")
        return
    figures = {f.number: f for f in content.figures}
    plan_lines = {p.number: p for p in content.plan_lines}
    for index, line in enumerate(flagged, start=1):
        paragraph = writer.paragraph(f"{index}. {sentences.off_track_paragraph(line)}")
        cited = "；".join(
            dict.fromkeys(
                f"{f.source or '来源未注明'}（{f.published.isoformat()}，{_status_word(f.status)}）"
                for f in (figures[n] for n in line.latest_refs)
            )
        )
        where = "、".join(f"规划文本第{plan_lines[n].line}行" for n in line.plan_refs)
        writer.footnotes.add(
            paragraph,
            f"数据：{cited or '无'}，见附表1{ref_text(FIGURES, line.latest_refs)}；目标：{where}，"
            f"见附表2{ref_text(PLAN_LINES, line.plan_refs)}。",
        )


def projects(writer: Writer) -> None:
    section = writer.content.projects
    if section.empty:
        writer.paragraph(NO_PROJECT_DATA + "。")
        return
    writer.caption(f"{section.year}年重大项目投资完成情况（按专栏）")
    rows = [
        [
            Cell(f"{box.box} {box.title}".strip()),
            Cell(str(box.projects), center=True),
            Cell(number(yi_yuan(box.planned_wan_yuan), 2), center=True),
            Cell(number(yi_yuan(box.completed_wan_yuan), 2), center=True),
            Cell(_percent(box.completion_rate), center=True),
        ]
        for box in section.boxes
    ]
    header = ["专栏", "项目数", "年度计划投资（亿元）", "已完成投资（亿元）", "投资完成率"]
    add_table(writer.document, header, [50.0, 20.0, 30.0, 30.0, 26.0], rows, TABLE_PT)
    if not section.flagged:
        writer.paragraph("本期无红色、黄色预警项目。")
        return
    writer.caption("红色、黄色预警项目")
    rows = [
        [
            Cell(p.box),
            Cell(p.name),
            Cell(p.owner or "—"),
            Cell(p.stage, center=True),
            Cell(f"{number(yi_yuan(p.completed_wan_yuan), 2)}/{number(yi_yuan(p.planned_wan_yuan), 2)}"),
            Cell(COLOR_LABEL[p.color], fill=FILL[p.color], center=True),
            Cell(p.reason),
        ]
        for p in section.flagged
    ]
    header = ["专栏", "项目", "建设单位", "阶段", "完成/计划（亿元）", "预警", "原因"]
    add_table(writer.document, header, [20.0, 36.0, 24.0, 12.0, 18.0, 10.0, 36.0], rows, SMALL_PT)


def tasks(writer: Writer) -> None:
    section = writer.content.tasks
    if section.empty:
        writer.paragraph(NO_TASK_DATA + "。")
        return
    writer.caption(f"{section.year}年重点任务落实情况（按牵头单位）")
    rows = [
        [Cell(u.unit)] + [Cell(str(n), center=True) for n in (u.tasks, u.done, u.on_schedule, u.overdue)]
        for u in section.units
    ]
    header = ["牵头单位", "任务数", "已完成", "按期推进", "逾期"]
    add_table(writer.document, header, [56.0, 25.0, 25.0, 25.0, 25.0], rows, TABLE_PT)
    if not section.flagged:
        writer.paragraph("本期无逾期或未报送的任务。")
        return
    writer.caption("逾期及未报送的任务")
    rows = [
        [
            Cell(t.number),
            Cell(t.task),
            Cell(t.lead_unit),
            Cell(t.deadline or "—", center=True),
            Cell(t.status, fill=FILL[t.color], center=True),
            Cell(t.note),
        ]
        for t in section.flagged
    ]
    header = ["序号", "任务", "牵头单位", "完成时限", "状态", "说明"]
    add_table(writer.document, header, [18.0, 46.0, 26.0, 16.0, 18.0, 32.0], rows, SMALL_PT)


def _status_word(code: str) -> str:
    return OBSERVATION_STATUS.get(code, code)


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{plain(value * 100, 1)}%"


def appendices(writer: Writer) -> None:
    """附表1 every figure used, 附表2 the plan line of every target, 附表3 the statuses (landscape)."""
    content = writer.content
    turn_page(writer.document, landscape=True)
    writer.heading(1, "附表1　监测数据及来源")
    if not content.figures:
        writer.paragraph(f"截至{sentences.day_text(content)}，本规划尚无监测数据。")
    else:
        rows = [
            [
                Cell(f"{FIGURES}-{f.number}"),
                Cell(f.series_id),
                Cell(f.name),
                Cell(f.period),
                Cell(OBSERVATION_KIND.get(f.kind, f.kind).removesuffix("（%）")),
                Cell(plain(f.value)),
                Cell(f.unit or ""),
                Cell(f.source or "未注明"),
                Cell(f.published.isoformat()),
                Cell(_status_word(f.status)),
            ]
            for f in content.figures
        ]
        header = ["序号", "编号", "名称", "期间", "类型", "数值", "单位", "来源", "发布日期", "状态"]
        add_table(
            writer.document,
            header,
            [15.0, 16.0, 42.0, 16.0, 16.0, 22.0, 17.0, 44.0, 24.0, 13.0],
            rows,
            TABLE_PT,
        )
    writer.heading(1, "附表2　规划目标原文")
    rows = [
        [
            Cell(f"{PLAN_LINES}-{p.number}"),
            Cell(p.item_id),
            Cell(p.kind),
            Cell(p.name),
            Cell(str(p.line)),
            Cell(p.quote + (f"（{p.adjusted}）" if p.adjusted else "")),
        ]
        for p in content.plan_lines
    ]
    header = ["序号", "编号", "类别", "名称", "行号", "规划原文"]
    add_table(writer.document, header, [15.0, 16.0, 14.0, 40.0, 14.0, 126.0], rows, TABLE_PT)
    writer.heading(1, "附表3　评估状态说明")
    rows = [[Cell(label), Cell(code), Cell(NATIONAL_CATEGORY[code])] for code, label in STATUS.items()]
    add_table(writer.document, ["评估状态", "状态代码", "中期评估分类"], [70.0, 70.0, 85.0], rows, TABLE_PT)
