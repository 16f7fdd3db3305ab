"""Settings: one table in config.py, documented exactly in docs/settings.md, read nowhere else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planwatch import config
from planwatch.errors import PlanwatchError

ROOT = Path(__file__).resolve().parent.parent


def test_the_settings_page_lists_exactly_the_settings_that_exist() -> None:
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(PLANWATCH_[A-Z_]+)` \|", page, re.M))
    assert documented == {s.name for s in config.SETTINGS}


# Environment reads outside config.py that are not settings: the terminal's width, the import's test
# hook, and the environment handed on whole to pg_dump/pg_restore (with PGPASSWORD added).
NOT_SETTINGS = {
    ("planwatch/cli/common.py", "COLUMNS"),
    ("planwatch/store/observations.py", "PAUSE_ENV"),
    ("planwatch/store/project_reports.py", "PAUSE_ENV"),  # the kill-mid-import test's hook, as above
    ("planwatch/store/pg_tools.py", "env = dict(os.environ)"),
}


def test_no_module_but_config_reads_a_setting_from_the_environment() -> None:
    reads = set()
    for path in (ROOT / "planwatch").rglob("*.py"):
        if path.name == "config.py":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if "os.environ" in line or "getenv(" in line:
                found = re.search(r"(?:environ\.get\(|getenv\(|in os\.environ)\s*\"?([A-Z_]+)", line)
                found = found or re.search(r"\"([A-Z_]+)\" (?:not )?in os\.environ", line)
                reads.add((str(path.relative_to(ROOT)), found[1] if found else line.strip()))
    assert reads <= NOT_SETTINGS


def test_settings_have_unique_names_and_a_chinese_help() -> None:
    names = [s.name for s in config.SETTINGS]
    assert len(names) == len(set(names))
    assert all(re.search(r"[\u4e00-\u9fff]", s.help) for s in config.SETTINGS)


def test_a_number_setting_with_a_word_in_it_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.SESSION_HOURS.name, "twelve")
    with pytest.raises(config.SettingError, match="PLANWATCH_SESSION_HOURS 应为整数"):
        config.SESSION_HOURS.integer()


def test_a_setting_is_read_when_used_not_at_import(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.UPLOAD_MB.name, "7")
    assert config.UPLOAD_MB.integer() == 7
    monkeypatch.delenv(config.UPLOAD_MB.name)
    assert config.UPLOAD_MB.integer() == 5


# ---- the limits on what one input may cost (docs/security.md) ------------------------------------

SECURITY = ROOT / "docs" / "security.md"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50MB", 50 * 1024**2),
        ("512KB", 512 * 1024),
        ("1GB", 1024**3),
        ("4096", 4096),
        (" 2 mb ", 2 * 1024**2),
        ("", 50 * 1024**2),  # empty: the default
    ],
)
def test_sizes_are_read_with_their_unit(monkeypatch: pytest.MonkeyPatch, text: str, expected: int) -> None:
    monkeypatch.setenv("PLANWATCH_MAX_FILE_SIZE", text)
    assert config.size(config.MAX_FILE_SIZE) == expected


@pytest.mark.parametrize("text", ["-1", "0", "5TB", "abc", "1.5MB", "１MB"])
def test_a_bad_size_is_one_chinese_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setenv("PLANWATCH_MAX_FILE_SIZE", text)
    with pytest.raises(PlanwatchError) as raised:
        config.size(config.MAX_FILE_SIZE)
    assert raised.value.one_line() == (
        f"设置 PLANWATCH_MAX_FILE_SIZE={text!r} 无效：应写作 50MB、512KB 或字节数（默认 50MB）"
    )


@pytest.mark.parametrize("text", ["0", "-5", "ten", "1e3", "²"])
def test_a_bad_count_is_one_chinese_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setenv("PLANWATCH_IMPORT_MAX_ROWS", text)
    with pytest.raises(PlanwatchError) as raised:
        config.count(config.IMPORT_MAX_ROWS)
    assert (
        raised.value.one_line() == f"设置 PLANWATCH_IMPORT_MAX_ROWS={text!r} 无效：应为正整数（默认 100000）"
    )


def test_every_default_limit_reads() -> None:
    for setting in config.LIMITS:
        reader = config.size if setting.default[-1:] == "B" else config.count
        assert reader(setting) > 0


def test_every_limit_is_in_the_settings_table_and_documented_with_its_default() -> None:
    text = SECURITY.read_text(encoding="utf-8")
    for setting in config.LIMITS:
        assert setting in config.SETTINGS
        assert f"| `{setting.name}` | `{setting.default}` |" in text, setting.name
