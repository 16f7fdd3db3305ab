"""Indicator tables (主要指标) → Indicator rows with typed cells.

A table is an indicator table when its header names an indicator column (指标,
指标名称) and at least one year or attribute column. Columns are recognised by
their header text, not their position: 类别/分类, 指标, `2020年基期值`,
`2025年目标`, `年均增速或累计增长`, 属性. The target is the column that says 目标;
failing that, the latest year that is not the base (`2025年预测` in a draft whose
only future column is a forecast). Every row comes out, its cells verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.document.model import Table, TableCell
from planwatch.document.text import normalise, strip_spaces
from planwatch.model import Attribute, Cell, CellKind, Growth, Indicator, Problem, ValueRef
from planwatch.parse.cells import type_cell
from planwatch.parse.sub_rows import split_sub_rows

_YEAR = re.compile(r"((?:19|20)\d\d)\s*年?")
_UNIT = re.compile(r"^(?P<name>.*?)\s*[（(](?P<unit>[^（）()]{1,12})[）)]\s*$")
_BOX = re.compile(
    r"^\s*(专栏\s*\d+(?:\s*[-—－–.]\s*\d+)?|表\s*\d+(?:\s*[-—－–.]\s*\d+)?|附表\s*\d*)\s*[:：]?\s*(.*)$"
)
_NOTE = re.compile(r"^(注|说明|备注)\s*[:：]")
_VALUE_KINDS_NEEDING_VALUE = {CellKind.EMPTY, CellKind.PLACEHOLDER, CellKind.TEXT}


@dataclass(frozen=True, slots=True)
class Columns:
    category: int | None
    name: int
    attribute: int | None
    base: int | None
    target: int | None
    growth: int | None
    headers: tuple[str, ...]
    years: tuple[int | None, ...]

    @property
    def labels(self) -> set[int]:
        return {c for c in (self.category, self.name, self.attribute) if c is not None}


def recognise_columns(header: tuple[TableCell, ...]) -> Columns | None:
    """Map an indicator table's header row to column roles; None if it is not one."""
    texts = [strip_spaces(normalise(c.raw)) for c in header]
    years = tuple(int(m[1]) if (m := _YEAR.search(t)) else None for t in texts)

    def find(pattern: str, exclude: set[int] | None = None) -> int | None:
        for i, text in enumerate(texts):
            if re.search(pattern, text) and i not in (exclude or set()):
                return i
        return None

    name = find(r"指标(名称)?$|^指标|名称")
    attribute = find(r"属性")
    if name is None or (attribute is None and not any(years)):
        return None
    category = find(r"类别|分类|领域|^类型")
    growth = find(r"年均|增速|增长|累计", exclude={i for i, y in enumerate(years) if y})
    base = find(r"基期|基数|实际|现状")
    year_columns = [i for i, y in enumerate(years) if y is not None]
    if base is None and year_columns:
        base = min(year_columns, key=lambda i: (years[i] or 0, i))
    target = find(r"目标", exclude={base} if base is not None else None)
    later = [i for i in year_columns if i != base]
    if target is None and later:
        target = max(later, key=lambda i: (years[i] or 0, -i))
    return Columns(category, name, attribute, base, target, growth, tuple(c.raw for c in header), years)


def parse_indicator_table(
    table: Table, title: str | None, table_number: int, section_id: str | None
) -> tuple[list[Indicator], list[Problem]] | None:
    """The indicators of one table, or None when the table is not an indicator table."""
    if not table.rows:
        return None
    header, body = header_rows(table.rows)
    columns = recognise_columns(header)
    if columns is None:
        return None
    box, table_title = _split_title(title)
    indicators: list[Indicator] = []
    problems: list[Problem] = []
    category: str | None = None
    rows = [row for row in body if not _is_note_or_blank(row)]
    row_number = 0
    for row in rows:
        if (heading := _category_row(row, columns)) is not None:
            category = heading  # 一、发展水平 written across the table: the rows below belong to it
            continue
        if columns.category is not None:
            category = _cell_raw(row, columns.category).strip() or category
        values = {c for c in (columns.base, columns.target, columns.growth) if c is not None}
        values |= {c for c, year in enumerate(columns.years) if year is not None}
        for part in split_sub_rows(row, columns.name, values):
            row_number += 1
            indicator, row_problems = _indicator(
                part, columns, f"T{table_number}.{row_number:02d}", box, table_title, category, section_id
            )
            indicators.append(indicator)
            problems.extend(row_problems)
    return indicators, problems


