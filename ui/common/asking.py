"""One question in a message box: what is at stake, one button that goes ahead and one that
leaves things as they are (Enter goes ahead, Esc leaves)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def go_ahead(
    parent: QWidget | None,
    title: str,
    text: str,
    details: str,
    action: str,
    *,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    name: str = "",
    leave: QMessageBox.StandardButton = QMessageBox.StandardButton.Cancel,
    min_width: int = 0,
) -> bool:
    """Ask ``text`` (``details`` beneath it) with ``action`` as the default button beside
    ``leave``; whether the user chose ``action``. ``name`` is the box's object name;
    ``min_width`` widens the details so they read in a few lines, not many short ones."""
    box = QMessageBox(icon, title, "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # a reference or a path is shown as typed
    if name:
        box.setObjectName(name)
    if min_width:  # Qt names the message box's informative label so
        box.setStyleSheet(f"QLabel#qt_msgbox_informativelabel {{ min-width: {min_width}px; }}")
    box.setText(text)
    box.setInformativeText(details)
    chosen = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(leave)
    box.setDefaultButton(chosen)
    box.exec()
    return box.clickedButton() is chosen
