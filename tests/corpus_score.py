"""Scoring the reading of the corpus (tests/corpus) against its hand labels.

A labelled target is found when an extracted target has the label's value and unit and its quote
holds the label's key; an extracted target that matches no label (or only an optional one, a
target stated twice) counts against precision. An indicator row is found when its name with its
unit and its target cell read as the label's. Matching is one to one. Used by
tests/test_corpus_accuracy.py (the floors) and bench/accuracy.py (the figures).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from planwatch.document import load_document
from planwatch.document.text import normalise
from planwatch.model import Indicator, ParsedPlan, Target
from planwatch.parse.pipeline import parse_document

CORPUS = Path(__file__).parent / "corpus"
CLASSES = ("indicators", "targets")


@dataclass
class Score:
    labelled: int = 0
    extracted: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    def add(self, other: Score) -> None:
        self.labelled += other.labelled
        self.extracted += other.extracted
        self.matched += other.matched


def documents() -> list[dict[str, Any]]:
    data: dict[str, list[dict[str, Any]]] = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    return data["documents"]


def read(entry: dict[str, Any]) -> ParsedPlan:
    return parse_document(load_document(CORPUS / entry["file"]))


def score(entry: dict[str, Any], plan: ParsedPlan) -> dict[str, Score]:
    """The score of each class the document labels."""
    scores = {}
    if "targets" in entry:
        scores["targets"] = _targets(entry["targets"], entry.get("optional_targets", []), plan.targets)
    if "indicators" in entry:
        scores["indicators"] = _indicators(entry["indicators"], plan.indicators)
    return scores


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", normalise(text))


def _target_matches(label: dict[str, str], target: Target) -> bool:
    if target.unit != label["unit"] or label["key"] not in target.quote:
        return False
    if "-" in label["value"]:
        low, high = (Decimal(v) for v in label["value"].split("-"))
        return (target.value_min, target.value_max) == (low, high)
    return target.value == Decimal(label["value"])


def _targets(
    labels: list[dict[str, str]], optional: list[dict[str, str]], found: tuple[Target, ...]
) -> Score:
    result = Score(labelled=len(labels))
    left = list(found)
    for label in labels:
        hit = next((t for t in left if _target_matches(label, t)), None)
        if hit is None:
            result.misses.append(f"{label['key']} {label['value']}{label['unit']}")
        else:
            left.remove(hit)
            result.matched += 1
    left = [t for t in left if not any(_target_matches(label, t) for label in optional)]
    result.extracted = result.matched + len(left)
    result.extras = [f"第{t.line}行 {t.quote}" for t in left]
    return result


def _indicator_key(indicator: Indicator) -> tuple[str, str]:
    name = f"{indicator.name}({indicator.unit})" if indicator.unit else indicator.name
    return _squeeze(name), _squeeze(indicator.target.raw if indicator.target else "")


def _indicators(labels: list[dict[str, str]], found: tuple[Indicator, ...]) -> Score:
    result = Score(labelled=len(labels), extracted=len(found))
    left = [_indicator_key(i) for i in found]
    for label in labels:
        key = (_squeeze(label["name"]), _squeeze(label["target"]))
        if key in left:
            left.remove(key)
            result.matched += 1
        else:
            result.misses.append(f"{label['name']} → {label['target']}")
    result.extras = [f"{name} → {target}" for name, target in left]
    return result
