"""The department directory (单位名录), kept by administrators: the one list of units that users
belong to and that indicators, projects and tasks are assigned to.

A unit that is not in the directory is refused wherever a unit is named, with 是不是… suggestions.
Keywords suggest a unit for a text (交通 → 区交通运输局); a suggestion stays one until a person
confirms it. A starter list of a district's usual units ships with planwatch, to edit.
"""

from __future__ import annotations

import csv
import difflib
import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sqlalchemy.engine import Connection

from planwatch.errors import PlanwatchError
from planwatch.observe.problems import ImportProblem, ImportRefused
from planwatch.services.actor import Actor, Role
from planwatch.services.permissions import require_role
from planwatch.store import Store, audit
from planwatch.store import departments as directory
from planwatch.store.departments import Department

KINDS = ("区直部门", "乡镇街道", "园区", "其他")
STARTER = "departments_starter.csv"
COLUMNS = ("单位名称", "简称", "类别", "关键词")
MAX_ROWS = 2000


class UnknownDepartment(PlanwatchError):
    """A unit the directory does not hold."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    department: str
    keyword: str  # the keyword of the text that suggested it


def add_department(
    store: Store,
    actor: Actor,
    name: str,
    *,
    short_name: str | None = None,
    kind: str = "区直部门",
    keywords: str = "",
    active: bool = True,
) -> Department:
    """Add a unit to the directory, or change it (its name is its identity)."""
    require_role(actor, Role.ADMIN, doing="维护单位名录")
    unit = _unit(name, short_name, kind, keywords, active)
    with store.transaction() as connection:
        _save(connection, actor, unit)
    return unit


def load_starter(store: Store, actor: Actor) -> int:
    """The district's usual units (planwatch/data/departments_starter.csv), for the admin to edit;
    units already in the directory are left as they are. Returns how many were added."""
    text = (resources.files("planwatch") / "data" / STARTER).read_text(encoding="utf-8")
    units = _read_rows(text, STARTER)
    require_role(actor, Role.ADMIN, doing="维护单位名录")
    added = 0
    with store.transaction() as connection:
        for unit in units:
            if directory.find(connection, unit.name) is None:
                _save(connection, actor, unit)
                added += 1
    return added


def import_departments(store: Store, actor: Actor, path: str | Path) -> int:
    """A directory edited in Excel or CSV (单位名称, 简称, 类别, 关键词), refused whole if a row is bad."""
    require_role(actor, Role.ADMIN, doing="维护单位名录")
    file = Path(path)
    text = _table_text(file)
    units = _read_rows(text, file.name)
    with store.transaction() as connection:
        for unit in units:
            _save(connection, actor, unit)
    return len(units)


def list_departments(store: Store, *, active_only: bool = True) -> list[Department]:
    with store.reading() as connection:
        return directory.all_departments(connection, active_only=active_only)


def require_known(connection: Connection, name: str, *, field: str | None = None) -> str:
    """The unit's name when the directory holds it (active); otherwise refused with suggestions."""
    found = directory.find(connection, name)
    if found is not None and found.active:
        return found.name
    known = directory.all_departments(connection)
    by_short = [d for d in known if d.short_name == name]
    if len(by_short) == 1:
        return by_short[0].name
    names = [d.name for d in known]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = f"，是不是{'或'.join(f'“{c}”' for c in close)}？" if close else ""
    raise UnknownDepartment(
        f"单位名录中没有“{name}”{hint}（管理员可用 planwatch department add 添加）", field=field
    )


def suggest(store: Store, text: str) -> list[Suggestion]:
    """Units whose keywords occur in `text`, the most specific (longest) keyword first."""
    return suggester(store)(text)


def suggester(store: Store) -> Callable[[str], list[Suggestion]]:
    """`suggest` over the directory read once: for suggesting units for many texts at a time."""
    with store.reading() as connection:
        known = directory.all_departments(connection)
    return functools.partial(_suggest_from, known)


def _suggest_from(known: list[Department], text: str) -> list[Suggestion]:
    found: dict[str, Suggestion] = {}
    for unit in known:
        for keyword in unit.keywords:
            if keyword and keyword in text:
                current = found.get(unit.name)
                if current is None or len(keyword) > len(current.keyword):
                    found[unit.name] = Suggestion(unit.name, keyword)
    return sorted(found.values(), key=lambda s: (-len(s.keyword), s.department))


def _save(connection: Connection, actor: Actor, unit: Department) -> None:
    before = directory.upsert(connection, unit)
    new = {
        "kind": unit.kind,
        "short_name": unit.short_name,
        "keywords": list(unit.keywords),
        "active": unit.active,
    }
    old = None
    if before is not None:
        old = {
            "kind": before.kind,
            "short_name": before.short_name,
            "keywords": list(before.keywords),
            "active": before.active,
        }
    if old != new:
        audit.record(connection, actor.name, "department.save", None, unit.name, old, new)


def _unit(name: str, short_name: str | None, kind: str, keywords: str, active: bool) -> Department:
    name = name.strip()
    if not name or len(name) > 100:
        raise PlanwatchError("单位名称不能为空，且不超过100个字符", field="单位名称")
    if kind not in KINDS:
        raise PlanwatchError(f"类别“{kind}”无法识别，应为 {'、'.join(KINDS)} 之一", field="类别")
    return Department(
        name, (short_name or "").strip() or None, kind, directory.split_keywords(keywords), active
    )


def _table_text(file: Path) -> str:
    if file.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook  # openpyxl loads only when asked for

        workbook = load_workbook(file, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = []
            for n, row in enumerate(sheet.iter_rows(values_only=True)):
                if n > MAX_ROWS:
                    raise PlanwatchError(f"单位名录超过{MAX_ROWS}行", file=file.name)
                rows.append(["" if v is None else str(v) for v in row[: len(COLUMNS)]])
        finally:
            workbook.close()
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        return buffer.getvalue()
    if file.suffix.lower() != ".csv":
        raise PlanwatchError("单位名录应为 .xlsx 或 .csv 文件", file=file.name)
    raw = file.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlanwatchError("无法识别文件的编码（应为 UTF-8 或 GBK）", file=file.name)


def _read_rows(text: str, file_name: str) -> list[Department]:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [c.strip() for c in rows[0][: len(COLUMNS)]][:1] != ["单位名称"]:
        raise PlanwatchError(f"第一行应为表头：{'，'.join(COLUMNS)}", file=file_name)
    header = [c.strip() for c in rows[0]]
    at = {name: header.index(name) for name in COLUMNS if name in header}
    problems: list[ImportProblem] = []
    units: list[Department] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = {name: (row[i].strip() if i < len(row) else "") for name, i in at.items()}
        if not any(cells.values()):
            continue
        name = cells.get("单位名称", "")
        if name in seen:
            problems.append(ImportProblem(number, "单位名称", f"“{name}”重复", seen[name]))
            continue
        try:
            unit = _unit(
                name, cells.get("简称"), cells.get("类别") or "区直部门", cells.get("关键词", ""), True
            )
        except PlanwatchError as error:
            problems.append(ImportProblem(number, error.field, error.reason))
            continue
        seen[name] = number
        units.append(unit)
    if problems:
        raise ImportRefused(problems, file=file_name)
    return units
