"""Opening an inspection file: checks, pragmas, a backup and forward migrations."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from db.errors import CorruptFileError, NewerSchemaError, NotAnInspectionFile, StorageError
from db.schema import MIGRATION_NAMES, SCHEMA_VERSION, migrations

#: ``PRAGMA application_id`` of an inspection file: the bytes "CFAU".
APPLICATION_ID = 0x43464155
SQLITE_HEADER = b"SQLite format 3\x00"
FILE_SUFFIX = ".caseaudit"


def _connect(path: Path) -> Database:
    try:
        conn = sqlite3.connect(str(path), timeout=10)
    except sqlite3.Error as exc:
        raise StorageError(f"{path}: cannot open the file ({exc})") from exc
    return Database(conn, execute_plugins=False)


def _header_ok(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    return head == SQLITE_HEADER


def read_version(db: Database) -> tuple[int, int]:
    """Return ``(application_id, user_version)`` of an open database."""
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    return int(app_id), int(version)


def _has_tables(db: Database) -> bool:
    row = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    return bool(row[0])


def backup_to(db: Database, target: Path) -> Path:
    """Write a consistent copy of ``db`` to ``target`` with SQLite's online backup API."""
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def _pre_migration_backup(db: Database, path: Path, version: int) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return backup_to(db, path.with_name(f"{path.name}.v{version}-{stamp}.bak"))


def open_database(path: str | Path, *, create: bool = False, migrate: bool = True) -> Database:
    """Open (or with ``create`` make) an inspection file, migrated to the current schema.

    Raises a ``StorageError`` subclass with a message naming the file and the problem.
    """
    path = Path(path)
    existed = path.exists()
    if not existed and not create:
        raise StorageError(f"{path}: no such inspection file")
    if existed:
        if path.is_dir():
            raise NotAnInspectionFile(f"{path}: is a folder, not an inspection file")
        if path.stat().st_size and not _header_ok(path):
            raise NotAnInspectionFile(f"{path}: not an inspection file (not an SQLite database)")
    elif not path.parent.exists():
        raise StorageError(f"{path}: the folder {path.parent} does not exist")
    db = _connect(path)
    try:
        _check_identity(db, path, create=create)
        _configure(db)
        if migrate:
            migrate_database(db, path)
    except sqlite3.DatabaseError as exc:
        db.close()
        message = str(exc)
        if "malformed" in message or "corrupt" in message:
            raise CorruptFileError(f"{path}: the file is damaged ({message})") from exc
        if "not a database" in message or "encrypted" in message:
            raise NotAnInspectionFile(f"{path}: not an inspection file ({message})") from exc
        raise StorageError(f"{path}: {message}") from exc
    except BaseException:
        db.close()
        raise
    return db


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
    applied = {m.name for m in migrations.applied(db)}
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
    db.execute("PRAGMA cache_size = -65536")  # 64 MB: large imports and 100,000-case lists


def migrate_database(db: Database, path: Path | None = None) -> Path | None:
    """Apply pending migrations; back the file up first when it already holds data.

    Returns the path of the backup, if one was made.
    """
    _, version = read_version(db)
    if not migrations.pending(db):
        return None
    backup = None
    if version > 0 and path is not None:
        backup = _pre_migration_backup(db, path, version)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.apply(db)
    return backup


def schema_version(db: Database) -> int:
    """The schema version recorded in the file."""
    return read_version(db)[1]


def integrity_check(db: Database) -> list[str]:
    """``PRAGMA integrity_check``: ``['ok']`` for a healthy file, else the problems found."""
    return [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
