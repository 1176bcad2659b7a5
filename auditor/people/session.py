"""The keys opened in this process, by inspection file: a person signs in once per session.

The command line's ``--as KEYFILE`` and the window's sign-in put the opened key here for the
file they work on; every ``Inspection.open`` and ``Inspection.create`` of that file in this
process (a worker thread's own connection, an export, a merge) then signs as that person.
The key stays in memory only; nothing is written.
"""

from __future__ import annotations

import threading
from pathlib import Path

from auditor.people.keys import PersonalKey

_lock = threading.Lock()
_keys: dict[Path, PersonalKey] = {}


def _of(path: str | Path) -> Path:
    return Path(path).absolute()


def sign_in_here(path: str | Path, key: PersonalKey) -> None:
    """From now on, this process writes ``path`` as the holder of ``key``."""
    with _lock:
        _keys[_of(path)] = key


def key_for(path: str | Path) -> PersonalKey | None:
    with _lock:
        return _keys.get(_of(path))


def forget(path: str | Path) -> None:
    """Nobody is signed in for ``path`` any more (switch user, closing)."""
    with _lock:
        _keys.pop(_of(path), None)


def forget_everyone() -> None:
    """Nobody is signed in for any file (a new session; between tests)."""
    with _lock:
        _keys.clear()
