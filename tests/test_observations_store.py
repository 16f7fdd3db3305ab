"""Observations in the store: every vintage kept, read back as of any date, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from planwatch.errors import NotFoundError
from planwatch.model import (
    ApprovalState,
    Observation,
    ObservationKind,
    ObservationStatus,
    ParsedPlan,
    Plan,
    Source,
)
from planwatch.store import Store
from planwatch.store import observations as store_observations
from planwatch.store.observations import (
    AddResult,
    bulk_load,
    count_observations,
    history,
    list_imports,
    write_observations,
)
from planwatch.store.schema import metadata
from planwatch.store.vintages import latest_vintages, observations_as_of
from tests.helpers import ingest

GDP_2022 = Observation(
    series_id="T2.01",
    period="2022",
    value=Decimal("400.0"),
    unit="亿元",
    kind=ObservationKind.LEVEL,
    as_of=date(2023, 3, 1),
    source="2022年统计公报",
    status=ObservationStatus.PRELIMINARY,
)
GDP_2022_FINAL = replace(
    GDP_2022, value=Decimal("398.55"), as_of=date(2024, 3, 1), status=ObservationStatus.FINAL
)


def add_observations(store: Store, plan_id: int, new: list[Observation], **options: str) -> AddResult:
    """The store's write in a transaction of its own (the services add the audit entries). These tests
    are about vintages: the figures are approved on the day they become known (approval has its own)."""
    with store.transaction() as connection:
        return write_observations(connection, plan_id, new, approval=ApprovalState.APPROVED, **options)[0]


def _plan(store: Store, name: str = "甲") -> int:
    plan = Plan(None, f"{name}区“十四五”规划纲要", name, 2021, 2025, Source(f"{name}.txt", name * 64, 1))
    return ingest(store, ParsedPlan(plan, (), ()), [f"{name}区“十四五”规划纲要"]).plan_id


def _values(found: dict[str, list[Observation]]) -> dict[tuple[str, str, str], Decimal]:
    return {(o.series_id, o.period, o.kind.value): o.value for series in found.values() for o in series}


def test_a_revision_is_a_new_vintage_seen_only_from_its_date(store: Store) -> None:
    plan_id = _plan(store)
    add_observations(store, plan_id, [GDP_2022], entered_by="规划科")
    add_observations(store, plan_id, [GDP_2022_FINAL])

    assert observations_as_of(store, plan_id, date(2023, 2, 28)) == {}
    before = observations_as_of(store, plan_id, date(2023, 6, 1))["T2.01"]
    assert [(o.value, o.status) for o in before] == [(Decimal("400.0"), ObservationStatus.PRELIMINARY)]
    assert before[0].entered_by == "规划科" and before[0].entered_at is not None
    assert before[0].entered_at.tzinfo is not None
    after = observations_as_of(store, plan_id, date(2024, 3, 1))["T2.01"]
    assert [(o.value, o.status) for o in after] == [(Decimal("398.55"), ObservationStatus.FINAL)]
    assert [o.value for o in history(store, plan_id, "T2.01")] == [Decimal("400.0"), Decimal("398.55")]
    assert count_observations(store, plan_id) == 2


def test_a_figure_already_known_is_not_stored_again(store: Store) -> None:
    plan_id = _plan(store)
    assert add_observations(store, plan_id, [GDP_2022]) == store_observations.AddResult(1, 0)
    same_later = replace(GDP_2022, value=Decimal("400"), as_of=date(2023, 5, 1), source="年鉴")
    assert add_observations(store, plan_id, [GDP_2022, same_later]) == store_observations.AddResult(0, 2)
    verified = replace(GDP_2022, as_of=date(2023, 9, 1), status=ObservationStatus.VERIFIED)
    assert add_observations(store, plan_id, [verified]).added == 1  # same value, now verified: news
    assert count_observations(store) == 2


def test_an_older_vintage_entered_late_fills_the_past_without_hiding_the_revision(store: Store) -> None:
    plan_id = _plan(store)
    add_observations(store, plan_id, [GDP_2022_FINAL])
    assert add_observations(store, plan_id, [GDP_2022]).added == 1
    assert _values(observations_as_of(store, plan_id, date(2023, 6, 1))) == {
        ("T2.01", "2022", "level"): Decimal("400.0")
    }
    assert _values(observations_as_of(store, plan_id, date(2030, 1, 1))) == {
        ("T2.01", "2022", "level"): Decimal("398.55")
    }


def test_two_figures_known_the_same_day_the_one_entered_last_wins(store: Store) -> None:
    plan_id = _plan(store)
    add_observations(store, plan_id, [GDP_2022])
    add_observations(store, plan_id, [replace(GDP_2022, value=Decimal("401"))])
    assert _values(observations_as_of(store, plan_id, GDP_2022.as_of)) == {
        ("T2.01", "2022", "level"): Decimal("401")
    }


def test_levels_growth_rates_and_periods_are_kept_apart_and_in_order(store: Store) -> None:
    plan_id = _plan(store)
    growth = replace(GDP_2022, value=Decimal("7.5"), unit="%", kind=ObservationKind.GROWTH)
    month = replace(GDP_2022, period="2022-05", value=Decimal("150"))
    quarter = replace(GDP_2022, period="2022Q2", value=Decimal("190"))
    earlier = replace(GDP_2022, period="2021", value=Decimal("380"))
    ratio = replace(GDP_2022, series_id="G012", value=Decimal("0.2950"), unit=None)
    add_observations(store, plan_id, [quarter, growth, ratio, month, GDP_2022, earlier])
    found = observations_as_of(store, plan_id, date(2024, 1, 1))
    assert [(o.period, o.kind.value) for o in found["T2.01"]] == [
        ("2021", "level"),
        ("2022", "growth"),
        ("2022", "level"),
        ("2022-05", "level"),
        ("2022Q2", "level"),
    ]
    assert str(found["G012"][0].value) == "0.2950"  # exact decimal text, no float on the way
    assert found["G012"][0].unit is None
    assert list(observations_as_of(store, plan_id, date(2024, 1, 1), series_ids=["G012"])) == ["G012"]


def test_many_plans_are_read_in_one_pass(store: Store) -> None:
    first, second, empty = _plan(store, "甲"), _plan(store, "乙"), _plan(store, "丙")
    add_observations(store, first, [GDP_2022, GDP_2022_FINAL])
    add_observations(store, second, [replace(GDP_2022, value=Decimal("77"))])
    everything = latest_vintages(store, date(2030, 1, 1))
    assert set(everything) == {first, second}
    assert everything[first]["T2.01"][0].value == Decimal("398.55")
    assert everything[second]["T2.01"][0].value == Decimal("77")
    assert set(latest_vintages(store, date(2030, 1, 1), plan_ids=[second, empty])) == {second}
    assert latest_vintages(store, date(2030, 1, 1), plan_ids=[]) == {}


def test_the_judgement_s_read_gives_the_same_figures_without_who_and_where(store: Store) -> None:
    first, second = _plan(store, "甲"), _plan(store, "乙")
    add_observations(store, first, [GDP_2022, GDP_2022_FINAL, replace(GDP_2022, period="2021")])
    add_observations(store, second, [replace(GDP_2022, value=Decimal("77"))])
    with store.transaction() as connection:  # a figure still awaiting approval
        write_observations(
            connection, second, [replace(GDP_2022, period="2023")], approval=ApprovalState.ENTERED
        )

    def judged(o: Observation) -> tuple[object, ...]:
        return (o.series_id, o.period, o.value, o.kind, o.as_of, o.status, o.approval, o.approved_on, o.id)

    for day, pending in [(date(2023, 6, 1), False), (date(2030, 1, 1), False), (date(2030, 1, 1), True)]:
        full = latest_vintages(store, day, [first, second], pending=pending)
        lean = latest_vintages(store, day, [first, second], pending=pending, for_evaluation=True)
        assert {p: {s: [judged(o) for o in v] for s, v in by.items()} for p, by in lean.items()} == {
            p: {s: [judged(o) for o in v] for s, v in by.items()} for p, by in full.items()
        }
        assert all(o.source == "" for by in lean.values() for v in by.values() for o in v)


def test_bulk_load_stores_rows_that_read_back_alike(store: Store) -> None:
    plan_id = _plan(store)
    rows = [(plan_id, replace(GDP_2022, period=str(year))) for year in range(2021, 2026)]
    assert bulk_load(store, [*rows, (plan_id, GDP_2022_FINAL)], batch_size=2) == 6
    found = observations_as_of(store, plan_id, date(2030, 1, 1))["T2.01"]
    assert [(o.period, o.value) for o in found][:2] == [
        ("2021", Decimal("400.0")),
        ("2022", Decimal("398.55")),
    ]


def test_a_file_imported_twice_changes_nothing_the_second_time(store: Store) -> None:
    plan_id = _plan(store)
    first = add_observations(store, plan_id, [GDP_2022], source_sha256="a" * 64, file_name="a.csv")
    again = add_observations(store, plan_id, [GDP_2022_FINAL], source_sha256="a" * 64, file_name="a.csv")
    assert (first.added, again.added, again.unchanged, again.already_imported) == (1, 0, 1, True)
    assert count_observations(store) == 1
    [record] = list_imports(store, plan_id)
    assert (record.file_name, record.rows, record.added) == ("a.csv", 1, 1)


def test_a_write_that_fails_half_way_leaves_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    plan_id = _plan(store)
    add_observations(store, plan_id, [GDP_2022])

    def fail() -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store_observations, "BATCH_SIZE", 2)
    monkeypatch.setattr(store_observations, "_pause_for_tests", fail)
    many = [replace(GDP_2022, period=str(year)) for year in (2021, 2023, 2024, 2025)]
    with pytest.raises(RuntimeError):
        add_observations(store, plan_id, many, source_sha256="b" * 64)
    assert count_observations(store) == 1
    assert list_imports(store, plan_id) == []


def test_figures_for_a_plan_not_stored_are_refused(store: Store) -> None:
    with pytest.raises(NotFoundError):
        add_observations(store, 999, [GDP_2022])


def test_migration_creates_exactly_the_schema_tables(store: Store) -> None:
    ours = {"observations", "observation_imports"}
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert [d for d in differences if ours & _tables(d)] == []


def _tables(difference: object) -> set[str]:
    """Table names mentioned anywhere in one autogenerate difference (nested tuples of objects)."""
    if isinstance(difference, tuple | list):
        return set().union(*(_tables(d) for d in difference)) if difference else set()
    table = getattr(difference, "table", None)
    name = getattr(difference, "name", None)
    return {n for n in (getattr(table, "name", None), name) if isinstance(n, str)}
