"""Fast inserts and updates of many rows at once (imports, large inspections), inside a caller's
transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from sqlite_utils import Database


def insert_rows(db: Database, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert dict rows sharing the same keys with one prepared statement."""
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    values = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
    db.conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', map(values, rows))


def update_rows(
    db: Database, table: str, columns: Sequence[str], rows: Iterable[dict[str, Any]]
) -> None:
    """Set ``columns`` of each dict row, found by its ``id``, with one prepared statement."""
    sets = ", ".join(f'"{c}" = ?' for c in columns)
    db.conn.executemany(
        f'UPDATE "{table}" SET {sets} WHERE id = ?',
        ([*(row[c] for c in columns), row["id"]] for row in rows),
    )
