"""The window remembers its size, its panel widths and the case list's columns (QSettings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


def restore_layout(window: MainWindow) -> None:
    settings = window.settings
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        window.resize(1400, 860)
    splitter = settings.value("window/splitter")
    if splitter is not None:
        window.splitter.restoreState(splitter)
    header = settings.value("window/case_list_header")
    if header is not None:
        window.case_table.horizontalHeader().restoreState(header)


def save_layout(window: MainWindow) -> None:
    settings = window.settings
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/splitter", window.splitter.saveState())
    settings.setValue("window/case_list_header", window.case_table.horizontalHeader().saveState())
    settings.sync()
