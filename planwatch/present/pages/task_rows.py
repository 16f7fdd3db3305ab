"""The rows every task page shows the same way: a task, its state, a report, a 督办单, a list."""

from __future__ import annotations

from datetime import date
from typing import Any

from planwatch.store.tasks import TaskList
from planwatch.tasking import Task, TaskSettings
from planwatch.tasking.model import STATUS_COLORS, Notice, Report
from planwatch.tasking.periods import name, report_deadline
from planwatch.tasking.status import PASS, TaskState

LIST_STATES = {"draft": "草稿", "accepted": "已确定", "replaced": "已放弃"}
NOTICE_COLORS = {"待回复": "yellow", "逾期未回复": "red", "已回复": "blue", "已办结": "green"}
_NUMERALS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 21 → 二十一 (chapters run well below 100)."""
    if n < 10:
        return _NUMERALS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _NUMERALS[tens]) + "十" + (_NUMERALS[ones] if ones else "")


def task_row(task: Task) -> dict[str, Any]:
    return {
        "key": task.key,
        "number": task.number,
        "level": task.level.value,
        "parent_key": task.parent_key,
        "depth": task.number.count("."),
        "path": list(task.path),
        "chapter": task.chapter,
        "heading": task.heading,
        "summary": task.summary,
        "source_version": task.source_version,
        "first_line": task.first_line,
        "last_line": task.last_line,
        "attached": [{"kind": i.kind, "key": i.key, "name": i.name, "line": i.line} for i in task.items],
        "lead_unit": task.lead_unit,
        "lead_suggested": task.lead_suggested,
        "lead_keyword": task.lead_keyword,
        "co_units": list(task.co_units),
        "deadline": task.deadline,
        "cycle": task.cycle.value,
        "note": task.note,
        "flag": task.flag,
        "flag_label": {"unmatched": "原文未找到", "new": "新增"}.get(task.flag or "", ""),
    }


def state_row(state: TaskState, settings: TaskSettings) -> dict[str, Any]:
    grace = settings.report_grace_days
    return {
        "status": state.status.value,
        "color": STATUS_COLORS[state.status],
        "degree": state.degree.value if state.degree else None,
        "done_on": state.done_on.isoformat() if state.done_on else None,
        "due": list(state.due),
        "missing": [
            {"period": p, "name": name(p), "deadline": report_deadline(p, grace).isoformat()}
            for p in state.missing
        ],
        "reminded": list(state.reminded),
        "waiting": [
            {"period": p, "name": name(p), "deadline": report_deadline(p, grace).isoformat()}
            for p in state.waiting
        ],
        "lagging": state.lagging,
        "pending": state.pending,
    }


def report_row(report: Report) -> dict[str, Any]:
    review = report.review
    return {
        "id": report.id,
        "period": report.period,
        "period_name": name(report.period),
        "unit": report.unit,
        "progress": report.progress,
        "degree": report.degree.value,
        "problems": report.problems,
        "next_steps": report.next_steps,
        "filed_by": report.filed_by,
        "filed_on": report.filed_on.isoformat(),
        "review": None
        if review is None
        else {
            "decision": review.decision,
            "label": "通过" if review.decision == PASS else "退回",
            "reason": review.reason,
            "reviewed_by": review.reviewed_by,
            "reviewed_on": review.reviewed_on.isoformat(),
        },
        "state": "待审核" if review is None else ("通过" if review.decision == PASS else "退回"),
        "evidence": [
            {"id": e.id, "file_name": e.file_name, "media_type": e.media_type, "size": e.size}
            for e in report.evidence
        ],
    }


def notice_row(notice: Notice, as_of: date) -> dict[str, Any]:
    state = notice.state(as_of)
    return {
        "id": notice.id,
        "number": notice.number,
        "task_key": notice.task_key,
        "unit": notice.unit,
        "problem": notice.problem,
        "reply_by": notice.reply_by.isoformat(),
        "issued_by": notice.issued_by,
        "issued_on": notice.issued_on.isoformat(),
        "state": state,
        "color": NOTICE_COLORS[state],
        "events": [
            {
                "kind": e.kind,
                "label": "回复" if e.kind == "reply" else "办结",
                "text": e.text,
                "by": e.by,
                "on": e.on.isoformat(),
            }
            for e in notice.events
            if e.on <= as_of
        ],
    }


def list_header(task_list: TaskList | None) -> dict[str, Any] | None:
    if task_list is None:
        return None
    return {
        "number": task_list.number,
        "state": task_list.state,
        "state_label": LIST_STATES[task_list.state],
        "in_force_from": task_list.in_force_from.isoformat() if task_list.in_force_from else None,
        "document_no": task_list.document_no,
        "created_by": task_list.created_by,
        "accepted_by": task_list.accepted_by,
    }


def chapter_groups(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows grouped by chapter in their order; each group named as the 分工方案 names it (三、…)."""
    groups: list[dict[str, Any]] = []
    for row in rows:
        if not groups or groups[-1]["heading"] != row["chapter"]:
            head = row["number"].split(".", 1)[0]
            numeral = chinese_numeral(int(head)) if head.isdigit() else head
            title = row["chapter"].split(" ", 1)[1] if " " in row["chapter"] else row["chapter"]
            groups.append(
                {"heading": row["chapter"], "numeral": numeral, "title": title.strip(), "tasks": []}
            )
        groups[-1]["tasks"].append(row)
    return groups
