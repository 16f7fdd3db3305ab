"""The store: plans in, plans out, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from planwatch.errors import NotFoundError
from planwatch.model import ParsedPlan, Project, ScheduleEntry, Source, Target, TargetKind
from planwatch.present.plan_data import plan_data
from planwatch.store import Store
from planwatch.store.schema import document_lines, plan_versions, plans
from tests.helpers import ingest


def _count(store: Store, table: object) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


TARGET = Target(
    id="G001",
    subject="全区高速公路里程",
    value=Decimal("192.2"),
    value_min=None,
    value_max=None,
    unit="公里",
    kind=TargetKind.LEVEL,
    qualifier=None,
    year=2025,
    year_implied=None,
    direction=None,
    line=9,
    quote="全区高速公路里程达到192.2公里",
    section_id="c1",
    value_raw="192.2",
)
FACT = replace(TARGET, id="F001", value=Decimal("7.3"), unit="%", kind=TargetKind.GROWTH, year=None)
PROJECT = Project(
    id="P001",
    box="专栏6-1",
    box_title="九望新城重大建设项目",
    number="1、",
    name="交通路网建设项目",
    owner="某公司",
    investment_raw="总投资约25.5亿元",
    investment_wan_yuan=Decimal("255000"),
    investment_qualifier="approx",
    land_mu=Decimal("10.2315"),
    land_raw="6821.0平方米",
    capacity_raw="2X100MW",
    schedule=(
        ScheduleEntry(2021, "2021年目标：完成投资7.24亿元", 958, Decimal("72400"), "完成投资7.24亿元"),
    ),
    line=955,
    last_line=962,
    text="1、交通路网建设项目…",
    section_id="c6.s1.p2.b1.i1",
)


def test_a_plan_comes_back_exactly_as_it_went_in(
    store: Store, seed: ParsedPlan, seed_lines: list[str]
) -> None:
    enriched = replace(seed, targets=(TARGET,), facts=(FACT,), projects=(PROJECT,))
    result = ingest(store, enriched, seed_lines[:-1])
    loaded = store.load(result.plan_id)
    expected = plan_data(replace(enriched, plan=replace(enriched.plan, id=str(result.plan_id))))
    assert plan_data(loaded) == expected
    assert store.lines(result.plan_id)[21] == "\t专栏1-1：“十三五”规划主要指标完成情况"


def test_ingesting_the_same_file_again_changes_nothing(
    store: Store, seed: ParsedPlan, seed_lines: list[str]
) -> None:
    first = ingest(store, seed, seed_lines)
    again = ingest(store, seed, seed_lines)
    assert (again.plan_id, again.version, again.created) == (first.plan_id, 1, False)
    assert _count(store, plans) == 1
    assert _count(store, document_lines) == len(seed_lines)


def test_a_changed_file_becomes_the_next_version(
    store: Store, seed: ParsedPlan, seed_lines: list[str]
) -> None:
    first = ingest(store, seed, seed_lines)
    changed = replace(seed, plan=replace(seed.plan, source=replace(seed.plan.source, sha256="f" * 64)))
    second = ingest(store, changed, seed_lines)
    assert (second.version, second.created) == (2, True)
    assert second.plan_id == first.plan_id and second.version_id != first.version_id  # one plan, two versions
    assert store.resolve("新建区") == first.plan_id
    assert store.resolve(str(second.version_id)) == first.plan_id  # a version's number names its plan


def test_many_plans_live_in_one_database(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> None:
    other = replace(
        seed,
        plan=replace(seed.plan, title="某县“十四五”规划", region="某县", source=Source("x.txt", "a" * 64, 3)),
        sections=(),
        indicators=(),
        problems=(),
    )
    ingest(store, seed, seed_lines)
    ingest(store, other, ["一", "二", "三"])
    summaries = store.plans()
    assert [(s.title, s.region, s.kind, s.level, s.versions) for s in summaries] == [
        (seed.plan.title, "新建区", "outline", "county", 1),
        ("某县“十四五”规划", "某县", "sector", "county", 1),
    ]


def test_a_failed_ingest_leaves_nothing_behind(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> None:
    duplicated_ids = replace(seed, indicators=(seed.indicators[0], seed.indicators[0]))
    with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises, the transaction must roll back
        ingest(store, duplicated_ids, seed_lines)
    assert _count(store, plans) == _count(store, plan_versions) == 0
    assert _count(store, document_lines) == 0


def test_unknown_plans_are_reported_in_chinese(store: Store) -> None:
    with pytest.raises(NotFoundError, match="数据库中没有名称含“不存在的规划”的规划"):
        store.resolve("不存在的规划")
    with pytest.raises(NotFoundError):
        store.load(999)


def test_sqlite_is_the_default_and_lives_in_the_data_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PLANWATCH_DATABASE_URL", raising=False)
    monkeypatch.setenv("PLANWATCH_HOME", str(tmp_path / "home"))
    store = Store()
    assert store.url == f"sqlite:///{tmp_path / 'home' / 'planwatch.db'}"
    assert (tmp_path / "home" / "planwatch.db").exists()
    store.close()


def test_migrations_run_once_and_reopening_is_harmless(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    Store(url).close()
    reopened = Store(url)
    assert reopened.plans() == []
    reopened.close()
