"""Opening an inspection file: checks, pragmas, a backup and forward migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from db import cipher
from db.database import Database
from db.errors import (
    DATABASE_ERRORS,
    SQLITE_ERRORS,
    CorruptFileError,
    NewerSchemaError,
    NotAnInspectionFile,
    ReadOnlyInspection,
    StorageError,
)
from db.schema import MIGRATION_NAMES, SCHEMA_VERSION, STEPS

#: ``PRAGMA application_id`` of an inspection file: the bytes "CFAU".
APPLICATION_ID = 0x43464155
SQLITE_HEADER = b"SQLite format 3\x00"
FILE_SUFFIX = ".caseaudit"


class InspectionDatabase(Database):
    """An open inspection file: a ``db.database.Database`` that knows its file and its key."""

    path: Path
    encrypted: bool = False
    read_only: bool = False
    _closed: bool = False

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction; refused in words on a file opened for viewing only (every write of
        the core runs in one, so nothing is attempted and SQLite's own message never shows)."""
        if self.read_only:
            raise ReadOnlyInspection(
                f"{self.path}: open read-only (another copy of the workstation holds it for "
                "writing); nothing was changed"
            )
        with super().atomic() as db:
            yield db

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            super().close()
            if self.encrypted:
                cipher.release(self.path)


def _connect(
    path: Path,
    *,
    encrypted: bool,
    passphrase: str | None,
    read_only: bool,
    label: Path | None = None,
) -> InspectionDatabase:
    """Connect through sqlcipher3, keyed when the file is (or is to be) encrypted."""
    key = None
    try:
        if encrypted:
            conn, key = cipher.open_keyed(path, passphrase, read_only=read_only, label=label)
        else:
            conn = cipher.connect(path, read_only=read_only)
            if passphrase is not None:  # a new file, encrypted from its first page
                cipher.apply_key(conn, passphrase)
                key = passphrase
    except SQLITE_ERRORS as exc:
        raise StorageError(f"{path}: cannot open the file ({exc})") from None
    db = InspectionDatabase(conn)
    db.path, db.read_only = path, read_only
    if key is not None:
        db.encrypted = True
        cipher.hold(path, key)
    return db


def open_copy(path: Path, *, label: Path) -> InspectionDatabase:
    """Open a copy of an inspection (a package's content) for checks only: no identity check,
    pragma or migration. An encrypted copy is keyed like its file; the user is asked about
    ``label`` (the package), which messages name."""
    header = _header(path)
    encrypted = header != SQLITE_HEADER and cipher.looks_encrypted(path, header)
    return _connect(path, encrypted=encrypted, passphrase=None, read_only=False, label=label)


def passphrase_of(db: Database) -> str | None:
    """The passphrase an open encrypted database was opened with (None when not encrypted)."""
    return _passphrase_of(db)


def _header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER))


