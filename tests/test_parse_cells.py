"""Every cell notation a plan uses is typed, with its value where it has one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.model import CellKind
from planwatch.parse.cells import type_cell


@pytest.mark.parametrize(
    ("raw", "kind", "value", "qualifier"),
    [
        ("382", CellKind.NUMBER, Decimal("382"), None),
        ("0.2950", CellKind.NUMBER, Decimal("0.2950"), None),
        ("８.５", CellKind.NUMBER, Decimal("8.5"), None),  # full-width digits
        ("8.5%", CellKind.NUMBER, Decimal("8.5"), None),
        ("7.5%左右", CellKind.APPROX, Decimal("7.5"), None),
        ("2左右", CellKind.APPROX, Decimal("2"), None),
        ("约1.7", CellKind.APPROX, Decimal("1.7"), None),
        ("8以上", CellKind.FLOOR, Decimal("8"), None),
        (">43.3", CellKind.FLOOR, Decimal("43.3"), None),
        ("≥90", CellKind.FLOOR, Decimal("90"), None),
        ("超过90%", CellKind.FLOOR, Decimal("90"), None),
        ("不少于3", CellKind.FLOOR, Decimal("3"), None),
        ("5以内", CellKind.CEILING, Decimal("5"), None),
        ("不超过5.5", CellKind.CEILING, Decimal("5.5"), None),
        ("控制在4.5%以内", CellKind.CEILING, Decimal("4.5"), None),
        ("[10]", CellKind.CUMULATIVE, Decimal("10"), None),
        ("【2.5】", CellKind.CUMULATIVE, Decimal("2.5"), None),
        ("［0.5］", CellKind.CUMULATIVE, Decimal("0.5"), None),
        ("[10]左右", CellKind.CUMULATIVE, Decimal("10"), "approx"),
        ("19.4:46.7:33.9", CellKind.STRUCTURE, None, None),
        ("17.8：39.8：42.4", CellKind.STRUCTURE, None, None),
        ("保持稳定", CellKind.KEEP_STABLE, None, None),
        ("下达目标", CellKind.ASSIGNED, None, None),
        ("完成市下达目标", CellKind.ASSIGNED, None, None),
        ("全市领先", CellKind.QUALITATIVE, None, None),
        ("达到功能区标准", CellKind.QUALITATIVE, None, None),
        ("与经济增长同步", CellKind.RELATIVE, None, None),
        ("略高于经济增速", CellKind.RELATIVE, None, None),
        ("--", CellKind.NOT_APPLICABLE, None, None),
        ("——", CellKind.NOT_APPLICABLE, None, None),
        ("", CellKind.EMPTY, None, None),
        ("   ", CellKind.EMPTY, None, None),
        ("**", CellKind.PLACEHOLDER, None, None),
        ("***", CellKind.PLACEHOLDER, None, None),
        ("[]", CellKind.PLACEHOLDER, None, None),
        ("【】", CellKind.PLACEHOLDER, None, None),
        ("X个", CellKind.PLACEHOLDER, None, None),
        ("**亿元", CellKind.PLACEHOLDER, None, None),
    ],
)
def test_notation(raw: str, kind: CellKind, value: Decimal | None, qualifier: str | None) -> None:
    typed = type_cell(raw)
    assert (typed.kind, typed.value, typed.qualifier) == (kind, value, qualifier)


def test_structure_parts_are_exact() -> None:
    assert type_cell("9:50:41").parts == (Decimal("9"), Decimal("50"), Decimal("41"))


@given(st.text(max_size=30))
def test_any_text_gets_a_kind_and_never_an_error(raw: str) -> None:
    assert isinstance(type_cell(raw).kind, CellKind)


@given(st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_plain_numbers_keep_their_exact_value(value: Decimal) -> None:
    assert type_cell(str(value)).value == value
