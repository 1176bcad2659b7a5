"""An open database's connection: SQL run on it at once, sqlite-utils loaded when first needed.

Opening an inspection and showing its first case runs plain SQL only. Importing sqlite-utils
(with its command-line dependencies, click and pluggy) took about 35 ms of the window's start
(benchmarks/RESULTS.md), so it is imported the first time something needs more: a table's
methods (``db["cases"].insert_all``), a migration, a query without parameters, a nested
transaction's savepoint. ``execute`` keeps the library's rule for a statement (a write
outside a transaction committed at once); every other attribute is the library's
(``db.table_names()``, ``db.vacuum()``).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

#: Statements that control a transaction themselves (never committed by ``execute``).
_TRANSACTION_CONTROL = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"})


def library() -> ModuleType:
    """``db.library``: sqlite-utils, imported now if it was not already."""
    return importlib.import_module("db.library")


#: A statement that starts with its keyword: a word after any white space, and nothing that
#: sqlite-utils' own reading would skip (a comment, a ";", a byte-order mark).
_PLAIN_START = re.compile(r"\s*([A-Za-z]+)")


def _first_word(sql: str) -> str | None:
    """The statement's first word, upper-cased; None when something comes before it (such a
    statement is left to sqlite-utils, which reads past comments)."""
    found = _PLAIN_START.match(sql)
    return found.group(1).upper() if found else None


class Database:
    """A database connection with sqlite-utils' API, the library loaded on first use."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self._library: Any = None
        conn.execute("PRAGMA recursive_triggers = on")  # as sqlite-utils' Database does

    @property
    def utils(self) -> Any:
        """The sqlite-utils ``Database`` on this connection (made, and the library imported,
        on first use); its tables' transactions and queries are this object's."""
        if self._library is None:
            self._library = library().Library(self)
        return self._library

    def __getattr__(self, name: str) -> Any:
        """Any other attribute is sqlite-utils' (``table_names``, ``vacuum``). Settings kept on
        the library's object (``strict``, ``use_counts_table``, ``tracer``) apply to its own
        work only; this project sets none of them."""
        if name.startswith("__") or name in ("_library", "utils", "conn"):
            raise AttributeError(name)  # not made yet: never look for it in the library
        return getattr(self.utils, name)

    def __getitem__(self, table: str) -> Any:
        return self.utils[table]

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()  # as sqlite-utils' Database: ``with`` closes the file

    def __repr__(self) -> str:
        return f"<Database {self.conn!r}>"

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        """Run one statement, by sqlite-utils' rule for ``execute``: a write outside a
        transaction is committed at once, and one that fails is rolled back.

        The rule is kept here (it is the library's, a test runs both on the same statements)
        so that plain SQL needs no library: with Python's sqlite3, a statement opens a
        transaction of its own only when it writes outside one.
        """
        outside = not self.conn.in_transaction
        word = _first_word(sql)
        if outside and word is None:  # a comment or ";" first: the library reads past it
            return self.utils.execute(sql, parameters)
        try:
            cursor = (
                self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
            )
        except BaseException:
            if outside and self.conn.in_transaction:  # the failed write's own transaction
                self.conn.execute("ROLLBACK")
            raise
        if (
            outside
            and self.conn.in_transaction
            and cursor.description is None
            and word not in _TRANSACTION_CONTROL
        ):
            self.conn.execute("COMMIT")  # a write outside a transaction: done at once
        return cursor

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
    ) -> Iterator[dict[str, Any]]:
        """The rows of ``sql`` as dicts, as sqlite-utils' ``query``; a SELECT is run as it is.

        sqlite-utils runs every query inside a savepoint of its own (so that a statement
        which turns out to return no rows can be undone): three statements for each read, two
        thirds of the statements of a grade committed in the window (benchmarks/RESULTS.md).
        A SELECT writes nothing, so it needs no savepoint; anything else goes the library's
        way. (Whole-table SELECTs without parameters once went the library's way too, for an
        18 MB rise in peak memory at 100,000 cases that was never explained; on 2026-12-03
        the peak was 219 MB either way, so the exception is gone.)
        """
        if _first_word(sql) != "SELECT":
            return library().Library.query_as_library(self.utils, sql, params)
        cursor = self.conn.execute(sql) if params is None else self.conn.execute(sql, params)
        keys = [column[0] for column in cursor.description]
        if len(set(keys)) != len(keys):  # a join's repeated names, suffixed as sqlite-utils does
            keys = list(library().dedupe_keys(keys))
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction: BEGIN IMMEDIATE, or inside one, sqlite-utils' savepoint."""
        if self.conn.in_transaction:  # nested: sqlite-utils' savepoint
            with library().Library.atomic_as_library(self.utils):
                yield self
            return
        # BEGIN IMMEDIATE takes the write lock before the first read, waiting (the busy
        # timeout) while another connection writes: a deferred BEGIN that read first would be
        # refused at its first write ("database is locked", not waited for) whenever another
        # connection (the window's background indexer, the backup) committed meanwhile.
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        """Roll the open transaction back, if one is open (as sqlite-utils' ``rollback``)."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        """Close the connection (as sqlite-utils' ``close``)."""
        self.conn.close()
