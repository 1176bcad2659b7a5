"""Help → User guide (the guide kept in docs/, shown inside the workstation), Keyboard shortcuts
and About."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.a11y import describe
from ui.shortcuts import shortcuts_html

if TYPE_CHECKING:
    from ui.main_window import MainWindow

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "user-guide.md"


def guide_markdown(path: Path = GUIDE) -> str:
    """The guide's text, or a short note saying where it should be."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return f"# User guide\n\nThe user guide was not found at `{path}`."


class GuideDialog(QDialog):
    """A resizable, non-modal window showing the user guide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("User guide — Case File Auditor")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setMarkdown(guide_markdown())
        describe(self.browser, "User guide", "How to grade case files with the workstation")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 640)


def show_shortcuts(window: QWidget) -> QMessageBox:
    """Help → Keyboard shortcuts: the shortcut table, in a box that does not block."""
    box = QMessageBox(window)
    box.setWindowTitle("Keyboard shortcuts")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(shortcuts_html())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_about(window: MainWindow, title: str) -> None:
    inspection = window.inspection
    QMessageBox.about(
        window,
        title,
        f"{title}\nInspection: {inspection.name}\nFile: {inspection.path}\n"
        f"Framework: {inspection.framework.name}",
    )
