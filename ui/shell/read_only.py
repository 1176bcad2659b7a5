"""Read-only viewing: a file another copy holds, shown with every editing action disabled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

#: Actions that would write to the file (or log a disclosure in it): off when read-only.
EDITING_ACTIONS = (
    "import",
    "merge_packages",
    "change_passphrase",
    "export",
    "export_force",
    "export_package",
    "undo",
    "redo",
    "cite",
    "refer",
    "quality",
)
READ_ONLY_NOTE = "Not available: the file is open read-only"


def apply_read_only(window: MainWindow, title: str) -> None:
    """Mark ``window`` read-only: title and status bar say so; editing actions are off."""
    window.setWindowTitle(f"{window.inspection.name} (read-only) — {title}")
    label = QLabel("Read-only: another copy is changing this file; nothing can be saved here")
    label.setObjectName("readOnlyLabel")
    label.setAccessibleName("Read-only")
    window.statusBar().insertPermanentWidget(0, label)
    window.read_only_label = label
    for action_id in EDITING_ACTIONS:
        action = window.actions_by_id.get(action_id)
        if action is not None:
            action.setEnabled(False)
            action.setStatusTip(READ_ONLY_NOTE)
