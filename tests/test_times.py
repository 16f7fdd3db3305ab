"""Times are stored in UTC and shown in PLANWATCH_TIMEZONE (default Asia/Shanghai), one way everywhere."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from planwatch.config import SettingError
from planwatch.present.times import local_iso, shown_time, zone_name

STORED = datetime(2025, 6, 30, 6, 3, 5, tzinfo=UTC)


def test_a_stored_time_is_shown_in_beijing_time_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANWATCH_TIMEZONE", raising=False)
    assert shown_time(STORED) == "2025-06-30 14:03"
    assert local_iso(STORED) == "2025-06-30T14:03:05+08:00"
    assert zone_name() == "北京时间"


def test_a_time_without_a_zone_is_the_utc_it_was_stored_as(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANWATCH_TIMEZONE", raising=False)
    assert shown_time(STORED.replace(tzinfo=None)) == shown_time("2025-06-30T06:03:05") == "2025-06-30 14:03"
    assert shown_time("2025-06-30T14:03:05+08:00") == "2025-06-30 14:03"  # a JSON twin's time, unchanged
    assert shown_time(None) == "—"


def test_the_setting_moves_every_time_to_its_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_TIMEZONE", "Asia/Urumqi")
    assert shown_time(STORED) == "2025-06-30 12:03"
    assert zone_name() == "乌鲁木齐时间"
    monkeypatch.setenv("PLANWATCH_TIMEZONE", "Asia/Kolkata")
    assert (shown_time(STORED), zone_name()) == ("2025-06-30 11:33", "UTC+05:30")


def test_an_unknown_zone_is_one_chinese_line_naming_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANWATCH_TIMEZONE", "Mars/Olympus")
    with pytest.raises(SettingError) as refused:
        shown_time(STORED)
    assert (
        str(refused.value)
        == "设置 PLANWATCH_TIMEZONE='Mars/Olympus' 无效：应为 IANA 时区名，如 Asia/Shanghai"
    )
