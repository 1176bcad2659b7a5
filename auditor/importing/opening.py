"""Opening the files an import reads: regular files only, never through a link, size first.

An import file or a case document is opened with ``O_NOFOLLOW`` (a symbolic link is not
followed) and ``O_NONBLOCK`` (a named pipe swapped in cannot hang the open), and the *opened
descriptor* is checked to be a regular file no bigger than its limit before a byte is read, so
a path changed between the check and the read cannot get past it. What the path is instead is
said in words ("is a symbolic link to /dev/zero", "is a named pipe", "is a device").
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from auditor.importing.limits import MB

CHUNK = 1024 * 1024
_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class NotRegular(Exception):
    """The path cannot be read as a regular file; the message says what it is instead."""


class TooBig(NotRegular):
    """A regular file over its limit (``size`` and ``limit`` in bytes), found before reading."""

    def __init__(self, message: str, size: int, limit: int) -> None:
        super().__init__(message)
        self.size = size
        self.limit = limit


def megabytes(size: int) -> str:
    """A size in words for a message: '1,024 MB', '2.5 MB', '0.25 MB', '900 bytes'."""
    value = size / MB
    if value >= 10:
        return f"{value:,.0f} MB"
    if value >= 1:
        return f"{value:.1f} MB"
    if value >= 0.01:
        return f"{value:.2f} MB"
    return f"{size:,} bytes"


def kind(mode: int) -> str:
    """What a file of this mode is, for a message (``is …``)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def refusal(path: Path, mode: int, what: str, dir_fd: int | None = None) -> str:
    """Why ``path`` (of ``mode``, from lstat) is not read; ``what`` names what it should be."""
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(path, dir_fd=dir_fd)
        except OSError:
            target = "somewhere"
        return f"is a symbolic link to {target}; links are not followed, so give the {what} itself"
    if stat.S_ISDIR(mode):
        return f"is a folder, not {_article(what)} {what}"
    return f"is {kind(mode)}, not {_article(what)} {what}: only regular files are read"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def too_big(size: int, limit: int, flag: str, verb: str = "is") -> str:
    """The message for a file of ``size`` bytes over ``limit`` (``flag`` raises the limit)."""
    return (
        f"{verb} {megabytes(size)} ({size:,} bytes); the limit is {megabytes(limit)}, checked "
        f"before reading (raise it with {flag})"
    )


def open_regular(
    path: Path, limit: int, flag: str, what: str = "file", *, dir_fd: int | None = None
) -> BinaryIO:
    """``path`` opened for reading: a regular file of at most ``limit`` bytes, not a link.

    ``dir_fd``: ``path`` is a name inside that open folder. Raises NotRegular saying why not
    (no such file, what it is instead, its size over the limit, or the system's reason).
    """
    try:  # what the path is, before opening it (opening a device can itself do something)
        mode = os.lstat(path, dir_fd=dir_fd).st_mode
    except FileNotFoundError:
        raise NotRegular("no such file") from None
    except OSError as exc:
        raise NotRegular(f"cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(mode):
        raise NotRegular(refusal(path, mode, what, dir_fd))
    try:  # and again on the opened descriptor: the path may have changed meanwhile
        fd = os.open(path, _FLAGS, dir_fd=dir_fd)
    except OSError as exc:
        raise NotRegular(f"cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device opened without blocking
            raise NotRegular(refusal(path, info.st_mode, what, dir_fd))
        if info.st_size > limit:
            raise TooBig(too_big(info.st_size, limit, flag), info.st_size, limit)
        _blocking(fd)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _blocking(fd: int) -> None:
    """Reads of the (regular) file block as usual; O_NONBLOCK only guarded the open."""
    if hasattr(os, "set_blocking"):
        with contextlib.suppress(OSError):
            os.set_blocking(fd, True)


def read_at_most(handle: BinaryIO, limit: int, flag: str) -> bytes:
    """The whole file, never more than ``limit`` + 1 bytes of it read: TooBig if it has grown
    past ``limit`` since it was opened. Read in one piece of the size the file said it had
    (memory: the file once), then on in chunks only if it has grown meanwhile."""
    expected = min(os.fstat(handle.fileno()).st_size, limit)
    data = handle.read(expected + 1)
    if len(data) <= expected:
        return data
    chunks = [data]
    total = len(data)
    while total <= limit and (chunk := handle.read(min(CHUNK, limit + 1 - total))):
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise TooBig(too_big(total, limit, flag, "grew to at least"), total, limit)
    return b"".join(chunks)


def read_and_hash(handle: BinaryIO, limit: int, flag: str) -> tuple[bytes, str]:
    """(the whole file, its SHA-256), read as read_at_most reads it."""
    data = read_at_most(handle, limit, flag)
    return data, hashlib.sha256(data).hexdigest()


def path_of(handle: BinaryIO, path: Path) -> str:
    """A path that opens the very file ``handle`` holds (on Linux its /proc/self/fd link, so a
    library given a path cannot be sent elsewhere by a rename); else ``path`` itself."""
    fd = handle.fileno()
    link = f"/proc/self/fd/{fd}"
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            mine, there = os.fstat(fd), os.stat(link)
            if (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino):
                return link
    return str(path)
