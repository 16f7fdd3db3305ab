"""The audit log in a planner's words: every action, field and code value in Chinese, with a
fallback that never shows a raw code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planwatch.present.audit_labels import action_label, changes, target_label, user_label

SERVICES = Path(__file__).resolve().parent.parent / "planwatch" / "services"
_LATIN = re.compile(r"[A-Za-z]")


def _recorded_actions() -> set[str]:
    """The action codes the services write to the audit log (`audit.record(connection, who, "…"`)."""
    found = set()
    for path in SERVICES.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(r'audit\.record\(\s*\w+,\s*[\w.]+,\s*"([\w.]+)"', text))
        if "action=" in text:
            found.update(re.findall(r'action="([\w.]+)"', text))
    return found


def test_every_action_the_services_record_has_a_chinese_name() -> None:
    actions = _recorded_actions()
    assert {"plan.ingest", "entry", "import", "demo", "assign", "user.add", "department.save"} <= actions
    assert {a: action_label(a) for a in actions if _LATIN.search(action_label(a))} == {}
    assert {a for a in actions if action_label(a).endswith("其他操作")} == set()


@pytest.mark.parametrize(
    ("code", "label"),
    [("project.submit", "项目·提交"), ("task.close", "任务·办结"), ("review.frobnicate", "审核·其他操作"),
     ("zzz", "其他操作"), ("", "其他操作")],
)  # fmt: skip
def test_an_action_not_yet_listed_is_still_named_in_chinese(code: str, label: str) -> None:
    assert action_label(code) == label


def test_the_command_line_operator_is_the_system() -> None:
    assert user_label("命令行:root") == "系统（命令行 root）"
    assert user_label("规划科") == "规划科"


def test_a_figure_s_old_and_new_are_named_field_by_field() -> None:
    assert target_label("T2.03 2025 level") == "T2.03 2025年 水平值"
    assert target_label("G016 2023Q2 growth") == "G016 2023Q2 增速（%）"
    old = {"value": "100", "unit": "亿元", "status": "preliminary", "as_of": "2025-03-15", "source": "公报"}
    new = {**old, "value": "120", "status": "verified", "file": "数据.xlsx"}
    rows = {r["field_label"]: (r["old"], r["new"], r["changed"]) for r in changes(old, new)}
    assert rows == {
        "数值": ("100", "120", True),
        "单位": ("亿元", "亿元", False),
        "状态": ("初步", "核实", True),
        "发布日期": ("2025-03-15", "2025-03-15", False),
        "来源": ("公报", "公报", False),
        "文件": ("—", "数据.xlsx", True),
    }


def test_roles_lists_and_flags_read_as_words_and_unknown_fields_as_其他() -> None:
    rows = changes(None, {"role": "viewer", "keywords": ["交通", "公路"], "active": True, "mystery": "x"})
    assert [(r["field_label"], r["new"]) for r in rows] == [
        ("角色", "只读用户"),
        ("关键词", "交通、公路"),
        ("启用", "是"),
        ("其他", "x"),
    ]
    assert changes("区交通运输局", None, "department")[0]["field_label"] == "部门"


def test_a_project_report_and_a_library_edit_are_named_field_by_field() -> None:
    report = {"completed": "1200", "cumulative": "3400", "reported_on": "2024-07-05", "progress": "主体施工",
              "issues": "用地未批", "coordination": "", "started_on": "2024-03-01"}  # fmt: skip
    labels = [r["field_label"] for r in changes(None, report)]
    assert "其他" not in labels and "本期完成投资（万元）" in labels and "开工日期" in labels
    edit = changes(None, {"name": "某项目", "department": "区交通局", "node:主体封顶": "2024-09-30"})
    assert [r["field_label"] for r in edit] == ["部门", "名称", "节点“主体封顶”计划日期"]


def test_a_task_edit_and_a_review_are_named_field_by_field() -> None:
    edit = {"heading": "推进数字经济", "lead_unit": "区工信局", "lead_suggested": True,
            "co_units": ["区科技局"], "deadline": "2025年", "cycle": "半年", "summary": ""}  # fmt: skip
    assert "其他" not in [r["field_label"] for r in changes(None, edit)]
    review = {r["field_label"]: r["new"] for r in changes(None, {"decision": "return", "period": "2024H2"})}
    assert review == {"审核结论": "退回", "报送期": "2024H2"}
    assert action_label("notice.issue") == "下发督办单" and action_label("tasks.accept") == "印发任务分工方案"
