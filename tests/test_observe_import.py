"""Importing figures: CSV and Excel, long and wide, matched by id or name, converted, refused whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from planwatch.model import Observation, ObservationKind, ObservationStatus, ParsedPlan
from planwatch.observe import ImportRefused, convert, match_rows, read_import
from planwatch.observe.values import parse_number, parse_period
from planwatch.services.actor import Actor, Role, system_actor
from planwatch.services.figures import import_figures
from planwatch.store import Store
from planwatch.store.observations import PAUSE_ENV, count_observations, list_imports
from planwatch.store.vintages import observations_as_of
from tests.conftest import FIXTURES
from tests.helpers import ingest

TODAY = date(2024, 1, 1)
LONG_HEADER = ["指标编号", "指标名称", "期间", "数值", "单位", "类型", "数据来源", "数据状态", "发布日期"]
# What observations_long.csv (in every encoding) holds, as (series, period, value, unit, kind, status, as_of).
LONG_FIGURES = [
    ("T2.01", "2021", "420.5", "亿元", "level", "preliminary", date(2022, 3, 15)),
    ("T2.01", "2021", "8.6", "%", "growth", "preliminary", date(2022, 3, 15)),
    ("T2.04", "2022", "152", "亿元", "level", "verified", date(2023, 3, 20)),  # 1,520,000 万元
    ("T2.07", "2022Q4", "60.1", "%", "level", "preliminary", TODAY),  # no date: today
    ("T2.07", "2023-05", "61.2", "%", "level", "preliminary", date(2023, 6, 10)),
]


def _figures(found: list[Observation]) -> list[tuple[str, str, str, str | None, str, str, date]]:
    return [
        (o.series_id, o.period, str(o.value), o.unit, o.kind.value, o.status.value, o.as_of) for o in found
    ]


def _csv(tmp_path: Path, *lines: str, name: str = "figures.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([",".join(LONG_HEADER), *lines]) + "\n", encoding="utf-8")
    return path


def _problems(path: Path, plan: ParsedPlan) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        match_rows(read_import(path), plan, today=TODAY, file=str(path))
    return refused.value.messages()


# ---- reading -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["observations_long.csv", "observations_long_bom.csv", "observations_long_gbk.csv"]
)
def test_long_csv_in_utf8_bom_and_gbk_reads_alike(name: str, seed: ParsedPlan) -> None:
    assert _figures(match_rows(read_import(FIXTURES / name), seed, today=TODAY)) == LONG_FIGURES


def test_long_xlsx_with_a_title_row_numbers_and_excel_dates(tmp_path: Path, seed: ParsedPlan) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    gdp, bulletin_2021 = ("T2.01", "地区生产总值"), "2021年统计公报"
    for row in (
        ["新建区主要指标监测数据"],
        LONG_HEADER,
        [*gdp, 2021, 420.5, "亿元", "水平值", bulletin_2021, "初步核算", datetime(2022, 3, 15)],
        [*gdp, "2021", 8.6, "%", "增速", bulletin_2021, "初步", date(2022, 3, 15)],
        [
            None,
            "社会消费品零售总额（亿元）",
            2022,
            1520000,
            "万元",
            None,
            "2022年统计公报",
            "核实",
            "2023/3/20",
        ],
        ["T2.07", None, "2022Q4", 60.1],
        # Excel turns a typed 2023-05 into the date 2023-05-01: read back as the month
        [None, "常住人口城镇化率", datetime(2023, 5, 1), 61.2, "%", "水平值", "月报", None, "2023年6月10日"],
    ):
        sheet.append(row)
    path = tmp_path / "figures.xlsx"
    workbook.save(path)
    rows = read_import(path)
    assert [r.row for r in rows] == [3, 4, 5, 6, 7]
    assert _figures(match_rows(rows, seed, today=TODAY)) == LONG_FIGURES


def test_wide_layout_skips_the_example_row_and_unfilled_cells(seed: ParsedPlan) -> None:
    found = match_rows(read_import(FIXTURES / "observations_wide.csv"), seed, today=TODAY)
    verified, published = "verified", date(2023, 3, 20)
    assert _figures(found) == [
        ("T2.01", "2021", "420.5", "亿元", "level", verified, published),
        ("T2.01", "2022", "455.3", "亿元", "level", verified, published),
        ("T2.01", "2021", "8.6", "%", "growth", verified, published),
        ("T2.01", "2022", "7.9", "%", "growth", verified, published),
        ("T2.19", "2021", "46000", "元", "level", "preliminary", TODAY),  # 4.6 万元
        ("T2.19", "2022", "49000", "元", "level", "preliminary", TODAY),
    ]
    assert {o.source for o in found} == {"2022年统计公报", ""}


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("figures.xls", "只能导入 .csv 或 .xlsx 文件（.xls 请在 Excel 中另存为 .xlsx）"),
        ("figures.txt", "只能导入 .csv 或 .xlsx 文件"),
        ("missing.csv", "无法读取文件"),
    ],
)
def test_files_that_cannot_be_read_are_refused(tmp_path: Path, name: str, reason: str) -> None:
    path = tmp_path / name
    if name != "missing.csv":
        path.write_text("x", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        read_import(path)
    assert refused.value.messages()[0].startswith(reason)
    assert refused.value.one_line().startswith(str(path))


def test_a_file_without_a_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text("地区生产总值,420.5\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        read_import(path)
    assert "找不到表头" in refused.value.messages()[0]


def test_a_mistyped_year_column_is_reported_not_ignored(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(
        "编号,指标名称,2020年基期值,2022年,2O23年\nT2.01,地区生产总值,382,455.3,490\n", encoding="utf-8"
    )
    with pytest.raises(ImportRefused) as refused:
        read_import(path)
    assert refused.value.messages() == [
        "第1行“2O23年”列：无法识别的列：年份列应写作“2023年”，季度“2023Q2”，月份“2023-05”"
    ]


def test_a_formula_excel_never_computed_is_reported(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["编号", "指标名称", "2021年"])
    sheet.append(["T2.01", "地区生产总值", "=400+20.5"])  # openpyxl saves formulas without their values
    path = tmp_path / "figures.xlsx"
    workbook.save(path)
    with pytest.raises(ImportRefused) as refused:
        read_import(path)
    assert refused.value.messages() == ["第2行“C”列：公式没有计算结果：请在 Excel 中打开并保存后再导入"]


# ---- matching ----------------------------------------------------------------------------------


def test_a_bad_file_is_refused_with_every_problem(seed: ParsedPlan) -> None:
    assert _problems(FIXTURES / "observations_bad.csv", seed) == [
        "第4行：2031年不在规划期（2021—2025年）内",
        "第5行“数值”列：“三百”不是数字",
        "第7行：找不到指标“地区生产总值(亿圆)”，是不是“地区生产总值”？",
        "第3行与第8行：同一指标同一期间重复（T2.02，2021年）",
        "第9行：单位“万美元”与指标单位“亿元”不兼容",
    ]


@pytest.mark.parametrize(
    ("written", "series"),
    [
        ("地区生产总值", "T2.01"),  # the 十四五 table's, not the 十三五 review table's T1.01
        ("地区 生产总值", "T2.01"),
        ("地区生产总值（亿元）", "T2.01"),
        ("地区生产总值(亿元)", "T2.01"),
        ("地区生产总值【亿元】", "T2.01"),
        ("研发支出占ＧＤＰ比重（％）", "T2.09"),
        ("研发支出占gdp比重", "T2.09"),
        ("全区规模以上工业营业收入", "G015"),  # a prose target, found by its subject
    ],
)
def test_names_match_across_widths_spaces_and_units_in_brackets(
    tmp_path: Path, seed: ParsedPlan, written: str, series: str
) -> None:
    [found] = match_rows(read_import(_csv(tmp_path, f",{written},2022,1")), seed, today=TODAY)
    assert found.series_id == series


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            ",地区生产总直,2022,1",
            "第2行：找不到指标“地区生产总直”，是不是“地区生产总值”或“人均地区生产总值”？",
        ),
        ("T9.99,地区生产总值,2022,1", "第2行：找不到指标编号“T9.99”，是不是“T2.01 地区生产总值”？"),
        ("T2.01,财政总收入,2022,1", "第2行：指标编号“T2.01”是“地区生产总值”，与指标名称“财政总收入”不符"),
        (",,2022,1", "第2行：没有填写指标编号或指标名称"),
        ("T2.01,,2022年第五季度,1", "第2行“期间”列：“2022年第五季度”不是期间（应写作2023、2023Q2或2023-05）"),
        ("T2.01,,2022,约420", "第2行“数值”列：“约420”不是数字"),
        ("T2.01,,2022,420,亿元,,,,2099-01-01", "第2行“发布日期”列：发布日期2099-01-01晚于今天"),
        ("T2.01,,2022,420,亿元,,,待定", "第2行“数据状态”列：“待定”应为“初步”“核实”或“最终”"),
        ("T2.01,,2022,420,亿元,名义值", "第2行“类型”列：“名义值”应为“水平值”或“增速”"),
        ("T2.01,,2022,7.5,亿元,增速", "第2行：单位“亿元”与指标单位“%”不兼容"),
        ("T2.01,,2022,420万元,亿元", "第2行：数值后的单位“万元”与单位“亿元”不一致"),
        ("T2.01,,2022,4.2,,,,,2023-13-01", "第2行“发布日期”列：“2023-13-01”不是日期（应写作2025-06-30）"),
    ],
)
def test_each_kind_of_bad_row_is_explained(tmp_path: Path, seed: ParsedPlan, line: str, message: str) -> None:
    assert _problems(_csv(tmp_path, line), seed) == [message]


def test_a_file_with_no_figures_is_refused(tmp_path: Path, seed: ParsedPlan) -> None:
    assert _problems(_csv(tmp_path, "T2.01,地区生产总值,2022,未填"), seed) == [
        "文件中没有可导入的数值（空白、“未填”和示例行不导入）"
    ]


def test_defaults_and_the_bureaus_words_for_status(tmp_path: Path, seed: ParsedPlan) -> None:
    found = match_rows(
        read_import(_csv(tmp_path, "T2.01,,2021,420.5", "T2.01,,2022,455,,,,最终核实", "T2.01,,2020,390")),
        seed,
        today=TODAY,
    )
    assert [(o.period, o.status, o.as_of, o.kind) for o in found] == [
        ("2021", ObservationStatus.PRELIMINARY, TODAY, ObservationKind.LEVEL),
        ("2022", ObservationStatus.FINAL, TODAY, ObservationKind.LEVEL),
        ("2020", ObservationStatus.PRELIMINARY, TODAY, ObservationKind.LEVEL),  # the base year is allowed
    ]


@pytest.mark.parametrize(
    ("value", "from_unit", "to_unit", "expected"),
    [
        ("12345", "万元", "亿元", "1.2345"),
        ("1.5", "亿元", "万元", "15000"),
        ("420.50", "亿元", "亿元", "420.50"),  # same unit: the figure as written
        ("2", "万人", "人", "20000"),
        ("100", "平方米", "亩", "0.15"),
        ("3", "万千瓦", "MW", "30"),
        ("1", "％", "%", "1"),
        ("5", "万美元", "亿元", None),
        ("3", "年", "个月", None),
        ("3", "分", "亿元", None),
    ],
)
def test_units_convert_exactly_within_a_dimension(
    value: str, from_unit: str, to_unit: str, expected: str | None
) -> None:
    converted = convert(Decimal(value), from_unit, to_unit)
    assert (None if converted is None else str(converted)) == expected


AMOUNTS = st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False, allow_infinity=False)
FAST = settings(max_examples=200, deadline=None, database=None)


@FAST
@given(AMOUNTS, st.sampled_from(["元", "千元", "万元", "亿元", "万亿元"]), st.sampled_from(["万元", "亿元"]))
def test_money_converts_there_and_back_exactly(value: Decimal, unit: str, other: str) -> None:
    there = convert(value, unit, other)
    assert there is not None
    assert convert(there, other, unit) == value


@FAST
@given(AMOUNTS, st.booleans(), st.sampled_from(["", "亿元", "%", "万人"]))
def test_a_number_reads_back_as_written(value: Decimal, grouped: bool, unit: str) -> None:
    text = f"{value:,f}" if grouped else f"{value:f}"
    assert parse_number(text + unit) == (value, unit)


@FAST
@given(st.integers(1900, 2199), st.integers(1, 12))
def test_a_month_or_quarter_reads_however_it_is_written(year: int, month: int) -> None:
    for written in (f"{year}-{month:02d}", f"{year}年{month}月", f"{year}/{month}", f"{year}.{month:02d}"):
        assert parse_period(written) == f"{year}-{month:02d}"
    quarter = (month + 2) // 3
    for written in (
        f"{year}Q{quarter}",
        f"{year}年第{'一二三四'[quarter - 1]}季度",
        f"{year}年{quarter}季度",
    ):
        assert parse_period(written) == f"{year}Q{quarter}"


# ---- into the store ----------------------------------------------------------------------------


@pytest.fixture
def plan_id(store: Store, seed: ParsedPlan, seed_lines: list[str]) -> int:
    return ingest(store, seed, seed_lines).plan_id


def test_a_refused_import_leaves_the_database_unchanged(store: Store, plan_id: int) -> None:
    import_figures(store, system_actor(), plan_id, FIXTURES / "observations_long.csv", today=TODAY)
    before = count_observations(store)
    with pytest.raises(ImportRefused) as refused:
        import_figures(store, system_actor(), plan_id, FIXTURES / "observations_bad.csv", today=TODAY)
    assert len(refused.value.problems) == 5
    assert refused.value.one_line().endswith("导入被拒绝：共5个问题，数据库未作任何改动")
    assert count_observations(store) == before == len(LONG_FIGURES)
    assert len(list_imports(store, plan_id)) == 1


def test_importing_the_same_figures_again_changes_nothing(store: Store, plan_id: int) -> None:
    first = import_figures(store, Actor("张三", Role.PLANNER), plan_id, FIXTURES / "observations_long.csv")
    again = import_figures(store, system_actor(), plan_id, FIXTURES / "observations_long.csv")
    other_bytes = import_figures(store, system_actor(), plan_id, FIXTURES / "observations_long_gbk.csv")
    assert (first.result.added, first.result.unchanged) == (5, 0)
    assert again.result.already_imported and again.result.added == 0
    assert (other_bytes.result.added, other_bytes.result.unchanged) == (0, 5)
    assert "新增0个" in other_bytes.summary() and "已导入过" in again.summary()
    assert count_observations(store) == 5
    found = observations_as_of(store, plan_id, date.today(), pending=True)  # imported: awaiting review
    assert {o.entered_by for series in found.values() for o in series} == {"张三"}


# A page cache of a few pages makes SQLite write the first batch into the WAL file before the
# commit, so the kill lands after uncommitted rows reached the disk.
_IMPORT_SCRIPT = """
import sys
from sqlalchemy import event
from planwatch.services.actor import system_actor
from planwatch.services.figures import import_figures
from planwatch.store import Store
store = Store(sys.argv[1])
store.engine.dispose()
event.listen(store.engine, "connect", lambda connection, _: connection.execute("PRAGMA cache_size=5"))
import_figures(store, system_actor(), int(sys.argv[2]), sys.argv[3])
"""


def test_an_import_killed_mid_write_leaves_the_database_as_it_was(
    tmp_path: Path, seed: ParsedPlan, seed_lines: list[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'planwatch.db'}"
    store = Store(url)
    plan_id = ingest(store, seed, seed_lines).plan_id
    import_figures(store, system_actor(), plan_id, FIXTURES / "observations_long.csv")
    before = count_observations(store)
    store.close()
    # A figure per indicator and month of 2020–2025: 1,728 rows, two batches of the store's 1,000.
    ids = [f"T2.{n:02d}" for n in range(1, 25)]
    months = [f"{year}-{month:02d}" for year in range(2020, 2026) for month in range(1, 13)]
    big = _csv(tmp_path, *(f"{i},,{m},{n}.5" for n, (i, m) in enumerate((i, m) for i in ids for m in months)))
    paused = tmp_path / "paused"
    wal = tmp_path / "planwatch.db-wal"
    wal_before = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen(
        [sys.executable, "-c", _IMPORT_SCRIPT, url, str(plan_id), str(big)],
        env={**os.environ, PAUSE_ENV: str(paused)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while not paused.exists():  # written inside the transaction, after the first batch
            assert process.poll() is None, process.communicate()[1].decode()
            assert time.monotonic() < deadline, "the import never reached its first batch"
            time.sleep(0.05)
        assert wal.stat().st_size > wal_before  # uncommitted rows are on disk
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.communicate()
    assert process.returncode == -signal.SIGKILL

    reopened = Store(url)
    try:
        assert count_observations(reopened) == before
        assert len(list_imports(reopened, plan_id)) == 1
        result = import_figures(
            reopened, system_actor(), plan_id, big
        ).result  # the database is usable, unlocked
        assert result.added == len(ids) * len(months)
    finally:
        reopened.close()


def _row(period: str, published: str = "") -> str:
    """One long-layout row of T2.07 (常住人口城镇化率) for `period`."""
    return f"T2.07,,{period},60.1,,,,,{published}"


LATE = "，数据不会在期末之前公布"


@pytest.mark.parametrize(
    ("period", "published", "refusal"),
    [
        ("2023", "2023-01-01", "发布日期2023-01-01早于2023年结束（2023-12-31）" + LATE),
        ("2023Q2", "2023-06-15", "发布日期2023-06-15早于2023年第2季度结束（2023-06-30）" + LATE),
        ("2023-02", "2023-02-27", "发布日期2023-02-27早于2023年2月结束（2023-02-28）" + LATE),
    ],
)
def test_a_publication_date_before_the_period_ended_is_refused(
    tmp_path: Path, seed: ParsedPlan, period: str, published: str, refusal: str
) -> None:
    assert _problems(_csv(tmp_path, _row(period, published)), seed) == [f"第2行“发布日期”列：{refusal}"]


@pytest.mark.parametrize(("period", "published"), [("2023", "2023-12-31"), ("2023-05", "2023-06-01")])
def test_a_publication_date_on_or_after_the_period_s_end_is_accepted(
    tmp_path: Path, seed: ParsedPlan, period: str, published: str
) -> None:
    (found,) = match_rows(read_import(_csv(tmp_path, _row(period, published))), seed, today=date(2024, 6, 30))
    assert found.as_of.isoformat() == published


def test_a_period_not_yet_over_has_no_figure_to_import(tmp_path: Path, seed: ParsedPlan) -> None:
    with pytest.raises(ImportRefused) as refused:  # no date: today, mid-2024
        match_rows(read_import(_csv(tmp_path, _row("2024"))), seed, today=date(2024, 6, 30))
    assert refused.value.messages() == [
        "第2行“期间”列：2024年尚未结束（2024-12-31），还没有可填的数据（发布日期留空按今天）"
    ]
