"""Lint a small draft written inline: what the tests/test_lint_*.py modules share.

A fixture is a few lines in the style of a real plan. `prose()` puts paragraphs under a
chapter and a section heading (so they are running text, with no numbering defect of
their own), `table()` writes an indicator table as a .txt export does (a tab before every
cell, a blank line after each row), and `line_of()` finds where a piece of the fixture
landed, so the tests never count lines by hand.
"""

from __future__ import annotations

from typing import Any

from planwatch.lint import LintSettings, lint_plan
from planwatch.model import Finding
from planwatch.parse.pipeline import all_tables, parse_document
from tests.helpers import document_from_text

HEAD = "第一章 总体要求\n\n第一节 主要任务\n\n"
FIRST = 5  # the line of the first paragraph after HEAD

INDICATOR_HEADER = ("类别", "指标名称", "2020年基期值", "2025年目标", "年均增长", "属性")

# Every rule id the lint families emit, by module: the tests and docs/lint.md cover each one.
RULES = {
    "placeholders": (
        "placeholder-stars", "placeholder-brackets", "placeholder-x", "placeholder-percent",
        "placeholder-cell", "placeholder-empty-cell",
    ),
    "arithmetic": ("growth-mismatch", "points-mismatch", "structure-sum", "part-exceeds-whole"),
    "totals": ("schedule-total", "parts-exceed-total", "part-exceeds-whole"),
    "contradictions": ("conflicting-values", "growth-vs-levels"),
    "implausible": ("wrong-direction", "absurd-change"),
    "numbering": (
        "chapter-number-style", "section-number-style", "list-number-start", "list-number-skipped",
        "list-number-repeated", "list-number-order", "box-chapter-mismatch", "box-number-repeated",
        "box-number-skipped", "item-number-glued", "item-separator-mixed",
    ),
    "duplicates": ("repeated-sentence", "repeated-list-item", "repeated-project"),
    "spelling": (
        "year-spelling", "multiplication-sign", "roman-numeral", "separator-variant", "town-suffix",
        "name-homophone", "name-shortened",
    ),
    "typos": (
        "doubled-punctuation", "doubled-character", "doubled-word", "double-measure-word",
        "halfwidth-punctuation", "stray-space", "unbalanced-brackets", "attribute-spelling",
    ),
    "wording": ("wrong-word", "missing-character", "wrong-region-level"),
}  # fmt: skip


def lint_text(text: str, settings: LintSettings | None = None) -> list[Finding]:
    """Every finding on `text`, read as a UTF-8 .txt draft would be."""
    document = document_from_text(text)
    return lint_plan(document, parse_document(document), all_tables(document), settings)


def prose(*paragraphs: str) -> str:
    """Paragraphs of running text under 第一章 / 第一节: the first one is line FIRST."""
    return HEAD + "\n".join(paragraphs) + "\n"


def table(title: str, *rows: tuple[str, ...] | list[str], header: tuple[str, ...] = INDICATOR_HEADER) -> str:
    """An indicator table as a .txt export writes it, its title line first."""
    lines = [f"\t{title}", ""]
    for row in (header, *rows):
        lines.extend(f"\t{cell}" for cell in row)
        lines.append("")
    return "\n".join(lines) + "\n"


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line holding the `occurrence`-th line that contains `needle`."""
    hits = [number for number, line in enumerate(text.split("\n"), 1) if needle in line]
    assert len(hits) >= occurrence, f"{needle!r} is not in the fixture {occurrence} times"
    return hits[occurrence - 1]


def of_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def only(findings: list[Finding], rule: str) -> Finding:
    """The one finding of `rule`, failing with everything that was found otherwise."""
    found = of_rule(findings, rule)
    assert len(found) == 1, [(f.line, f.rule, f.evidence) for f in findings]
    return found[0]


def assert_in_place(text: str, findings: list[Finding]) -> None:
    """Each finding's evidence is written on its line at its column (empty cells have neither)."""
    lines = text.split("\n")
    for f in findings:
        line = lines[f.line - 1]
        if not f.evidence:
            assert f.column is None, f
            continue
        assert f.column is not None, f
        assert line[f.column : f.column + len(f.evidence)] == f.evidence, f
        assert f.line in f.lines, f


# ---- matching findings to the hand-made defect list of the seed (tests/fixtures/seed_defects.json) ----

_FAMILY = {"typo": "typo", "spelling": "typo"}


def family(kind: str) -> str:
    return _FAMILY.get(kind, kind)


def matches(finding: Finding, entry: dict[str, Any], lines: list[str]) -> bool:
    """Same kind, and on the entry's line the two evidences overlap (elsewhere: another line of it)."""
    if family(finding.kind.value) != family(entry["kind"]):
        return False
    if finding.line != entry["line"]:
        return finding.line in entry["lines"]
    evidence = entry["evidence"].strip()
    if not evidence or not finding.evidence:
        return not evidence and not finding.evidence.strip()  # an empty cell
    text = lines[entry["line"] - 1]
    start = text.find(evidence)
    found = finding.column if finding.column is not None else text.find(finding.evidence)
    return start < found + len(finding.evidence) and found < start + len(evidence)
