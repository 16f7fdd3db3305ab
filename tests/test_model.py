"""Domain rules defined once on the model: the plan period, what is monitored, what figures belong to."""

from __future__ import annotations

from dataclasses import replace

from planwatch.model import ParsedPlan, SeriesKind


def test_the_seed_states_its_period_on_the_cover(seed: ParsedPlan) -> None:
    assert seed.period() == (2021, 2025)


def test_a_plan_without_a_stated_period_takes_it_from_its_indicator_tables(seed: ParsedPlan) -> None:
    unstated = replace(seed, plan=replace(seed.plan, period_start=None, period_end=None))
    assert unstated.period() == (2021, 2025)  # base year 2020 + 1 … latest target year 2025


def test_a_plan_with_no_years_at_all_has_no_period(seed: ParsedPlan) -> None:
    bare = replace(seed, plan=replace(seed.plan, period_start=None, period_end=None), indicators=())
    assert bare.period() is None


def test_the_previous_periods_review_table_is_not_monitored(seed: ParsedPlan) -> None:
    monitored = seed.monitored_indicators()
    assert len(seed.indicators) == 55 and len(monitored) == 24
    assert all(i.target is not None and i.target.year == 2025 for i in monitored)


def test_every_indicator_and_prose_target_is_a_series_and_only_the_review_table_is_not_current(
    seed: ParsedPlan,
) -> None:
    series = seed.series()
    kinds = {s.kind for s in series}
    assert kinds == {SeriesKind.INDICATOR, SeriesKind.TARGET}
    assert len(series) == len(seed.indicators) + len(seed.targets)
    not_current = {s.id for s in series if not s.current}
    assert not_current == {i.id for i in seed.indicators} - {i.id for i in seed.monitored_indicators()}
