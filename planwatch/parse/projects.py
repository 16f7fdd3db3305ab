"""Projects of the 专栏 project boxes. (Being written: returns nothing yet.)"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.document.model import Document
from planwatch.model import Problem, Project
from planwatch.parse.outline import Outline


@dataclass(frozen=True, slots=True)
class ProjectsResult:
    projects: tuple[Project, ...]
    problems: tuple[Problem, ...]


def extract_projects(document: Document, outline: Outline) -> ProjectsResult:
    return ProjectsResult((), ())
