"""Help → User guide (the pages in the ``resources.guide`` package, shown inside the
workstation), Keyboard shortcuts and About."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from auditor.framework import Framework
from ui.common.a11y import describe, explain
from ui.common.framework_words import guide_in_words
from ui.common.scale_words import keys_text
from ui.common.widgets import size_within_screen
from ui.shell.identity import user_text
from ui.shell.shortcuts import shortcuts_html

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

GUIDE_PAGE = "user-guide.md"


def guide_page(name: str = GUIDE_PAGE) -> Traversable:
    """A page of the user guide, inside the installed ``resources.guide`` package."""
    return resources.files("resources.guide").joinpath(name)


def guide_markdown(page: Traversable | None = None) -> str:
    """The guide's text, or a short note saying where it should be."""
    page = page if page is not None else guide_page()
    try:
        return page.read_text(encoding="utf-8")
    except OSError:
        return f"# User guide\n\nThe user guide was not found at `{page}`."


class GuideBrowser(QTextBrowser):
    """The guide's pages, each read in the open framework's words (links keep working)."""

    def __init__(self, framework: Framework | None) -> None:
        super().__init__()
        self.framework = framework

    def loadResource(self, kind: int, url: QUrl) -> object:
        if self.framework is not None and url.isLocalFile() and url.path().endswith(".md"):
            try:
                text = Path(url.toLocalFile()).read_text(encoding="utf-8")
            except OSError:
                return super().loadResource(kind, url)
            return guide_in_words(text, self.framework)
        return super().loadResource(kind, url)


class GuideDialog(QDialog):
    """A resizable, non-modal window showing the user guide."""

    def __init__(self, parent: QWidget | None = None, framework: Framework | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("User guide — Case File Auditor")
        inspection = getattr(parent, "inspection", None)
        framework = framework or (inspection.framework if inspection is not None else None)
        # The guide's examples are the child-protection framework's; the keys of the file
        # open now are said above it.
        self.keys = QLabel(wordWrap=True)
        self.keys.setObjectName("guideKeys")
        if framework is not None:
            self.keys.setText(
                f"In this inspection ({framework.name}) a criterion's keys are "
                f"{keys_text(framework, answers=True)}; the overall grade's are "
                f"{keys_text(framework, answers=False)}."
            )
        explain(self.keys, "The grading keys of the inspection open now")
        self.keys.setVisible(framework is not None)
        self.browser = GuideBrowser(framework)
        self.browser.setOpenExternalLinks(False)
        page = guide_page()
        if isinstance(page, Path) and page.is_file():
            # As a file, the guide's links to its other pages (import format, packages,
            # moderation) open in the same browser, with Back through its history.
            self.browser.setSource(
                QUrl.fromLocalFile(str(page)), QTextDocument.ResourceType.MarkdownResource
            )
        else:
            text = guide_markdown(page)
            self.browser.setMarkdown(guide_in_words(text, framework) if framework else text)
        describe(self.browser, "User guide", "How to grade case files with the workstation")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.keys)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        size_within_screen(self, 720, 640)


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: the shortcut table in the open framework's words and with
    the keys of its scales, scrolling, never taller than the screen."""

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("shortcutsDialog")
        self.browser = QTextBrowser()
        self.browser.setHtml(shortcuts_html(framework))
        describe(self.browser, "Keyboard shortcuts", "Every shortcut of the workstation")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.browser.document().setTextWidth(560)
        wanted = QSize(620, int(self.browser.document().size().height()) + 140)
        self.resize(wanted.boundedTo(available_size(parent, 0.85)))


def available_size(widget: QWidget | None, share: float) -> QSize:
    """``share`` of the available geometry of the screen ``widget`` is on (or the primary)."""
    screen = widget.screen() if widget is not None else QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    return QSize(int(area.width() * share), int(area.height() * share))


def show_shortcuts(window: MainWindow) -> ShortcutsDialog:
    """Help → Keyboard shortcuts, in a window that does not block."""
    dialog = ShortcutsDialog(window.inspection.framework, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_about(window: MainWindow, title: str) -> None:
    inspection = window.inspection
    QMessageBox.about(
        window,
        title,
        f"{title}\nInspection: {inspection.name}\nFile: {inspection.path}\n"
        f"Framework: {inspection.framework.name}\n"
        f"{'Signed' if inspection.signed else 'Unsigned'} inspection; you: "
        f"{user_text(inspection, window.user)}",
    )
