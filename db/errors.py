"""Errors raised by the storage layer, each with a message a user can read; and ``Refused``,
the base of every refusal a user should read, in any layer (re-exported by ``auditor.errors``:
it is defined here because the storage layer is the lowest and imports nothing of ours)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlcipher3 import dbapi2 as _sqlcipher

#: SQLite's errors from either library: inspection files go through ``sqlcipher3``, whose
#: exceptions are its own classes, not subclasses of ``sqlite3``'s.
SQLITE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, _sqlcipher.Error)
#: SQLite's "this file is damaged or not a database" errors from either library.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, _sqlcipher.DatabaseError)


@dataclass(frozen=True)
class Where:
    """Where a refused input is: a file, sheet, row and column, a case, a field (as known)."""

    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    case: str = ""
    field: str = ""


class Refused(Exception):
    """Something the user asked for was refused: the message says what; ``where`` says where.

    The window shows any ``Refused`` in words; the command line prints it on one line and exits
    2. Anything else that escapes is a bug: logged with its traceback, never shown raw.
    """

    def __init__(self, message: str = "", *, where: Where | None = None) -> None:
        super().__init__(message)
        self.where = where if where is not None else Where()


class StorageError(Refused):
    """A problem with an inspection file, described for the user."""


class NotAnInspectionFile(StorageError):
    """The file is not an inspection file (or not a database at all)."""


class NewerSchemaError(StorageError):
    """The file was written by a newer version of the workstation."""


class CorruptFileError(StorageError):
    """SQLite reports the file as damaged."""


class PassphraseRequired(StorageError):
    """The file is encrypted and no passphrase was given (or the user gave none)."""


class PassphraseCancelled(PassphraseRequired):
    """The user was asked for the passphrase and chose not to give one."""


class WrongPassphrase(StorageError):
    """The passphrases given do not open the encrypted file (nothing was written)."""


class ReadOnlyInspection(StorageError):
    """A change was asked of an inspection opened for viewing only."""
