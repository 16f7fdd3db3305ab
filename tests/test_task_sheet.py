"""The task list as an Excel sheet: exported, edited by a planner, imported back whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from planwatch.observe import ImportRefused
from planwatch.present.pages.tasks import task_list_page
from planwatch.present.report.task_xlsx import HEADERS, write_task_xlsx
from planwatch.services import tasks
from planwatch.services.task_edits import Changes, edit_task, import_list
from planwatch.store import Store
from tests.task_helpers import DATA, PEOPLE, PLANNER, PLANNING, TRANSPORT, small_plan

COLUMN = {name: n for n, name in enumerate(HEADERS, 1)}


def _export(store: Store, plan_id: int, path: Path) -> Path:
    write_task_xlsx(task_list_page(store, plan_id, "draft"), path)
    return path


def _row_of(sheet: object, key: str) -> int:
    for row in range(3, sheet.max_row + 1):  # type: ignore[attr-defined]
        if sheet.cell(row, COLUMN["任务编号"]).value == key:  # type: ignore[attr-defined]
            return row
    raise AssertionError(key)


def _set(sheet: object, key: str, **cells: str) -> None:
    row = _row_of(sheet, key)
    for name, value in cells.items():
        sheet.cell(row, COLUMN[name]).value = value  # type: ignore[attr-defined]


def _draft(store: Store, plan_id: int) -> list[tuple[str, str, str | None, bool]]:
    return [
        (t.key, t.number, t.lead_unit, t.lead_suggested) for t in tasks.current_draft(store, plan_id).tasks
    ]


def test_an_exported_sheet_imports_back_to_the_same_list(store: Store, tmp_path: Path) -> None:
    plan_id = small_plan(store)
    tasks.draft(store, PLANNER, plan_id)
    edit_task(store, PLANNER, plan_id, "R005", Changes(lead_unit=PLANNING))  # a sheet needs every lead unit
    before = tasks.current_draft(store, plan_id).tasks
    assert import_list(store, PLANNER, plan_id, _export(store, plan_id, tmp_path / "清单.xlsx")) == len(
        before
    )
    assert tasks.current_draft(store, plan_id).tasks == before  # suggestions stay suggestions


def test_a_planner_confirms_reassigns_merges_splits_adds_and_drops_in_the_sheet(
    store: Store, tmp_path: Path
) -> None:
    plan_id = small_plan(store)
    tasks.draft(store, PLANNER, plan_id)
    path = _export(store, plan_id, tmp_path / "清单.xlsx")
    book = load_workbook(path)
    sheet = book["任务清单"]
    _set(sheet, "R001", 牵头单位=TRANSPORT)  # the （建议） mark removed: confirmed
    _set(sheet, "R002", 牵头单位=PLANNING, 责任单位=f"{DATA}、{PEOPLE}", 完成时限="持续", 报送周期="年度")
    _set(sheet, "R003", 任务编号="R003、R004", 重点任务="（一）建设智慧城市和人才队伍")
    sheet.delete_rows(_row_of(sheet, "R004"))
    _set(sheet, "R005", 牵头单位=PLANNING, 原文行="12")
    new_row = [None] * len(HEADERS)
    new_row[COLUMN["序号"] - 1], new_row[COLUMN["重点任务"] - 1] = "2.2.3", "（三）完善保障机制"
    new_row[COLUMN["牵头单位"] - 1], new_row[COLUMN["原文行"] - 1] = PLANNING, "13"
    new_row[COLUMN["完成时限"] - 1], new_row[COLUMN["报送周期"] - 1] = "2025", "半年"
    sheet.append(new_row)
    _set(sheet, "R005", 序号="2.2.2")
    book.save(path)

    import_list(store, PLANNER, plan_id, path)
    draft = {t.key: t for t in tasks.current_draft(store, plan_id).tasks}
    assert list(draft) == ["R001", "R002", "R003", "R005", "R006"]
    assert (draft["R001"].lead_unit, draft["R001"].lead_suggested) == (TRANSPORT, False)
    assert (draft["R002"].co_units, draft["R002"].deadline, draft["R002"].cycle.value) == (
        (DATA, PEOPLE),
        "持续",
        "年度",
    )
    assert (draft["R003"].heading, draft["R003"].last_line, draft["R003"].note) == (
        "（一）建设智慧城市和人才队伍",
        11,
        "由R003、R004合并",
    )
    assert (draft["R005"].first_line, draft["R005"].last_line) == (12, 12)
    assert (draft["R006"].first_line, draft["R006"].parent_key, draft["R006"].heading) == (
        13,
        "R002",
        "（三）完善保障机制",
    )


def test_a_sheet_that_breaks_the_structure_is_refused_whole_with_every_problem(
    store: Store, tmp_path: Path
) -> None:
    plan_id = small_plan(store)
    tasks.draft(store, PLANNER, plan_id)
    edit_task(store, PLANNER, plan_id, "R005", Changes(lead_unit=PLANNING))
    before = _draft(store, plan_id)
    path = _export(store, plan_id, tmp_path / "清单.xlsx")
    book = load_workbook(path)
    sheet = book["任务清单"]
    _set(sheet, "R002", 序号="2.1")  # the number of R001 again
    _set(sheet, "R003", 牵头单位="")
    _set(sheet, "R004", 牵头单位="区人力资源局", 原文行="900-901")
    _set(sheet, "R005", 任务编号="R099", 完成时限="尽快")
    book.save(path)
    with pytest.raises(ImportRefused) as refused:
        import_list(store, PLANNER, plan_id, path)
    messages = refused.value.messages()
    assert any("“序号”列：序号“2.1”重复" in m for m in messages)
    assert any("“牵头单位”列：每项任务须有一个牵头单位" in m for m in messages)
    assert any("单位名录中没有“区人力资源局”" in m for m in messages)
    assert any("“原文行”列：“900-901”超出规划文本的范围" in m for m in messages)
    assert any("R099 不在当前任务清单中" in m for m in messages)
    assert refused.value.total == len(messages) == 5
    assert _draft(store, plan_id) == before


def test_a_task_text_that_looks_like_a_formula_stays_text(store: Store, tmp_path: Path) -> None:
    plan_id = small_plan(store)
    tasks.draft(store, PLANNER, plan_id)
    edit_task(store, PLANNER, plan_id, "R001", Changes(heading='=HYPERLINK("http://evil.example","点我")'))
    path = _export(store, plan_id, tmp_path / "清单.xlsx")
    cell = load_workbook(path)["任务清单"].cell(
        _row_of(load_workbook(path)["任务清单"], "R001"), COLUMN["重点任务"]
    )
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://evil.example","点我")')


def test_a_file_that_is_not_a_task_sheet_is_refused(store: Store, tmp_path: Path) -> None:
    plan_id = small_plan(store)
    tasks.draft(store, PLANNER, plan_id)
    other = tmp_path / "figures.csv"
    other.write_text("编号,2023年\nT2.01,1\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="导入被拒绝"):
        import_list(store, PLANNER, plan_id, other)
    book_path = tmp_path / "empty.xlsx"
    from openpyxl import Workbook

    Workbook().save(book_path)
    with pytest.raises(ImportRefused) as refused:
        import_list(store, PLANNER, plan_id, book_path)
    assert "找不到任务清单的表头" in refused.value.messages()[0]
