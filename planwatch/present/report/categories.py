"""How a report shows an evaluation's judgement: cell colours, and the national 中期评估 categories.

The colour of a cell is the evaluation's own `color` (green/yellow/red/grey), not a function of the
status alone: the same 基本符合预期 is yellow for an expected indicator and red for a binding one
(evaluate/status.py). The 中期评估 report groups the statuses (JSON `status_code`) into the four
national categories, plus one for what cannot be judged yet (docs/reports.md).
"""

from __future__ import annotations

from typing import Final

from planwatch.model import EvaluationStatus

ACHIEVED_EARLY: Final = "提前实现"
FASTER: Final = "快于预期"
ROUGHLY: Final = "基本符合预期"
SLOWER: Final = "滞后于预期"
NOT_JUDGED: Final = "暂无法评价"

CATEGORY_ORDER: Final = (ACHIEVED_EARLY, FASTER, ROUGHLY, SLOWER, NOT_JUDGED)

S = EvaluationStatus
NATIONAL_CATEGORY: Final[dict[str, str]] = {
    S.ACHIEVED_EARLY.code: ACHIEVED_EARLY,
    S.ACHIEVED.code: ACHIEVED_EARLY,  # reached in the target year: at a midpoint this cannot occur
    S.AHEAD.code: FASTER,
    S.ON_TRACK.code: ROUGHLY,
    S.ROUGHLY_ON_TRACK.code: ROUGHLY,
    S.WITHIN_CEILING.code: ROUGHLY,
    S.KEPT_STABLE.code: ROUGHLY,
    S.NEEDS_SPEEDING_UP.code: SLOWER,
    S.BEHIND.code: SLOWER,
    S.SERIOUSLY_BEHIND.code: SLOWER,
    S.STALE.code: NOT_JUDGED,
    S.NO_DATA.code: NOT_JUDGED,
    S.MANUAL.code: NOT_JUDGED,
    S.TARGET_PENDING.code: NOT_JUDGED,
}

# Cell fills (RGB hex, no '#'): Excel's own 好/适中/差 styles, and a neutral grey
FILL: Final[dict[str, str]] = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE", "grey": "EDEDED"}
INK: Final[dict[str, str]] = {"green": "006100", "yellow": "7F6000", "red": "9C0006", "grey": "595959"}
COLOR_LABEL: Final[dict[str, str]] = {"green": "绿", "yellow": "黄", "red": "红", "grey": "灰"}
# The colour of a category's bar in a chart: the colour its statuses usually carry
CATEGORY_COLOR: Final[dict[str, str]] = {
    ACHIEVED_EARLY: "green",
    FASTER: "green",
    ROUGHLY: "yellow",
    SLOWER: "red",
    NOT_JUDGED: "grey",
}
# Chart colours, stronger than the cell fills so that bars read at a glance
CHART_COLOR: Final[dict[str, str]] = {
    "green": "#3a9d5d",
    "yellow": "#e0a800",
    "red": "#c8323c",
    "grey": "#a0a0a0",
}


def category_of(status_code: str) -> str:
    """The national 中期评估 category of a JSON `status_code`."""
    return NATIONAL_CATEGORY.get(status_code, NOT_JUDGED)
