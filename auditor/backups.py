"""Automatic backups of inspection files, and restoring one into a new file.

Each inspection file has its own folder under the backups root (the window uses
``backups`` in the application's data folder): ``<root>/<file stem>-<8 hex of its path>/``.
A backup is taken through SQLite's online backup API (a consistent copy while the file stays
open for writing), written as ``.<name>.partial``, flushed, checked with ``PRAGMA
quick_check`` and only then renamed to ``backup-<UTC time>.caseaudit``: a backup killed
half-way never leaves a file that looks complete. The newest ``keep`` backups are kept.

A backup is skipped when the newest one already holds the same work (see
``db.backup.change_marker``), so opening a file again or an idle timer adds nothing.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from auditor.errors import Refused
from auditor.inspection import Inspection
from db import backup as backup_files
from db.connection import FILE_SUFFIX
from db.errors import StorageError

#: Minutes between backups while a file is being edited (a workstation setting).
DEFAULT_INTERVAL_MINUTES = 10
#: Backups kept per inspection file (a workstation setting).
DEFAULT_KEEP = 20
PREFIX = "backup-"
PARTIAL = ".partial"
_STAMP = "%Y%m%dT%H%M%S.%fZ"
STALE_PARTIAL_SECONDS = 3600  # a temporary file this old is left over from a killed backup


class BackupError(Refused):
    """A backup or a restore could not be made; the message says where and why."""


@dataclass(frozen=True)
class Backup:
    """One backup file and what it holds (counts are None when it cannot be read)."""

    path: Path
    taken_at: datetime  # UTC
    size: int
    cases: int | None
    graded: int | None
    problem: str = ""  # why the backup cannot be used; '' when it is healthy

    @property
    def usable(self) -> bool:
        return not self.problem


def backup_folder(root: Path, inspection_path: Path) -> Path:
    """The folder of ``inspection_path``'s backups under ``root`` (not created here)."""
    real = str(Path(inspection_path).resolve())
    digest = hashlib.sha256(real.encode("utf-8")).hexdigest()[:8]
    return Path(root) / f"{Path(inspection_path).stem}-{digest}"


def _backup_files(folder: Path) -> list[Path]:
    """The finished backups in ``folder``, newest first (temporary files are not listed)."""
    if not folder.is_dir():
        return []
    found = [
        p
        for p in folder.iterdir()
        if p.name.startswith(PREFIX) and p.name.endswith(FILE_SUFFIX) and p.is_file()
    ]
    return sorted(found, key=lambda p: p.name, reverse=True)


def _taken_at(path: Path) -> datetime:
    stamp = path.name.removeprefix(PREFIX).removesuffix(FILE_SUFFIX)
    try:
        return datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def describe_backup(path: Path, passphrase: str | None = None, *, check: bool = True) -> Backup:
    """Read one backup file (read-only): its time, size and counts, or what is wrong.

    ``check`` runs ``PRAGMA quick_check`` (done when a backup is made and before a restore;
    a list only reads the counts). The backup of an encrypted file needs its ``passphrase``.
    """
    size = path.stat().st_size
    taken = _taken_at(path)
    try:
        facts = backup_files.read_facts(path, passphrase, check=check)
    except StorageError as exc:
        return Backup(path, taken, size, None, None, problem=str(exc))
    if facts["check"] != ["ok"]:
        return Backup(path, taken, size, None, None, problem=f"damaged: {facts['check'][0]}")
    return Backup(path, taken, size, facts["cases"], facts["graded"])  # type: ignore[arg-type]


def list_backups(root: Path, inspection_path: Path) -> list[Backup]:
    """The backups of ``inspection_path``, newest first.

    Backups of an encrypted file are read with its passphrase while it is open here; else
    they are listed as unreadable (an encrypted backup needs the file's passphrase).
    """
    passphrase = backup_files.held_passphrase(Path(inspection_path))
    folder = backup_folder(root, inspection_path)
    return [describe_backup(p, passphrase, check=False) for p in _backup_files(folder)]


