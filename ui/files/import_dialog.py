"""File → Import…: import a workbook or CSV (and a documents folder) off the UI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
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

from auditor.importing.problems import ImportCancelled, ImportRefused
from auditor.importing.run import ImportReport, import_file
from ui.common.a11y import describe


class ImportWorker(QObject):
    """Runs one import in a worker thread; reports stages and the outcome as signals."""

    progressed = Signal(str, int)
    succeeded = Signal(object)  # ImportReport
    refused = Signal(list)  # problem lines
    cancelled = Signal()
    failed = Signal(str)
    finished = Signal()

    def __init__(self, db_path: Path, source: Path, user_name: str, documents: Path | None) -> None:
        super().__init__()
        self.db_path = db_path
        self.source = source
        self.user_name = user_name
        self.documents = documents
        self.cancel_requested = threading.Event()

    def _progress(self, what: str, done: int) -> None:
        if self.cancel_requested.is_set():
            raise ImportCancelled
        self.progressed.emit(what, done)

    @Slot()
    def run(self) -> None:
        try:
            report = import_file(
                self.db_path, self.source, self.user_name, self.documents, self._progress
            )
        except ImportRefused as refused:
            self.refused.emit(refused.problems.lines())
        except ImportCancelled:
            self.cancelled.emit()
        except Exception as exc:  # never a traceback: say what failed
            self.failed.emit(f"The import failed and nothing was imported: {exc}")
        else:
            self.succeeded.emit(report)
        self.finished.emit()


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
        self.thread: QThread | None = None
        self.worker: ImportWorker | None = None
        self.outcome = ""  # "imported", "refused", "cancelled" or "failed" once finished

        self.source = QLineEdit()
        describe(self.source, "Workbook or CSV file", "The .xlsx or .csv file to import")
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

        self.stage = QLabel("Cases, gradings and chronology from an .xlsx or .csv file.")
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
        self.resize(720, 480)

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
            self, "Import cases", "", "Workbooks and CSV files (*.xlsx *.xlsm *.csv)"
        )
        if path:
            self.source.setText(path)

    def _choose_documents(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Documents folder")
        if path:
            self.documents.setText(path)

    @property
    def running(self) -> bool:
        return self.thread is not None

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
        self.worker = ImportWorker(
            self.db_path, Path(source), self.user_name, Path(documents) if documents else None
        )
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        # Bound methods of this dialog, never lambdas: a lambda would run in the worker's
        # thread and touch widgets there; a method of a QObject runs in the UI thread.
        self.worker.refused.connect(self._refused)
        self.worker.cancelled.connect(self._cancelled)
        self.worker.failed.connect(self._failed)
        # Direct: quit from the worker's thread, so a UI thread blocked in wait() is released.
        self.worker.finished.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.thread.finished.connect(self._thread_done)
        self.thread.start()

    def cancel(self) -> None:
        """Ask the running import to stop; it rolls back and reports 'cancelled'."""
        if self.worker is not None:
            self.worker.cancel_requested.set()
            self.stage.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    @Slot(list)
    def _refused(self, lines: list[str]) -> None:
        self._finish("refused", lines)

    @Slot()
    def _cancelled(self) -> None:
        self._finish("cancelled", ["Import cancelled: nothing was imported."])

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._finish("failed", [message])

    @Slot(str, int)
    def _progressed(self, what: str, done: int) -> None:
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
    def _thread_done(self) -> None:
        if self.thread is not None:
            self.thread.wait()
            self.thread.deleteLater()
        if self.worker is not None:
            self.worker.deleteLater()
        self.thread = None
        self.worker = None
        self.import_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Close")

    def copy_result(self) -> None:
        QGuiApplication.clipboard().setText(self.result.toPlainText())

    def wait_idle(self, milliseconds: int = 60_000) -> None:
        """Cancel and wait for a running import (before the main window closes)."""
        if self.worker is not None:
            self.worker.cancel_requested.set()
        if self.thread is not None:
            self.thread.wait(milliseconds)

    def reject(self) -> None:
        """Close, or while importing, cancel (the dialog stays until the rollback is done)."""
        if self.running:
            self.cancel()
            return
        super().reject()
