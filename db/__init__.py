"""Storage layer: the inspection file, its schema and migrations, and all SQL.

Speaks rows and dicts; imports neither ``auditor`` nor Qt.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

#: Modules sqlite-utils imports at once but uses only in functions this project never calls
#: (its date-parsing recipes): loaded on first use instead (``importlib.util.LazyLoader``).
DEFERRED = ("dateutil.parser",)


def _load_on_first_use(name: str) -> None:
    """Register ``name`` in ``sys.modules`` as a module whose code runs when it is first used."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)  # imports the parent package (small)
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)  # runs nothing yet
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)


def _import_sqlite_utils_without_pandas() -> None:
    """Import sqlite-utils without the pandas and numpy it loads if they are installed.

    sqlite-utils imports both at once (about 0.6 s) only to map numpy types on insert; this
    project converts cells to plain Python first, and loads pandas only to read or write a
    workbook. Hiding them for this one import keeps the window's start fast. Its date parser
    (dateutil, about 15-20 ms) is deferred until something uses it (pandas does, in an export).
    Its command-line dependencies, click and pluggy (about 30 ms), are used as it is imported
    (a hook's annotation, its plugin manager), so they cannot be deferred.
    """
    if "sqlite_utils" in sys.modules:
        return
    for name in DEFERRED:
        _load_on_first_use(name)
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
