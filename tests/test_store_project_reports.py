"""Project reports in the database: the anti-join answers "as of D" exactly as the definition does
(the latest version of each period made by D), on SQLite and PostgreSQL; a correction withdrawing a
开工 date withdraws it; the migration creates exactly the schema's tables."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from planwatch.project_model import ProjectReport
from planwatch.schedule.vintages import known_on
from planwatch.store import Store
from planwatch.store import project_reports as store_reports
from planwatch.store.schema import metadata
from tests.helpers import ingest, parse_text

PLAN = "新建区测试规划\n第一章 总则\n到2025年，全区地区生产总值达到545亿元。\n"
OURS = {"library_projects", "library_fields", "project_reports", "schedule_settings"}


def _plan(store: Store) -> int:
    parsed = parse_text(PLAN)
    return ingest(store, parsed, PLAN.split("\n")).plan_id


def _book(seed: int) -> list[ProjectReport]:
    """Versions of monthly reports of three projects over two years, made in no particular order."""
    rng = random.Random(seed)
    found = []
    for _ in range(300):
        year = rng.choice((2023, 2024))
        month = rng.randint(1, 12)
        value = Decimal(rng.randint(0, 5000))
        found.append(
            ProjectReport(
                project_key=rng.choice(("P001", "P002", "H001")),
                period=f"{year}-{month:02d}",
                completed_wan_yuan=value,
                cumulative_wan_yuan=value,
                reported_on=date(2023, 1, 1) + timedelta(days=rng.randint(0, 800)),
                started_on=rng.choice((None, date(2023, 3, 1), date(2023, 5, 1))),
                progress=rng.choice(("", "主体施工")),
            )
        )
    return found


def test_the_database_answers_as_of_a_date_exactly_as_the_definition(store: Store) -> None:
    plan_id = _plan(store)
    book = _book(7)
    with store.transaction() as connection:
        stored = store_reports.write_reports(connection, plan_id, book, entered_by="测试", source="t.csv")
    assert [r.id for r in stored] == sorted(r.id or 0 for r in stored)
    rng = random.Random(11)
    with store.reading() as connection:
        for _ in range(25):
            day = date(2023, 1, 1) + timedelta(days=rng.randint(0, 820))
            expected = known_on(stored, day)
            found = store_reports.reports_as_of(connection, day, [plan_id]).get(plan_id, {})
            flat = [r for key in sorted(found) for r in found[key]]
            assert sorted(flat, key=_key) == sorted(expected, key=_key), day
            of_2024 = store_reports.reports_as_of(connection, day, [plan_id], year=2024, judged_only=True)
            assert {
                (r.project_key, r.period, r.id) for rs in of_2024.get(plan_id, {}).values() for r in rs
            } == {(r.project_key, r.period, r.id) for r in expected if r.year == 2024}


def _key(report: ProjectReport) -> tuple[str, str]:
    return report.project_key, report.period


def test_reading_keeps_every_field_and_amount_exactly(store: Store) -> None:
    plan_id = _plan(store)
    report = ProjectReport(
        "P001",
        "2024Q2",
        Decimal("1234.5600"),
        Decimal("0.0100"),
        date(2024, 7, 5),
        date(2024, 4, 1),
        date(2024, 6, 30),
        "主体封顶",
        "资金未到位",
        "请财政局协调",
    )
    with store.transaction() as connection:
        (stored,) = store_reports.write_reports(
            connection, plan_id, [report], entered_by="某人", source="填报"
        )
    with store.reading() as connection:
        (found,) = store_reports.reports_as_of(connection, date(2024, 7, 5), [plan_id])[plan_id]["P001"]
        assert found == stored
        assert str(found.completed_wan_yuan) == "1234.5600"
        assert store_reports.history(connection, plan_id, "P001") == [stored]


def test_a_correction_that_withdraws_a_start_withdraws_it_from_then_on(store: Store) -> None:
    plan_id = _plan(store)
    first = ProjectReport(
        "P001", "2024-03", Decimal(1), Decimal(1), date(2024, 4, 5), started_on=date(2024, 3, 10)
    )
    fix = ProjectReport("P001", "2024-03", Decimal(1), Decimal(1), date(2024, 4, 20))
    with store.transaction() as connection:
        store_reports.write_reports(connection, plan_id, [first, fix], entered_by="x", source="x")
    with store.reading() as connection:
        before = store_reports.reports_as_of(connection, date(2024, 4, 10), [plan_id], events_only=True)
        after = store_reports.reports_as_of(connection, date(2024, 4, 30), [plan_id], events_only=True)
    assert [r.started_on for r in before[plan_id]["P001"]] == [date(2024, 3, 10)]
    assert after == {}


def test_migration_creates_exactly_the_schema_tables(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert [d for d in differences if OURS & _tables(d)] == []


def _tables(difference: object) -> set[str]:
    if isinstance(difference, tuple | list):
        return set().union(*(_tables(d) for d in difference)) if difference else set()
    table = getattr(difference, "table", None)
    name = getattr(difference, "name", None)
    return {n for n in (getattr(table, "name", None), name) if isinstance(n, str)}
