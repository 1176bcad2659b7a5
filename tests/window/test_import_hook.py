"""PySide6's import hook does not read the source of each module imported after ``ui.common``."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pytest

import ui.common  # noqa: F401


def test_a_module_imported_after_the_window_modules_is_not_read_for_pyside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "freshly_made_view.py").write_text(
        "from PySide6.QtWidgets import QLabel\n\nLABEL = QLabel\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    read: list[object] = []
    real_getsource = inspect.getsource

    def recording_getsource(thing: object) -> str:
        read.append(thing)
        return real_getsource(thing)

    monkeypatch.setattr(inspect, "getsource", recording_getsource)
    try:
        import freshly_made_view as module  # an import statement, as the views import
    finally:
        sys.modules.pop("freshly_made_view", None)
    assert module.LABEL.__name__ == "QLabel"
    assert read == []  # PySide6 6.12 would read the whole file here, once per module
