"""Project totals by box (present.plan_data.project_totals): a box that states no amount has none
(未列明, not 0), and a project listed in two boxes is counted once, its repeat marked."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.model import ParsedPlan, Project
from planwatch.present.plan_data import project_totals, repeat_of


def _project(id: str, box: str, name: str, wan_yuan: str | None, line: int) -> Project:
    amount = Decimal(wan_yuan) if wan_yuan is not None else None
    return Project(
        id,
        box,
        f"{box}标题",
        "1、",
        name,
        None,
        None,
        amount,
        None,
        None,
        None,
        None,
        (),
        line,
        line,
        name,
        None,
    )


def test_a_box_whose_projects_state_no_amount_has_no_total_rather_than_zero(seed: ParsedPlan) -> None:
    boxes = {b["box"]: b for b in project_totals(seed.projects)["boxes"]}
    for box in ("专栏11-2", "专栏11-3", "专栏11-4"):
        assert (boxes[box]["with_investment"], boxes[box]["investment_wan_yuan"]) == (0, None)
    assert boxes["专栏3-2"]["investment_wan_yuan"] > 0


def test_the_seed_s_repeated_projects_are_counted_once_and_marked(seed: ParsedPlan) -> None:
    repeats = repeat_of(seed.projects)
    assert {k: v.id for k, v in repeats.items()} == {"P146": "P008", "P148": "P011"}
    totals = project_totals(seed.projects)
    assert totals["overall"]["count"] == len(seed.projects) - 2
    assert totals["overall"]["repeats"] == 2
    box = next(b for b in totals["boxes"] if b["box"] == "专栏11-4")
    assert (box["count"], box["repeats"]) == (6, 2)  # still listed in its box, marked


def test_the_amount_of_a_project_listed_twice_is_counted_once() -> None:
    projects = (
        _project("P001", "专栏3-2", "江西科骏·国际AR/VR科创城项目", "200000", 10),
        _project("P002", "专栏3-2", "南昌市5G+VR智慧教育示范应用项目", "17300", 11),
        _project("P003", "专栏11-4", "国际AR/VR科创城项目", "200000", 90),  # the same project again
        _project("P004", "专栏11-4", "南昌市智慧城市运营指挥中心项目", None, 91),
    )
    totals = project_totals(projects)
    assert totals["overall"]["investment_wan_yuan"] == Decimal("217300")
    assert (totals["overall"]["count"], totals["overall"]["with_investment"]) == (3, 2)
    later = next(b for b in totals["boxes"] if b["box"] == "专栏11-4")
    assert (later["investment_wan_yuan"], later["repeats"]) == (None, 1)


def test_a_repeat_counts_its_amount_when_the_first_listing_states_none() -> None:
    projects = (
        _project("P001", "专栏3-2", "江西科骏·国际AR/VR科创城项目", None, 10),
        _project("P002", "专栏11-4", "国际AR/VR科创城项目", "200000", 90),
    )
    assert project_totals(projects)["overall"]["investment_wan_yuan"] == Decimal("200000")


@pytest.fixture
def demo_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'p.db'}")
    assert CliRunner().invoke(app, ["ingest"]).exit_code == 0


def test_the_cli_writes_未列明_and_marks_the_repeat(demo_db: None) -> None:
    output = CliRunner(env={"COLUMNS": "300"}).invoke(app, ["projects", "1"]).stdout
    subtotal = next(line for line in output.splitlines() if "专栏11-2 小计" in line)
    assert "未列明" in subtotal and " 0 " not in subtotal
    assert "重复列入，同P008，不重复计算" in output
    assert sum(1 for line in output.splitlines() if "专栏8-1 小计" in line) == 1
    assert "合计：147 个项目（另有 2 个重复列入，只计一次）" in output


def test_the_projects_page_writes_未列明_and_marks_the_repeat(demo_db: None) -> None:
    from planwatch.config import database_url
    from planwatch.present.web.app import create_app
    from planwatch.store import Store
    from tests.web_clients import signed_in

    web = create_app(database_url(), secret_key="test-secret")
    with signed_in(web, Store(database_url())) as client:
        data = client.get("/plans/1/projects.json").json()
        page = client.get("/plans/1/projects").text
    web.state.store.close()
    box = next(b for b in data["boxes"] if b["box"] == "专栏11-2")
    assert box["investment_yi_yuan"] is None
    row = '<td>专栏11-2</td><td>水利重点工程项目</td><td class="num">13</td><td class="num">0</td>'
    assert row + '<td class="num"><span class="muted">未列明</span></td>' in page
    repeat = next(p for p in data["projects"] if p["id"] == "P146")
    assert repeat["repeat_of"] == {"id": "P008", "box": "专栏3-2", "name": "江西科骏·国际AR/VR科创城项目"}
    assert '<tr id="P146" class="repeat">' in page and "重复列入，同专栏3-2 P008，不重复计算" in page
