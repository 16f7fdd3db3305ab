"""The columns of the 调度表 (the office's project schedule sheet): canonical headers, the other names
offices use, and the columns that are shown for reference but never read."""

from __future__ import annotations

from typing import Final

CODE: Final = "code"
NAME: Final = "name"
PERIOD: Final = "period"
COMPLETED: Final = "completed"
CUMULATIVE: Final = "cumulative"
STARTED: Final = "started_on"
FINISHED: Final = "finished_on"
PROGRESS: Final = "progress"
ISSUES: Final = "issues"
COORDINATION: Final = "coordination"
REPORTED: Final = "reported_on"

AMOUNTS: Final = (COMPLETED, CUMULATIVE)
TEXTS: Final = (PROGRESS, ISSUES, COORDINATION)

# The sheet's columns in order: (header, field or None for a reference column that is not read).
COLUMNS: Final = (
    ("项目编号", CODE),
    ("项目名称", NAME),
    ("所属专栏", None),
    ("责任单位", None),
    ("总投资（万元）", None),
    ("年度计划投资（万元）", None),
    ("期间", PERIOD),
    ("本期完成投资（万元）", COMPLETED),
    ("自年初累计完成投资（万元）", CUMULATIVE),
    ("开工日期", STARTED),
    ("竣工日期", FINISHED),
    ("形象进度", PROGRESS),
    ("存在问题", ISSUES),
    ("需协调事项", COORDINATION),
    ("填报日期", REPORTED),
)

# Header (half-width, no spaces, without a trailing （万元）) → field.
ALIASES: Final[dict[str, str]] = {
    "项目编号": CODE,
    "编号": CODE,
    "项目代码": CODE,
    "代码": CODE,
    "项目名称": NAME,
    "名称": NAME,
    "项目": NAME,
    "期间": PERIOD,
    "报告期": PERIOD,
    "调度期间": PERIOD,
    "填报期间": PERIOD,
    "月份": PERIOD,
    "季度": PERIOD,
    "本期完成投资": COMPLETED,
    "本月完成投资": COMPLETED,
    "本季完成投资": COMPLETED,
    "本季度完成投资": COMPLETED,
    "当月完成投资": COMPLETED,
    "本期完成": COMPLETED,
    "自年初累计完成投资": CUMULATIVE,
    "本年累计完成投资": CUMULATIVE,
    "年度累计完成投资": CUMULATIVE,
    "累计完成投资": CUMULATIVE,
    "自年初累计": CUMULATIVE,
    "开工日期": STARTED,
    "实际开工日期": STARTED,
    "开工时间": STARTED,
    "竣工日期": FINISHED,
    "实际竣工日期": FINISHED,
    "竣工时间": FINISHED,
    "形象进度": PROGRESS,
    "工程形象进度": PROGRESS,
    "进展情况": PROGRESS,
    "存在问题": ISSUES,
    "存在的问题": ISSUES,
    "问题": ISSUES,
    "需协调事项": COORDINATION,
    "需协调解决事项": COORDINATION,
    "需协调解决的问题": COORDINATION,
    "协调事项": COORDINATION,
    "填报日期": REPORTED,
    "报送日期": REPORTED,
}
# Shown for reference (and columns offices add); never read.
IGNORED: Final = frozenset(
    {
        "序号",
        "所属专栏",
        "专栏",
        "项目类别",
        "建设性质",
        "建设地点",
        "责任单位",
        "项目单位",
        "总投资",
        "年度计划投资",
        "投资完成率",
        "序时进度",
        "调度状态",
        "状态",
        "备注",
        "说明",
    }
)
EXAMPLE: Final = "示例"  # a row whose 项目编号 starts with this is the template's example
