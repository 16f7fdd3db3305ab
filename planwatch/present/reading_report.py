"""The reading report (`planwatch parse FILE --explain`): what was read, where, and what was not.

A planner checks planwatch against the document: every table with what it became (an indicator
table and its rows, or why it was not one), every target and fact with its line, the projects and
their money, and everything skipped with its reason (pages without a text layer, tables drawn
incompletely, cells that cannot be evaluated). Lines are the document's lines; for a PDF the page
and the printed line on the page come beside them, so the place can be found on paper.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from decimal import Decimal

from planwatch.document import load_document
from planwatch.document.model import Document, Table
from planwatch.document.text import normalise, strip_spaces
from planwatch.formatting import plain
from planwatch.model import Indicator, ParsedPlan, Target
from planwatch.parse.indicators import recognise_columns
from planwatch.parse.pipeline import all_tables, parse_document
from planwatch.parse.tables import table_title
from planwatch.present.amounts import yi_yuan
from planwatch.present.labels import attribute_label, target_kind_label

_FORMAT = {"txt": "文本", "docx": "Word", "pdf": "PDF", "html": "网页"}
_QUALIFIER = {"approx": "左右", "floor": "以上", "ceiling": "以内"}


def explain_file(path: str | os.PathLike[str]) -> str:
    """Read and parse the file at `path` and report on the reading."""
    document = load_document(path)
    return reading_report(document, parse_document(document))


def reading_report(document: Document, plan: ParsedPlan) -> str:
    """The whole report as text, one item per line."""
    return "\n".join(_report(document, plan)) + "\n"


def _report(document: Document, plan: ParsedPlan) -> Iterator[str]:
    where = _Where(document)
    pages = {run.page for runs in document.printed for run in runs}
    size = f"，{max(pages)}页" if pages else ""
    tables = all_tables(document)
    yield f"读取报告：{document.path}（{_FORMAT.get(document.format, document.format)}{size}）"
    yield f"标题：{plan.plan.title}；期间：{plan.plan.period_start or '?'}–{plan.plan.period_end or '?'}"
    yield (
        f"共{document.line_count}行，{len(tables)}张表格，{len(plan.sections)}个章节条目，"
        f"{len(plan.indicators)}个指标，{len(plan.targets)}项目标（另有{len(plan.facts)}项上期成果），"
        f"{len(plan.projects)}个项目，{len(plan.problems)}个问题"
    )
    yield ""
    yield from _tables(document, plan, tables, where)
    yield from _targets("目标", plan.targets, where)
    yield from _targets("上期成果（不计为目标）", plan.facts, where)
    yield from _projects(plan, where)
    yield from _skipped(plan, where)


class _Where:
    """第N行, with the page and printed line for a PDF."""

    def __init__(self, document: Document) -> None:
        self.document = document

    def __call__(self, line: int) -> str:
        if line < 1:
            return "全文"
        printed = self.document.printed_at(line)
        if printed is None:
            return f"第{line}行"
        return f"第{line}行（第{printed.page}页第{printed.line}行）"


def _tables(document: Document, plan: ParsedPlan, tables: tuple[Table, ...], where: _Where) -> Iterator[str]:
    yield f"== 表格（{len(tables)}张）=="
    by_line: dict[int, list[Indicator]] = {}
    for indicator in plan.indicators:
        by_line.setdefault(indicator.line, []).append(indicator)
    for number, table in enumerate(tables, start=1):
        title = table_title(document, table) or "（无标题）"
        shape = f"{len(table.rows)}行×{table.width}列"
        yield f"表{number} {where(table.first_line)} {title}，{shape}"
        rows = [i for n in range(table.first_line, table.last_line + 1) for i in by_line.get(n, ())]
        if not rows:
            yield f"  未作为指标表读取：{_why_not_indicators(table)}"
            continue
        header = recognise_columns(table.rows[0])
        if header is not None:
            roles = _roles(header.headers, header)
            yield f"  指标表：读出{len(rows)}个指标（{rows[0].id}–{rows[-1].id}）；列：{roles}"
        for indicator in rows:
            yield f"  {indicator.id} {where(indicator.line)} {_indicator(indicator)}"
    yield ""


def _roles(headers: tuple[str, ...], columns: object) -> str:
    names = {
        "category": "类别",
        "name": "指标名称",
        "base": "基期值",
        "target": "目标值",
        "growth": "增速",
        "attribute": "属性",
    }
    parts = []
    for role, label in names.items():
        index = getattr(columns, role)
        if index is not None:
            parts.append(f"{label}=“{strip_spaces(headers[index])}”")
    return "，".join(parts)


def _why_not_indicators(table: Table) -> str:
    if not table.rows:
        return "表格是空的"
    header = [strip_spaces(normalise(cell.raw)) for cell in table.rows[0]]
    if not any(re.search(r"指标|名称", text) for text in header):
        return "表头没有“指标”或“名称”列（不是指标表）"
    return "表头没有年份列或“属性”列，无法确定基期值和目标值"


def _indicator(indicator: Indicator) -> str:
    unit = f"（{indicator.unit}）" if indicator.unit else ""
    values = []
    if indicator.base is not None:
        values.append(f"基期{indicator.base.year or ''} {indicator.base.raw or '空'}")
    if indicator.target is not None:
        values.append(f"目标{indicator.target.year or ''} {indicator.target.raw or '空'}")
    if indicator.growth is not None and indicator.growth.raw:
        values.append(f"增速 {indicator.growth.raw}")
    category = f"[{indicator.category}] " if indicator.category else ""
    attribute = attribute_label(indicator.attribute.value if indicator.attribute else None)
    return f"{category}{indicator.name}{unit}：{'；'.join(values)}；{attribute}"


def _targets(heading: str, targets: tuple[Target, ...], where: _Where) -> Iterator[str]:
    yield f"== {heading}（{len(targets)}项）=="
    for target in targets:
        yield f"{target.id} {where(target.line)} {_target(target)}  「{target.quote}」"
    yield ""


def _target(target: Target) -> str:
    if target.value_min is not None and target.value_max is not None:
        value = f"{plain(target.value_min)}–{plain(target.value_max)}"
    else:
        value = target.value_raw or plain(target.value) or "？"
    kind = target.kind.value
    qualifier = "" if kind in _QUALIFIER else _QUALIFIER.get(target.qualifier or "", "")
    year = target.year or target.year_implied
    year_text = f"{year}年" if target.year else (f"{year}年（推定）" if year else "年份不详")
    amount = f"{value}{target.unit or ''}{qualifier}"
    return f"{target.subject}：{target_kind_label(kind)} {amount}，{year_text}"


def _projects(plan: ParsedPlan, where: _Where) -> Iterator[str]:
    total = sum((p.investment_wan_yuan or Decimal(0) for p in plan.projects), Decimal(0))
    without = [p for p in plan.projects if p.investment_wan_yuan is None]
    money = f"总投资{plain(yi_yuan(total))}亿元；{len(without)}个未写投资额"
    yield f"== 项目（{len(plan.projects)}个，{money}）=="
    for project in plan.projects:
        money = (
            f"{plain(yi_yuan(project.investment_wan_yuan))}亿元"
            if project.investment_wan_yuan
            else "投资额未写"
        )
        owner = f"，{project.owner}" if project.owner else ""
        yield f"{project.id} {where(project.line)} {project.box or ''} {project.name}：{money}{owner}"
    yield ""


def _skipped(plan: ParsedPlan, where: _Where) -> Iterator[str]:
    yield f"== 未能读取或需要核对（{len(plan.problems)}处）=="
    for problem in sorted(plan.problems, key=lambda p: p.line):
        raw = f"「{problem.raw}」" if problem.raw else ""
        yield f"{where(problem.line)} {problem.field}：{problem.reason}{raw}"
