"""sqlite-utils, imported the first time it is needed (``db.database``), without pandas.

sqlite-utils imports pandas and numpy at once if they are installed (about 0.6 s) only to map
numpy types on insert; this project converts cells to plain Python first, and loads pandas
only to read or write a workbook, so they are hidden for this one import. Its date parser
(dateutil, about 15-20 ms) is deferred until something uses it (pandas does, in an export).
Its command-line dependencies, click and pluggy, are used as it is imported (a hook's
annotation, its plugin manager): they come with it.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import weakref
from collections.abc import Iterator, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from db.database import Database

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


def _import_without_pandas() -> ModuleType:
    """``sqlite_utils``, imported with pandas and numpy hidden (unless already imported)."""
    if "sqlite_utils" in sys.modules:
        return sys.modules["sqlite_utils"]
    for name in DEFERRED:
        _load_on_first_use(name)
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        return importlib.import_module("sqlite_utils")
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]


sqlite_utils = _import_without_pandas()
NotFoundError = importlib.import_module("sqlite_utils.db").NotFoundError
Migrations = importlib.import_module("sqlite_utils.migrations").Migrations
dedupe_keys = importlib.import_module("sqlite_utils.utils").dedupe_keys


class Library(sqlite_utils.Database):
    """sqlite-utils' Database on a ``db.database.Database``'s connection: its tables'
    transactions and queries go through that object (BEGIN IMMEDIATE, a read-only file's
    refusal, reads without a savepoint)."""

    #: sqlite-utils' own methods, for the owner to call where it leaves the work to them.
    query_as_library = sqlite_utils.Database.query
    atomic_as_library = sqlite_utils.Database.atomic

    def __init__(self, owner: Database) -> None:
        super().__init__(owner.conn, recursive_triggers=False, execute_plugins=False)
        # recursive_triggers: the owner set it on connecting. A weak reference: the owner
        # holds this object, and a cycle would keep a dropped file open until a collection.
        self.owner = weakref.proxy(owner)

    def atomic(self) -> Any:
        return self.owner.atomic()

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
    ) -> Iterator[dict[str, Any]]:
        return self.owner.query(sql, params)
