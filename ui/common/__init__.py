"""What every view may use: the workspace, the one background runner, the task dialog, save
retry, accessibility, theme."""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401  (installs the import hook changed below)


def _uses_the_default_features(_module: object) -> bool:
    """Every module of this process uses PySide6 with its default features (it selects none)."""
    return True


def _spare_the_source_scan() -> None:
    """Stop PySide6 reading the source of every module imported after it (~10 ms at start).

    PySide6 (6.12) hooks every import to learn whether the new module may select one of its
    optional features (``from __feature__ import snake_case``): it reads the module's whole
    source with ``inspect.getsource`` and looks for "PySide6". This application selects no
    feature, so every module has the default either way; answering "uses PySide6" at once
    gives the same selection without the read. A PySide6 without the hook is left alone.
    Package ``ui.common`` is imported by every view before its own modules, so this runs
    before the window's modules are imported.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_the_default_features


_spare_the_source_scan()
