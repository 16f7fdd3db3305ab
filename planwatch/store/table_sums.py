"""A row count and a checksum for every table of a database: what a backup promises and a restore checks.

Every table the database lists is summed (SQLite's full-text index is summed through its shadow
tables, which hold its data; the virtual table itself has no rows of its own). A table's checksum
is the sum, modulo 2**256, of the SHA-256 of each row written as canonical JSON: it does not
depend on the order rows come back in (collations differ between servers) and needs no memory
per row, so a large table streams through.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

_MODULUS = 2**256
_BATCH = 2000


@dataclass(frozen=True, slots=True)
class TableSum:
    rows: int
    sha256: str

    def as_json(self) -> dict[str, Any]:
        return {"rows": self.rows, "sha256": self.sha256}


def table_sums(connection: Connection) -> dict[str, TableSum]:
    """name → (rows, checksum) for every table of the connection's database, by name."""
    sums: dict[str, TableSum] = {}
    quote = connection.dialect.identifier_preparer.quote
    for name in sorted(_tables(connection)):
        rows = 0
        total = 0
        result = connection.execution_options(stream_results=True, yield_per=_BATCH).execute(
            text(f"SELECT * FROM {quote(name)}")
        )
        for row in result:
            line = json.dumps(list(row), default=_canonical, ensure_ascii=False, separators=(",", ":"))
            total = (total + int.from_bytes(hashlib.sha256(line.encode()).digest(), "big")) % _MODULUS
            rows += 1
        sums[name] = TableSum(rows, f"{total:064x}")
    return sums


def differences(expected: dict[str, TableSum], actual: dict[str, TableSum]) -> list[str]:
    """One Chinese line per table that is missing, extra or different; [] when they agree."""
    lines = []
    for name in sorted(expected.keys() | actual.keys()):
        want, got = expected.get(name), actual.get(name)
        if got is None:
            lines.append(f"缺少表 {name}")
        elif want is None:
            lines.append(f"多出表 {name}")
        elif want.rows != got.rows:
            lines.append(f"表 {name}：应有 {want.rows} 行，实有 {got.rows} 行")
        elif want.sha256 != got.sha256:
            lines.append(f"表 {name}：行数相同（{got.rows} 行）但内容校验和不同")
    return lines


def _tables(connection: Connection) -> list[str]:
    names = inspect(connection).get_table_names()
    if connection.dialect.name == "sqlite":
        virtual = {
            row[0]
            for row in connection.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
                )
            )
        }
        names = [name for name in names if name not in virtual]
    return names


def _canonical(value: Any) -> Any:
    """JSON for what a driver returns besides str, int, float and None."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    raise TypeError(f"no canonical form for {type(value).__name__}")
