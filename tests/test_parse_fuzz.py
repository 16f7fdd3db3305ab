"""The parser never crashes on any text: arbitrary text and mutated lines of the real seed."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.document import load_bytes
from planwatch.errors import PlanwatchError
from planwatch.parse.pipeline import parse_document
from planwatch.services.plans import bundled_plan_path

SEED_LINES = bundled_plan_path().read_text(encoding="utf-8").split("\n")
# The lines a parser is most likely to trip on: tables, boxes, headings and numbered items.
INTERESTING = [
    line for line in SEED_LINES if line.startswith(("\t", "第", "专栏", "（", "1", "2", "3", "一"))
]

plan_alphabet = st.sampled_from(
    list("\t\n 　第一二三四五十章节专栏（）()、.:：-—[]【】*%‰0123456789年亿元左右以上以内注X")
)


def _parse(text: str) -> None:
    with contextlib.suppress(PlanwatchError):  # our own errors, with file and line, are allowed out
        parse_document(load_bytes(text.encode("utf-8"), "fuzz.txt"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=plan_alphabet, max_size=400))
def test_plan_shaped_noise_never_crashes_the_parser(text: str) -> None:
    _parse(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes_the_parser(text: str) -> None:
    _parse(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0, max_value=len(INTERESTING) - 40),
    st.lists(
        st.tuples(st.integers(0, 39), st.sampled_from(["drop", "dup", "swap", "cut", "tab"])), max_size=8
    ),
)
def test_mutated_seed_tables_and_headings_never_crash_the_parser(
    start: int, edits: list[tuple[int, str]]
) -> None:
    lines = INTERESTING[start : start + 40]
    for index, edit in edits:
        index %= len(lines)
        if edit == "drop" and len(lines) > 1:
            lines.pop(index)
        elif edit == "dup":
            lines.insert(index, lines[index])
        elif edit == "swap":
            lines[index], lines[-1] = lines[-1], lines[index]
        elif edit == "cut":
            lines[index] = lines[index][: len(lines[index]) // 2]
        else:
            lines[index] = "\t" + lines[index]
    _parse("\n".join(lines))
