"""Chinese labels for the codes in our data, as planners say them."""

from __future__ import annotations

CELL_KIND = {
    "number": "数值",
    "approx": "左右",
    "floor": "下限（以上）",
    "ceiling": "上限（以内）",
    "cumulative": "五年累计",
    "structure": "结构比例",
    "keep_stable": "保持稳定",
    "assigned": "待上级下达",
    "qualitative": "定性目标",
    "relative": "相对目标",
    "not_applicable": "不适用",
    "empty": "空",
    "placeholder": "占位符（待填写）",
    "label": "文字",
    "text": "无法识别",
}

ATTRIBUTE = {"expected": "预期性", "binding": "约束性"}

SECTION_KIND = {"chapter": "章", "section": "节", "subsection": "条", "item": "项", "box": "专栏"}


def attribute_label(code: str | None) -> str:
    return ATTRIBUTE.get(code or "", "未注明")


def cell_kind_label(code: str | None) -> str:
    return CELL_KIND.get(code or "", code or "")


TARGET_KIND = {
    "level": "达到",
    "growth": "年均增长",
    "cumulative": "累计",
    "floor": "下限（以上）",
    "ceiling": "上限（以内）",
    "range": "区间",
    "approx": "左右",
    "count": "新建/开工数量",
    "double": "翻番",
    "increment": "再增加",
}

SEARCH_KIND = {"text": "正文", "target": "目标", "project": "项目", "indicator": "指标"}


def target_kind_label(code: str | None) -> str:
    return TARGET_KIND.get(code or "", code or "")


OBSERVATION_KIND = {"level": "水平值", "growth": "增速（%）"}
OBSERVATION_STATUS = {"preliminary": "初步", "verified": "核实", "final": "最终"}
