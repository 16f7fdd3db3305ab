"""The shape of the code (docs/architecture.md), held by tests: the arrows point one way, the front
ends write only through services, no module grows past what one reader can hold, tests stand alone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "planwatch"
MOST_LINES = 420  # "no module over ~400 lines"
# Known to be longer, each with the work that splits it.
LONGER = {
    # One parser of numerals, units, ranges and amounts in prose, sharing its private patterns;
    # its word lists moved to document/vocabulary.py (issue 15).
    "planwatch/document/numbers.py",
    "planwatch/store/schema.py",  # declarative table definitions, kept in one place by design
}

# What each stage may import of ours (document → parse → model → store → evaluate → present).
ALLOWED = {
    "model": set(),
    "project_model": set(),  # the project library and its 调度 book: the books' part of the model
    "errors": set(),
    "formatting": set(),
    "document": {"errors", "document", "config"},  # config: the limits on what a reader may cost
    "dates": {"errors", "document"},
    "config": {"errors"},
    "parse": {"errors", "document", "model", "parse"},
    "lint": {"errors", "document", "model", "parse", "lint", "formatting"},
    "evaluate": {"errors", "model", "evaluate", "formatting"},
    "schedule": {"errors", "model", "project_model", "schedule", "formatting"},
    "observe": {
        "errors",
        "document",
        "model",
        "project_model",
        "observe",
        "dates",
        "formulas",
        "config",
        "formatting",
    },
    "formulas": set(),
    "store": {
        "errors",
        "document",
        "model",
        "project_model",
        "store",
        "config",
        "tasking",
    },  # tasking: the task types
    "bulletin": {"errors", "document", "model", "parse", "formatting", "bulletin"},
    "tasking": {"errors", "model", "tasking", "formatting"},
}


EVERYWHERE = {"__version__"}  # the package's own metadata


def _modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts]


def _ours(path: Path) -> set[str]:
    """The first part under planwatch of every `planwatch.…` module `path` imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module == "planwatch":  # from planwatch import config
            names += [f"planwatch.{alias.name}" for alias in node.names]
        for name in names:
            if name.startswith("planwatch."):
                found.add(name.split(".")[1])
    return found


def _stage(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_imports_point_only_leftwards(stage: str) -> None:
    wrong = {
        str(p.relative_to(ROOT)): sorted(_ours(p) - ALLOWED[stage] - EVERYWHERE - {stage})
        for p in _modules()
        if _stage(p) == stage and _ours(p) - ALLOWED[stage] - EVERYWHERE - {stage}
    }
    assert wrong == {}


def test_the_front_ends_never_write_through_the_store() -> None:
    writers = ("write_observations", "insert_plan", "insert_user", "set_department", "record", "transaction")
    offenders = []
    for path in _modules():
        if _stage(path) in ("cli",) or path.is_relative_to(PACKAGE / "present"):
            text = path.read_text(encoding="utf-8")
            offenders += [f"{path.relative_to(ROOT)}: {w}" for w in writers if f"{w}(" in text]
    assert offenders == []


def test_no_module_outgrows_one_reader() -> None:
    lengths = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines()) for p in _modules()}
    assert {path: n for path, n in lengths.items() if n > MOST_LINES and path not in LONGER} == {}


def test_tests_stand_alone_from_the_benchmarks() -> None:
    importing = [p.name for p in (ROOT / "tests").rglob("*.py") if "bench" in _imports_top(p)]
    assert importing == []


def _imports_top(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
    return found
