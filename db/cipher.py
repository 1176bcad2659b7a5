"""SQLCipher: every inspection file is opened through ``sqlcipher3``, an encrypted one keyed.

One SQLite library for every inspection file in the process: mixing the standard ``sqlite3``
and SQLCipher's own copy of SQLite on the same file in one process would let one release the
other's POSIX locks (SQLite's "multiple copies of SQLite" corruption hazard). An unencrypted
file opened through sqlcipher3 is an ordinary SQLite file; it is encrypted only when keyed.

Passphrases:

- ``PRAGMA key`` is the first statement on an encrypted connection; a wrong one is found by
  reading the table of tables, before anything is written (the file stays byte for byte).
- While an encrypted file is open in this process its passphrase is held (as a bytearray,
  zeroed when the last connection to the file closes) so worker threads and backups can open
  the same file again without asking. Nothing else keeps it.
- Where no passphrase was given, the *source* installed by the command line or the window
  (``set_source``) is asked, at most three times per file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlcipher3 import dbapi2 as sqlcipher

from db.errors import PassphraseCancelled, PassphraseRequired, StorageError, WrongPassphrase

Connection = sqlcipher.Connection
#: SQLCipher's exceptions (not subclasses of ``sqlite3``'s).
Error = sqlcipher.Error
DatabaseError = sqlcipher.DatabaseError

#: How many passphrases the source may offer for one file before the open is refused.
TRIES = 3
#: The shortest passphrase accepted for a new or changed key.
MIN_LENGTH = 8

#: Asked for a passphrase: (the file, the try 1..3, why the last try failed or "") -> the
#: passphrase, or None to give up.
Source = Callable[[Path, int, str], str | None]

_source: Source | None = None
_new_file_passphrase: list[bytearray] = []  # the key for files created inside encrypt_new()
_held: dict[str, list] = {}  # real path -> [bytearray passphrase, open connections]
_guard = threading.Lock()


def set_source(source: Source | None) -> Source | None:
    """Install where passphrases come from (None: nowhere); returns the previous source."""
    global _source
    previous, _source = _source, source
    return previous


@contextmanager
def encrypt_new(passphrase: str | None) -> Iterator[None]:
    """Files created inside this block (``open_database(create=True)``) are encrypted."""
    if passphrase is None:
        yield
        return
    check_new_passphrase(passphrase)
    key = bytearray(passphrase.encode("utf-8"))
    _new_file_passphrase.append(key)
    try:
        yield
    finally:
        _new_file_passphrase.remove(key)
        _wipe(key)


def new_file_passphrase() -> str | None:
    """The passphrase for a file being created now, if inside ``encrypt_new``."""
    return _new_file_passphrase[-1].decode("utf-8") if _new_file_passphrase else None


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short or holding a control character (a ValueError)."""
    if len(passphrase) < MIN_LENGTH:
        raise ValueError(f"a passphrase needs at least {MIN_LENGTH} characters")
    if any(ord(ch) < 32 for ch in passphrase):
        raise ValueError("a passphrase cannot hold control characters")


def looks_encrypted(path: Path, header: bytes) -> bool:
    """A non-empty file without SQLite's plain header, sized in whole pages."""
    size = path.stat().st_size
    return size >= 1024 and size % 512 == 0 and not header.startswith(b"SQLite format 3\x00")


def connect(path: Path, *, read_only: bool = False, timeout: float = 10) -> Connection:
    """A connection to ``path`` (not yet keyed); ``read_only`` opens it with ``mode=ro``."""
    conn = sqlcipher.connect(_target(path, read_only), timeout=timeout, uri=True)
    conn.execute("PRAGMA cipher_log_level = NONE")  # else a wrong key is logged to stderr
    return conn


def _target(path: Path, read_only: bool) -> str:
    uri = "file:" + quote(str(path.absolute()))
    return uri + ("?mode=ro" if read_only else "")


def apply_key(conn: Connection, passphrase: str) -> None:
    """``PRAGMA key``: must be the first statement on the connection."""
    conn.execute(f"PRAGMA key = {_literal(passphrase)}")


def rekey(conn: Connection, passphrase: str) -> None:
    """``PRAGMA rekey``: re-encrypt every page of the open, keyed file with ``passphrase``."""
    conn.execute(f"PRAGMA rekey = {_literal(passphrase)}")


