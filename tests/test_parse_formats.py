"""The same small plan reads the same from every format: .txt (GBK, UTF-8 BOM), .docx, .pdf, .html."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.model import CellKind, SectionKind
from planwatch.services.plans import read_plan
from tests.conftest import FIXTURES

FORMATS = ["plan_gbk.txt", "plan_utf8_bom.txt", "plan.docx", "plan.pdf", "plan.html"]


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_gives_the_same_plan(name: str) -> None:
    parsed = read_plan(FIXTURES / name).parsed
    assert parsed.plan.title == "某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert (parsed.plan.region, parsed.plan.period_start, parsed.plan.period_end) == ("某县", 2021, 2025)
    assert [s.kind for s in parsed.sections] == [
        SectionKind.CHAPTER, SectionKind.SECTION, SectionKind.BOX, SectionKind.CHAPTER,
    ]  # fmt: skip
    names = [(i.category, i.name, i.unit) for i in parsed.indicators]
    assert names == [
        ("经济发展", "地区生产总值", "亿元"),
        ("经济发展", "一般公共预算收入", "亿元"),  # the category cell is merged down in Word
        ("绿色生态", "单位地区生产总值能耗降低", "%"),
    ]
    gdp, revenue, energy = parsed.indicators
    assert gdp.target is not None and gdp.target.value == Decimal("300") and gdp.target.year == 2025
    assert gdp.growth is not None and gdp.growth.kind is CellKind.APPROX
    assert revenue.growth is not None and revenue.growth.kind is CellKind.FLOOR
    assert energy.target is not None and energy.target.kind is CellKind.CUMULATIVE


@pytest.mark.parametrize("name", FORMATS)
def test_cells_point_at_lines_holding_their_text(name: str) -> None:
    read = read_plan(FIXTURES / name)
    for indicator in read.parsed.indicators:
        for cell in indicator.cells:
            if cell.raw.strip():
                assert cell.raw.strip().replace(" ", "") in read.lines[cell.line - 1].replace(" ", "")
