"""A pytest plugin that makes Qt unimportable: ``pytest -p tests.support.block_qt tests/core``.

The core is tested without Qt (``scripts/test`` runs tests/core this way): any import of
PySide6 or shiboken6, however indirect, fails the test that made it.
"""

from __future__ import annotations

import importlib.abc
import sys

BLOCKED = ("PySide6", "shiboken6")


class QtBlocker(importlib.abc.MetaPathFinder):
    """Refuses to find PySide6 and shiboken6, as if they were not installed."""

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> None:
        if fullname.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {fullname!r} (Qt is blocked here)")
        return None


if any(name.split(".")[0] in BLOCKED for name in sys.modules):
    raise RuntimeError("Qt was imported before tests.support.block_qt could block it")
sys.meta_path.insert(0, QtBlocker())
