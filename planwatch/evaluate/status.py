"""Statuses, their colours and their order (best last), for sorting and for the tests' properties.

| status | colour |
|---|---|
| 提前实现 已实现 快于预期 符合预期 保持稳定 | green |
| 控制在目标内 | green; yellow when the figure is within 5 % of the ceiling (the watch) |
| 基本符合预期 需加快 | yellow (red when binding) |
| 滞后于预期 | yellow for level, ceiling and keep-stable rules; red for growth targets and binding |
| 严重滞后 | red |
| 数据缺失 无数据 需人工评估 目标待定 | grey |
"""

from __future__ import annotations

from planwatch.model import Color, Evaluation, EvaluationStatus

S = EvaluationStatus

GREY_STATUSES = frozenset({S.NO_DATA, S.STALE, S.MANUAL, S.TARGET_PENDING})

_RANK = {
    S.SERIOUSLY_BEHIND: 0,
    S.BEHIND: 1,
    S.NEEDS_SPEEDING_UP: 2,
    S.ROUGHLY_ON_TRACK: 3,
    S.WITHIN_CEILING: 4,
    S.KEPT_STABLE: 4,
    S.ON_TRACK: 4,
    S.AHEAD: 5,
    S.ACHIEVED: 6,
    S.ACHIEVED_EARLY: 6,  # reached either way: the year it was reached is not a better judgement
}
_COLOR_RANK = {Color.RED: 0, Color.YELLOW: 1, Color.GREEN: 2, Color.GREY: 2}


def rank(evaluation: Evaluation) -> tuple[int, int] | None:
    """How good a judged status is (higher is better); None for the grey statuses (not judged).

    The colour breaks ties, so 控制在目标内 under a ceiling's watch (yellow) ranks below the
    same status in green.
    """
    position = _RANK.get(evaluation.status)
    if position is None:
        return None
    return position, _COLOR_RANK[evaluation.color]
