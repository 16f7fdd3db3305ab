"""JSON with exact decimals."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from planwatch.present.jsonout import dumps


def test_decimals_are_numbers_written_exactly() -> None:
    assert dumps({"v": Decimal("0.2950"), "w": Decimal("1E+4")}, indent=None) == '{"v": 0.2950, "w": 10000}'


def test_chinese_is_written_as_is() -> None:
    assert dumps(["新建区"], indent=None) == '["新建区"]'


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text()
    | st.decimals(allow_nan=False, allow_infinity=False),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_output_is_valid_json_that_reads_back_equal(value: object) -> None:
    for indent in (None, 2):
        parsed = json.loads(dumps(value, indent=indent), parse_float=Decimal)
        assert parsed == _plain(value)


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal) and value == value.to_integral_value() and "." not in format(value, "f"):
        return int(value)
    return value
