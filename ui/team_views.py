"""File → Export package… and Merge packages…: team inspections offline (issue 7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class TeamViews:
    """Opens the package and merge dialogs of one main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def export_package(self) -> None:
        self.window.statusBar().showMessage("Export package: being built", 3000)

    def merge_packages(self) -> None:
        self.window.statusBar().showMessage("Merge packages: being built", 3000)
