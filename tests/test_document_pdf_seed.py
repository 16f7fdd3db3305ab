"""The seed plan as real PDFs (its Word file exported by LibreOffice, five layouts) reads as the .txt does.

The PDFs are built once per test session into pytest's cache by tests/seed_pdfs.py (about 20 s);
the Word file is tests/fixtures/seed.docx, the bundled draft with real merged-cell tables.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

import pytest

from planwatch.document import Document, load_document
from planwatch.lint import lint_plan
from planwatch.model import ParsedPlan
from planwatch.parse.pipeline import all_tables, parse_document
from tests import seed_pdfs
from tests.plan_reading import reading as _reading
from tests.plan_reading import squeeze as _squeeze

VARIANTS = [variant.name for variant in seed_pdfs.VARIANTS]


@pytest.fixture(scope="session")
def pdf_paths(request: pytest.FixtureRequest) -> dict[str, Path]:
    folder = Path(request.config.cache.mkdir(f"seed-pdfs-{seed_pdfs.fingerprint()}"))
    paths = {variant: folder / f"{variant}.pdf" for variant in VARIANTS}
    if not all(path.exists() for path in paths.values()):
        seed_pdfs.build(folder)
    return paths


@pytest.fixture(scope="session")
def pdf_documents(pdf_paths: dict[str, Path]) -> dict[str, Document]:
    return {name: load_document(path) for name, path in pdf_paths.items()}


@pytest.fixture(scope="session")
def word_document() -> Document:
    return load_document(seed_pdfs.SEED_DOCX)


@pytest.mark.parametrize("variant", VARIANTS)
def test_seed_pdf_reads_the_same_plan_as_the_txt(
    variant: str, pdf_documents: dict[str, Document], seed: ParsedPlan
) -> None:
    from_pdf = _reading(parse_document(pdf_documents[variant]))
    from_txt = _reading(seed)
    assert len(from_pdf["indicators"]) == 55
    for key in from_txt:
        assert from_pdf[key] == from_txt[key], key


@pytest.mark.parametrize("variant", VARIANTS)
def test_seed_pdf_paragraphs_are_the_word_files_paragraphs(
    variant: str, pdf_documents: dict[str, Document], word_document: Document
) -> None:
    def paragraphs(document: Document) -> list[str]:
        return [
            _squeeze(line.raw)
            for line in document.lines
            if line.raw.strip() and not line.raw.startswith("\t")
        ]

    assert paragraphs(pdf_documents[variant]) == paragraphs(word_document)


@pytest.mark.parametrize("variant", VARIANTS)
def test_seed_pdf_tables_are_the_word_files_grids(
    variant: str, pdf_documents: dict[str, Document], word_document: Document
) -> None:
    def grids(document: Document) -> list[list[list[str]]]:
        return [[[_squeeze(cell.raw) for cell in row] for row in table.rows] for table in document.tables]

    assert grids(pdf_documents[variant]) == grids(word_document)
    assert pdf_documents[variant].notices == ()


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_pdf_character_keeps_the_page_and_printed_line_it_came_from(
    variant: str, pdf_documents: dict[str, Document]
) -> None:
    document = pdf_documents[variant]
    for line in document.lines:
        runs = document.printed[line.number - 1]
        if line.raw.strip():
            assert runs, line.number
            assert runs[0].offset <= 1 and all(a.offset < b.offset for a, b in itertools.pairwise(runs))
            assert all(run.page >= 1 and run.line >= 1 for run in runs)
        else:
            assert runs == ()


def test_a_paragraph_continued_over_a_page_break_is_one_line(pdf_documents: dict[str, Document]) -> None:
    document = pdf_documents["a4_fangsong_gongwen"]
    spanning = [runs for runs in document.printed if len({run.page for run in runs}) > 1]
    assert len(spanning) > 20


def test_page_numbers_and_running_titles_stay_out_of_the_text(pdf_documents: dict[str, Document]) -> None:
    for name in ("a4_fangsong_gongwen", "a4_songti_running_title"):
        text = "\n".join(line.raw for line in pdf_documents[name].lines)
        assert not re.search(r"—\s*\d+\s*—|第\s*\d+\s*页\s*共", text), name
        assert "规划纲要（征求意见稿）" not in text


def _lint_rules(document: Document) -> Counter[str]:
    findings = lint_plan(document, parse_document(document), all_tables(document))
    return Counter(f.rule for f in findings)


def test_lint_on_the_seed_pdf_raises_no_false_bracket_alarms(
    pdf_documents: dict[str, Document], word_document: Document
) -> None:
    txt = _lint_rules(word_document)
    pdf = _lint_rules(pdf_documents["as_is"])
    assert pdf["unbalanced-brackets"] == txt["unbalanced-brackets"]
    # A PDF keeps no spaces between Chinese characters (a space is a gap on paper), so the findings
    # about spaces (数字新建  智慧城区) are the Word file's only; every other finding is the same.
    about_spaces = {"stray-space", "separator-variant"}
    assert {rule: n for rule, n in pdf.items() if rule not in about_spaces} == {
        rule: n for rule, n in txt.items() if rule not in about_spaces
    }


def test_pages_turned_by_rotate_read_as_the_same_pages_upright(
    pdf_paths: dict[str, Path], tmp_path: Path
) -> None:
    """A landscape table on a portrait page shown by /Rotate 90 reads as the landscape page does."""
    upright, turned = seed_pdfs.turned(pdf_paths["a4_landscape_heiti"], 3, 7, tmp_path)
    plain, rotated = load_document(upright), load_document(turned)
    assert [line.raw for line in rotated.lines] == [line.raw for line in plain.lines]
    assert [[[c.raw for c in row] for row in t.rows] for t in rotated.tables] == [
        [[c.raw for c in row] for row in t.rows] for t in plain.tables
    ]
    assert len(plain.tables) == 1 and len(plain.tables[0].rows) > 10
    assert rotated.printed == plain.printed
