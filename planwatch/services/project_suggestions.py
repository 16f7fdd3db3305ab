"""Suggestions for a library entry, from the department directory: 责任单位 by the directory's keywords
in the project's name and box title, 建设地点 when the project's text names exactly one 乡镇街道 or
园区. A suggestion stays one until a person takes it (`project_library.accept_suggestions`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planwatch.project_model import LibraryProject
from planwatch.services.departments import suggest
from planwatch.services.project_fields import LOCATION_KINDS
from planwatch.store import Store
from planwatch.store import departments as directory


@dataclass(frozen=True, slots=True)
class Suggestions:
    department: str | None  # 责任单位 by the directory's keywords
    department_keyword: str | None
    location: str | None  # the one 乡镇街道 or 园区 the project's text names


def suggestions(store: Store, projects: Sequence[LibraryProject]) -> dict[str, Suggestions]:
    """For the projects whose 责任单位 or 建设地点 is not set: what the directory suggests."""
    with store.reading() as connection:
        places = [u for u in directory.all_departments(connection) if u.kind in LOCATION_KINDS]
    found = {}
    for project in projects:
        if project.department and project.location:
            continue
        text = " ".join(t for t in (project.name, project.source.box_title if project.source else "") if t)
        unit = suggest(store, text)[:1] if not project.department else []
        named = {p.name for p in places if _names(p.name, p.short_name, project.content or project.name)}
        place = next(iter(named)) if len(named) == 1 and not project.location else None
        if unit or place:
            found[project.key] = Suggestions(
                unit[0].department if unit else None, unit[0].keyword if unit else None, place
            )
    return found


def _names(name: str, short_name: str | None, text: str) -> bool:
    return name in text or bool(short_name and len(short_name) >= 2 and short_name in text)