def read_version(db: Database) -> tuple[int, int]:
    """Return ``(application_id, user_version)`` of an open database."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    return int(app_id), int(version)


def _has_tables(db: Database) -> bool:
    row = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    return bool(row[0])


def backup_to(db: Database, target: Path) -> Path:
    """Write a consistent copy of ``db`` to ``target`` with SQLite's online backup API.

    The copy of an encrypted file is encrypted with the same passphrase (its own salt).
    """
    dest = cipher.connect(target)
    try:
        passphrase = _passphrase_of(db)
        if passphrase is not None:
            cipher.apply_key(dest, passphrase)
        with one_pass_cache(db):
            db.conn.backup(dest)
    except SQLITE_ERRORS as exc:
        raise StorageError(f"{target}: the copy could not be written ({exc})") from None
    finally:
        dest.close()
    return target


def _passphrase_of(db: Database) -> str | None:
    if isinstance(db, InspectionDatabase) and db.encrypted:
        passphrase = cipher.held_passphrase(db.path)
        if passphrase is None:  # never: held while the connection is open
            raise StorageError(f"{db.path}: the file's key is no longer held")
        return passphrase
    return None


def is_encrypted(db: Database) -> bool:
    """Whether ``db`` is an encrypted inspection file."""
    return isinstance(db, InspectionDatabase) and db.encrypted


def _pre_migration_backup(db: Database, path: Path, version: int) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return backup_to(db, path.with_name(f"{path.name}.v{version}-{stamp}.bak"))


def open_database(
    path: str | Path,
    *,
    create: bool = False,
    migrate: bool = True,
    passphrase: str | None = None,
    read_only: bool = False,
    quick_check: bool = True,
) -> InspectionDatabase:
    """Open (or with ``create`` make) an inspection file, migrated to the current schema.

    An encrypted file is opened with ``passphrase``, else the one this process holds for it,
    else one asked of the installed source (``db.cipher``); a new file is encrypted when a
    ``passphrase`` is given or it is made inside ``cipher.encrypt_new``. ``read_only`` opens
    for viewing only (``mode=ro``): no pragma written, no migration. ``quick_check`` runs
    ``PRAGMA quick_check`` first (``check`` runs the full integrity check instead).

    Raises a ``StorageError`` subclass with a message naming the file and the problem.
    """
    path = Path(path)
    existed = path.exists()
    encrypted = False
    if not existed and (not create or read_only):
        raise StorageError(f"{path}: no such inspection file")
    if existed:
        if path.is_dir():
            raise NotAnInspectionFile(f"{path}: is a folder, not an inspection file")
        header = _header(path)
        if path.stat().st_size and header != SQLITE_HEADER:
            encrypted = cipher.looks_encrypted(path, header)
            if not encrypted:
                raise NotAnInspectionFile(
                    f"{path}: not an inspection file (not an SQLite database)"
                )
    elif not path.parent.exists():
        raise StorageError(f"{path}: the folder {path.parent} does not exist")
    new_key = None
    if not existed:
        new_key = passphrase if passphrase is not None else cipher.new_file_passphrase()
    db = _connect(
        path,
        encrypted=encrypted,
        passphrase=passphrase if encrypted else new_key,
        read_only=read_only,
    )
    try:
        _check_identity(db, path, create=create)
        if quick_check:
            _quick_check(db, path)
        if read_only:
            _refuse_pending_migrations(db, path)
        else:
            _configure(db)
            if migrate:
                migrate_database(db, path)
    except DATABASE_ERRORS as exc:
        db.close()
        raise _described(path, exc) from None
    except BaseException:
        db.close()
        raise
    return db


def _described(path: Path, exc: Exception) -> StorageError:
    """A StorageError in words for an SQLite error on opening ``path``."""
    message = str(exc)
    if "malformed" in message or "corrupt" in message:
        return CorruptFileError(f"{path}: the file is damaged ({message})")
    if "not a database" in message or "encrypted" in message:
        return NotAnInspectionFile(f"{path}: not an inspection file ({message})")
    if "readonly" in message or "read-only" in message:
        return StorageError(f"{path}: the file or its folder cannot be written ({message})")
    return StorageError(f"{path}: {message}")


#: The page cache while one pass reads the whole file (KiB): a backup, a quick check, the
#: whole case list. The usual 64 MB cache only added its size to the peak memory (measured
#: on the 627 MB file of 100,000 cases: a backup +76 MB with it, +16 MB with this; a quick
#: check +68 MB and +8 MB).
ONE_PASS_CACHE_KIB = 8192


#: The page cache of interactive work (KiB): a case read, a grade written. A 64 MB cache
#: filled as a user stepped through a large file (at 100,000 cases 20 steps added 22 MB to
#: the window's peak memory with it, 11 MB with this; benchmarks/RESULTS.md, issue 25).
INTERACTIVE_CACHE_KIB = 16384
#: The page cache of one bulk write (KiB): an import's or a merge's transaction, whose
#: indexes are updated row after row all over a large file.
BULK_CACHE_KIB = 65536


@contextmanager
def _cache_of(db: Database, kib: int) -> Iterator[None]:
    (size,) = db.execute("PRAGMA cache_size").fetchall()[0]
    db.execute(f"PRAGMA cache_size = -{kib}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(size)}")


def one_pass_cache(db: Database) -> AbstractContextManager[None]:
    """The connection's page cache held small for one pass over the file, then restored."""
    return _cache_of(db, ONE_PASS_CACHE_KIB)


