"""Settings: every limit is listed, documented and read with a clear error for a bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch import config
from planwatch.errors import PlanwatchError

SECURITY = Path(__file__).parents[1] / "docs" / "security.md"


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
    assert raised.value.one_line() == (
        f"设置 PLANWATCH_IMPORT_MAX_ROWS={text!r} 无效：应为正整数（默认 100000）"
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
