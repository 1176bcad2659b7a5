"""The Reports view and File → Export…: tables, charts and the workbook, off the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ReportViews:
    """Opens the Reports view and the export dialogs of one main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def _not_yet(self, what: str) -> None:
        QMessageBox.information(self.window, what, f"{what} is not available yet.")

    def open_reports(self) -> None:
        self._not_yet("The Reports view")

    def open_export(self) -> None:
        self._not_yet("Export")

    def open_export_for_force(self) -> None:
        self._not_yet("Export for the force")
