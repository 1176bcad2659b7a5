"""File → Import…: import a workbook or CSV (and a documents folder) off the UI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.errors import Refused
from auditor.importing.problems import ImportRefused
from auditor.importing.run import ImportReport, import_file
from ui.common.a11y import describe
from ui.common.background import BackgroundRunner, Progress
from ui.common.widgets import size_within_screen


def import_error(exc: Exception) -> str:
    """A refusal in words (its problems are listed from ``refused``); a file that cannot be
    written says so."""
    if isinstance(exc, Refused):
        return str(exc)
    return f"The import failed and nothing was imported: {exc}"


class ImportDialog(QDialog):
    """Choose a file (and documents folder), import it with progress and Cancel, see the result."""

    imported = Signal(object)  # ImportReport, after a successful import

    def __init__(self, db_path: Path, user_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import cases")
        # Modal: the import holds the file's write transaction, so the window waits for it.
        self.setModal(True)
        self.db_path = db_path
        self.user_name = user_name
        self.runner = BackgroundRunner(self)
        self.runner.progressed.connect(self._progressed)
        self.runner.succeeded.connect(self._succeeded)
        self.runner.refused.connect(self._refused)  # before ``failed``, for the problem lines
        self.runner.failed.connect(self._failed)
        self.runner.cancelled.connect(self._cancelled)
        self.runner.idle.connect(self._idle)
        self._refused_lines: list[str] | None = None
        self.outcome = ""  # "imported", "refused", "cancelled" or "failed" once finished

        self.source = QLineEdit()
        describe(self.source, "Workbook or CSV file", "The .xlsx, .ods or .csv file to import")
        self.documents = QLineEdit()
        describe(
            self.documents,
            "Documents folder",
            "Optional: a folder holding one folder of documents per case reference",
        )
        browse_source = QPushButton("Browse…")
        describe(browse_source, "Choose the file", "Opens a file chooser for the file to import")
        browse_source.clicked.connect(self._choose_source)
        browse_documents = QPushButton("Browse…")
        describe(browse_documents, "Choose the folder", "Opens a folder chooser for the documents")
        browse_documents.clicked.connect(self._choose_documents)
        form = QFormLayout()
        form.addRow("&File:", self._row(self.source, browse_source))
        form.addRow("&Documents (optional):", self._row(self.documents, browse_documents))

        self.stage = QLabel("Cases, gradings and chronology from an .xlsx, .ods or .csv file.")
        self.stage.setWordWrap(True)
        self.bar = QProgressBar()
        describe(self.bar, "Import progress", "Busy while the import runs")
        self.bar.setTextVisible(False)
        self.bar.setRange(0, 0)  # busy: the number of rows is known only once read
        self.bar.hide()  # shown only while an import runs
        self.result = QPlainTextEdit(readOnly=True)
        describe(
            self.result,
            "Import result",
            "What was imported, or every problem found by sheet, row and column",
        )
        self.result.setPlaceholderText("The result of the import is shown here.")

        self.import_button = QPushButton("&Import")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start)
        self.copy_button = QPushButton("&Copy")
        describe(self.copy_button, "Copy the result", "Copies the problems or the report")
        self.copy_button.clicked.connect(self.copy_result)
        self.copy_button.setEnabled(False)
        self.cancel_button = QPushButton("Close")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addWidget(self.result, 1)
        layout.addLayout(buttons)
        size_within_screen(self, 720, 480)

    @staticmethod
    def _row(field: QLineEdit, button: QPushButton) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(field, 1)
        layout.addWidget(button)
        return row

    def _choose_source(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import cases", "", "Workbooks and CSV files (*.xlsx *.xlsm *.ods *.csv)"
        )
        if path:
            self.source.setText(path)

    def _choose_documents(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Documents folder")
        if path:
            self.documents.setText(path)

    @property
    def running(self) -> bool:
        return self.runner.running

    def start(self) -> None:
        """Import the chosen file on a worker thread."""
        if self.running:
            return
        source = self.source.text().strip()
        if not source:
            self._finish("refused", ["Choose the file to import."])
            return
        documents = self.documents.text().strip()
        self.outcome = ""
        self.result.clear()
        self.copy_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.cancel_button.setText("Cancel")
        self.bar.show()
        self.stage.setText("Starting…")
        db_path, user_name = self.db_path, self.user_name
        folder = Path(documents) if documents else None

        def work(progress: Progress) -> ImportReport:
            # Cancel raises from progress between steps; the import rolls back whole.
            return import_file(db_path, Path(source), user_name, folder, progress)

        self.runner.start(work, import_error)

    def cancel(self) -> None:
        """Ask the running import to stop; it rolls back and reports 'cancelled'."""
        if self.running:
            self.runner.cancel()
            self.stage.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    @Slot(object)
    def _refused(self, refusal: Refused) -> None:
        if isinstance(refusal, ImportRefused):  # every problem, by sheet, row and column
            self._refused_lines = refusal.problems.lines()

    @Slot()
    def _cancelled(self) -> None:
        self._finish("cancelled", ["Import cancelled: nothing was imported."])

    @Slot(str)
    def _failed(self, message: str) -> None:
        lines, self._refused_lines = self._refused_lines, None
        if lines is not None:
            self._finish("refused", lines)
        else:
            self._finish("failed", [message])

    @Slot(str, object)
    def _progressed(self, what: str, done: int | None) -> None:
        self.stage.setText(f"{what}… {done:,} rows" if done else f"{what}…")

    @Slot(object)
    def _succeeded(self, report: ImportReport) -> None:
        self._finish("imported", report.lines())
        self.imported.emit(report)

    def _finish(self, outcome: str, lines: list[str]) -> None:
        self.outcome = outcome
        headline = {
            "imported": "Imported.",
            "refused": f"Nothing imported: {len(lines)} problem(s) to put right in the file.",
            "cancelled": "Cancelled.",
            "failed": "Failed.",
        }[outcome]
        if outcome == "refused" and lines and lines[-1].startswith("…"):
            headline = "Nothing imported: the file has more problems than are listed."
        self.stage.setText(headline)
        self.result.setPlainText("\n".join(lines))
        self.copy_button.setEnabled(bool(lines))
        self.bar.hide()

    @Slot()
    def _idle(self) -> None:
        self.import_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Close")

    def copy_result(self) -> None:
        QGuiApplication.clipboard().setText(self.result.toPlainText())

    def wait_idle(self, milliseconds: int = 60_000) -> None:
        """Cancel and wait for a running import (before the main window closes)."""
        self.runner.wait_idle(milliseconds)

    def reject(self) -> None:
        """Close, or while importing, cancel (the dialog stays until the rollback is done)."""
        if self.running:
            self.cancel()
            return
        super().reject()
