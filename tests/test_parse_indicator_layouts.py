"""Indicator tables as other offices lay them out: heading rows, numbered rows, 其中 sub-rows."""

from __future__ import annotations

from planwatch.document import load_bytes
from planwatch.parse.pipeline import parse_document


def _plan_from_rows(rows: list[list[str]]):  # type: ignore[no-untyped-def]
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    page = f"<html><body><p>主要指标</p><table>{body}</table></body></html>"
    return parse_document(load_bytes(page.encode("utf-8"), "t.html"))


def test_a_heading_row_across_the_table_is_the_category_of_the_rows_below() -> None:
    plan = _plan_from_rows(
        [
            ["指标", "2020年", "2025年", "属性"],
            ["一、发展水平", "", "", ""],
            ["1.学前教育毛入园率(%)", "99%", "99%以上", "约束性"],
            ["二、师资", "", "", ""],
            ["1.智慧校园比例(%)", "60%", "100%", "预期性"],
        ]
    )
    assert [(i.id, i.category, i.name, i.unit) for i in plan.indicators] == [
        ("T1.01", "发展水平", "学前教育毛入园率", "%"),
        ("T1.02", "师资", "智慧校园比例", "%"),
    ]
    assert plan.problems == ()


def test_a_sub_indicator_in_the_same_cells_becomes_its_own_row() -> None:
    plan = _plan_from_rows(
        [
            ["指标", "2020年", "2025年", "属性"],
            [
                "幼儿教师专科及以上学历比例(%)<br>其中:本科及以上学历比例(%)",
                "97.74%<br>49.85%",
                "100%<br>50%",
                "预期性",
            ],
        ]
    )
    assert [
        (i.name, i.base.raw if i.base else None, i.target.raw if i.target else None) for i in plan.indicators
    ] == [
        ("幼儿教师专科及以上学历比例", "97.74%", "100%"),
        ("本科及以上学历比例", "49.85%", "50%"),
    ]


def test_glued_sub_names_that_cannot_be_cut_stay_one_row_and_are_reported() -> None:
    plan = _plan_from_rows(
        [
            ["指标", "2020年", "2025年", "属性"],
            [
                "义务教育标准班额比例(%)<br>其中:小学<br>初中",
                "34.52%<br>77.34%",
                "80%以上<br>85%以上",
                "预期性",
            ],
        ]
    )
    (indicator,) = plan.indicators
    assert indicator.target is not None and indicator.target.raw == "80%以上85%以上"
    assert any("无法评估" in p.reason for p in plan.problems)
