"""Reading a statistics bulletin for the seed plan: every figure it states for the plan's series is
proposed with the right value, unit, year, status and line, and nothing it does not state."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.bulletin import (
    BulletinSettings,
    Candidate,
    Match,
    NotABulletin,
    SynonymPair,
    read_bulletin,
    read_statements,
)
from planwatch.document import load_bytes, load_document
from planwatch.errors import DocumentError
from planwatch.model import ObservationKind, ParsedPlan
from tests.bulletin_cases import (
    CASES,
    FOLDER,
    HELD_OUT,
    SYNONYMS,
    as_figures,
    candidates,
    document,
    expected,
    proposed,
)
from tests.helpers import document_from_text

TITLE = "2023年新建区国民经济和社会发展统计公报\n\n新建区统计局\n2024年3月26日\n\n"


@pytest.mark.parametrize("name", CASES)
def test_every_figure_a_bulletin_states_is_proposed_exactly_and_nothing_else(
    name: str, seed: ParsedPlan
) -> None:
    reading = read_bulletin(document(name), candidates(seed), SYNONYMS)
    assert proposed(reading) == as_figures(expected(name))


def test_the_title_gives_the_year_region_and_date(seed: ParsedPlan) -> None:
    reading = read_bulletin(document("2021.txt"), candidates(seed), SYNONYMS)
    assert (reading.year, reading.region, reading.published_on) == (2021, "新建区", date(2022, 3, 25))
    assert reading.title == "2021年新建区国民经济和社会发展统计公报"


def test_indicators_the_bulletin_does_not_mention_are_listed(seed: ParsedPlan) -> None:
    reading = read_bulletin(document("2022.txt"), candidates(seed), SYNONYMS)
    missing = {c.id for c in reading.unmentioned}
    assert {"T2.08", "T2.14", "T2.22"} <= missing  # 粮食综合生产能力, 营商环境, only 登记失业率 given
    assert not missing & {p.series_id for p in reading.proposals if p.period == "2022"}


def test_a_like_sounding_other_measure_is_never_matched_and_is_shown(seed: ParsedPlan) -> None:
    reading = read_bulletin(document("2022.txt"), candidates(seed), SYNONYMS)
    assert "T2.22" not in {p.series_id for p in reading.proposals}
    [other] = reading.other_measures
    assert (other.series_id, other.subject, other.raw) == ("T2.22", "城镇登记失业率", "3.2%")
    assert "口径不同" in other.note


def test_a_plan_is_not_a_bulletin(seed_path: Path, seed: ParsedPlan) -> None:
    with pytest.raises(NotABulletin, match="这不是统计公报"):
        read_bulletin(load_document(seed_path), candidates(seed), SYNONYMS)


def test_a_blank_file_is_refused_before_reading() -> None:
    with pytest.raises(DocumentError, match="空"):
        load_bytes(b"\n \n", "blank.txt")


def test_two_conflicting_figures_are_both_proposed_and_neither_chosen(seed: ParsedPlan) -> None:
    reading = read_bulletin(document("2024_conflicts.txt"), candidates(seed), SYNONYMS)
    levels = [p for p in reading.proposals if p.series_id == "T2.01" and p.kind is ObservationKind.LEVEL]
    assert sorted(p.value for p in levels) == [Decimal("498.6"), Decimal("501.2")]
    assert levels[0].conflict == levels[1].conflict > 0
    growth = [p for p in reading.proposals if p.series_id == "T2.01" and p.kind is ObservationKind.GROWTH]
    assert [(p.value, p.conflict) for p in growth] == [(Decimal("5.2"), 0)]  # said twice alike: once


def test_an_incompatible_unit_is_proposed_as_written_with_the_problem(seed: ParsedPlan) -> None:
    reading = read_bulletin(document("2024_conflicts.txt"), candidates(seed), SYNONYMS)
    trade = next(p for p in reading.proposals if p.series_id == "T2.12" and p.kind is ObservationKind.LEVEL)
    assert (trade.value, trade.unit) == (Decimal("8.2"), "亿美元")
    assert trade.unit_problem is not None and "亿元" in trade.unit_problem


def test_an_exact_conversion_is_made_and_said(seed: ParsedPlan) -> None:
    reading = read_bulletin(document("2024_conflicts.txt"), candidates(seed), SYNONYMS)
    retail = next(p for p in reading.proposals if p.series_id == "T2.04" and p.kind is ObservationKind.LEVEL)
    assert (retail.value, retail.unit, retail.unit_problem) == (Decimal("186.5"), "亿元", None)
    assert "1865000万元换算为186.5亿元" in retail.match_note


def test_a_derived_figure_shows_its_arithmetic(seed: ParsedPlan) -> None:
    reading = read_bulletin(document("2023.docx"), candidates(seed), SYNONYMS)
    rate = next(p for p in reading.proposals if p.series_id == "T2.07")
    assert rate.match is Match.DERIVED and rate.value == Decimal("61.04")
    assert "城镇人口43.35万人 ÷ 常住人口71.02万人 × 100 = 61.04%" in rate.match_note
    ratio = next(p for p in reading.proposals if p.series_id == "T2.21")
    assert "51240元 ÷ 农村居民人均可支配收入26120元 = 1.96" in ratio.match_note


def test_revisions_of_the_year_before_are_proposed_for_that_year_as_final(seed: ParsedPlan) -> None:
    reading = read_bulletin(document("2023.docx"), candidates(seed), SYNONYMS)
    revised = {(p.series_id, p.kind.value): p for p in reading.proposals if p.period == "2022"}
    assert set(revised) == {("T2.01", "level"), ("T2.01", "growth"), ("T2.04", "level")}
    assert {p.status.value for p in revised.values()} == {"final"}


GDP = Candidate("T2.01", "地区生产总值", "亿元", True)
INVESTMENT = Candidate("T2.05", "固定资产投资增速", "%", True)
RATE = Candidate("T2.07", "常住人口城镇化率", "%", True)


@pytest.mark.parametrize(
    ("sentence", "expected_figures"),
    [
        ("全年地区生产总值472.3亿元，比上年增长4.1%。", {("level", "472.3"), ("growth", "4.1")}),
        (
            "全年全区实现地区生产总值472.3亿元，按可比价格计算，增长4.1%。",
            {("level", "472.3"), ("growth", "4.1")},
        ),
        ("全年地区生产总值比上年下降2.5%。", {("growth", "-2.5")}),
        ("全年地区生产总值与上年持平。", {("growth", "0")}),
        ("全年地区生产总值4723000万元。", {("level", "472.3")}),
        ("全年地区生产总值约472亿元。", set()),  # not stated exactly
        ("全年地区生产总值比2020年增长15.2%。", set()),  # two years' growth: not an annual rate
        ("全年地区生产总值比上年增加20.1亿元。", set()),  # an absolute change, not a level
        ("其中，地区生产总值472.3亿元。", {("level", "472.3")}),
        ("全年地区生产总值提高到472.3亿元。", {("level", "472.3")}),  # where it went, not the change
        ("全年地区生产总值同比下降至472.3亿元。", {("level", "472.3")}),
    ],
)
def test_the_patterns_of_a_bulletin_sentence(sentence: str, expected_figures: set[tuple[str, str]]) -> None:
    reading = read_bulletin(document_from_text(TITLE + sentence), [GDP], [])
    assert {(p.kind.value, str(p.value.normalize())) for p in reading.proposals} == {
        (kind, str(Decimal(value).normalize())) for kind, value in expected_figures
    }


def test_a_change_in_percentage_points_is_not_the_rate_itself() -> None:
    text = TITLE + "年末常住人口城镇化率63.22%，比上年末提高0.85个百分点。"
    reading = read_bulletin(document_from_text(text), [RATE], [])
    assert [(p.kind.value, p.value) for p in reading.proposals] == [("level", Decimal("63.22"))]


def test_a_ratio_stated_as_narrowed_to_is_its_level() -> None:
    text = TITLE + "城乡居民收入比缩小至1.93。"
    ratio = Candidate("T2.21", "城乡居民人均可支配收入比", None, True)
    pair = SynonymPair("城乡居民人均可支配收入比", "城乡居民收入比", "same")
    [found] = read_bulletin(document_from_text(text), [ratio], [pair]).proposals
    assert (found.value, found.match) == (Decimal("1.93"), Match.SYNONYM)


def test_the_held_out_bulletin_misses_only_what_a_user_synonym_supplies(seed: ParsedPlan) -> None:
    stated = as_figures(expected(HELD_OUT))
    found = proposed(read_bulletin(document(HELD_OUT), candidates(seed), SYNONYMS))
    assert found <= stated
    assert {(f[0], f[2]) for f in stated - found} == {("G034", "level"), ("G034", "growth")}
    pair = SynonymPair("蔬菜总产量", "蔬菜产量", "same", "用户添加")
    assert proposed(read_bulletin(document(HELD_OUT), candidates(seed), [*SYNONYMS, pair])) == stated


def test_a_rate_indicator_takes_its_base_s_growth() -> None:
    text = TITLE + "全年固定资产投资比上年增长8.1%。全年固定资产投资与上年持平。"
    reading = read_bulletin(document_from_text(text), [INVESTMENT], [])
    assert {(p.kind.value, p.value) for p in reading.proposals} == {("growth", Decimal("8.1")), ("growth", 0)}
    assert all(p.conflict for p in reading.proposals)  # two different rates for one year: a conflict


def test_a_synonym_added_by_a_user_is_used() -> None:
    text = TITLE + "全年GDP总量472.3亿元。"
    assert read_bulletin(document_from_text(text), [GDP], []).proposals == ()
    pair = SynonymPair("地区生产总值", "GDP总量", "same", "口语")
    [found] = read_bulletin(document_from_text(text), [GDP], [pair]).proposals
    assert (found.match, found.value) == (Match.SYNONYM, Decimal("472.3"))


def test_an_html_bulletin_reads_like_a_text_one(seed: ParsedPlan) -> None:
    text = (FOLDER / "2021.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    html = load_bytes(f"<html><body>{paragraphs}</body></html>".encode(), "2021.html")
    reading = read_bulletin(html, candidates(seed), SYNONYMS)
    from_text = read_bulletin(document("2021.txt"), candidates(seed), SYNONYMS)
    strip = {(p.series_id, p.period, p.kind, p.value) for p in reading.proposals}
    assert strip == {(p.series_id, p.period, p.kind, p.value) for p in from_text.proposals}


def test_the_number_of_figures_read_is_capped() -> None:
    text = TITLE + "".join(f"产品{n}产量{n}万吨。" for n in range(1, 60))
    capped = read_statements(document_from_text(text), 2023, None, BulletinSettings(max_statements=10))
    assert len(capped) == 10
