"""What kind of plan a title names, and at what level of government its region sits.

Used to list many plans by region and kind (a 纲要 beside its 专项规划, several districts, the city
above). Migration 0007 keeps a frozen copy of these rules for the plans it creates.
"""

from __future__ import annotations

import re

KIND_LABELS = {"outline": "规划纲要", "sector": "专项规划", "work_report": "政府工作报告", "other": "其他"}
LEVEL_LABELS = {
    "national": "国家",
    "province": "省级",
    "city": "市级",
    "county": "区县",
    "unknown": "未识别",
}
_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


def plan_kind(title: str) -> str:
    """outline (规划纲要) | sector (专项规划, any other 规划) | work_report (政府工作报告) | other."""
    if "工作报告" in title:
        return "work_report"
    if "纲要" in title:
        return "outline"
    if "规划" in title:
        return "sector"
    return "other"


def plan_level(region: str | None) -> str:
    """national | province | city | county | unknown, from the region's own suffix."""
    if not region:
        return "unknown"
    if re.search(r"(省|自治区)$", region) or region in _MUNICIPALITIES:
        return "province"
    if re.search(r"(市|州|盟)$", region):
        return "city"
    if re.search(r"(区|县|旗)$", region):
        return "county"
    if region in ("全国", "中国", "国家"):
        return "national"
    return "unknown"
