"""File → Restore from backup… and Change passphrase… (issue 8)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


class FileViews:
    """Opens the backup and passphrase dialogs of one main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.restore_dialog: QDialog | None = None
        self.opened_windows: list[MainWindow] = []  # restored files opened from this one

    def restore_backup(self) -> None:
        """File → Restore from backup…: the file's backups, restored into a new file."""
        from ui.files.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.window.inspection.path, self.window)
        dialog.open_requested.connect(self.open_restored)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.restore_dialog = dialog

    def open_restored(self, path: Path) -> None:
        """Open a restored file in a window of its own (this one stays on its file)."""
        from ui.shell.app import open_main_window  # here: ui.shell.app imports the main window

        opened = open_main_window(path, self.window.settings)
        if opened is None:
            return
        inspection = opened.inspection
        opened.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        opened.destroyed.connect(lambda _obj=None: inspection.close())
        opened.show()
        self.opened_windows.append(opened)

    def change_passphrase(self) -> None:
        """File → Change passphrase… (``PRAGMA rekey``; see ui/files/passphrase.py)."""
        from ui.files.passphrase import change_passphrase_of

        change_passphrase_of(self.window)
