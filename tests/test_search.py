"""Search: Chinese-aware, ranked, highlighted, literal, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from planwatch.model import ParsedPlan, Project, Section, SectionKind, Source, Target, TargetKind
from planwatch.store import Store, migrate
from planwatch.store.schema import metadata
from planwatch.store.search import SearchHit, reindex
from planwatch.store.search_rank import ELLIPSIS, fold, fold_many, grams, grams_many, query_terms, snippet
from tests.conftest import POSTGRES_URL
from tests.helpers import ingest


def _plan(seed: ParsedPlan, name: str, lines: Sequence[str], **parts: object) -> ParsedPlan:
    """A small hand-made plan: its own title and file hash, no parsed parts unless given."""
    source = Source(f"{name}.txt", (name.encode().hex() + "0" * 64)[:64], len(lines))
    empty = {"sections": (), "indicators": (), "problems": (), "targets": (), "facts": (), "projects": ()}
    plan = replace(seed.plan, title=f"{name}“十四五”规划", source=source)
    return replace(seed, plan=plan, **{**empty, **parts})  # type: ignore[arg-type]


def _lines(hits: Sequence[SearchHit]) -> list[int]:
    return [h.line for h in hits]


def _assert_highlights(hits: Sequence[SearchHit], query: str) -> None:
    terms = query_terms(query)
    for hit in hits:
        assert hit.spans, hit
        key = fold(hit.text)  # a span is a term (or overlapping terms), modulo width and case
        for start, end in hit.spans:
            assert any(t in key[start:end] for t in terms), (hit.text[start:end], terms)
        for start, end in hit.snippet_spans:
            assert any(hit.snippet[start:end] in hit.text[a:b] for a, b in hit.spans)
        for term in terms:
            assert term in fold(hit.text)


@pytest.fixture
def seeded(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> tuple[Store, int]:
    return store, ingest(store, seed, seed_lines).version_id


# ---- the seed: the right lines first -------------------------------------------------------------


def test_5g_finds_the_5g_heading_before_lines_that_mention_it(seeded: tuple[Store, int]) -> None:
    store, plan_id = seeded
    hits = store.search("5G", plan_id)
    assert hits[0].line == 1637 and hits[0].text == "（一）强化5G信息基础设施建设"
    # line 1639 says 5G six times, but in passing: the heading about it ranks first
    assert _lines(hits).index(1637) < _lines(hits).index(1639)
    _assert_highlights(hits, "5G")


def test_shuili_finds_the_headings_about_water_works_first(seeded: tuple[Store, int]) -> None:
    store, plan_id = seeded
    hits = store.search("水利", plan_id, limit=50)
    # 第二节 构建…水利网, （三）加强农田水利设施建设, 专栏11-2：水利重点工程项目
    assert set(_lines(hits[:3])) == {1560, 1572, 1576}
    assert "专栏11-2：水利重点工程项目" in [h.text for h in hits[:3]]
    assert _lines(hits).index(17) > 3  # 顺利通过水利部… mentions it in passing
    _assert_highlights(hits, "水利")


def test_haihunhou_finds_the_heritage_park(seeded: tuple[Store, int]) -> None:
    store, plan_id = seeded
    hits = store.search("海昏侯", plan_id, limit=50)
    assert hits[0].line == 1226  # 海昏侯国遗址 twice: …助推海昏侯国遗址公园申报世界文化遗产
    assert "海昏侯国遗址公园" in hits[0].text
    assert {1149, 1239, 1250, 1254, 13, 311} <= set(_lines(hits))
    _assert_highlights(hits, "海昏侯")


def test_192_2_finds_the_expressway_target(seeded: tuple[Store, int]) -> None:
    store, plan_id = seeded
    hits = store.search("192.2", plan_id)
    assert hits[0].line == 1517  # 全区高速公路里程达到192.2公里
    assert hits[0].text[hits[0].spans[0][0] : hits[0].spans[0][1]] == "192.2"
    assert all(h.line == 1517 for h in hits)  # one line (as a target when one is extracted there)


def test_one_character_queries_work_in_one_plan_and_across_plans(seeded: tuple[Store, int]) -> None:
    store, plan_id = seeded
    scoped = store.search("水", plan_id, limit=1000)
    everywhere = store.search("水", None, limit=1000)
    assert len(scoped) > 100
    assert [(h.line, h.kind, h.spans) for h in scoped] == [(h.line, h.kind, h.spans) for h in everywhere]
    _assert_highlights(scoped, "水")


def test_all_plans_search_equals_one_plan_search_when_there_is_one_plan(seeded: tuple[Store, int]) -> None:
    store, plan_id = seeded  # on SQLite the two run different SQL (instr scan vs the FTS index)
    for query in ("5G", "水利", "海昏侯", "192.2", "产业园", "新建区", "地区生产总值", "5g 基站", "2025年"):
        scoped = store.search(query, plan_id, limit=100)
        everywhere = store.search(query, None, limit=100)
        assert scoped == everywhere, query


def test_indicators_are_found_by_name(seeded: tuple[Store, int]) -> None:
    store, plan_id = seeded
    hits = store.search("地区生产总值", plan_id)
    assert hits[0].kind == "indicator" and hits[0].ref_id is not None
    assert hits[0].text.startswith("地区生产总值（亿元）")


# ---- matching rules ------------------------------------------------------------------------------


def test_5g_matches_5g_in_any_width_or_case_and_nothing_else(store: Store, seed: ParsedPlan) -> None:
    lines = ["建设5G基站", "G5高速公路", "５Ｇ网络全覆盖", "5g手机普及", "NB-IOT/4G/5G网络", "5 G", "4G网络"]
    plan_id = ingest(store, _plan(seed, "5g", lines), lines).version_id
    for plan in (plan_id, None):
        hits = store.search("5G", plan, limit=50)
        assert sorted(_lines(hits)) == [1, 3, 4, 5]
        assert {h.text[s:e] for h in hits for s, e in h.spans} == {"5G", "５Ｇ", "5g"}
    assert sorted(_lines(store.search("５ｇ", plan_id))) == [1, 3, 4, 5]  # a full-width query too


def test_terms_must_all_occur(seeded: tuple[Store, int]) -> None:
    store, plan_id = seeded
    for plan in (plan_id, None):
        hits = store.search("5G  基站", plan, limit=100)
        assert hits and 1639 in _lines(hits)
        assert all("5g" in fold(h.text) and "基站" in h.text for h in hits)
        _assert_highlights(hits, "5G 基站")
        assert store.search("海昏侯 5G", plan) == []


def test_search_is_scoped_to_a_plan(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> None:
    lines = ["第一章 水利", "（一）加强水利建设", "完善水利设施"]
    headings = (
        Section("c1", SectionKind.CHAPTER, "第一章", "水利", 1, None),
        Section("c1.p1", SectionKind.SUBSECTION, "（一）", "加强水利建设", 2, "c1"),
    )
    seed_id = ingest(store, seed, seed_lines).version_id
    other_id = ingest(store, _plan(seed, "other", lines, sections=headings), lines).version_id
    assert {h.version_id for h in store.search("水利", other_id, limit=100)} == {other_id}
    assert _lines(store.search("水利", other_id)) == [1, 2, 3]  # headings first, the shorter first
    assert {h.version_id for h in store.search("水利", seed_id, limit=100)} == {seed_id}
    assert {h.version_id for h in store.search("水利", None, limit=100)} == {seed_id, other_id}
    assert store.search("水利", other_id + seed_id + 1000) == []


def test_quotes_wildcards_and_fts_words_are_literal(store: Store, seed: ParsedPlan) -> None:
    lines = [
        'He said "hello" twice',
        "增长50%左右",
        "a_b 下划线",
        "NEAR 附近",
        "（括号）与(半角)",
        "x*y 星号",
        "AND OR NOT",
        "反斜杠 \\ 在此",
        "普通的一行，没有记号",
    ]
    plan_id = ingest(store, _plan(seed, "literal", lines), lines).version_id
    expected = {
        '"': [1],
        '"hello"': [1],
        "%": [2],
        "50%": [2],
        "_": [3],
        "a_b": [3],
        "NEAR": [4],
        "near": [4],
        "(括号)": [5],  # full-width （） in the text, half-width in the query
        "(": [5],
        "*": [6],
        "x*y": [6],
        "AND": [7],
        "OR NOT": [7],
        "\\": [8],
        "'": [],
        '"hello': [1],
    }
    for plan in (plan_id, None):
        for query, lines_found in expected.items():
            hits = store.search(query, plan, limit=50)
            assert _lines(hits) == lines_found, (query, plan)
            _assert_highlights(hits, query)


def test_empty_and_odd_queries_find_nothing_and_raise_nothing(seeded: tuple[Store, int]) -> None:
    store, plan_id = seeded
    for query in ("", "   ", "\u3000\t\n", "\x00", "\ud800", "水\x00利", "😀", "e\u0301"):
        for plan in (plan_id, None):
            hits = store.search(query, plan)
            assert all(all(t in fold(h.text) for t in query_terms(query)) for h in hits)
    assert _lines(store.search("水\x00利", plan_id, limit=1000)) == _lines(
        store.search("水 利", plan_id, limit=1000)
    )
    assert store.search("5G", plan_id, limit=0) == []
    many = " ".join(str(n) for n in range(100))  # only the first 32 terms count
    assert store.search(many, plan_id) == store.search(" ".join(str(n) for n in range(32)), plan_id)
    assert store.search("水" * 5000, None) == []


# ---- targets, projects, highlighting ----------------------------------------------------------------


def _target(line: int, quote: str) -> Target:
    return Target(
        id="G001",
        subject="全区高速公路里程",
        value=Decimal("192.2"),
        value_min=None,
        value_max=None,
        unit="公里",
        kind=TargetKind.LEVEL,
        qualifier=None,
        year=2025,
        year_implied=2025,
        direction=None,
        line=line,
        quote=quote,
        section_id=None,
        value_raw="192.2",
    )


def _project(line: int, last_line: int, name: str, text_: str) -> Project:
    return Project(
        id="P001",
        box="专栏1-1",
        box_title="重点项目",
        number="1、",
        name=name,
        owner=None,
        investment_raw=None,
        investment_wan_yuan=None,
        investment_qualifier=None,
        land_mu=None,
        land_raw=None,
        capacity_raw=None,
        schedule=(),
        line=line,
        last_line=last_line,
        text=text_,
        section_id=None,
    )


def test_targets_and_projects_are_found_once_per_line(store: Store, seed: ParsedPlan) -> None:
    lines = [
        "专栏1-1：重点项目",
        "1、智慧水利建设项目：包括水利工程建设管理信息化建设，",
        "重点河流水质实时在线监测。",
        "到2025年底，全区高速公路里程达到192.2公里，普通国省干线公路里程达到333.2公里。",
        "另一行也说到水利。",
    ]
    box = Section("b1", SectionKind.BOX, "专栏1-1", "重点项目", 1, None)
    parsed = _plan(
        seed,
        "parts",
        lines,
        sections=(box,),
        targets=(_target(4, "全区高速公路里程达到192.2公里"),),
        projects=(
            _project(
                2,
                3,
                "智慧水利建设项目",
                "1、智慧水利建设项目：包括水利工程建设管理信息化建设，\n重点河流水质实时在线监测。",
            ),
        ),
    )
    plan_id = ingest(store, parsed, lines).version_id
    for plan in (plan_id, None):
        hits = store.search("192.2", plan)
        assert [(h.kind, h.ref_id, h.line, h.text) for h in hits] == [
            ("target", "G001", 4, "全区高速公路里程达到192.2公里")
        ]
        assert hits[0].snippet_spans == ((10, 15),)
        water = store.search("水利", plan)
        assert [(h.kind, h.ref_id, h.line) for h in water] == [("project", "P001", 2), ("text", None, 5)]
        assert store.search("在线监测", plan)[0].kind == "project"  # its second line, shown as the project
        assert _lines(store.search("333.2", plan)) == [4]  # not in the target's quote: the line itself
        assert [h.kind for h in store.search("重点项目", plan)] == ["text"]  # the box heading


def test_highlights_are_exact_and_snippets_are_cut_around_the_first_match(
    store: Store, seed: ParsedPlan
) -> None:
    long_line = "甲" * 100 + "５Ｇ网络" + "乙" * 100 + "5g"
    lines = [long_line, "短行说5G"]
    plan_id = ingest(store, _plan(seed, "snip", lines), lines).version_id
    hits = {h.line: h for h in store.search("5G", plan_id)}
    first = hits[1]
    assert first.spans == ((100, 102), (204, 206))
    assert [first.text[s:e] for s, e in first.spans] == ["５Ｇ", "5g"]
    assert first.snippet == ELLIPSIS + "甲" * 40 + "５Ｇ网络" + "乙" * 38 + ELLIPSIS
    assert first.snippet_spans == ((41, 43),)
    assert hits[2].snippet == "短行说5G" and hits[2].snippet_spans == ((3, 5),)


def test_snippet_edges() -> None:
    assert snippet("abc", []).text == "abc"
    cut = snippet("x" * 10 + "ab" + "y" * 10, [(10, 12)], context=3)
    assert (cut.text, cut.spans) == (ELLIPSIS + "xxxabyyy" + ELLIPSIS, ((4, 6),))
    overlapping = snippet("ab" + "c" * 20, [(0, 2), (19, 22)], context=2)
    assert overlapping.spans == ((0, 2),)


def test_fast_folding_equals_folding() -> None:
    texts = ["５Ｇ（半角）", "二〇三五年远景", "ÄİΣ", "", "a\x00b", "第四节 二O三五年远景目标展望", "Ⅻ　ｘ"]
    assert fold_many(texts) == [fold(t) for t in texts]
    assert fold("二〇三五年") == "2035年" and fold("５Ｇ") == "5g" and len(fold("İ")) == 1
    assert grams_many(["水利", "", "5g"]) == [grams(k) for k in ["水利", "", "5g"]]
    assert grams("水利") == "水 利 "


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=30))
def test_fast_folding_equals_folding_for_any_text(texts: list[str]) -> None:
    assert fold_many(texts) == [fold(t) for t in texts]
    assert grams_many([fold(t) for t in texts]) == [grams(fold(t)) for t in texts]


# ---- robustness ------------------------------------------------------------------------------------

_SPECIAL = st.sampled_from(
    ['"', "'", "%", "_", "*", "(", ")", "AND", "OR", "NOT", "NEAR", "NEAR(", "^", ":", "-", "+", "\\",
     "{", "}", "水", "5G", "海昏侯", "192.2", "，", "\u3000", "\x00"]
)  # fmt: skip


@pytest.fixture(scope="module")
def sqlite_seeded(
    tmp_path_factory: pytest.TempPathFactory, seed: ParsedPlan, seed_lines: list[str]
) -> Iterator[tuple[Store, int]]:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('search') / 'planwatch.db'}")
    yield store, ingest(store, seed, seed_lines).version_id
    store.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parts=st.lists(st.one_of(st.text(max_size=6), _SPECIAL), max_size=6), joiner=st.sampled_from([" ", ""])
)
def test_any_query_string_is_answered_without_error(
    sqlite_seeded: tuple[Store, int], parts: list[str], joiner: str
) -> None:
    store, plan_id = sqlite_seeded
    query = joiner.join(parts)
    for plan in (plan_id, None):
        hits = store.search(query, plan, limit=5)
        _assert_highlights(hits, query)
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


# ---- index maintenance -------------------------------------------------------------------------------


def test_deleted_plans_leave_no_hits_and_reindex_rebuilds(
    store: Store, seed: ParsedPlan, seed_lines: list[str]
) -> None:
    first = ingest(store, seed, seed_lines).version_id
    lines = ["完善水利设施"]
    second = ingest(store, _plan(seed, "gone", lines), lines).version_id
    before = store.search("水利", first, limit=100)
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM plan_versions WHERE id = :id"), {"id": second})
    assert {h.version_id for h in store.search("水利", None, limit=1000)} == {first}
    with store.engine.begin() as connection:
        reindex(connection)
    assert store.search("水利", first, limit=100) == before
    assert store.search("水利", None, limit=100) == before
    with store.engine.begin() as connection:
        reindex(connection, first)
    assert store.search("水利", None, limit=100) == before


def test_the_search_migration_goes_down_and_up_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'planwatch.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0006")
        command.downgrade(migrate.alembic_config(connection), "0002")
        tables = {
            r[0] for r in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))
        }
        assert not any(name.startswith("search_") for name in tables)
    engine.dispose()
    store = Store(url)  # upgrades to the head again
    try:
        assert store.search("海昏侯") == []
    finally:
        store.close()


def test_migration_indexes_plans_stored_before_it(
    tmp_path: Path, seed: ParsedPlan, seed_lines: list[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0002")
        connection.execute(
            text(
                "INSERT INTO plans (id, plan_key, version, title, source_path, source_format, sha256,"
                " line_count, ingested_at) VALUES (1, 'k', 1, 't', 'p.txt', 'txt', :sha, 3, '2026-01-01')"
            ),
            {"sha": "a" * 64},
        )
        connection.execute(
            text("INSERT INTO document_lines (plan_id, line_no, raw) VALUES (1, :n, :raw)"),
            [{"n": 1, "raw": "第一章 水利"}, {"n": 2, "raw": ""}, {"n": 3, "raw": "\t完善水利设施"}],
        )
        connection.execute(
            text(
                "INSERT INTO sections (plan_id, id, position, kind, number, title, line)"
                " VALUES (1, 'c1', 0, 'chapter', '第一章', '水利', 1)"
            )
        )
    engine.dispose()
    store = Store(url)
    try:
        hits = store.search("水利", 1)
        assert [(h.line, h.text) for h in hits] == [(1, "第一章 水利"), (3, "完善水利设施")]
        assert store.search("水利") == hits
    finally:
        store.close()


# ---- both databases ------------------------------------------------------------------------------------


def _empty(store: Store) -> None:
    with store.engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.mark.postgres
def test_sqlite_and_postgresql_rank_alike(tmp_path: Path, seed: ParsedPlan, seed_lines: list[str]) -> None:
    if not POSTGRES_URL:
        pytest.skip("PLANWATCH_TEST_POSTGRES_URL not set (scripts/with-postgres.sh sets it)")
    lines = ["第一章 水利", "（一）加强水利建设", "完善水利设施，5G基站", "５Ｇ网络", "192.2公里"]
    results = []
    for url in (f"sqlite:///{tmp_path / 'a.db'}", POSTGRES_URL):
        store = Store(url)
        try:
            _empty(store)
            ids = [
                ingest(store, seed, seed_lines).version_id,
                ingest(store, _plan(seed, "two", lines), lines).version_id,
            ]
            answers = []
            for query in ("5G", "水利", "海昏侯", "192.2", "水", "产业园 新建区", "%", "_", '"'):
                for plan in (ids[0], ids[1], None):
                    hits = store.search(query, plan, limit=60)
                    answers.append(
                        [
                            (
                                ids.index(h.version_id),
                                h.kind,
                                h.ref_id,
                                h.line,
                                h.text,
                                h.spans,
                                h.snippet,
                                h.score,
                            )
                            for h in hits
                        ]
                    )
            results.append(answers)
        finally:
            _empty(store)
            store.close()
    assert results[0] == results[1]