_SUB_HEADER = re.compile(
    r"^(?:(?:19|20)\d\d\s*年.*|.*(?:目标|基期|现状|实际|预期|规划|预测|增速|增长|属性|值).*)$"
)

Row = tuple[TableCell, ...]


def header_rows(rows: tuple[Row, ...]) -> tuple[Row, tuple[Row, ...]]:
    """The header (two header rows merged into one) and the rows after it.

    A header may span two rows: 指标 and 属性 merged down, 数值 (or 规划目标) merged across
    `2020年` / `2025年` below it. Each column's header is then its top text followed by its own
    text under it: 数值2020年, 数值2025年.
    """
    first = rows[0]
    if len(rows) < 3 or not _is_sub_header(rows[1]):
        return first, rows[1:]
    second = rows[1]
    merged = []
    parent = ""
    for c, cell in enumerate(first):
        below = second[c].raw.strip() if c < len(second) else ""
        if cell.raw.strip():
            parent = cell.raw.strip()
            text = parent + below if below else parent
        else:
            text = parent + below if below else ""  # a position the cell on its left spans
        merged.append(TableCell(cell.row, cell.col, text, cell.line))
    return tuple(merged), rows[2:]


def _is_sub_header(row: Row) -> bool:
    texts = [strip_spaces(normalise(c.raw)) for c in row if c.raw.strip()]
    return bool(texts) and all(_SUB_HEADER.match(t) for t in texts) and len(texts) < len(row)


_HEADING_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（][一二三四五六七八九十]+[)）])\s*"
)
_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}\s*[.、．](?!\d)\s*")


def _category_row(row: tuple[TableCell, ...], columns: Columns) -> str | None:
    """The category a heading row opens (`一、发展水平` alone in its row), else None."""
    filled = [c for c in row if c.raw.strip()]
    if len(filled) != 1 or filled[0].col not in columns.labels:
        return None
    text = filled[0].raw.strip()
    if columns.category is not None and filled[0].col == columns.category:
        return None  # a category cell merged down over rows that are still to come
    if not _HEADING_NUMBER.match(text):
        return None
    return _HEADING_NUMBER.sub("", text).strip()


def _is_note_or_blank(row: tuple[TableCell, ...]) -> bool:
    """A row with nothing in it, or a note row (`注：…`) merged across the table's width."""
    filled = [c.raw.strip() for c in row if c.raw.strip()]
    return not filled or (len(filled) == 1 and _NOTE.match(filled[0]) is not None)


def _split_title(title: str | None) -> tuple[str | None, str]:
    if not title:
        return None, ""
    m = _BOX.match(title.strip())
    if not m:
        return None, title.strip()
    return re.sub(r"\s+", "", m[1]), m[2].strip()


def _cell_raw(row: tuple[TableCell, ...], column: int | None) -> str:
    if column is None or column >= len(row):
        return ""
    return row[column].raw


