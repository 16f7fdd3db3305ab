"""The report's charts as PNG at print resolution: indicators by status, and small multiples of the
key indicators (actual figures, the expected path, the target), like the overview's cards.

Drawn with matplotlib's Agg and a Noto CJK font (fonts-noto-cjk); without a CJK font every label
would be tofu, so a missing font stops the report with one clear line instead. Plan text is drawn
as plain text (no mathtext: a `$` in a name stays a `$`). The PNGs carry no software version or
time, so the same data gives the same bytes.
"""

from __future__ import annotations

import functools
import io
import math
import textwrap
import threading
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, ParamSpec

from planwatch import config
from planwatch.formatting import plain
from planwatch.present.report.categories import CHART_COLOR
from planwatch.present.report.content import ReportError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

DPI = 300  # print resolution
TEXT_WIDTH_INCHES = 6.1  # A4 less the official margins (28 mm + 26 mm)
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Arch, Fedora
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
)
_DRAWING = threading.Lock()
P = ParamSpec("P")
_INK = "#1f4e79"  # actual figures
_PATH = "#7f7f7f"  # the expected path


def font_file() -> Path:
    """The CJK font the charts use: PLANWATCH_REPORT_FONT, else the first Noto CJK font installed."""
    configured = config.REPORT_FONT.value().strip()
    candidates = [configured] if configured else list(FONT_CANDIDATES)
    for candidate in candidates:
        if Path(candidate).is_file():
            return Path(candidate)
    if configured:
        raise ReportError(f"找不到设置 PLANWATCH_REPORT_FONT 指定的字体文件：{configured}")
    raise ReportError("未安装中文字体（Noto CJK），图表中的汉字无法显示：请安装 fonts-noto-cjk 后重试")


