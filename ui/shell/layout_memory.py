"""The window remembers its size, its panel widths and the case list's columns (QSettings).

On first run the window takes the screen's available area (never more); a remembered size
larger than the screen it opens on (a laptop after a large monitor) is cut down to fit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

#: Shares of the width for the case list, the case file and the grading panel.
SPLIT = (0.27, 0.37, 0.36)
#: The most of the width the list takes from the case file to keep its key columns in view
#: (at 1366 pixels: reference, status and grade whole, the referral's header whole).
LIST_AT_MOST = 0.34

#: The case list's key columns sized by hand ("1:200,2:150"), kept across sessions.
HAND = "window/case_list_hand"
#: The widest a saved hand width is taken to be (pixels): a larger one is a damaged setting.
HAND_MOST = 2000

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
    splitter = window.splitter
    state = settings.value("window/splitter")
    if state is None or not splitter.restoreState(state):
        # The panels share what the two handles between them leave.
        width = window.width() - 2 * splitter.handleWidth()
        margins = splitter.widget(0).layout().contentsMargins()  # the list's pane's
        need = window.case_table.key_width() + margins.left() + margins.right()
        splitter.setSizes(first_split(width, need))
    header = settings.value("window/case_list_header")
    if header is not None:
        window.case_table.restore_header(header, hand_widths(settings.value(HAND)))


def first_split(width: int, key_width: int) -> list[int]:
    """The three panels' widths on first run: the list wide enough for its key columns
    (``key_width``) within its share and ``LIST_AT_MOST``; the case file gives way."""
    cases, _, grading = (int(width * share) for share in SPLIT)
    cases = min(max(cases, key_width), int(width * LIST_AT_MOST))
    return [cases, width - cases - grading, grading]


def hand_widths(saved: object) -> dict[int, int]:
    """The columns sized by hand as saved ("1:200,2:150"); anything else is left out (a
    hand-edited file's value, a width past ``HAND_MOST``), never raised."""
    if isinstance(saved, (list, tuple)):  # written unquoted by hand: QSettings splits it
        saved = ",".join(str(part) for part in saved)
    widths: dict[int, int] = {}
    for pair in str(saved or "").split(","):
        column, _, width = (part.strip() for part in pair.partition(":"))
        digits = f"{column}{width}"
        if not (column and width and digits.isascii() and digits.isdecimal()):
            continue
        if 0 < int(width) <= HAND_MOST:
            widths[int(column)] = int(width)
    return widths


def save_layout(window: MainWindow) -> None:
    settings = window.settings
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/splitter", window.splitter.saveState())
    settings.setValue("window/case_list_header", window.case_table.horizontalHeader().saveState())
    settings.setValue(HAND, ",".join(f"{c}:{w}" for c, w in window.case_table.hand.items()))
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
