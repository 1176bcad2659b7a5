"""Fast inserts of many rows at once (imports, large inspections), inside a caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database


def insert_rows(db: Database, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert dict rows sharing the same keys with one prepared statement."""
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    db.conn.executemany(
        f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
        ([row[c] for c in columns] for row in rows),
    )