def take_backup(
    inspection: Inspection,
    root: Path,
    *,
    keep: int = DEFAULT_KEEP,
    only_if_changed: bool = True,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Backup | None:
    """Back ``inspection`` up into its folder under ``root``; keep the newest ``keep``.

    Returns the new backup, or None when ``only_if_changed`` and the newest backup already
    holds the same work. Raises BackupError (nothing half-written left under a backup's name)
    when the copy cannot be written or fails its check.
    """
    if keep < 1:
        raise BackupError(f"keep at least one backup, not {keep}")
    folder = backup_folder(root, inspection.path)
    existing = _backup_files(folder)
    passphrase = backup_files.held_passphrase(inspection.path)
    if only_if_changed and existing:
        current = backup_files.change_marker(inspection.db)
        if backup_files.marker_of(existing[0], passphrase) == current:
            return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"{folder}: cannot make the backups folder ({exc.strerror})") from None
    _remove_stale_partials(folder)
    final = folder / f"{PREFIX}{now().strftime(_STAMP)}{FILE_SUFFIX}"
    partial = folder / f".{final.name}{PARTIAL}"
    try:
        backup_files.write_copy(inspection.db, partial)
        made = describe_backup(partial, passphrase)
        if not made.usable:
            raise BackupError(
                f"the backup of {inspection.path.name} failed its check: {made.problem}"
            )
        os.replace(partial, final)
        backup_files.fsync(folder)
    except OSError as exc:
        raise BackupError(f"{final}: the backup could not be written ({exc})") from None
    except StorageError as exc:
        raise BackupError(f"{final}: the backup could not be written ({exc})") from None
    finally:
        partial.unlink(missing_ok=True)
    _prune(folder, keep)
    return Backup(final, _taken_at(final), final.stat().st_size, made.cases, made.graded)


def _prune(folder: Path, keep: int) -> None:
    for old in _backup_files(folder)[keep:]:
        old.unlink(missing_ok=True)


def _remove_stale_partials(folder: Path) -> None:
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for path in folder.glob(f".{PREFIX}*{PARTIAL}"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass  # another copy removed it, or it cannot be removed: harmless either way


def restore_backup(backup: Path, target: Path, *, inspection_path: Path | None = None) -> Path:
    """Copy the backup ``backup`` into the new file ``target`` and check it; never overwrites.

    The restored file is a byte copy: the backup of an encrypted file stays encrypted with
    the same passphrase (checked with it while ``inspection_path`` is open here).

    The copy is written beside ``target`` under a temporary name, checked, then linked into
    place (which fails if ``target`` appeared meanwhile). Raises BackupError, leaving nothing
    at ``target``, when the backup is unusable or ``target`` exists or cannot be written.
    """
    backup, target = Path(backup), Path(target)
    if target.exists():
        raise BackupError(f"{target}: already exists; restore into a new file")
    if not target.parent.is_dir():
        raise BackupError(f"{target}: the folder {target.parent} does not exist")
    if not backup.is_file():
        raise BackupError(f"{backup}: no such backup")
    partial = target.with_name(f".{target.name}{PARTIAL}")
    try:
        copy = partial.open("xb")
    except FileExistsError:
        raise BackupError(f"{target}: a restore into this name is already running") from None
    except OSError as exc:
        raise BackupError(f"{target}: could not be written ({exc.strerror or exc})") from None
    try:
        with backup.open("rb") as source, copy:
            while chunk := source.read(1 << 20):
                copy.write(chunk)
            copy.flush()
            os.fsync(copy.fileno())
        passphrase = backup_files.held_passphrase(inspection_path) if inspection_path else None
        checked = describe_backup(partial, passphrase)
        if not checked.usable:
            raise BackupError(f"{backup.name} cannot be restored: {checked.problem}")
        _link_new(partial, target)
        backup_files.fsync(target.parent)
    except OSError as exc:
        raise BackupError(f"{target}: could not be written ({exc.strerror or exc})") from None
    finally:
        partial.unlink(missing_ok=True)
    return target


def _link_new(partial: Path, target: Path) -> None:
    """Put ``partial`` at ``target`` only if nothing is there (a hard link cannot overwrite)."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise BackupError(f"{target}: already exists; restore into a new file") from None
    except OSError:  # a file system without hard links (a FAT memory stick)
        if target.exists():
            raise BackupError(f"{target}: already exists; restore into a new file") from None
        os.replace(partial, target)
