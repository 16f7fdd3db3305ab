"""An edited task-list sheet applied to the list it was exported from: rows keep, merge, split, add
and (by their absence) drop tasks. Every problem is listed and nothing changes when there is any.

- 任务编号 R003: the row is task R003, as edited;
- R003、R004: the two are merged into R003;
- R003 on a second row: a task split off R003, with a new key;
- empty: a new task, which must say its 原文行 (every task points at its lines);
- a task of the list on no row: dropped from the draft (its reports stay).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from planwatch.observe.problems import ImportProblem, ProblemList
from planwatch.observe.task_sheet import PATH_SEPARATOR, SUGGESTED, Sheet, SheetRow
from planwatch.services.tasks import TaskError, parse_cycle, parse_deadline
from planwatch.tasking import Level, Task
from planwatch.tasking.edit import EditError, merge
from planwatch.tasking.propose import key_of

T = TypeVar("T")
_SEPARATORS = re.compile(r"[、,，;；\s]+")
UnitCheck = Callable[[str], str | None]  # a unit's name in the directory, or None when unknown


def tasks_from_sheet(
    sheet: Sheet,
    current: list[Task],
    known_unit: UnitCheck,
    unknown_reason: Callable[[str], str],
    next_key: int,
    version_id: int,
    line_count: int,
    file_name: str,
) -> list[Task]:
    problems = ProblemList()
    problems.extend(sheet.problems)
    by_key = {t.key: t for t in current}
    used: set[str] = set()
    made: list[tuple[SheetRow, Task]] = []
    for row in sheet.rows:
        keys = [k.upper() for k in _SEPARATORS.split(row.get("任务编号")) if k]
        unknown = [k for k in keys if k not in by_key]
        if unknown:
            reason = f"{'、'.join(unknown)} 不在当前任务清单中（新增的任务请将任务编号留空）"
            problems.add(ImportProblem(row.row, "任务编号", reason))
            continue
        base = _base(row, keys, by_key, used, problems)
        if base is None and keys:
            continue
        if base is None or keys[0] in used:
            key = key_of(next_key)
            next_key += 1
        else:
            key = keys[0]
        used.update(keys)
        exported = (by_key[keys[0]].first_line, by_key[keys[0]].last_line) if keys else None
        task = _edited(row, base, key, exported, version_id, line_count, known_unit, unknown_reason, problems)
        if task is not None:
            made.append((row, task))
    if problems:
        raise problems.refused(file_name)
    return _structured(made)


def _base(
    row: SheetRow, keys: list[str], by_key: dict[str, Task], used: set[str], problems: ProblemList
) -> Task | None:
    if not keys:
        return None
    if len(keys) == 1:
        return by_key[keys[0]]
    again = [k for k in keys if k in used]
    if again:
        problems.add(ImportProblem(row.row, "任务编号", f"{'、'.join(again)} 已在前面的行中使用，不能再合并"))
        return None
    try:
        merged, _ = merge(list(by_key.values()), keys)
    except EditError as error:
        problems.add(ImportProblem(row.row, "任务编号", str(error)))
        return None
    return merged


def _edited(
    row: SheetRow,
    base: Task | None,
    key: str,
    exported: tuple[int, int] | None,
    version_id: int,
    line_count: int,
    known_unit: UnitCheck,
    unknown_reason: Callable[[str], str],
    problems: ProblemList,
) -> Task | None:
    before = problems.total
    lead_text = row.get("牵头单位")
    suggested = lead_text.endswith(SUGGESTED)
    lead_name = lead_text.removesuffix(SUGGESTED).strip()
    lead = known_unit(lead_name) if lead_name else None
    if lead_name and lead is None:
        problems.add(ImportProblem(row.row, "牵头单位", unknown_reason(lead_name)))
    co_units: list[str] = []
    for name in (n for n in _SEPARATORS.split(row.get("责任单位")) if n):
        found = known_unit(name)
        if found is None:
            problems.add(ImportProblem(row.row, "责任单位", unknown_reason(name)))
        elif found != lead and found not in co_units:
            co_units.append(found)
    deadline = _parsed(row, "完成时限", parse_deadline, problems)
    cycle = _parsed(row, "报送周期", parse_cycle, problems)
    lines = _lines(row, base, line_count, problems)
    if lines == exported and base is not None:
        lines = base.first_line, base.last_line  # 原文行 as exported: a merged row spans all it merged
    if problems.total > before or deadline is None or cycle is None or lines is None or lead is None:
        return None
    number = row.get("序号")
    if base is None:
        depth = number.count(".")
        base = Task(
            key=key,
            number=number,
            level=Level.SECTION if depth == 1 else Level.ENTRY if depth == 2 else Level.ITEM,
            parent_key=None,
            path=tuple(p.strip() for p in row.get("章节").split(PATH_SEPARATOR) if p.strip()),
            heading="",
            summary="",
            source_version=version_id,
            first_line=lines[0],
            last_line=lines[1],
            note="由导入的任务清单新增",
        )
    elif base.key != key:
        base = replace(base, key=key, note=f"由{base.key}拆分", items=())
    summary = row.get("任务内容") if "任务内容" in row.cells else base.summary
    items = (
        tuple(i for i in base.items if lines[0] <= i.line <= lines[1])
        if base.source_version == version_id
        else base.items
    )
    return replace(
        base,
        number=number,
        heading=row.get("重点任务")[:500],
        summary=summary[:2000],
        first_line=lines[0],
        last_line=lines[1],
        items=items,
        lead_unit=lead,
        lead_suggested=suggested and base.lead_suggested and base.lead_unit == lead,
        lead_keyword=base.lead_keyword if suggested else None,
        co_units=tuple(co_units),
        deadline=deadline,
        cycle=cycle,
        flag=None,
    )


def _parsed(row: SheetRow, column: str, parse: Callable[[str], T], problems: ProblemList) -> T | None:
    try:
        return parse(row.get(column))
    except TaskError as error:
        problems.add(ImportProblem(row.row, column, error.reason))
        return None


def _lines(
    row: SheetRow, base: Task | None, line_count: int, problems: ProblemList
) -> tuple[int, int] | None:
    text = row.get("原文行")
    if not text:
        if base is None:
            problems.add(
                ImportProblem(row.row, "原文行", "新增的任务须写明原文行（如 529-541），以便追溯到规划文本")
            )
            return None
        return base.first_line, base.last_line
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    first, last = numbers[0], numbers[-1]
    if not 1 <= first <= last <= line_count:
        problems.add(
            ImportProblem(row.row, "原文行", f"“{text}”超出规划文本的范围（第1行至第{line_count}行）")
        )
        return None
    return first, last


def _structured(made: list[tuple[SheetRow, Task]]) -> list[Task]:
    """Parents by 序号 (3.1.2 belongs to 3.1), in the sheet's order."""
    key_of_number = {task.number: task.key for _, task in made}
    done = []
    for _, task in made:
        parent = key_of_number.get(task.number.rsplit(".", 1)[0]) if task.number.count(".") > 1 else None
        done.append(replace(task, parent_key=parent))
    return done
