"""The Word report, read back with python-docx: every indicator row against the evaluation JSON of the
same date, the status colours, the 附表 references and footnotes, the placeholders, the page."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn

from planwatch.formatting import plain
from planwatch.present.evaluation_data import evaluation_data
from planwatch.present.report.build import ReportFormat, ReportRequest, build_report
from planwatch.present.report.categories import FILL, category_of
from planwatch.present.report.content import ReportKind
from planwatch.present.report.docx_report import write_docx
from planwatch.present.report.sections import NO_PROJECT_DATA, NO_TASK_DATA
from planwatch.services.evaluation import evaluate_plan
from planwatch.services.figures import DEMO_AS_OF
from planwatch.store import Store
from tests.report_reading import numbers, open_docx, table_rows, tables_headed, zip_part
from tests.web_server import build_demo_store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, int]]:
    url, plan_id = build_demo_store(tmp_path_factory.mktemp("report-docx"))
    store = Store(url)
    yield store, plan_id
    store.close()


@pytest.fixture(scope="module")
def annual(seeded: tuple[Store, int]) -> bytes:
    store, plan_id = seeded
    return build_report(store, plan_id, ReportRequest(ReportKind.ANNUAL, DEMO_AS_OF)).data


@pytest.fixture(scope="module")
def midterm(seeded: tuple[Store, int]) -> bytes:
    store, plan_id = seeded
    return build_report(store, plan_id, ReportRequest(ReportKind.MIDTERM, DEMO_AS_OF)).data


@pytest.fixture(scope="module")
def judged(seeded: tuple[Store, int]) -> dict[str, Any]:
    store, plan_id = seeded
    return evaluation_data(evaluate_plan(store, plan_id, DEMO_AS_OF))


def _by_name(judged: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["name"] + (f"（{r['unit']}）" if r["unit"] else ""): r for r in judged["results"]}


def _figures(document: Any) -> dict[int, list[str]]:
    (table,) = tables_headed(document, "序号")[:1]
    rows = table_rows(table)[1:]
    return {
        int(row[0].text.split("-")[1]): [c.text for c in row] for row in rows if row[0].text.startswith("1-")
    }


def test_every_indicator_row_matches_the_evaluation_json_of_the_same_date(
    annual: bytes, judged: dict[str, Any]
) -> None:
    document = open_docx(annual)
    expected = _by_name(judged)
    seen = {}
    for table in tables_headed(document, "指标（单位）"):
        for row in table_rows(table)[1:]:
            name = row[0].text
            result = expected[name]
            seen[name] = row
            assert row[1].text == ("约束性" if result["attribute"] == "binding" else "预期性")
            assert row[6].text == result["status"]
            expected_value = "—" if result["expected_value"] is None else plain(result["expected_value"], 2)
            assert row[5].text == expected_value
            if result["latest_value"] is None:
                assert row[4].text == "—"
            else:
                assert plain(Decimal(str(result["latest_value"]))) in row[4].text
                assert str(result["latest_year"]) in row[4].text
            projection = "—" if result["projection"] is None else plain(result["projection"], 2)
            assert row[8].text.split("\n")[0] == projection
    assert set(seen) == set(expected)  # every evaluated indicator has its row, and only those


def test_status_cells_carry_the_evaluations_colour(annual: bytes, judged: dict[str, Any]) -> None:
    document = open_docx(annual)
    expected = _by_name(judged)
    colours = set()
    for table in tables_headed(document, "指标（单位）"):
        for row in table_rows(table)[1:]:
            result = expected[row[0].text]
            assert row[6].fill == FILL[result["color"]], row[0].text
            colours.add(result["color"])
    assert colours == {"green", "yellow", "red", "grey"}  # the demo has all four


def test_the_latest_figure_points_at_its_row_of_appendix_1(annual: bytes, judged: dict[str, Any]) -> None:
    document = open_docx(annual)
    figures = _figures(document)
    expected = _by_name(judged)
    cited = 0
    for table in tables_headed(document, "指标（单位）"):
        for row in table_rows(table)[1:]:
            result = expected[row[0].text]
            refs = numbers(row[4].reference, 1)
            if result["latest_value"] is None:
                assert refs == []
                continue
            assert refs, f"{row[0].text} has no 附表1 reference"
            for n in refs:
                assert figures[n][1] == result["indicator_id"]  # 编号
                assert int(figures[n][3][:4]) <= result["latest_year"]  # 期间
            if result["method"] != "growth":  # a level: its own figure, that year, that value
                (n,) = refs
                assert figures[n][3] == str(result["latest_year"])
                assert Decimal(figures[n][5]) == Decimal(str(result["latest_value"]))
            else:  # an average growth the evaluation derived: every figure it rests on
                rested = [n for n, row in figures.items() if row[1] == result["indicator_id"]]
                assert refs == [n for n in rested if int(figures[n][3][:4]) <= result["latest_year"]]
                assert len(refs) > 1
            cited += 1
    assert cited >= 15


def test_base_and_target_point_at_the_plan_line_in_appendix_2(annual: bytes, judged: dict[str, Any]) -> None:
    document = open_docx(annual)
    (appendix,) = tables_headed(document, "序号")[1:2]
    plan_lines = {row[0].text: row for row in table_rows(appendix)[1:]}
    ids = {
        r["name"] + (f"（{r['unit']}）" if r["unit"] else ""): r["indicator_id"] for r in judged["results"]
    }
    for table in tables_headed(document, "指标（单位）"):
        for row in table_rows(table)[1:]:
            (n,) = numbers(row[3].reference, 2)
            line = plan_lines[f"2-{n}"]
            assert line[1].text == ids[row[0].text]
            assert line[4].text.isdigit()  # 行号
            base = row[2].text.split("（")[0]
            assert base == "—" or base in line[5].text  # the base value is in the quoted table row


def test_off_track_indicators_get_a_paragraph_from_their_explanation_with_a_footnote(
    annual: bytes, judged: dict[str, Any]
) -> None:
    document = open_docx(annual)
    flagged = [r for r in judged["results"] if r["color"] in ("red", "yellow")]
    paragraphs = [p for p in document.paragraphs if re.match(r"\d+\. ", p.text)]
    assert len(paragraphs) == len(flagged)
    for paragraph, result in zip(paragraphs, flagged, strict=True):
        assert result["name"] in paragraph.text and result["explanation"] in paragraph.text
        assert paragraph._p.find(f".//{qn('w:footnoteReference')}") is not None
    footnotes = zip_part(annual, "word/footnotes.xml")
    body = zip_part(annual, "word/document.xml")
    notes = re.findall(r'<w:footnote w:id="(\d+)"', footnotes)
    assert len(notes) == body.count("<w:footnoteReference") == len(flagged) + 1  # + the overview's
    assert footnotes.count("见附表1[1-") == len(flagged)
    assert "示例数据，非真实统计" in footnotes  # the figures' source, named


def test_the_writers_sections_are_highlighted_placeholders_never_text(annual: bytes) -> None:
    document = open_docx(annual)
    texts = [p.text for p in document.paragraphs]
    for heading in ("五、存在的问题", "六、下一步工作建议"):
        start = texts.index(heading)
        following = document.paragraphs[start + 1]
        assert following.text.startswith("【待撰写") and following.text.endswith("】")
        assert all(run.font.highlight_color == WD_COLOR_INDEX.YELLOW for run in following.runs)
    placeholders = [p for p in document.paragraphs if p.text.startswith("【")]
    assert len(placeholders) == 4
    assert "七、规划调整建议" not in texts


def test_empty_books_say_so_in_one_line(annual: bytes) -> None:
    texts = [p.text for p in open_docx(annual).paragraphs]
    assert texts[texts.index("三、重大项目推进情况") + 1] == NO_PROJECT_DATA + "。"
    assert texts[texts.index("四、重点任务落实情况") + 1] == NO_TASK_DATA + "。"


def test_the_overview_states_the_counts_of_the_evaluation(annual: bytes, judged: dict[str, Any]) -> None:
    texts = [p.text for p in open_docx(annual).paragraphs]
    overview = texts[texts.index("一、总体情况") + 1]
    assert overview.startswith("截至2025年6月30日，按已发布的统计数据评估，24项主要指标中，")
    for status, count in judged["summary"]["by_status"].items():
        assert f"{status}{count}项" in overview
    assert "约束性指标4项" in overview


def test_cover_names_plan_date_and_marks_the_draft(annual: bytes) -> None:
    texts = [p.text for p in open_docx(annual).paragraphs[:8] if p.text]
    assert texts[0].startswith("新建区国民经济和社会发展第十四个五年规划")
    assert texts[1] == "2024年度监测报告"
    assert texts[2] == "（征求意见稿）"
    assert "数据截至2025年6月30日" in texts[3]


def test_page_setup_fonts_table_of_contents_and_page_numbers(annual: bytes) -> None:
    document = open_docx(annual)
    first = document.sections[0]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    fonts = {
        name: document.styles[name].element.rPr.rFonts.get(qn("w:eastAsia"))
        for name in ("Normal", "Heading 1", "Heading 2")
    }
    assert fonts == {"Normal": "仿宋_GB2312", "Heading 1": "黑体", "Heading 2": "楷体_GB2312"}
    body = zip_part(annual, "word/document.xml")
    assert 'TOC \\o "1-2"' in body
    footers = [zip_part(annual, f"word/footer{n}.xml") for n in (1, 2)]
    assert all("PAGE" in f and "— " in f and " —" in f for f in footers)
    assert "<w:updateFields" in zip_part(annual, "word/settings.xml")
    landscape = [s for s in document.sections if s.page_width > s.page_height]
    assert landscape  # the nine-column indicator tables and the 附表


def test_midterm_uses_the_national_categories_and_asks_for_adjustments(
    midterm: bytes, judged: dict[str, Any]
) -> None:
    document = open_docx(midterm)
    expected = _by_name(judged)
    for table in tables_headed(document, "指标（单位）"):
        for row in table_rows(table)[1:]:
            result = expected[row[0].text]
            assert row[6].text.split("（")[0] == category_of(result["status_code"])
    texts = [p.text for p in document.paragraphs]
    assert texts[1] == "中期评估报告"
    assert "时间过半、任务过半" in texts[texts.index("一、总体情况") + 1]
    start = texts.index("七、规划调整建议")
    assert any(t.startswith("【待撰写") for t in texts[start:])
    assert "规划目标未作调整" in "".join(texts[start:])


def test_a_plan_without_figures_says_so_on_its_first_page(tmp_path: Path) -> None:
    from planwatch.services.actor import system_actor
    from planwatch.services.plans import bundled_plan_path, ingest_files

    store = Store(f"sqlite:///{tmp_path / 'empty.db'}")
    (outcome,) = ingest_files(store, system_actor(), [str(bundled_plan_path())])
    assert outcome.result is not None
    data = build_report(store, outcome.result.plan_id, ReportRequest(ReportKind.ANNUAL, DEMO_AS_OF)).data
    store.close()
    document = open_docx(data)
    cover = [p.text for p in document.paragraphs[:10]]
    assert any("尚无任何监测数据" in text for text in cover)
    assert tables_headed(document, "指标（单位）") == []  # no table of blanks
    texts = [p.text for p in document.paragraphs]
    assert "尚无任何监测数据" in texts[texts.index("二、主要指标完成情况") + 1]


def test_the_same_report_as_of_the_same_date_is_the_same_bytes(seeded: tuple[Store, int]) -> None:
    store, plan_id = seeded
    for format in (ReportFormat.DOCX, ReportFormat.XLSX):
        request = ReportRequest(ReportKind.ANNUAL, DEMO_AS_OF, format=format)
        first, second = build_report(store, plan_id, request).data, build_report(store, plan_id, request).data
        assert first == second
        core = zip_part(first, "docProps/core.xml")
        assert (
            re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == ["2025-06-30T00:00:00Z"] * 2
        )
        with zipfile.ZipFile(io.BytesIO(first)) as archive:
            assert {entry.date_time for entry in archive.infolist()} == {(2025, 6, 30, 0, 0, 0)}


def test_hostile_plan_text_is_written_as_text(seeded: tuple[Store, int]) -> None:
    from dataclasses import replace

    from planwatch.present.report.content import report_content

    store, plan_id = seeded
    content = report_content(store, plan_id, ReportKind.ANNUAL, DEMO_AS_OF, None)
    first = content.indicators[0]
    hostile = "$\\frac{a}{b}$ <script>alert(1)</script> & \x07铃"
    result = {**first.result, "name": hostile}
    charts = [{**c, "name": hostile} for c in content.charts]
    changed = replace(
        content, indicators=[replace(first, result=result), *content.indicators[1:]], charts=charts
    )
    document = open_docx(write_docx(changed))
    names = [row[0].text for t in tables_headed(document, "指标（单位）") for row in table_rows(t)[1:]]
    assert any(name.startswith("$\\frac{a}{b}$ <script>alert(1)</script> & 铃") for name in names)
