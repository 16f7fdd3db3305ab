"""The audit log in a planner's words: what was done, to which field, from what to what.

Every action a service writes to the audit log (its `action` code) gets its Chinese name in
`ACTIONS`: a new kind of book adds its actions there, one line each. An action not (yet) listed
is still named in Chinese, from its parts (`project.report` → 项目·报送) or as 其他操作: a raw
code never reaches a person. Fields and their values likewise (`FIELDS`, `VALUES`).
"""

from __future__ import annotations

import re
from typing import Any

from planwatch.present.labels import APPROVAL_STATE, OBSERVATION_KIND, OBSERVATION_STATUS
from planwatch.services.actor import ROLE_LABELS, SYSTEM_PREFIX
from planwatch.services.permissions import CAPABILITY_LABELS
from planwatch.services.project_fields import NODE_PREFIX

ACTIONS = {
    "plan.ingest": "导入规划",
    "plan.adopt": "设定现行版本",
    "item.pair": "确认版本对应",
    "target.adjust": "调整目标",
    "entry": "填报数据",
    "import": "导入数据文件",
    "demo": "载入示例数据",
    "assign": "分配给部门",
    "user.add": "添加用户",
    "department.save": "保存单位",
    "database.restore": "恢复数据库",
    "user.password": "修改密码",
    "user.active": "启用或停用用户",
    "user.grant": "授予权限",
    "user.revoke": "收回权限",
    "session.end": "结束登录会话",
    "bulletin.read": "读取统计公报",
    "proposal.accept": "采用公报数值",
    "proposal.reject": "不采用公报数值",
    "synonym.add": "添加同义词",
    "synonym.remove": "删除同义词",
    "figure.review": "审核数据",
    "figure.approve": "审批数据",
    "figure.return": "退回数据",
    "figure.resubmit": "重新提交数据",
    "period.lock": "锁定年度",
    "period.unlock": "解锁年度",
    "project.demo": "载入示例项目调度",
    "project.report": "填报项目调度",
    "project.edit": "修改项目信息",
    "project.add": "添加项目",
    "schedule.frequency": "设置调度频率",
    "tasks.draft": "拟定任务清单",
    "tasks.edit": "修改任务清单",
    "tasks.confirm": "确认牵头单位",
    "tasks.merge": "合并任务",
    "tasks.split": "拆分任务",
    "tasks.drop": "删除任务",
    "tasks.import": "导入任务清单",
    "tasks.accept": "印发任务分工方案",
    "tasks.discard": "放弃任务清单草稿",
    "tasks.revise": "修订任务清单",
    "tasks.demo": "载入示例任务",
    "task.report": "报送任务进展",
    "task.review": "审核任务进展",
    "task.remind": "催办",
    "notice.issue": "下发督办单",
    "notice.reply": "回复督办单",
    "notice.close": "督办单办结",
}

# For an action not in ACTIONS: its noun and verb (`task.assign` → 任务·分配).
NOUNS = {
    "plan": "规划",
    "version": "版本",
    "item": "条目",
    "indicator": "指标",
    "target": "目标",
    "figure": "数据",
    "project": "项目",
    "task": "任务",
    "report": "报告",
    "review": "审核",
    "approval": "审批",
    "public": "公开",
    "user": "用户",
    "department": "单位",
    "database": "数据库",
}
VERBS = {
    "add": "添加",
    "save": "保存",
    "update": "修改",
    "delete": "删除",
    "remove": "删除",
    "assign": "分配",
    "report": "报送",
    "submit": "提交",
    "approve": "批准",
    "reject": "退回",
    "return": "退回",
    "publish": "公开",
    "withdraw": "撤回",
    "close": "办结",
    "import": "导入",
    "restore": "恢复",
    "adjust": "调整",
    "ingest": "导入",
    "adopt": "通过",
}

