"""Projects listed in a table (附表 重大项目表): one project per row, the total row checked."""

from __future__ import annotations

import io
from decimal import Decimal

import docx

from planwatch.document import load_bytes
from planwatch.model import ParsedPlan
from planwatch.parse.pipeline import parse_document

HEADER = ["序号", "项目名称", "建设单位", "总投资（亿元）", "建设年限"]


def _annex(rows: list[list[str]], header: list[str] = HEADER) -> ParsedPlan:
    document = docx.Document()
    document.add_paragraph("某市国民经济和社会发展第十四个五年规划纲要")
    document.add_paragraph("附表：“十四五”重大项目表")
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    for r, row in enumerate([header, *rows]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return parse_document(load_bytes(buffer.getvalue(), "annex.docx"))


ROWS = [
    ["一、交通项目", "", "", "", ""],
    ["1", "昌九高铁", "省铁投", "680", "2021-2025"],
    ["2", "绕城高速西二环", "市交投", "120.5", "2021-2024"],
    ["二、产业项目", "", "", "", ""],
    ["3", "光电产业园", "某公司", "25", "2021-2023"],
]


def test_every_row_of_a_project_table_is_a_project_with_its_amount() -> None:
    plan = _annex([*ROWS, ["合计", "", "", "825.5", ""]])
    assert [(p.number, p.name, p.owner, p.investment_raw, p.investment_wan_yuan) for p in plan.projects] == [
        ("1", "昌九高铁", "省铁投", "680亿元", Decimal(6800000)),
        ("2", "绕城高速西二环", "市交投", "120.5亿元", Decimal(1205000)),
        ("3", "光电产业园", "某公司", "25亿元", Decimal(250000)),
    ]
    assert [p.box_title for p in plan.projects] == [
        "附表：“十四五”重大项目表 一、交通项目",
        "附表：“十四五”重大项目表 一、交通项目",
        "附表：“十四五”重大项目表 二、产业项目",
    ]
    assert plan.problems == ()
    assert plan.targets == ()  # the table's amounts are projects, not prose targets


def test_a_total_that_is_not_the_sum_of_its_rows_is_reported() -> None:
    plan = _annex([*ROWS, ["合计", "", "", "900", ""]])
    (problem,) = plan.problems
    assert (problem.field, problem.raw) == ("合计", "900亿元")
    assert "825.5" in problem.reason


def test_amounts_in_trillions_and_written_units_are_read() -> None:
    header = ["序号", "项目名称", "总投资"]
    plan = _annex([["1", "沿江通道", "1.2万亿元"], ["2", "城际铁路", "3000万元"]], header)
    assert [p.investment_wan_yuan for p in plan.projects] == [Decimal(120000000), Decimal(3000)]


def test_an_indicator_table_is_no_project_table(seed: ParsedPlan) -> None:
    assert all(p.box and p.box.startswith("专栏") for p in seed.projects)
    assert len(seed.projects) == 149
