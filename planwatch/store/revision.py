"""The revision counter: one number that every write transaction raises, and every cache keys on.

A cached page or evaluation is valid while the number it was made at is still current, whatever
kind of write happened since (a figure added, approved, locked or corrected, a plan ingested, an
item assigned). The bump is the last statement of the writer's own transaction, so a reader that
sees the new number also sees the write.
"""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from planwatch.store.schema import revision


def bump(connection: Connection) -> None:
    """Raise the counter by one; its row is made when missing (a database emptied table by table)."""
    raised = connection.execute(update(revision).where(revision.c.id == 1).values(value=revision.c.value + 1))
    if raised.rowcount:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    if connection.dialect.name in ("postgresql", "sqlite"):
        statement = dialect.insert(revision).values(id=1, value=1)
        connection.execute(
            statement.on_conflict_do_update(index_elements=["id"], set_={"value": revision.c.value + 1})
        )
    else:
        connection.execute(insert(revision).values(id=1, value=1))


def current(connection: Connection) -> int:
    value = connection.execute(select(revision.c.value).where(revision.c.id == 1)).scalar()
    return int(value or 0)
