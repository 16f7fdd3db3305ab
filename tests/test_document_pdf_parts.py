"""The PDF reader's parts on small made-up pages: headers and footers, paragraphs, table joins."""

from __future__ import annotations

from planwatch.document.pdf_lines import PrintedLine, make_line, running_lines
from planwatch.document.pdf_page import Glyph
from planwatch.document.pdf_paragraphs import paragraphs, shapes
from planwatch.document.pdf_tables import CellText, PageTable, continues, join

SIZE = 10.0


def line(page: int, number: int, text: str, x0: float, baseline: float) -> PrintedLine:
    glyphs = tuple(
        Glyph(char, x0 + i * SIZE, baseline - SIZE, x0 + (i + 1) * SIZE, baseline + 2, baseline, SIZE)
        for i, char in enumerate(text)
    )
    return make_line(page, number, glyphs)


def test_page_numbers_and_a_running_title_are_headers_and_footers() -> None:
    pages = []
    for page in range(1, 6):
        lines = [
            line(page, 1, "某县“十四五”规划纲要", 200, 40),
            line(page, 2, "正文第一行" * 4, 72, 100),
            line(page, 3, f"— {page} —", 280, 760),
        ]
        pages.append((792.0, lines))
    found = running_lines(pages)
    assert {(p, n) for p in range(1, 6) for n in (1, 3)} == found


def test_body_lines_are_never_headers() -> None:
    pages = [
        (792.0, [line(p, 1, f"第{p}章 总则", 72, 120), line(p, 2, "正文" * 8, 72, 140)]) for p in range(1, 6)
    ]
    assert running_lines(pages) == set()


def _read(lines: list[PrintedLine]) -> list[str]:
    shape = shapes(((612, 792), each) for each in lines)[(612, 792)]
    return [p.text for p in paragraphs(lines, dict.fromkeys({each.page for each in lines}, shape))]


FULL = "规划期内全面推进高质量发展持续改善民生福祉和生态"  # 24 characters: a full line


def test_a_wrapped_line_continues_its_paragraph_across_a_page_break() -> None:
    lines = [
        line(1, 1, FULL, 72, 700),
        line(1, 2, FULL, 72, 715),
        line(2, 1, "环境质量。", 72, 80),
        line(2, 2, FULL, 72, 95),
    ]
    assert _read(lines) == [FULL * 2 + "环境质量。", FULL]


def test_a_line_that_ended_with_room_to_spare_ends_its_paragraph() -> None:
    lines = [line(1, 1, FULL, 72, 100), line(1, 2, "第一段在此结束。", 72, 115), line(1, 3, FULL, 72, 130)]
    assert _read(lines) == [FULL + "第一段在此结束。", FULL]


def test_an_indented_line_starts_a_paragraph() -> None:
    lines = [line(1, 1, FULL, 72, 100), line(1, 2, FULL[:22], 92, 115), line(1, 3, FULL, 72, 130)]
    assert _read(lines)[0] == FULL


def _table(page: int, rows: list[list[str]]) -> PageTable:
    cells = [[CellText(text, page, 1 if text else 0) for text in row] for row in rows]
    return PageTable(page, (72, 80, 540, 700), [72.0, 160.0, 350.0, 450.0, 540.0], cells, 0, [page])


HEADER = ["类别", "指标", "2025年", "属性"]


def test_a_continued_table_drops_its_repeated_header_and_glues_the_split_row() -> None:
    """The split row's short cells (61000) fitted before the break; its long ones run on, cut
    where no cell of their column ends (约 in a column of 预期性/约束性)."""
    rows = [["经济", "地区生产总值（亿元）", "545", "预期性"], ["", "财政总收入（亿元）", "120", "预期性"]]
    rows += [["", "耕地保有量（千公顷）", "74.6", "约束性"]]
    first = _table(1, [HEADER, *rows, ["", "城镇居民人均可支配收", "61000", "约"]])
    second = _table(2, [HEADER, ["", "入（元）", "", "束性"], ["", "森林覆盖率（%）", "25", "约束性"]])
    assert continues(first, second)
    joined = join(first, second)
    assert [[c.text for c in row] for row in joined.rows] == [
        HEADER,
        *rows,
        ["", "城镇居民人均可支配收入（元）", "61000", "约束性"],
        ["", "森林覆盖率（%）", "25", "约束性"],
    ]
    assert joined.pages == [1, 2]


def test_a_row_lacking_a_value_after_a_full_row_is_not_glued() -> None:
    first = _table(
        1, [HEADER, ["经济", "城镇化率（%）", "67.5", "预期性"], ["", "工业化率（%）", "52", "预期性"]]
    )
    second = _table(2, [["", "人口自然增长率（‰）", "", "约束性"]])
    assert len(join(first, second).rows) == 4


def test_tables_with_other_columns_do_not_continue_each_other() -> None:
    other = PageTable(
        2, (72, 80, 540, 700), [72.0, 300.0, 540.0], [[CellText("a", 2, 1), CellText("b", 2, 1)]], 0, [2]
    )
    assert not continues(_table(1, [HEADER]), other)
