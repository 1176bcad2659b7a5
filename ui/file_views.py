"""File → Restore from backup… and Change passphrase… (issue 8)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class FileViews:
    """Opens the backup and passphrase dialogs of one main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def restore_backup(self) -> None:
        self.window.statusBar().showMessage("Restore from backup: being built", 3000)

    def change_passphrase(self) -> None:
        self.window.statusBar().showMessage("Change passphrase: being built", 3000)
