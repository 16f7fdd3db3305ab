"""The plan's title, region, period and drafting stage from its cover."""

from __future__ import annotations

import pytest

from planwatch.model import ParsedPlan
from planwatch.parse.meta import fyp_period, plan_period, plan_region
from tests.helpers import parse_text


def test_the_seed_cover(seed: ParsedPlan) -> None:
    plan = seed.plan
    assert (
        plan.title == "新建区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    )  # wrapped over lines 1 and 3
    assert (plan.region, plan.period_start, plan.period_end) == ("新建区", 2021, 2025)
    assert plan.stage == "征求意见2稿"
    assert plan.source.line_count == 1716
    assert len(plan.source.sha256) == 64


@pytest.mark.parametrize(
    ("number", "years"),
    [(1, (1953, 1957)), (3, (1966, 1970)), (13, (2016, 2020)), (14, (2021, 2025)), (15, (2026, 2030))],
)
def test_five_year_plan_numbers_map_to_years(number: int, years: tuple[int, int]) -> None:
    assert fyp_period(number) == years


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("某县国民经济和社会发展第十四个五年规划纲要", (2021, 2025)),
        ("南昌市“十四五”交通运输发展规划", (2021, 2025)),
        ("某区数字经济发展规划（2021—2025年）", (2021, 2025)),
        ("某区“十五五”规划", (2026, 2030)),
        ("某市2023年政府工作报告", (None, None)),
    ],
)
def test_periods(title: str, period: tuple[int | None, int | None]) -> None:
    assert plan_period(title) == period


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("新建区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "新建区"),
        ("南昌市“十四五”交通运输发展规划", "南昌市"),
        ("江西省国民经济和社会发展第十四个五年规划", "江西省"),
        ("关于做好规划工作的通知", None),
    ],
)
def test_regions(title: str, region: str | None) -> None:
    assert plan_region(title) == region


def test_a_file_without_a_cover_is_named_after_the_file() -> None:
    plan = parse_text("第一章 总则\n内容。\n")
    assert plan.plan.title == "plan"