def _indicator(
    row: tuple[TableCell, ...],
    columns: Columns,
    indicator_id: str,
    box: str | None,
    table_title: str,
    category: str | None,
    section_id: str | None,
) -> tuple[Indicator, list[Problem]]:
    problems: list[Problem] = []
    line = row[min(columns.name, len(row) - 1)].line
    name_raw = _cell_raw(row, columns.name).strip()
    name, unit = split_unit(_ITEM_NUMBER.sub("", name_raw))  # 1.学前教育毛入园率: the 1. numbers the row
    cells = tuple(_typed(cell, columns) for cell in row)
    by_column = dict(enumerate(cells))
    if len(row) != len(columns.headers):
        problems.append(
            Problem(line, "表格行", f"本行有{len(row)}个单元格，表头有{len(columns.headers)}列", name_raw)
        )
    if not name:
        problems.append(Problem(line, "指标名称", "指标名称为空"))
    attribute_raw = _cell_raw(row, columns.attribute).strip()
    attribute = parse_attribute(attribute_raw)
    if columns.attribute is not None and attribute is None:
        problems.append(Problem(line, "指标属性", f"无法识别的指标属性“{attribute_raw}”", attribute_raw))
    base = _value_ref(by_column.get(columns.base) if columns.base is not None else None)
    target = _value_ref(by_column.get(columns.target) if columns.target is not None else None)
    growth_cell = by_column.get(columns.growth) if columns.growth is not None else None
    growth = (
        Growth(growth_cell.raw, growth_cell.value, growth_cell.kind, growth_cell.line)
        if growth_cell
        else None
    )
    problems.extend(_value_problems(cells, columns, name, target, growth))
    indicator = Indicator(
        id=indicator_id,
        box=box,
        table_title=table_title,
        category=category,
        name=name,
        unit=unit,
        attribute=attribute,
        line=line,
        cells=cells,
        base=base,
        target=target,
        growth=growth,
        section_id=section_id,
    )
    return indicator, problems


def _value_problems(
    cells: tuple[Cell, ...], columns: Columns, name: str, target: ValueRef | None, growth: Growth | None
) -> list[Problem]:
    """What the planner must fill in: placeholders anywhere, and rows with neither target nor growth."""
    problems = [
        Problem(
            c.line, c.header.strip() or "单元格", f"“{name}”的“{c.header.strip()}”是占位符，尚未填写", c.raw
        )
        for c in cells
        if c.kind is CellKind.PLACEHOLDER
    ]
    unreadable = _VALUE_KINDS_NEEDING_VALUE | {CellKind.NOT_APPLICABLE}
    no_target = target is None or target.kind in unreadable
    no_growth = growth is None or growth.kind in unreadable
    if columns.target is not None and no_target and no_growth:
        line = target.line if target else cells[0].line
        problems.append(
            Problem(line, "目标值", f"“{name}”既没有目标值也没有增速，无法评估", target.raw if target else "")
        )
    return problems


def _typed(cell: TableCell, columns: Columns) -> Cell:
    header = columns.headers[cell.col] if cell.col < len(columns.headers) else ""
    year = columns.years[cell.col] if cell.col < len(columns.years) else None
    if cell.col in columns.labels:  # an empty category cell repeats the one above: still a label
        return Cell(header=header, raw=cell.raw, line=cell.line, kind=CellKind.LABEL, value=None, year=None)
    typed = type_cell(cell.raw)
    return Cell(
        header=header,
        raw=cell.raw,
        line=cell.line,
        kind=typed.kind,
        value=typed.value,
        year=year,
        qualifier=typed.qualifier,
        parts=typed.parts,
    )


def _value_ref(cell: Cell | None) -> ValueRef | None:
    if cell is None:
        return None
    return ValueRef(year=cell.year, value=cell.value, raw=cell.raw, kind=cell.kind, line=cell.line)


def split_unit(name: str) -> tuple[str, str | None]:
    """`地区生产总值（亿元）` → (`地区生产总值`, `亿元`); half-width parentheses too."""
    m = _UNIT.match(name)
    if not m:
        return name, None
    return m["name"].strip(), m["unit"].strip()


def parse_attribute(raw: str) -> Attribute | None:
    text = strip_spaces(raw)
    if text.startswith("约束"):
        return Attribute.BINDING
    if text.startswith("预期"):
        return Attribute.EXPECTED
    return None
