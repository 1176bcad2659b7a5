"""The schema's migration steps: registered in order, those a file has applied read from it,
the rest applied with sqlite-utils' ``Migrations`` (the library loaded only then)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from db.database import library

if TYPE_CHECKING:
    from db.database import Database

Step = Callable[["Database"], None]
#: sqlite-utils' record of the steps applied (``Migrations.migrations_table``; a test checks
#: it), read here on every opening so that a file already current needs no sqlite-utils.
MIGRATIONS_TABLE = "_sqlite_migrations"


class Steps:
    """A migration set's steps, in order, as sqlite-utils' ``Migrations`` holds them."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.functions: list[tuple[str, Step]] = []

    def step(self, name: str) -> Callable[[Step], Step]:
        """Register a step under ``name``, after those registered before."""

        def register(function: Step) -> Step:
            self.functions.append((name, function))
            return function

        return register

    @property
    def names(self) -> list[str]:
        return [name for name, _function in self.functions]

    def migrations(self) -> Any:
        """sqlite-utils' ``Migrations`` holding every step (the library imported now)."""
        steps = library().Migrations(self.name)
        for name, function in self.functions:
            steps(name=name)(function)
        return steps

    def applied(self, db: Database) -> list[str]:
        """The names of the steps applied to ``db``, in order (as ``Migrations.applied``)."""
        exists = db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
        ).fetchone()
        if exists is None:
            return []
        rows = db.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
            [self.name],
        ).fetchall()
        return [row[0] for row in rows]

    def pending(self, db: Database) -> list[str]:
        """The steps not yet applied to ``db``, by name, in order (as ``Migrations.pending``)."""
        applied = set(self.applied(db))
        return [name for name in self.names if name not in applied]
