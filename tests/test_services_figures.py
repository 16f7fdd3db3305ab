"""Figures as services: whoever writes them, from whichever front end, is checked, audited, and
raises the revision, all in one transaction; a refused write leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.model import ParsedPlan
from planwatch.observe import ImportRefused
from planwatch.services.actor import Actor, Role, system_actor
from planwatch.services.assignments import assign
from planwatch.services.audit import audit_entries
from planwatch.services.departments import load_starter
from planwatch.services.figures import enter_figure, import_figures, load_demo
from planwatch.services.permissions import PermissionDenied
from planwatch.store import Store
from planwatch.store.observations import count_observations
from tests.helpers import ingest

FIXTURES = Path(__file__).parent / "fixtures"
SYSTEM = system_actor()
TRANSPORT = Actor("交通局填报员", Role.DEPARTMENT, "区交通运输局")
FINANCE = Actor("财政局填报员", Role.DEPARTMENT, "区财政局")
VIEWER = Actor("领导", Role.VIEWER)
FIGURE = {"period": "2023", "value": "480", "unit": "亿元", "as_of": "2024-03-01", "source": "2023年统计公报"}


@pytest.fixture
def plan_id(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> int:
    plan_id = ingest(store, seed, seed_lines).plan_id
    load_starter(store, SYSTEM)
    assign(store, SYSTEM, plan_id, "T2.01", "区交通运输局")
    return plan_id


def _books(store: Store, plan_id: int) -> tuple[int, int, int]:
    """(figures stored, audit entries, revision): what a write changes and a refusal must not."""
    return (
        count_observations(store, plan_id),
        len(audit_entries(store, SYSTEM, limit=10_000)),
        store.revision(),
    )


def test_an_import_stores_each_figure_with_its_audit_entry_and_one_revision(
    store: Store, plan_id: int
) -> None:
    figures, entries, revision = _books(store, plan_id)
    outcome = import_figures(store, SYSTEM, plan_id, FIXTURES / "observations_long.csv")
    assert outcome.result.added == 5
    assert _books(store, plan_id) == (figures + 5, entries + 5, revision + 1)
    latest = audit_entries(store, SYSTEM, plan_id)[0]
    assert latest.user == SYSTEM.name and latest.action == "import"
    assert latest.new["file"] == "observations_long.csv"


def test_a_department_writes_its_own_indicator_and_the_entry_names_it(store: Store, plan_id: int) -> None:
    enter_figure(store, TRANSPORT, plan_id, "T2.01", FIGURE)
    entry = audit_entries(store, SYSTEM, plan_id)[0]
    assert (entry.user, entry.action, entry.target) == ("交通局填报员", "entry", "T2.01 2023 level")
    assert entry.old is None and entry.new["value"] == "480"


def test_a_department_writing_another_departments_indicator_is_refused_and_nothing_changes(
    store: Store, plan_id: int
) -> None:
    assign(store, SYSTEM, plan_id, "T2.04", "区财政局")
    before = _books(store, plan_id)
    with pytest.raises(PermissionDenied, match=r"T2\.04"):
        enter_figure(store, TRANSPORT, plan_id, "T2.04", FIGURE)
    with pytest.raises(PermissionDenied, match="不能填报这些指标"):  # T2.04 and T2.07 are not theirs
        import_figures(store, TRANSPORT, plan_id, FIXTURES / "observations_long.csv")
    assert _books(store, plan_id) == before


def test_a_department_with_nothing_assigned_is_refused_before_its_file_is_read(
    store: Store, plan_id: int, tmp_path: Path
) -> None:
    unreadable = tmp_path / "figures.xlsx"
    unreadable.write_bytes(b"not a workbook at all")
    with pytest.raises(PermissionDenied, match="没有分配给“区财政局”的指标"):
        import_figures(store, FINANCE, plan_id, unreadable)


def test_a_viewer_may_not_write_and_a_bad_figure_is_refused_with_its_field(
    store: Store, plan_id: int
) -> None:
    with pytest.raises(PermissionDenied, match="没有填报数据的权限"):
        enter_figure(store, VIEWER, plan_id, "T2.01", FIGURE)
    with pytest.raises(ImportRefused) as refused:
        enter_figure(store, TRANSPORT, plan_id, "T2.01", {**FIGURE, "value": "三百"})
    assert refused.value.problems[0].column == "数值"


def test_the_demo_is_audited_once_per_figure_and_loading_it_again_changes_nothing(
    store: Store, plan_id: int
) -> None:
    first = load_demo(store, SYSTEM, plan_id)
    demo_entries = [e for e in audit_entries(store, SYSTEM, plan_id, limit=10_000) if e.action == "demo"]
    assert first.added == len(demo_entries) > 50
    with pytest.raises(PermissionDenied):
        load_demo(store, TRANSPORT, plan_id)
    assert load_demo(store, SYSTEM, plan_id).already_imported