@functools.cache
def _pyplot_ready(font: Path) -> str:
    """Load matplotlib once per process with the CJK font registered; the font family's name."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font))
    family = font_manager.FontProperties(fname=str(font)).get_name()
    matplotlib.rcParams.update(
        {
            "font.family": [family],
            "axes.unicode_minus": False,  # the CJK font has no U+2212 glyph in every build
            "text.parse_math": False,  # plan text is text: `$x$` is not a formula
            "svg.hashsalt": "planwatch",
            "path.simplify": True,
        }
    )
    return family


def prepare() -> None:
    """Find the font and load matplotlib now (a clear line if the font is missing)."""
    _pyplot_ready(font_file())


def _figure(width: float, height: float) -> Figure:
    prepare()
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=DPI)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No "Software" entry: the bytes do not change with matplotlib's version.
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _one_at_a_time(draw: Callable[P, bytes]) -> Callable[P, bytes]:
    """matplotlib is not thread-safe; the web draws reports in worker threads: one chart at a time."""

    @functools.wraps(draw)
    def drawing(*args: P.args, **kwargs: P.kwargs) -> bytes:
        with _DRAWING:
            return draw(*args, **kwargs)

    return drawing


@_one_at_a_time
def status_chart(bars: Sequence[tuple[str, dict[str, int]]]) -> bytes:
    """Horizontal bars, one per status (or category), each split by the colours of its indicators."""
    from matplotlib.transforms import blended_transform_factory, offset_copy

    height = 0.5 + 0.24 * len(bars)
    figure = _figure(TEXT_WIDTH_INCHES * 0.9, height)
    margin = 0.2 / height
    axes = figure.add_axes((0.2, margin, 0.74, 1 - 2 * margin))
    positions = list(range(len(bars)))[::-1]
    beside = offset_copy(
        blended_transform_factory(axes.transAxes, axes.transData), fig=figure, x=-4, units="points"
    )
    for position, (label, by_color) in zip(positions, bars, strict=True):
        left = 0
        for color in ("red", "yellow", "green", "grey"):
            count = by_color.get(color, 0)
            if count:
                axes.barh(position, count, left=left, color=CHART_COLOR[color], height=0.62)
                left += count
        axes.text(left + 0.1, position, f"{left}项", va="center", fontsize=8)
        axes.text(0, position, label, transform=beside, ha="right", va="center", fontsize=8)
    most = max((sum(c.values()) for _, c in bars), default=1)
    axes.set_xlim(0, most + 1.2)
    axes.set_ylim(-0.6, len(bars) - 0.4)
    axes.set_xticks([])  # each bar says its count
    axes.set_yticks([])
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    return _png(figure)


@_one_at_a_time
def small_multiples(
    charts: Sequence[dict[str, Any]], columns: int = 3, width_inches: float = TEXT_WIDTH_INCHES
) -> bytes:
    """One panel per key indicator: actual figures, the expected path, the target (chart data of
    present/pages/charts.py, with `name`, `status` and `color`)."""
    rows = max(1, math.ceil(len(charts) / columns))
    height = 0.4 + 1.55 * rows
    figure = _figure(width_inches, height)
    grid = figure.subplots(rows, columns, squeeze=False)
    for index, axes in enumerate(grid.flat):
        if index < len(charts):
            _panel(axes, charts[index], figure)
        else:
            axes.set_axis_off()
    handles = [
        _legend_line(_INK, "-", "o", "实际值"),
        _legend_line(_PATH, "--", "", "序时进度路径"),
        _legend_line("#c8323c", "", "*", "规划目标"),
    ]
    figure.legend(handles=handles, loc="lower center", ncol=3, fontsize=7, frameon=False)
    figure.subplots_adjust(
        left=0.06, right=0.99, top=1 - 0.42 / height, bottom=0.45 / height, hspace=0.8, wspace=0.3
    )
    return _png(figure)


def _panel(axes: Axes, chart: dict[str, Any], figure: Figure) -> None:
    years = [int(y) for y in chart["years"]]
    actual = [(y, float(v)) for y, v in zip(years, chart["actual"], strict=True) if v is not None]
    expected = [(y, float(v)) for y, v in zip(years, chart["expected"], strict=True) if v is not None]
    if expected:
        axes.plot(*zip(*expected, strict=True), color=_PATH, linestyle="--", linewidth=0.9)
    if actual:
        axes.plot(*zip(*actual, strict=True), color=_INK, marker="o", markersize=2.8, linewidth=1.2)
    target = chart.get("target")
    if isinstance(target, Decimal) and chart.get("target_year"):
        axes.plot([chart["target_year"]], [float(target)], marker="*", markersize=7, color="#c8323c")
    title = panel_title(chart["name"], chart.get("unit"))
    axes.set_title(title, fontsize=7.5, pad=11 if "\n" not in title else 12)
    axes.text(
        0.5,
        1.0,
        chart["status"],
        transform=axes.transAxes,
        ha="center",
        va="bottom",
        fontsize=7,
        color=CHART_COLOR.get(chart["color"], "#595959"),
    )
    axes.set_xlim(min(years) - 0.4, max(years) + 0.4)
    _labels(axes, years, figure)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def _labels(axes: Axes, years: list[int], figure: Figure) -> None:
    """The axes' labels as a few plain texts: matplotlib's own ticks (four artists each, copied per
    tick) cost half of a panel's drawing, and twelve panels are most of a report's time."""
    from matplotlib.ticker import MaxNLocator
    from matplotlib.transforms import blended_transform_factory, offset_copy

    axes.set_xticks([])
    axes.set_yticks([])
    below = offset_copy(
        blended_transform_factory(axes.transData, axes.transAxes), fig=figure, y=-3, units="points"
    )
    shown = years if len(years) <= 4 else [years[0], years[len(years) // 2], years[-1]]
    for year in shown:
        axes.text(year, 0, str(year), transform=below, ha="center", va="top", fontsize=6)
    axes.autoscale_view()
    low, high = axes.get_ylim()
    beside = offset_copy(
        blended_transform_factory(axes.transAxes, axes.transData), fig=figure, x=-3, units="points"
    )
    for value in MaxNLocator(nbins=3).tick_values(low, high):
        if low <= value <= high:
            axes.text(
                0, value, plain(Decimal(str(value)), 6), transform=beside, ha="right", va="center", fontsize=6
            )


def panel_title(name: str, unit: str | None, width: int = 15) -> str:
    """`name（unit）` on one line, or two: the unit is never split from its brackets."""
    unit_text = f"（{unit}）" if unit else ""
    if len(name) + len(unit_text) <= width:
        return name + unit_text
    lines = textwrap.wrap(name, width) or [""]
    if len(lines[-1]) + len(unit_text) <= width:
        lines[-1] += unit_text
    else:
        lines.append(unit_text)
    return "\n".join(lines[:2] if len(lines) <= 2 else [lines[0], lines[1][: width - 1] + "…"])


def _legend_line(color: str, style: Literal["-", "--", ""], marker: str, label: str) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([], [], color=color, linestyle=style or "none", marker=marker or None, label=label)