FIELDS = {
    "value": "数值",
    "unit": "单位",
    "status": "状态",
    "kind": "类型",
    "as_of": "发布日期",
    "source": "来源",
    "file": "文件",
    "role": "角色",
    "department": "部门",
    "title": "标题",
    "version": "版本",
    "sha256": "文件校验值",
    "carry_over": "沿用情况",
    "in_force_from": "生效日期",
    "document_no": "文号",
    "forced": "回退",
    "reason": "理由",
    "target": "目标值",
    "key": "对应编号",
    "short_name": "简称",
    "keywords": "关键词",
    "active": "启用",
    "created_at": "备份时间",
    "rows": "行数",
    "approval": "审批状态",
    "approved_on": "审批日期",
    "capabilities": "权限",
    "sessions_ended": "结束的会话数",
    "year": "年份",
    "proposals": "建议数",
    "unmentioned": "公报未发布的指标数",
    "observation_id": "数据编号",
    "edited": "修改后采用",
    "name": "名称",
    "synonym": "同义词",
    "relation": "关系",
    "note": "说明",
    # the project library and its 调度 (issue 11)
    "code": "项目编号",
    "box": "所属专栏",
    "category": "项目类别",
    "nature": "建设性质",
    "location": "建设地点",
    "content": "建设内容",
    "start_year": "建设起始年份",
    "end_year": "建设结束年份",
    "investment": "总投资",
    "owner": "项目单位",
    "start": "计划开工日期",
    "finish": "计划竣工日期",
    "completed": "本期完成投资（万元）",
    "cumulative": "自年初累计完成投资（万元）",
    "reported_on": "填报日期",
    "started_on": "开工日期",
    "finished_on": "竣工日期",
    "progress": "形象进度",
    "issues": "存在问题",
    "coordination": "需协调事项",
    "fields": "字段数",
    "reports": "报送份数",
    # tasks and their follow-up (issue 13)
    "tasks": "任务数",
    "list": "任务清单",
    "unmatched": "未对应的任务数",
    "new": "新增",
    "carried": "沿用的任务数",
    "dropped": "删除的任务数",
    "period": "报送期",
    "degree": "完成程度",
    "evidence": "佐证材料",
    "decision": "审核结论",
    "number": "编号",
    "reply_by": "回复期限",
    "problem": "督办事项",
    "text": "内容",
    "heading": "重点任务",
    "summary": "摘要",
    "lead_unit": "牵头单位",
    "lead_suggested": "牵头单位为建议",
    "co_units": "责任单位",
    "deadline": "完成时限",
    "cycle": "报送周期",
    "merged": "并入的任务",
    "at_line": "拆分处（原文行）",
}
OTHER_FIELD = "其他"
# Values that are codes, by field; other values are shown as they are.
VALUES: dict[str, dict[str, str]] = {
    "status": {**OBSERVATION_STATUS, "pending": "待确认", "paired": "人工配对", "new": "新增"},
    "kind": OBSERVATION_KIND,
    "role": {role.value: label for role, label in ROLE_LABELS.items()},
    "approval": APPROVAL_STATE,
    "capabilities": dict(CAPABILITY_LABELS),
    "relation": {"same": "同一指标", "different": "不同指标"},
    "decision": {"pass": "通过", "return": "退回"},
}
# Fields whose values are identifiers (a file's name, a checksum): shown as code.
CODE_FIELDS = frozenset({"file", "sha256"})
_FIGURE = re.compile(
    r"^(?P<series>\S+) (?P<period>\d{4}(?:Q[1-4]|-\d{2})?) (?P<kind>level|growth)(?P<id> #\d+)?$"
)


def action_label(code: str) -> str:
    if code in ACTIONS:
        return ACTIONS[code]
    noun, _, verb = code.partition(".")
    if noun in NOUNS and verb in VERBS:
        return f"{NOUNS[noun]}·{VERBS[verb]}"
    if noun in NOUNS:
        return f"{NOUNS[noun]}·其他操作"
    return "其他操作"


def user_label(name: str) -> str:
    """`命令行:root` → 系统（命令行 root）; a web user's name as it is."""
    if name.startswith(SYSTEM_PREFIX):
        return f"系统（命令行 {name.removeprefix(SYSTEM_PREFIX)}）"
    return name


def target_label(target: str) -> str:
    """A figure's `T2.01 2023 level` → `T2.01 2023年 水平值`; other targets as written."""
    found = _FIGURE.match(target)
    if found is None:
        return target
    period = found["period"]
    when = f"{period}年" if len(period) == 4 else period
    return f"{found['series']} {when} {OBSERVATION_KIND[found['kind']]}{found['id'] or ''}"


def field_label(name: str) -> str:
    if name.startswith(NODE_PREFIX):  # a project's 节点 (node:主体封顶): its planned date
        return f"节点“{name.removeprefix(NODE_PREFIX)}”计划日期"
    return FIELDS.get(name, OTHER_FIELD)


def value_text(field: str, value: Any) -> str:
    """A value as a person reads it: codes named, yes/no, lists joined; None as —."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(value_text(field, v) for v in value) or "—"
    if isinstance(value, dict):
        return "；".join(f"{field_label(k)}：{value_text(k, v)}" for k, v in value.items())
    text = str(value)
    return VALUES.get(field, {}).get(text, text)


def changes(old: Any, new: Any, whole: str = "value") -> list[dict[str, Any]]:
    """Old → new by field: one row per field that either side has (a plain value is one field,
    named `whole`: the department of an assignment)."""
    if not isinstance(old, dict) and not isinstance(new, dict):
        return [_row(whole, old, new)]
    before, after = old if isinstance(old, dict) else {}, new if isinstance(new, dict) else {}
    order = list(FIELDS)  # as a person reads them (value, unit, status…), not as stored (sorted)
    names = sorted(
        dict.fromkeys([*before, *after]), key=lambda n: order.index(n) if n in order else len(order)
    )
    return [_row(name, before.get(name), after.get(name)) for name in names]


def _row(name: str, old: Any, new: Any) -> dict[str, Any]:
    return {
        "field": name,
        "field_label": field_label(name),
        "old": value_text(name, old),
        "new": value_text(name, new),
        "changed": old != new,
        "code": name in CODE_FIELDS,
    }
