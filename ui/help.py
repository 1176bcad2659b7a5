"""Help → User guide: the guide kept in docs/, shown inside the workstation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ui.a11y import describe

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
