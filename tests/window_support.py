"""Opening the real main window in a test."""

from __future__ import annotations

from pathlib import Path


def open_window(qtbot, path: Path, settings):
    """The main window on ``path``, shown at a fixed size and registered with qtbot."""
    from ui.app import open_main_window

    window = open_main_window(path, settings)
    assert window is not None
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    qtbot.waitExposed(window)
    return window
