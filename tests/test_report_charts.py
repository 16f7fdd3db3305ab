"""The report's charts: PNG at 300 dpi, the same bytes for the same data (no version, no time), plan
text drawn as text, and a clear refusal when the CJK font is missing."""

from __future__ import annotations

import io
import struct
from decimal import Decimal
from typing import Any

import pytest
from PIL import Image

from planwatch.present.report import charts
from planwatch.present.report.content import ReportError

PANEL: dict[str, Any] = {
    "unit": "亿元",
    "years": ["2020", "2021", "2022", "2023", "2024", "2025"],
    "actual": [Decimal(382), Decimal(416), Decimal(453), Decimal(493), Decimal(537), None],
    "expected": [
        Decimal(382),
        Decimal("410.1"),
        Decimal("440.2"),
        Decimal("472.6"),
        Decimal("507.6"),
        Decimal(545),
    ],
    "target": Decimal(545),
    "target_year": 2025,
    "name": "地区生产总值",
    "status": "快于预期",
    "color": "green",
}


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    found, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        found.append((png[at + 4 : at + 8], png[at + 8 : at + 8 + length]))
        at += 12 + length
    return found


def test_small_multiples_are_a_print_resolution_png_without_version_or_time() -> None:
    png = charts.small_multiples([PANEL] * 5)
    assert png.startswith(b"\x89PNG")
    kinds = [kind for kind, _ in _chunks(png)]
    assert b"tIME" not in kinds and b"tEXt" not in kinds and b"iTXt" not in kinds
    (physical,) = [data for kind, data in _chunks(png) if kind == b"pHYs"]
    per_metre, _, unit = struct.unpack(">IIB", physical)
    assert unit == 1 and round(per_metre * 0.0254) == charts.DPI == 300
    width, height = Image.open(io.BytesIO(png)).size
    assert width == round(charts.TEXT_WIDTH_INCHES * 300) and height > width / 2  # two rows of three


def test_the_same_data_draws_the_same_bytes() -> None:
    assert charts.small_multiples([PANEL, PANEL]) == charts.small_multiples([PANEL, PANEL])
    bars = [("快于预期", {"green": 2}), ("滞后于预期", {"yellow": 2, "red": 1})]
    assert charts.status_chart(bars) == charts.status_chart(bars)


def test_plan_text_is_drawn_as_text_not_as_a_formula() -> None:
    hostile = {**PANEL, "name": "$\\frac{a}{b}$ 与 $x^{2", "unit": "$"}
    assert charts.small_multiples([hostile]).startswith(b"\x89PNG")  # mathtext would fail on the lone $


@pytest.mark.parametrize(
    ("name", "unit", "shown"),
    [
        ("地区生产总值", "亿元", "地区生产总值（亿元）"),
        ("数字经济增加值占GDP比重", "%", "数字经济增加值占GDP比重\n（%）"),
        ("城镇居民人均可支配收入", "元", "城镇居民人均可支配收入（元）"),
    ],
)
def test_a_panel_title_never_splits_the_unit_from_its_brackets(name: str, unit: str, shown: str) -> None:
    assert charts.panel_title(name, unit) == shown


def test_a_missing_font_is_refused_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_REPORT_FONT", "/nonexistent/NotoSansCJK.ttc")
    with pytest.raises(ReportError) as refused:
        charts.font_file()
    assert "找不到设置 PLANWATCH_REPORT_FONT 指定的字体文件" in refused.value.one_line()
