"""Many rows out of one query as the driver gives them: plain tuples, no Row objects.

SQLAlchemy wraps each fetched row; for the 10⁵–10⁶ rows of judging every project of a plan the
wrapping costs as much as SQLite's own work. The query is compiled for the connection's dialect
(IN lists expanded) and run on the DBAPI cursor. The statement must bind only plain values: text,
numbers and dates (SQLite gets dates as ISO text, as SQLAlchemy's Date type would give them).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select
from sqlalchemy.engine import Connection


def raw_rows(connection: Connection, query: Select[Any]) -> list[tuple[Any, ...]]:
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.params
    if connection.dialect.name == "sqlite":
        params = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
    arguments: Any = params
    if compiled.positional:
        arguments = tuple(params[name] for name in compiled.positiontup or ())
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled), arguments)
        return list(cursor.fetchall())
    finally:
        cursor.close()
