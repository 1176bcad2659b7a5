"""Errors raised by the storage layer, each with a message a user can read."""

from __future__ import annotations

import sqlite3

from sqlcipher3 import dbapi2 as _sqlcipher

#: SQLite's errors from either library: inspection files go through ``sqlcipher3``, whose
#: exceptions are its own classes, not subclasses of ``sqlite3``'s.
SQLITE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, _sqlcipher.Error)
#: SQLite's "this file is damaged or not a database" errors from either library.
DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, _sqlcipher.DatabaseError)


class StorageError(Exception):
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
