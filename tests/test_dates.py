"""The one date parser: what a person may type for a date, and what is refused with one clear line."""

from __future__ import annotations

from datetime import date

import pytest

from planwatch.dates import DateError, date_or_today, parse_date


@pytest.mark.parametrize(
    "text",
    ["2023-03-15", "2023/3/15", "2023.3.15", "2023年3月15日", "20230315", " ２０２３－０３－１５ "],
)
def test_the_ways_an_office_writes_a_date(text: str) -> None:
    assert parse_date(text) == date(2023, 3, 15)


def test_blank_is_no_date() -> None:
    assert parse_date("  ") is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2023-13-01", "不是日期（应写作2025-06-30）"),
        ("30.6.2025", "不是日期"),
        ("明年", "不是日期"),
        ("9999-12-31", "超出可用范围（1949—2100年）"),
        ("0001-01-01", "超出可用范围"),
    ],
)
def test_what_is_not_a_date_is_one_chinese_line_naming_the_field(text: str, words: str) -> None:
    with pytest.raises(DateError) as refused:
        parse_date(text, field="--as-of")
    assert words in refused.value.one_line() and refused.value.one_line().startswith("--as-of：")


def test_an_as_of_option_defaults_to_today() -> None:
    assert date_or_today(None, today=date(2025, 6, 30)) == date(2025, 6, 30)
    assert date_or_today("2024-01-02") == date(2024, 1, 2)
