"""Encryption at rest: passphrases, encrypting a plain file, changing a passphrase.

The storage layer (``db.cipher``) opens every inspection file through SQLCipher; this module
is what the command line and the window use: where passphrases come from (``use_source``),
making new files encrypted (``encrypting_new_files``), ``change_passphrase`` (``PRAGMA
rekey``) and ``encrypt_file`` (``sqlcipher_export`` into a new file, renamed into place under
the one-writer lock). See docs/encryption.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from db import cipher, lock
from db.connection import SQLITE_HEADER, open_database
from db.errors import (
    SQLITE_ERRORS,
    PassphraseCancelled,
    PassphraseRequired,
    ReadOnlyInspection,
    StorageError,
    WrongPassphrase,
)

if TYPE_CHECKING:
    from auditor.inspection import Inspection

#: The environment variable the command line reads a file's passphrase from.
PASSPHRASE_ENV = "CASE_AUDITOR_PASSPHRASE"
#: The environment variable ``change-passphrase`` reads the new passphrase from.
NEW_PASSPHRASE_ENV = "CASE_AUDITOR_NEW_PASSPHRASE"
#: How many passphrases are tried for one file before it is refused.
TRIES = cipher.TRIES
MIN_LENGTH = cipher.MIN_LENGTH

Source = cipher.Source
__all__ = [
    "MIN_LENGTH",
    "NEW_PASSPHRASE_ENV",
    "PASSPHRASE_ENV",
    "TRIES",
    "PassphraseCancelled",
    "PassphraseRequired",
    "Source",
    "WrongPassphrase",
    "change_passphrase",
    "encrypt_file",
    "encrypting_new_files",
    "is_encrypted_file",
    "new_passphrase_problem",
    "use_source",
]


def use_source(source: Source | None) -> Source | None:
    """Install where passphrases for encrypted files come from; returns the previous one.

    ``source(path, attempt, problem)`` returns a passphrase to try (attempt 1 to ``TRIES``;
    ``problem`` says why the last one failed) or None to give up. It may raise a
    ``StorageError`` to stop with its own message.
    """
    return cipher.set_source(source)


@contextmanager
def encrypting_new_files(passphrase: str | None) -> Iterator[None]:
    """Inspection files created inside this block are encrypted with ``passphrase``
    (None: not encrypted). A passphrase too short is refused with a ValueError."""
    with cipher.encrypt_new(passphrase):
        yield


def new_passphrase_problem(passphrase: str) -> str | None:
    """Why ``passphrase`` cannot be a new passphrase, in words; None when it can."""
    try:
        cipher.check_new_passphrase(passphrase)
    except ValueError as exc:
        return str(exc)
    return None


def is_encrypted_file(path: Path) -> bool:
    """Whether the file at ``path`` looks encrypted (no plain SQLite header)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        return cipher.looks_encrypted(path, header)
    except OSError:
        return False


def change_passphrase(inspection: Inspection, current: str | None, new: str) -> None:
    """Change the passphrase of an open encrypted inspection (``PRAGMA rekey``).

    ``current``, when given (the window asks for it again), must open the file: checked on a
    second connection, so a wrong one changes nothing. None: the passphrase it was opened
    with. Neither passphrase is written to the audit log or anywhere else.
    """
    if inspection.read_only:
        raise ReadOnlyInspection(f"{inspection.path}: open read-only; the passphrase stays")
    if not inspection.encrypted:
        raise StorageError(f"{inspection.path}: is not encrypted; encrypt it first")
    problem = new_passphrase_problem(new)
    if problem:
        raise ValueError(problem)
    if current is not None:
        check = open_database(
            inspection.path, passphrase=current, read_only=True, migrate=False, quick_check=False
        )
        check.close()
    try:
        cipher.rekey(inspection.db.conn, new)
    except SQLITE_ERRORS as exc:
        raise StorageError(f"{inspection.path}: the passphrase was not changed ({exc})") from None
    cipher.replace_held(inspection.path, new)


def encrypt_file(path: str | Path, passphrase: str) -> Path:
    """Encrypt the plain inspection file at ``path`` in place, under its one-writer lock.

    ``sqlcipher_export`` writes an encrypted copy beside it; the copy is checked, then renamed
    over the original (its ``-wal`` and ``-shm`` are gone by then). Returns ``path``.
    """
    path = Path(path)
    problem = new_passphrase_problem(passphrase)
    if problem:
        raise ValueError(problem)
    if is_encrypted_file(path):
        raise StorageError(f"{path}: is already encrypted")
    lock.refuse_network_path(path)
    lock.acquire(path)
    partial = path.with_name(f".{path.name}.encrypting")
    try:
        db = open_database(path)
        try:
            _remove(partial)
            cipher.export_copy(db.conn, partial, passphrase)
        finally:
            db.close()
        check = open_database(partial, passphrase=passphrase, migrate=False)  # quick-checked
        check.close()
        _fsync(partial)
        for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)  # the last close checkpointed them
        os.replace(partial, path)
        _fsync_folder(path.parent)
    except SQLITE_ERRORS as exc:
        raise StorageError(f"{path}: not encrypted ({exc})") from None
    finally:
        _remove(partial)
        lock.release(path)
    return path


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
