"""Settings: one table in config.py, documented exactly in docs/settings.md, read nowhere else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planwatch import config

ROOT = Path(__file__).resolve().parent.parent


def test_the_settings_page_lists_exactly_the_settings_that_exist() -> None:
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(PLANWATCH_[A-Z_]+)` \|", page, re.M))
    assert documented == {s.name for s in config.SETTINGS}


# Environment reads outside config.py that are not settings: the terminal's width
# and the import's test hook.
NOT_SETTINGS = {
    ("planwatch/cli/common.py", "COLUMNS"),
    ("planwatch/store/observations.py", "PAUSE_ENV"),
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
