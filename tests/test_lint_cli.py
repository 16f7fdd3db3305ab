"""`planwatch lint` as a planner and a CI job use it: exit codes, filters, JSON and the HTML report."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner, Result

from planwatch.cli import app
from tests.lint_helpers import RULES

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "docs" / "lint.schema.json").read_text(encoding="utf-8"))
runner = CliRunner(env={"COLUMNS": "200"})

TITLE = "新建区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
HEAD = f"{TITLE}\n\n（征求意见稿）\n\n第一章 总体要求\n\n第一节 主要目标\n\n"
CLEAN = HEAD + "到2025年，全区地区生产总值达到545亿元，城乡居民收入稳步增长。\n"
# line 9: an error (placeholder), an error (punctuation), an info (space) and a warning (quote)
FLAWED = (
    HEAD
    + "到2025年，全区实现进出口总额**亿美元。坚持创新驱动，，"
    + "推进“十四五” 时期高质量发展，推进“引擎工程建设。\n"
)
ONLY_WARNING = HEAD + "推进“引擎工程建设，全面提升城市能级。\n"
ONLY_INFO = HEAD + "“十四五” 时期面临新的发展机遇。\n"


def _draft(tmp_path: Path, text: str, name: str = "draft.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _lint(*args: str | Path) -> Result:
    return runner.invoke(app, ["lint", *map(str, args)])


def _json(*args: str | Path) -> dict[str, Any]:
    result = _lint(*args, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    return data


# --- exit codes ----------------------------------------------------------------------------------
def test_the_seed_has_errors_so_the_default_run_fails() -> None:
    result = _lint()
    assert result.exit_code == 1
    assert "  错误·占位符：占位符“" in result.stdout
    assert re.search(r"共 \d+ 处问题（错误 \d+，警告 \d+，提示 \d+）：占位符 \d+", result.stdout)


def test_fail_on_never_always_exits_0() -> None:
    assert _lint("--fail-on", "never").exit_code == 0


def test_a_clean_draft_exits_0_and_says_so(tmp_path: Path) -> None:
    result = _lint(_draft(tmp_path, CLEAN))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "共 0 处问题（错误 0，警告 0，提示 0）：无"


@pytest.mark.parametrize(
    ("text", "fail_on", "code"),
    [
        (ONLY_WARNING, "error", 0),
        (ONLY_WARNING, "warning", 1),
        (ONLY_WARNING, "info", 1),
        (ONLY_INFO, "warning", 0),
        (ONLY_INFO, "info", 1),
        (FLAWED, "error", 1),
        (FLAWED, "never", 0),
    ],
)
def test_fail_on_sets_the_lowest_severity_that_fails(
    tmp_path: Path, text: str, fail_on: str, code: int
) -> None:
    assert _lint(_draft(tmp_path, text), "--fail-on", fail_on).exit_code == code


def test_fail_on_judges_every_finding_not_only_the_shown_ones(tmp_path: Path) -> None:
    result = _lint(_draft(tmp_path, ONLY_WARNING), "--min-severity", "error", "--fail-on", "warning")
    assert result.exit_code == 1
    assert "共 0 处问题" in result.stdout


def test_a_missing_file_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-draft.txt"
    result = _lint(missing)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("错误：")]
    assert len(errors) == 1 and "no-such-draft.txt" in errors[0]
    assert "Traceback" not in result.output and result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [("--format", "xml"), ("--min-severity", "fatal"), ("--fail-on", "sometimes"), ("--tolerance", "abc")],
)
def test_bad_options_exit_2(tmp_path: Path, args: tuple[str, str]) -> None:
    assert _lint(_draft(tmp_path, CLEAN), *args).exit_code == 2


# --- text and JSON -------------------------------------------------------------------------------
def test_the_text_output_gives_where_a_person_finds_it_first_then_what_it_is(tmp_path: Path) -> None:
    result = _lint(_draft(tmp_path, FLAWED))
    assert result.stdout.splitlines()[:4] == [
        "第一章 › 第一节 主要目标 第1段  “…5年，全区实现进出口总额**亿美元。坚持创新驱动，，推进“…”",
        "  错误·占位符：占位符“**亿美元”尚未填写数值（第9行）",
        "第一章 › 第一节 主要目标 第1段  “…**亿美元。坚持创新驱动，，推进“十四五” 时期高质…”",
        "  错误·错别字：标点“，，”重复或连用（第9行）",
    ]
    assert "placeholder" not in result.stdout  # rule ids are in the JSON only
    assert result.stdout.splitlines()[-1] == "共 4 处问题（错误 2，警告 1，提示 1）：占位符 1，错别字 3"


def test_json_of_the_seed_matches_the_schema_and_its_summary() -> None:
    data = _json()
    assert data["plan"] == {"title": TITLE, "region": "新建区", "stage": "征求意见2稿"}
    assert re.fullmatch(r"[0-9a-f]{64}", data["sha256"])
    findings = data["findings"]
    assert data["summary"]["total"] == len(findings) >= 100
    assert sum(data["summary"]["by_severity"].values()) == len(findings)
    assert sum(data["summary"]["by_kind"].values()) == len(findings)
    assert [f["line"] for f in findings] == sorted(f["line"] for f in findings)
    growth = next(f for f in findings if f["rule"] == "growth-mismatch")
    assert (growth["line"], growth["evidence"], growth["column"]) == (357, "105", 1)
    assert "108.5亿元" in growth["message"]


def test_json_of_a_small_draft(tmp_path: Path) -> None:
    path = _draft(tmp_path, FLAWED)
    data = _json(path)
    assert data["file"] == str(path)
    first = data["findings"][0]
    where = first.pop("where")
    assert first == {
        "rule": "placeholder-stars", "kind": "placeholder", "severity": "error", "line": 9, "lines": [9],
        "column": 16, "evidence": "**亿美元", "message": "占位符“**亿美元”尚未填写数值",
    }  # fmt: skip
    assert (where["text"], where["paragraph"]) == ("第一章 › 第一节 主要目标 第1段", 1)


def test_json_of_a_clean_draft_has_zero_counts(tmp_path: Path) -> None:
    data = _json(_draft(tmp_path, CLEAN))
    assert data["findings"] == [] and data["summary"]["total"] == 0
    assert set(data["summary"]["by_kind"].values()) == {0}


@pytest.mark.parametrize(("minimum", "kept"), [("error", {"error"}), ("warning", {"error", "warning"})])
def test_min_severity_leaves_only_findings_at_or_above_it(minimum: str, kept: set[str]) -> None:
    data = _json("--min-severity", minimum)
    assert data["findings"] and {f["severity"] for f in data["findings"]} == kept
    dropped = {"error", "warning", "info"} - kept
    assert all(data["summary"]["by_severity"][s] == 0 for s in dropped)


def test_the_tolerance_option_is_a_percentage() -> None:
    strict = [f for f in _json()["findings"] if f["rule"] == "growth-mismatch"]
    assert [f["line"] for f in strict] == [357]  # 105 against 108.5: 3.2 % off
    loose = [f for f in _json("--tolerance", "5")["findings"] if f["rule"] == "growth-mismatch"]
    assert loose == []


def test_json_can_be_written_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "lint.json"
    result = _lint(_draft(tmp_path, FLAWED), "--format", "json", "-o", target)
    assert result.exit_code == 1 and result.stdout == ""
    jsonschema.validate(json.loads(target.read_text(encoding="utf-8")), SCHEMA)


# --- the HTML report -----------------------------------------------------------------------------
def _html(tmp_path: Path, *args: str | Path) -> str:
    target = tmp_path / "report.html"
    result = _lint(*args, "--format", "html", "-o", target, "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert f"已写出：{target}" in result.stderr
    return target.read_text(encoding="utf-8")


def test_the_report_marks_every_finding_in_its_line(tmp_path: Path) -> None:
    page = _html(tmp_path, _draft(tmp_path, FLAWED))
    assert f"<title>审稿报告 · {TITLE}</title>" in page and "稿次：征求意见稿" in page
    marks = re.findall(r'<mark class="(\w+)">(.*?)</mark>', page)
    assert marks == [
        ("error", "**亿美元"),
        ("error", "，，"),
        ("info", "十四五” 时期高质"),
        ("warning", "量发展，推进“引擎工程建设。"),
    ]
    assert page.count('<div class="note ') == 4
    assert '<a href="#L9">' in page and 'id="L9"' in page


def test_the_seed_report_has_one_mark_per_finding_that_does_not_overlap_an_earlier_one(
    tmp_path: Path,
) -> None:
    page = _html(tmp_path)
    data = _json()
    expected = 0
    by_line: dict[int, list[dict[str, Any]]] = {}
    for f in data["findings"]:
        if f["evidence"] and f["column"] is not None:
            by_line.setdefault(f["line"], []).append(f)
    for findings in by_line.values():
        cursor = 0
        for f in sorted(findings, key=lambda f: f["column"]):
            end = f["column"] + len(f["evidence"])
            if end > max(f["column"], cursor):
                expected += 1
                cursor = end
    assert TITLE in page
    assert page.count("<mark") == expected >= 100
    assert page.count('<div class="note ') == len(data["findings"])


def test_the_report_is_self_contained(tmp_path: Path) -> None:
    page = _html(tmp_path)
    assert "<style>" in page
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"(src|href)=\"(?!#)", page)
    assert "http://" not in page and "https://" not in page


def test_text_of_the_draft_is_escaped_never_markup(tmp_path: Path) -> None:
    text = HEAD + "全面推进<script>alert(1)</script>高质量发展，，加快建设<b>新城</b>。\n"
    page = _html(tmp_path, _draft(tmp_path, text))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;新城&lt;/b&gt;" in page
    assert "<script" not in page and "<b>" not in page


def test_html_without_output_writes_lint_html_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = _draft(tmp_path, FLAWED)
    monkeypatch.chdir(tmp_path)
    result = _lint(draft, "--format", "html")
    assert result.exit_code == 1
    assert (tmp_path / "lint.html").read_text(encoding="utf-8").count("<mark") == 4


# --- the documentation ---------------------------------------------------------------------------
def test_docs_list_every_rule_and_the_rules_in_the_code_are_the_known_ones() -> None:
    doc = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    known = {rule for rules in RULES.values() for rule in rules}
    assert [rule for rule in sorted(known) if f"`{rule}`" not in doc] == []
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "planwatch" / "lint").glob("*.py"))
    in_code = set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', source)) | {
        "chapter-number-style",
        "section-number-style",
    }
    assert in_code == known
