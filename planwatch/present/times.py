"""Times as people read them: stored in UTC, shown in the plan's time zone (PLANWATCH_TIMEZONE).

`shown_time` is the one way a time is written for a person (pages, CLI tables); `local_iso` is
the same moment for the JSON twins, with its offset, so a script never has to guess the zone.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from planwatch import config

# What the office calls its zone; any other zone is named by its offset (UTC+05:00).
ZONE_NAMES = {
    "Asia/Shanghai": "北京时间",
    "Asia/Chongqing": "北京时间",
    "Asia/Harbin": "北京时间",
    "PRC": "北京时间",
    "Asia/Urumqi": "乌鲁木齐时间",
    "Asia/Hong_Kong": "香港时间",
    "Asia/Macau": "澳门时间",
    "Asia/Taipei": "台北时间",
    "UTC": "协调世界时",
    "Etc/UTC": "协调世界时",
}


def local(moment: datetime | str) -> datetime:
    """The moment in the configured zone; a time without a zone is taken as UTC (as stored)."""
    when = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(config.timezone())


def shown_time(moment: datetime | str | None) -> str:
    """`2025-06-30 14:03` in the configured zone; `—` for no time."""
    if moment is None or moment == "":
        return "—"
    return local(moment).strftime("%Y-%m-%d %H:%M")


def local_iso(moment: datetime | str) -> str:
    """`2025-06-30T14:03:05+08:00`: the moment in the configured zone, for JSON."""
    return local(moment).isoformat(timespec="seconds")


def zone_name() -> str:
    """北京时间 for the default zone; another zone by its offset now, `UTC+05:00`."""
    zone = config.timezone()
    if zone.key in ZONE_NAMES:
        return ZONE_NAMES[zone.key]
    offset = datetime.now(zone).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
