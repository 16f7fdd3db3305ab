"""Normalisation keeps the length so raw text can be quoted by the same offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.document.text import normalise, strip_spaces, to_halfwidth


@given(st.text())
def test_normalising_never_changes_the_length(text: str) -> None:
    assert len(normalise(text)) == len(text)


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("二〇三五年", "2035年"),
        ("二0三五年", "2035年"),
        ("二O三五年", "2035年"),  # the seed writes the zero as a Latin O
        ("二零二五年", "2025年"),
        ("（１２３）：５％", "(123):5%"),
        ("［ ］", "[ ]"),
        ("十四五", "十四五"),  # a period name, not a year
        ("三五成群", "三五成群"),
        ("第\f二页", "第 二页"),  # a PDF page break inside a line
    ],
)
def test_normalise(raw: str, normal: str) -> None:
    assert normalise(raw) == normal


def test_halfwidth_and_spaces() -> None:
    assert to_halfwidth("ＡＢＣ１") == "ABC1"
    assert strip_spaces("指         标") == "指标"