def _literal(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def key_opens(conn: Connection) -> bool:
    """Whether the key given opens the file: SQLCipher says so on the first read."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError as exc:
        if "not a database" in str(exc):
            return False
        raise
    return True


def open_keyed(
    path: Path, passphrase: str | None, *, read_only: bool = False, label: Path | None = None
) -> tuple[Connection, str]:
    """Open an encrypted file: with ``passphrase``, else the one this process holds for it,
    else up to ``TRIES`` from the source. Returns the connection and the passphrase that
    opened it; raises ``WrongPassphrase`` or ``PassphraseRequired``, having written nothing.
    ``label`` is the file named to the user (a package, for its extracted content)."""
    shown = label or path
    if passphrase is not None:
        return _try(path, passphrase, read_only) or _wrong(shown), passphrase
    held = held_passphrase(path)
    if held is not None:
        conn = _try(path, held, read_only)
        if conn is not None:
            return conn, held
    for other in _other_held(path):  # a team's package, encrypted with the open file's phrase
        conn = _try(path, other, read_only)
        if conn is not None:
            return conn, other
    if _source is None:
        raise PassphraseRequired(
            f"{shown}: is encrypted (or not an inspection file); a passphrase is needed to open it"
        )
    problem = ""
    for attempt in range(1, TRIES + 1):
        offered = _source(shown, attempt, problem)
        if offered is None:
            raise PassphraseCancelled(f"{shown}: is encrypted; no passphrase was given")
        conn = _try(path, offered, read_only)
        if conn is not None:
            return conn, offered
        problem = "That passphrase does not open this file."
    _wrong(shown, tries=TRIES)
    raise AssertionError  # unreachable


def _try(path: Path, passphrase: str, read_only: bool) -> Connection | None:
    conn = connect(path, read_only=read_only)
    try:
        apply_key(conn, passphrase)
        if key_opens(conn):
            return conn
    except BaseException:
        conn.close()
        raise
    conn.close()
    return None


def _wrong(path: Path, tries: int = 1) -> Connection:
    after = f" after {tries} tries" if tries > 1 else ""
    raise WrongPassphrase(
        f"{path}: the passphrase does not open this file{after} (or it is not an inspection "
        "file); nothing was changed"
    )


# --- passphrases of files open in this process --------------------------------------------------


def hold(path: Path, passphrase: str) -> None:
    """Keep ``passphrase`` while a connection to the encrypted ``path`` is open."""
    key = _key(path)
    with _guard:
        entry = _held.get(key)
        if entry is None:
            _held[key] = [bytearray(passphrase.encode("utf-8")), 1]
        else:
            entry[1] += 1


def release(path: Path) -> None:
    """One connection to ``path`` closed; the passphrase is zeroed when the last one does."""
    key = _key(path)
    with _guard:
        entry = _held.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            _wipe(_held.pop(key)[0])


def replace_held(path: Path, passphrase: str) -> None:
    """After a rekey: the file's connections now use ``passphrase``."""
    with _guard:
        entry = _held.get(_key(path))
        if entry is not None:
            _wipe(entry[0])
            entry[0] = bytearray(passphrase.encode("utf-8"))


def _other_held(path: Path) -> list[str]:
    """The passphrases of the other encrypted files open in this process (usually one)."""
    own = _key(path)
    with _guard:
        return [entry[0].decode("utf-8") for key, entry in _held.items() if key != own]


def held_passphrase(path: Path) -> str | None:
    with _guard:
        entry = _held.get(_key(path))
        return entry[0].decode("utf-8") if entry else None


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())


def _wipe(data: bytearray) -> None:
    data[:] = b"\x00" * len(data)


def export_copy(conn: Connection, target: Path, passphrase: str | None) -> None:
    """Write the database of ``conn`` to the new file ``target`` with ``sqlcipher_export``,
    encrypted with ``passphrase`` (None or '' writes it unencrypted)."""
    if target.exists():
        raise StorageError(f"{target}: already exists")
    conn.execute(f"ATTACH DATABASE ? AS exported KEY {_literal(passphrase or '')}", [str(target)])
    try:
        conn.execute("SELECT sqlcipher_export('exported')").fetchone()
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA main.application_id").fetchone()[0]
        conn.execute(f"PRAGMA exported.user_version = {int(version)}")
        conn.execute(f"PRAGMA exported.application_id = {int(app_id)}")
    finally:
        conn.execute("DETACH DATABASE exported")
