"""The bulletin reader's thresholds: every one a setting, documented in docs/figures.md."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class BulletinSettings:
    # the title (…年…统计公报) must be among the first lines that hold text
    title_lines: int = 15
    # a subject longer than this is a sentence, not a name: its figure is not read
    max_subject_chars: int = 40
    # a quote longer than this starts at the figure's own clause rather than at its subject
    max_quote_chars: int = 120
    # decimals of a derived ratio (城乡居民收入比 2.03) or rate (城镇化率 61.04)
    derived_places: int = 2
    # hostile input: at most this many figures are read from one bulletin (the rest is reported)
    max_statements: int = 20_000


DEFAULT_SETTINGS = BulletinSettings()
