"""Every threshold of the evaluation method (docs/evaluation.md), named, with its default.

A planner signs what the evaluation computes, so nothing in the rules is a bare number:
each cut-off below is a field, and `EvaluationSettings()` is the method of EVALUATION.md.
The thresholds are plain floats because they compare ratios and fractions computed in
float (see `mathx`); amounts stay `Decimal` in and out.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EvaluationSettings:
    # Level targets: schedule gap g = p − f (progress minus elapsed fraction), as a fraction.
    ahead_gap: float = 0.10  # g ≥ +0.10 → 快于预期
    on_track_gap: float = 0.0  # 0 ≤ g < 0.10 → 符合预期
    roughly_gap: float = -0.10  # −0.10 ≤ g < 0 → 基本符合预期 (yellow)
    behind_gap: float = -0.30  # −0.30 ≤ g < −0.10 → 滞后于预期 (yellow); below → 严重滞后 (red)
    binding_red_gap: float = 0.0  # 约束性: any g below this is red ("any g < 0 is red")

    # Growth targets: ratio q = r / g* of realised to target average growth.
    growth_on_track_ratio: float = 0.95  # q ≥ 0.95 → 符合预期
    growth_speed_up_ratio: float = 0.60  # 0.60 ≤ q < 0.95 → 需加快 (yellow)
    growth_behind_ratio: float = 0.0  # 0 ≤ q < 0.60 → 滞后于预期 (red); q < 0 → 严重滞后 (red)
    approx_growth_tolerance_points: float = 0.5  # `左右`: judge against g* − 0.5 percentage points

    # Ceilings (以内, 不超过) and keep-stable (保持稳定).
    ceiling_watch_fraction: float = 0.05  # c·(1 − 0.05) ≤ x ≤ c → 控制在目标内, but yellow (watch)
    keep_stable_fraction: float = 0.02  # |x − B| / |B| ≤ 2 % → 保持稳定; else 滞后于预期

    # Data freshness: a year's figure is due this many days after 31 December (统计公报
    # usually appear by the end of April). A due year without a figure → 数据缺失.
    annual_publication_lag_days: int = 120

    # Projection band: x·(1 + r ± k·s)^(y1 − t), s the standard deviation of the annual rates.
    projection_band_sd: float = 1.0

    # Judged quantities are rounded to the precision they are reported with, so that the
    # number a planner reads is the number that was judged.
    gap_decimals: int = 3  # g as a fraction → 0.1 % of the way (进度差 −19.6%)
    ratio_decimals: int = 3  # q, the ceiling margin and the keep-stable deviation → 0.1 %
    percent_decimals: int = 1  # growth rates in explanations: 7.5%


DEFAULT_SETTINGS = EvaluationSettings()
