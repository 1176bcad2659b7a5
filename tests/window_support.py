"""Opening the real main window in a test."""

from __future__ import annotations

from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"


def save_screenshot(widget, name: str) -> None:
    """Render ``widget`` to build/screenshots/NAME for a reviewer to look at."""
    from PySide6.QtWidgets import QApplication

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    assert widget.grab().save(str(SCREENSHOTS / name))


def open_window(qtbot, path: Path, settings):
    """The main window on ``path``, shown at a fixed size and registered with qtbot."""
    from ui.shell.app import open_main_window

    window = open_main_window(path, settings)
    assert window is not None
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    qtbot.waitExposed(window)
    return window
