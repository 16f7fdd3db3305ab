"""The columns of import files and of the template: canonical headers and the other names planners use.

Two layouts. Wide (the template): a row per indicator, a column per period (2021年 … 2025年).
Long: a row per figure, with 期间 and 数值 columns.
"""

from __future__ import annotations

from typing import Final

# Fields of a figure, as `ImportRow` names them.
ID: Final = "id"
NAME: Final = "name"
PERIOD: Final = "period"
VALUE: Final = "value"
UNIT: Final = "unit"
KIND: Final = "kind"
SOURCE: Final = "source"
STATUS: Final = "status"
AS_OF: Final = "as_of"

# The template's columns, in order; the year columns go between FIXED and TRAILING.
WIDE_FIXED: Final = (
    "编号",
    "类别",
    "指标名称",
    "单位",
    "属性",
    "基期年份",
    "基期值",
    "目标年份",
    "目标值",
    "类型",
)
WIDE_TRAILING: Final = ("数据来源", "数据状态", "发布日期")
LONG: Final = ("指标编号", "指标名称", "期间", "数值", "单位", "类型", "数据来源", "数据状态", "发布日期")

# Header (half-width, without spaces) → field. Headers not listed and not a period are ignored,
# except a header with a year-like number in it, which is reported: it may be a mistyped year.
ALIASES: Final[dict[str, str]] = {
    "编号": ID,
    "指标编号": ID,
    "指标代码": ID,
    "代码": ID,
    "指标名称": NAME,
    "指标": NAME,
    "名称": NAME,
    "指标名称(单位)": NAME,
    "期间": PERIOD,
    "时期": PERIOD,
    "年份": PERIOD,
    "年度": PERIOD,
    "统计期": PERIOD,
    "统计期间": PERIOD,
    "报告期": PERIOD,
    "数值": VALUE,
    "值": VALUE,
    "数据": VALUE,
    "实际值": VALUE,
    "完成值": VALUE,
    "单位": UNIT,
    "计量单位": UNIT,
    "类型": KIND,
    "数据类型": KIND,
    "数值类型": KIND,
    "数据来源": SOURCE,
    "来源": SOURCE,
    "数据状态": STATUS,
    "状态": STATUS,
    "发布日期": AS_OF,
    "公布日期": AS_OF,
    "数据日期": AS_OF,
    "日期": AS_OF,
}
# Columns of the template (and common extras) that carry no figure.
IGNORED: Final = frozenset(
    {"类别", "属性", "基期年份", "基期值", "目标年份", "目标值", "序号", "备注", "说明"}
)
# A row whose id, name or category begins with this is the template's example: never imported.
EXAMPLE: Final = "示例"
