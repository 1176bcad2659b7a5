"""Fast inserts and updates, inside a caller's transaction: of many rows at once (imports, large
inspections), and of the one row an interactive edit writes (sqlite-utils' ``insert`` and
``update`` read the table list, its columns and keys before each write: most of a grade's
queries in the profile, benchmarks/RESULTS.md)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from db.database import Database, library


def insert_rows(db: Database, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert dict rows sharing the same keys with one prepared statement."""
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    values = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
    db.conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', map(values, rows))


def insert_row(db: Database, table: str, row: dict[str, Any]) -> None:
    """Insert one dict row in one statement."""
    names = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" * len(row))
    db.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(row.values()))


def update_row(db: Database, table: str, row_id: str, values: dict[str, Any]) -> None:
    """Set ``values`` on the row whose ``id`` is ``row_id``, in one statement; NotFoundError
    (as sqlite-utils' ``update``) when there is no such row."""
    if not values:
        return
    sets = ", ".join(f'"{c}" = ?' for c in values)
    cursor = db.execute(f'UPDATE "{table}" SET {sets} WHERE id = ?', [*values.values(), row_id])
    if cursor.rowcount == 0:
        raise library().NotFoundError(f"no {table} row with id {row_id}")


def update_rows(
    db: Database, table: str, columns: Sequence[str], rows: Iterable[dict[str, Any]]
) -> None:
    """Set ``columns`` of each dict row, found by its ``id``, with one prepared statement."""
    sets = ", ".join(f'"{c}" = ?' for c in columns)
    db.conn.executemany(
        f'UPDATE "{table}" SET {sets} WHERE id = ?',
        ([*(row[c] for c in columns), row["id"]] for row in rows),
    )
