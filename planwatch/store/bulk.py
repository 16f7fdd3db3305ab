"""Many rows into one table through the driver's executemany.

SQLAlchemy's per-row parameter processing costs more than the insert itself when a plan
brings thousands of lines, cells and sections; the statement is compiled once for the
dialect and the rows go to the driver as they are. Decimals become their exact text here,
as `DecimalText` would make them.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Connection

from planwatch.store.schema import DecimalText


def insert_rows(connection: Connection, table: Table, rows: Iterable[dict[str, Any]]) -> None:
    batch = list(rows)
    if not batch:
        return
    columns = list(batch[0])
    decimals = [name for name in columns if isinstance(table.c[name].type, DecimalText)]
    if decimals:
        batch = [row | {name: _text(row[name]) for name in decimals} for row in batch]
    compiled = table.insert().compile(dialect=connection.dialect, column_keys=columns)
    params: list[Any] = batch
    if compiled.positional:
        order = list(compiled.positiontup or [])
        getter = itemgetter(*order)
        params = [getter(row) for row in batch] if len(order) > 1 else [(row[order[0]],) for row in batch]
    connection.exec_driver_sql(str(compiled), params)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
