"""Projects listed in a table: the annex of major projects (附表 重大项目表) many plans carry.

A table is a project table when its header names the project (项目名称, 名称) and an investment
column (总投资, 投资); it is not an indicator table (that one names 指标). The investment's unit is
the column's (总投资（亿元）, （万亿元）, （万元）); a cell may also write its own (12亿元). Each row
with a name is a project, its cells kept verbatim in its text. A row that only names a group
(一、交通项目) opens that group; a total row (合计, 总计) is no project: its amount is checked
against the sum of the rows above it, and a difference is reported, not corrected.
"""

from __future__ import annotations

import re
from decimal import Decimal

from planwatch.document.model import Document, Table, TableCell
from planwatch.document.numbers import NumberError, parse_amount, to_wan_yuan
from planwatch.document.text import normalise, strip_spaces
from planwatch.model import Problem, Project
from planwatch.parse.indicators import header_rows, recognise_columns
from planwatch.parse.outline import Outline
from planwatch.parse.tables import table_title

_NAME = re.compile(r"项目名称|^名称$|^项目$")
_INVESTMENT = re.compile(r"总投资|计划投资|投资")
_OWNER = re.compile(r"建设单位|项目单位|业主|责任单位|实施主体")
_NUMBER = re.compile(r"^序号$|^编号$")
_UNIT = re.compile(r"[(（]\s*(万亿元|亿元|万元|元)\s*[)）]|(万亿元|亿元|万元)$")
_TOTAL = re.compile(r"^(?:合计|总计|共计|小计)")
_GROUP = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（][一二三四五六七八九十]+[)）])")
_BOX = re.compile(r"^\s*(专栏\s*\d+(?:\s*[-—－–.]\s*\d+)?|(?:附)?表\s*\d*(?:\s*[-—－–.]\s*\d+)?)")


def table_projects(
    document: Document, tables: tuple[Table, ...], outline: Outline, first_number: int
) -> tuple[list[Project], list[Problem]]:
    """The projects of every project table, numbered from `first_number` (P…)."""
    projects: list[Project] = []
    problems: list[Problem] = []
    for table in tables:
        found, trouble = _read_table(document, table, outline, first_number + len(projects))
        projects += found
        problems += trouble
    return projects, problems


def _find(headers: list[str], pattern: re.Pattern[str]) -> int | None:
    return next((i for i, text in enumerate(headers) if pattern.search(text)), None)


def _read_table(
    document: Document, table: Table, outline: Outline, first_number: int
) -> tuple[list[Project], list[Problem]]:
    if not table.rows:
        return [], []
    header, body = header_rows(table.rows)
    headers = [strip_spaces(normalise(cell.raw)) for cell in header]
    name_col, money_col = _find(headers, _NAME), _find(headers, _INVESTMENT)
    if name_col is None or money_col is None or recognise_columns(header) is not None:
        return [], []
    unit_match = _UNIT.search(headers[money_col])
    unit = (unit_match[1] or unit_match[2]) if unit_match else None
    owner_col, number_col = _find(headers, _OWNER), _find(headers, _NUMBER)
    title = table_title(document, table) or ""
    box_match = _BOX.match(title)
    box = re.sub(r"\s+", "", box_match[1]) if box_match else None
    projects: list[Project] = []
    problems: list[Problem] = []
    group = ""
    for row in body:
        name = _raw(row, name_col)
        filled = [c for c in row if c.raw.strip()]
        if filled and _TOTAL.match(strip_spaces(filled[0].raw)):
            problems += _check_total(projects, _money(row, money_col, unit), filled[0])
            continue
        if not name or (len(filled) == 1 and _GROUP.match(filled[0].raw)):
            group = filled[0].raw.strip() if len(filled) == 1 else group
            continue
        money = _money(row, money_col, unit)
        if money[1] is None and money[0]:
            problems.append(
                Problem(row[money_col].line, "总投资", f"“{name}”的投资额“{money[0]}”无法读取", money[0])
            )
        line = row[name_col].line
        projects.append(
            Project(
                id=f"P{first_number + len(projects):03d}",
                box=box,
                box_title=" ".join(part for part in (title, group) if part),
                number=_raw(row, number_col) if number_col is not None else "",
                name=name,
                owner=_raw(row, owner_col) or None if owner_col is not None else None,
                investment_raw=money[0] or None,
                investment_wan_yuan=money[1],
                investment_qualifier=None,
                land_mu=None,
                land_raw=None,
                capacity_raw=None,
                schedule=(),
                line=line,
                last_line=max(cell.line for cell in row),
                text=" | ".join(cell.raw for cell in row if cell.raw.strip()),
                section_id=outline.section_at(line),
            )
        )
    return projects, problems


def _raw(row: tuple[TableCell, ...], col: int | None) -> str:
    return row[col].raw.strip() if col is not None and col < len(row) else ""


def _money(row: tuple[TableCell, ...], col: int, unit: str | None) -> tuple[str, Decimal | None]:
    """(amount as written with the column's unit, in 万元 or None)."""
    raw = _raw(row, col)
    if not raw:
        return "", None
    written = raw if _UNIT.search(raw) or unit is None else raw + unit
    try:
        amount = parse_amount(written)
    except NumberError:
        return written, None
    return written, to_wan_yuan(amount)


def _check_total(
    projects: list[Project], total: tuple[str, Decimal | None], cell: TableCell
) -> list[Problem]:
    if total[1] is None or not projects or any(p.investment_wan_yuan is None for p in projects):
        return []
    summed = sum((p.investment_wan_yuan or Decimal(0) for p in projects), Decimal(0))
    if abs(summed - total[1]) <= Decimal("0.5"):  # 万元: rounding of the rows
        return []
    reason = f"合计{total[0]}与各项目投资之和{_yi(summed)}亿元不符"
    return [Problem(cell.line, "合计", reason, total[0])]


def _yi(wan_yuan: Decimal) -> str:
    return format((wan_yuan / Decimal(10000)).normalize(), "f")
