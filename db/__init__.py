"""Storage layer: the inspection file, its schema and migrations, and all SQL.

Speaks rows and dicts; imports neither ``auditor`` nor Qt.
"""

from __future__ import annotations

import importlib
import sys


def _import_sqlite_utils_without_pandas() -> None:
    """Import sqlite-utils without the pandas and numpy it loads if they are installed.

    sqlite-utils imports both at once (about 0.6 s) only to map numpy types on insert; this
    project converts cells to plain Python first, and loads pandas only to read or write a
    workbook. Hiding them for this one import keeps the window's start fast.
    """
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        importlib.import_module("sqlite_utils")
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]


_import_sqlite_utils_without_pandas()
