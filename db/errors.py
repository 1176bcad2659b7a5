"""Errors raised by the storage layer, each with a message a user can read."""

from __future__ import annotations


class StorageError(Exception):
    """A problem with an inspection file, described for the user."""


class NotAnInspectionFile(StorageError):
    """The file is not an inspection file (or not a database at all)."""


class NewerSchemaError(StorageError):
    """The file was written by a newer version of the workstation."""


class CorruptFileError(StorageError):
    """SQLite reports the file as damaged."""
