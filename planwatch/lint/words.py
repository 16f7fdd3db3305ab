"""A Chinese word list: jieba's dictionary (349k words with corpus frequencies).

Only the file is read — jieba's segmenter is never imported — and only once, when a
rule first asks. The lint rules use it to tell a real word (地基, 包装) from a slip.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

COMMON = 100  # corpus frequency above which a word is everyday vocabulary


@functools.cache
def _frequencies() -> dict[str, int]:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - jieba is a dependency
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    frequencies: dict[str, int] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, count, _ = line.split(" ", 2)
            frequencies[word] = int(count)
    return frequencies


def frequency(word: str) -> int:
    """How common `word` is (0 when it is not a dictionary word)."""
    return _frequencies().get(word, 0)


def is_common_word(word: str) -> bool:
    return frequency(word) >= COMMON
