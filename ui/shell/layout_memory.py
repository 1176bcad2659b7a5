"""The window remembers its size, its panel widths and the case list's columns (QSettings).

On first run the window takes the screen's available area (never more); a remembered size
larger than the screen it opens on (a laptop after a large monitor) is cut down to fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

#: Shares of the width for the case list, the case file and the grading panel: at 1366 pixels
#: the list shows a case's reference, status and grade whole (its referral from 1600).
SPLIT = (0.33, 0.31, 0.36)

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


def restore_layout(window: MainWindow) -> None:
    settings = window.settings
    geometry = settings.value("window/geometry")
    area = available_area(window)
    if geometry is not None and window.restoreGeometry(geometry):
        fit_to(window, area)
    else:
        window.setGeometry(area)
    splitter = settings.value("window/splitter")
    if splitter is None or not window.splitter.restoreState(splitter):
        width = window.width()
        window.splitter.setSizes([int(width * share) for share in SPLIT])
    header = settings.value("window/case_list_header")
    if header is not None:
        window.case_table.horizontalHeader().restoreState(header)


def save_layout(window: MainWindow) -> None:
    settings = window.settings
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/splitter", window.splitter.saveState())
    settings.setValue("window/case_list_header", window.case_table.horizontalHeader().saveState())
    settings.sync()


def available_area(window: MainWindow) -> QRect:
    """The available geometry of the screen the window is on (or the primary screen)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to(window: MainWindow, area: QRect) -> None:
    """Shrink and move the window so that the whole of it lies inside ``area``."""
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)
