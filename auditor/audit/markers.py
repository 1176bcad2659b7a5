"""The ``@writes`` / ``@reads`` markers on the core's public methods.

Methods that change the file are marked ``@writes`` and the others ``@reads``; a test walks
every public method of the classes that touch graded data and refuses one that is neither, so
a new write path cannot slip in without its audit assertion.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
_MARK = "__audit_writes__"


def writes(method: F) -> F:
    """Mark a public method that changes the inspection file (it must write audit rows)."""
    setattr(method, _MARK, True)
    return method


def reads(method: F) -> F:
    """Mark a public method that only reads."""
    setattr(method, _MARK, False)
    return method


def public_methods(cls: type) -> dict[str, Callable[..., Any]]:
    """Public callables defined on ``cls`` (and its bases, not ``object``), by name."""
    found: dict[str, Callable[..., Any]] = {}
    for klass in reversed(cls.__mro__[:-1]):
        for name, value in vars(klass).items():
            if not name.startswith("_") and callable(value):
                found[name] = value
    return found


def write_methods(cls: type) -> list[str]:
    """Names of ``cls``'s public methods marked ``@writes``."""
    return sorted(n for n, m in public_methods(cls).items() if getattr(m, _MARK, None) is True)


def unmarked_methods(cls: type) -> list[str]:
    """Names of ``cls``'s public methods marked neither ``@writes`` nor ``@reads``."""
    return sorted(n for n, m in public_methods(cls).items() if not hasattr(m, _MARK))
