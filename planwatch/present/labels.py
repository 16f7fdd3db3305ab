"""Chinese labels for the codes in our data, as planners say them."""

from __future__ import annotations

from planwatch.model import EvaluationStatus

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


# The evaluation's status codes (JSON `status_code`) → the national 中期评估 words
STATUS = {status.code: status.value for status in EvaluationStatus}
# Which rule judged a series (JSON `method`)
EVALUATION_METHOD = {
    "level": "按序时进度",
    "cumulative": "按累计目标",
    "growth": "按年均增速",
    "ceiling": "按上限",
    "keep_stable": "按保持稳定",
    "manual": "人工评估",
}


def status_label(code: str | None) -> str:
    return STATUS.get(code or "", "未评估")


def method_label(code: str | None) -> str:
    return EVALUATION_METHOD.get(code or "", code or "")


def target_link_label(indicator_id: str | None, counted_with_indicator: bool) -> str:
    """How a prose target stands to the table: 同指标T2.01（不重复计数） / 数据取自指标T2.22 / ''."""
    if not indicator_id:
        return ""
    return f"同指标{indicator_id}（不重复计数）" if counted_with_indicator else f"数据取自指标{indicator_id}"


# A figure's approval (数据审核审批) and the bulletin proposals' words
APPROVAL_STATE = {"entered": "待审核", "reviewed": "待审批", "approved": "已审批", "returned": "已退回"}
PROPOSAL_STATE = {"pending": "待审核", "accepted": "已接受", "rejected": "已拒绝"}
MATCH_KIND = {"exact": "名称一致", "synonym": "同义词", "derived": "推算"}


def approval_label(code: str | None) -> str:
    return APPROVAL_STATE.get(code or "", "—")
