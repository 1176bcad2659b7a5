"""How an inspection file is opened: under its one-writer lock, or read-only for viewing."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from db import lock
from db.connection import open_database
from db.database import Database


def locked(
    path: Path, *, create: bool, passphrase: str | None = None, quick_check: bool = True
) -> Database:
    """Open ``path`` holding its one-writer lock (taken before any migration); the lock is
    released if opening fails, else when the inspection closes."""
    lock.refuse_network_path(path)
    lock.acquire(path)
    try:
        return open_database(path, create=create, passphrase=passphrase, quick_check=quick_check)
    except BaseException:
        lock.release(path)
        raise


_viewing: dict[str, int] = {}  # real path -> read-only inspections open in this process
_viewing_guard = threading.Lock()


def _viewing_key(path: Path) -> str:
    return str(path.resolve())


def view_opened(path: Path, change: int) -> None:
    key = _viewing_key(path)
    with _viewing_guard:
        count = _viewing.get(key, 0) + change
        if count > 0:
            _viewing[key] = count
        else:
            _viewing.pop(key, None)


def viewed_here(path: Path) -> bool:
    """Whether this process views ``path`` read-only (its worker threads then do too)."""
    with _viewing_guard:
        return _viewing_key(path) in _viewing


#: The files SQLite keeps beside an inspection file while it is open.
SIDE_FILES = ("-wal", "-shm", "-journal")


def names_the_inspection(out: Path, path: Path) -> bool:
    """Whether writing ``out`` would replace the inspection file ``path`` itself (or a file
    SQLite keeps beside it): the same path however written, or another name for the same file."""
    target = Path(os.path.realpath(out))
    real = Path(os.path.realpath(path))
    if target in {real, *(real.with_name(real.name + side) for side in SIDE_FILES)}:
        return True
    try:
        return out.exists() and os.path.samefile(out, path)  # a hard link
    except OSError:
        return False


def refuse_writing_over(out: Path, paths: list[Path], error: type[Exception]) -> None:
    """Raise ``error`` when ``out`` names one of the inspection files ``paths`` (the output would
    replace the inspection it is written from), or is a folder."""
    for path in paths:
        if names_the_inspection(out, path):
            raise error(
                f"{out}: is the inspection file {path} itself; give the output another name"
            )
    if out.is_dir():
        raise error(f"{out}: is a folder; give a file name")
