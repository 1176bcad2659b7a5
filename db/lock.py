"""One writer at a time: an inspection file is held through a lock file beside it.

The lock is an ``fcntl.flock`` on ``.NAME.lock``, which also records who holds it (process,
host, user, since). The operating system releases a flock when its process ends, however it
ends, so a lock left by a killed process is reclaimed on the next open without asking. Within
one process the lock is shared (the window and its worker threads open the same file).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import getpass
import json
import os
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from db.errors import StorageError

_held: dict[str, list] = {}  # real path -> [open lock file, users in this process]
_guard = threading.Lock()
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "afs", "ncpfs"}


class FileInUse(StorageError):
    """Another running copy of the workstation has the file open for writing."""

    def __init__(self, message: str, holder: dict) -> None:
        super().__init__(message)
        self.holder = holder


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


#: How long a second writer waits for the one holding a file before it is refused (the command
#: line sets it; the window does not wait: it offers to view the file read-only at once).
wait_seconds = 0.0
#: Told once, in words, when a writer starts waiting (the command line prints it).
on_wait: Callable[[str], None] | None = None


def acquire(path: Path) -> None:
    """Hold ``path`` for writing, waiting up to ``wait_seconds`` for another holder to let it
    go; then raise FileInUse naming the holder."""
    key = str(path.resolve())
    with _guard:
        if key in _held:
            _held[key][1] += 1
            return
        handle = _locked_file(lock_path(path), path)
        deadline = time.monotonic() + wait_seconds
        told = False
        while isinstance(handle, dict) and time.monotonic() < deadline:
            if not told and on_wait is not None:  # said once: who holds it, how long we wait
                on_wait(
                    f"{path}: waiting up to {wait_seconds:g} s for "
                    f"{handle.get('user', 'someone')} on {handle.get('host', 'another computer')}"
                    f" (process {handle.get('pid', '?')}) to finish with it"
                )
                told = True
            _guard.release()  # other threads of this process may go on meanwhile
            try:
                time.sleep(0.2)
            finally:
                _guard.acquire()
            if key in _held:  # another thread here took it meanwhile
                _held[key][1] += 1
                return
            handle = _locked_file(lock_path(path), path)
        if isinstance(handle, dict):
            holder = handle
            raise FileInUse(
                f"{path}: open for writing by {holder.get('user', 'someone')} on "
                f"{holder.get('host', 'another computer')} (process {holder.get('pid', '?')}, "
                f"since {holder.get('since', '?')}); close it there, or open it read-only",
                holder,
            ) from None
        try:
            _write_holder(handle)
        except OSError as exc:  # a full disk: no lock file is left behind
            _give_up(handle, lock_path(path))
            raise StorageError(
                f"{path}: its lock file {lock_path(path).name} could not be written "
                f"({exc.strerror or exc}); nothing was changed"
            ) from None
        _held[key] = [handle, 1]


def _write_holder(handle) -> None:
    handle.seek(0)
    handle.truncate()
    handle.write(
        json.dumps(
            {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "user": getpass.getuser(),
                "since": datetime.now(UTC).isoformat(timespec="seconds"),
            }
        )
    )
    handle.flush()


def _give_up(handle, where: Path) -> None:
    """Remove a lock file we hold but could not fill in, then let it go."""
    where.unlink(missing_ok=True)  # while still held: nobody else has it
    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    with contextlib.suppress(OSError):  # closing flushes the holder again, and fails again
        handle.close()


def held_here(path: Path) -> bool:
    """Whether this process already holds ``path`` (another thread has it open)."""
    with _guard:
        return str(path.resolve()) in _held


def release(path: Path) -> None:
    """Give up one hold of ``path``; the lock goes when the last user in this process closes."""
    key = str(path.resolve())
    with _guard:
        entry = _held.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] == 0:
            handle = _held.pop(key)[0]
            lock_path(path).unlink(missing_ok=True)  # while still held: nobody else has it
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
            handle.close()


class _SymbolicLink(Exception):
    """The lock file's name is a symbolic link (never followed: it could point anywhere)."""


def _open_lock_file(where: Path):
    """The lock file, made with ``O_EXCL | O_NOFOLLOW`` or, when it exists, opened without
    following a symbolic link (a lock file pointing elsewhere would overwrite that file)."""
    flags = os.O_RDWR | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    while True:
        try:
            fd = os.open(where, flags | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            try:
                fd = os.open(where, flags)
            except FileNotFoundError:
                continue  # its holder removed it as we looked: make it
            except OSError as exc:
                if exc.errno == errno.ELOOP or where.is_symlink():
                    raise _SymbolicLink from None
                raise
        return os.fdopen(fd, "a+", encoding="utf-8")


def _locked_file(where: Path, path: Path):
    """The lock file, opened and locked by us; or, when someone holds it, what it says."""
    while True:
        try:
            handle = _open_lock_file(where)
        except _SymbolicLink:
            raise StorageError(
                f"{path}: its lock file {where.name} is a symbolic link; it is never followed "
                "(remove it if no other copy is running)"
            ) from None
        except OSError as exc:  # a read-only folder, or no room for one more file
            raise StorageError(
                f"{path}: its lock file {where.name} cannot be made in {where.parent} "
                f"({exc.strerror or exc}); nothing was changed"
            ) from None
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = _read_holder(handle.read())
            handle.close()
            return holder
        try:
            same = os.stat(where).st_ino == os.fstat(handle.fileno()).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return handle
        handle.close()  # the holder removed it as we opened it: try the new one


def _read_holder(text: str) -> dict:
    try:
        holder = json.loads(text)
    except ValueError:
        return {}
    return holder if isinstance(holder, dict) else {}


def filesystem_type(path: Path, mounts: str | None = None) -> str:
    """The type of file system ``path`` (absolute) is on, from /proc/mounts ('' if unknown)."""
    target = str(path)
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8")
        except OSError:
            return ""
    best, kind = "", ""
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, parts[2]
    return kind


def refuse_network_path(path: Path, mounts: str | None = None) -> None:
    """Refuse a file on a network file system: SQLite's locking is not safe there."""
    kind = filesystem_type(path.parent.resolve(), mounts)
    if kind in NETWORK_FILESYSTEMS:
        raise StorageError(
            f"{path}: is on a network drive ({kind}); SQLite files can be corrupted there. "
            "Copy it to this computer's disk and open the copy"
        )