def bulk_cache(db: Database) -> AbstractContextManager[None]:
    """The connection's page cache made large for one bulk write, then restored."""
    return _cache_of(db, BULK_CACHE_KIB)


def quick_check_problems(db: Database) -> list[str]:
    """``PRAGMA quick_check``: ``['ok']`` for a healthy file, else the problems found."""
    with one_pass_cache(db):
        rows = db.execute("PRAGMA quick_check").fetchall()
    lines = [line for row in rows for line in str(row[0]).splitlines() if line.strip()]
    problems = [line for line in lines if not line.startswith("*** in database")]
    return problems or lines


def damage_message(path: Path, problems: list[str]) -> str:
    """The one-line message for a file whose quick check found ``problems``."""
    more = f" and {len(problems) - 1} more problem(s)" if len(problems) > 1 else ""
    return f"{path}: the file is damaged (SQLite's quick check found: {problems[0]}{more})"


def _quick_check(db: Database, path: Path) -> None:
    """``PRAGMA quick_check``: a damaged file is refused naming what SQLite found."""
    problems = quick_check_problems(db)
    if problems != ["ok"]:
        raise CorruptFileError(damage_message(path, problems))


def _refuse_pending_migrations(db: Database, path: Path) -> None:
    if _has_tables(db) and STEPS.pending(db):
        raise StorageError(
            f"{path}: was written by an older version and needs upgrading, which a read-only "
            "view cannot do; open it for writing once (when no other copy holds it)"
        )


def _check_identity(db: Database, path: Path, *, create: bool) -> None:
    app_id, version = read_version(db)
    if app_id == 0 and version == 0 and not _has_tables(db):
        if create:
            return  # a brand-new, empty file
        raise NotAnInspectionFile(f"{path}: not an inspection file (an empty database)")
    if app_id != APPLICATION_ID:
        raise NotAnInspectionFile(
            f"{path}: not an inspection file (it is an SQLite database of another program)"
        )
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{path}: made by a newer version of Case File Auditor (schema version {version}; "
            f"this version reads up to {SCHEMA_VERSION}). Update the workstation to open it."
        )
    applied = set(STEPS.applied(db))
    unknown = sorted(applied - set(MIGRATION_NAMES))
    if unknown:
        raise NewerSchemaError(
            f"{path}: has schema changes this version does not know ({', '.join(unknown)}); "
            "update the workstation to open it."
        )


def _configure(db: Database) -> None:
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA cache_size = -{INTERACTIVE_CACHE_KIB}")  # bulk writes take more


def migrate_database(db: Database, path: Path | None = None) -> Path | None:
    """Apply pending migrations; back the file up first when it already holds data.

    Returns the path of the backup, if one was made.
    """
    _, version = read_version(db)
    if not STEPS.pending(db):
        return None
    backup = None
    if version > 0 and path is not None:
        backup = _pre_migration_backup(db, path, version)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    STEPS.migrations().apply(db)
    return backup


def schema_version(db: Database) -> int:
    """The schema version recorded in the file."""
    return read_version(db)[1]


def integrity_check(db: Database) -> list[str]:
    """``PRAGMA integrity_check``: ``['ok']`` for a healthy file, else the problems found."""
    return [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]


def has_dangling_references(db: Database) -> bool:
    """``PRAGMA foreign_key_check``: whether a row refers to one that is not in the file."""
    return db.execute("PRAGMA foreign_key_check").fetchone() is not None
