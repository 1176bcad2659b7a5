"""File → New inspection…: the dialog, then the new file opened in a window of its own (the
shell's open path: sign-in, last file used). Whoever makes it is its lead: in a signed
inspection the key signed in here starts the new file's roster and signs in to it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from auditor.encryption import is_encrypted_file
from auditor.people import session

if TYPE_CHECKING:
    from ui.files.new_inspection import NewInspectionDialog
    from ui.shell.main_window import MainWindow


def open_new_inspection(window: MainWindow) -> NewInspectionDialog:
    """Show the New inspection dialog for ``window``; the file it makes opens at once."""
    from ui.files.new_inspection import NewInspectionDialog  # on first use: quicker start-up

    window.flush_edits()
    current = window.inspection
    lead = session.key_for(current.path) if current.signed else None
    encrypted = is_encrypted_file(Path(current.path))  # a new file is kept as this one is
    dialog = NewInspectionDialog(
        Path(current.path).parent, lead, window, current.framework, encrypted
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def made(path: Path) -> None:
        if lead is not None:
            session.sign_in_here(path, lead)  # the lead is signed in to the file they made
        window.open_elsewhere(path)

    dialog.created.connect(made)
    window.new_inspection_dialog = dialog  # type: ignore[attr-defined]
    dialog.open()
    return dialog


def new_inspection_handler(window: QMainWindow) -> Callable[[], object]:
    """What File → New inspection… does in ``window``."""
    return lambda: open_new_inspection(window)  # type: ignore[arg-type]
