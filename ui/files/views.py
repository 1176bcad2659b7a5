"""File → Restore from backup… and Change passphrase…."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ui.common.workspace import Workspace


class FileViews:
    """Opens the backup and passphrase dialogs of one main window."""

    def __init__(self, workspace: Workspace, open_file: Callable[[Path], object]) -> None:
        self.workspace = workspace
        self.open_file = open_file  # the shell opens a file in a window of its own
        self.restore_dialog: QDialog | None = None

    def restore_backup(self) -> None:
        """File → Restore from backup…: the file's backups, restored into a new file."""
        from ui.files.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.workspace.inspection.path, self.workspace.widget)
        dialog.open_requested.connect(self.open_file)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.restore_dialog = dialog

    def change_passphrase(self) -> None:
        """File → Change passphrase… (``PRAGMA rekey``; see ui/files/passphrase.py)."""
        from ui.files.passphrase import change_passphrase_of

        change_passphrase_of(self.workspace)
