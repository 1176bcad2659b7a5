"""File → Export workbook… and Export for the force…: write the workbook off the UI thread.

The worker opens its own connection to the inspection file. Cancel makes the next progress
call raise; the export then stops and any earlier workbook under the chosen name stays intact
(the core writes beside it and renames only once complete). Errors are shown in words.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from auditor.exporting.export import ExportError, ExportOptions, export_workbook
from auditor.inspection import Inspection
from ui.a11y import describe


class ExportCancelled(Exception):
    """Raised from the progress callback when the user pressed Cancel."""


class ExportWorker(QObject):
    """Writes one workbook in a worker thread; reports the sheet being written and the outcome."""

    progressed = Signal(str)
    succeeded = Signal(str)  # the workbook's path
    cancelled = Signal()
    failed = Signal(str)
    finished = Signal()

    def __init__(self, db_path: Path, out: Path, options: ExportOptions) -> None:
        super().__init__()
        self.db_path = db_path
        self.out = out
        self.options = options
        self.cancel_requested = threading.Event()

    def _progress(self, sheet: str) -> None:
        if self.cancel_requested.is_set():
            raise ExportCancelled
        self.progressed.emit(sheet)

    @Slot()
    def run(self) -> None:
        try:
            # SQLite connections cannot cross threads: this worker opens its own.
            with Inspection.open(self.db_path) as inspection:
                export_workbook(inspection, self.out, self.options, self._progress)
        except ExportCancelled:
            self.cancelled.emit()
        except ExportError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # never a traceback: say what failed
            self.failed.emit(f"The workbook could not be written: {exc}")
        else:
            self.succeeded.emit(str(self.out))
        self.finished.emit()


FULL_INTRO = "Every sheet: tables, cases, criteria, chronology, referrals and the audit trail."
REDACTED_INTRO = (
    "For sharing beyond the inspection team: no names, dates of birth or notes, case "
    "references replaced by hashes, counts below 5 shown as <5, no audit trail."
)


def default_name(db_path: Path, for_force: bool, redact: bool) -> Path:
    suffix = "-for-the-force" if for_force else "-redacted" if redact else ""
    return db_path.with_name(f"{db_path.stem}{suffix}.xlsx")


class ExportDialog(QDialog):
    """Choose the workbook's name, redaction and recipient; export with progress and Cancel."""

    def __init__(
        self,
        inspection: Inspection,
        options: ExportOptions,
        status_bar: QStatusBar | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.for_force = options.for_force
        self.options = options
        self.db_path = Path(inspection.path)
        self.status_bar = status_bar
        self.thread: QThread | None = None
        self.worker: ExportWorker | None = None
        self.outcome = ""  # "exported", "cancelled" or "failed" once finished
        what = "the force's workbook" if self.for_force else "the workbook"
        self.setWindowTitle("Export for the force" if self.for_force else "Export workbook")

        self.intro = QLabel(
            "The published tables and the cases referred back to the force (confirmed by a "
            "supervisor), each with its reason and notes. Nothing else leaves the inspection."
            if self.for_force
            else FULL_INTRO
        )
        self.intro.setWordWrap(True)
        self.path = QLineEdit(str(default_name(self.db_path, self.for_force, False)))
        describe(self.path, "Workbook file", f"Where {what} is written (.xlsx)")
        browse = QPushButton("&Browse…")
        describe(browse, "Choose the file", "Opens a file chooser for the workbook's name")
        browse.clicked.connect(self._choose)
        self.redact = QCheckBox("&Redacted (for sharing beyond the inspection team)")
        describe(
            self.redact,
            "Redacted",
            "Leaves out names, dates of birth and notes; hashes references; shows small "
            "counts as <5",
        )
        self.redact.toggled.connect(self._redact_toggled)
        self.redact.setVisible(not self.for_force)
        self.recipient = QLineEdit(placeholderText="Who receives the workbook (logged)")
        describe(
            self.recipient, "Recipient", "Recorded in the audit log as the disclosure's recipient"
        )

        row = QWidget()
        path_row = QHBoxLayout(row)
        path_row.setContentsMargins(0, 0, 0, 0)
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("&File:", row)
        form.addRow("", self.redact)
        form.addRow("Reci&pient:", self.recipient)

        self.stage = QLabel("Press Export to write the workbook; the export is logged.")
        self.stage.setWordWrap(True)
        describe(self.stage, "Export state", "The sheet being written, or the outcome")
        self.bar = QProgressBar()
        describe(self.bar, "Export progress", "Busy while the workbook is written")
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.hide()
        self.export_button = QPushButton("&Export")
        describe(self.export_button, "Export", f"Writes {what}")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.close_button = QPushButton("Close")
        describe(self.close_button, "Close or cancel", "Cancels a running export, else closes")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(680, 230)

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.path.text(), "Excel workbooks (*.xlsx)"
        )
        if path:
            self.path.setText(path if path.lower().endswith(".xlsx") else f"{path}.xlsx")

    def _redact_toggled(self, redact: bool) -> None:
        """Say what the workbook holds; suggest a name that says redacted, unless typed."""
        self.intro.setText(REDACTED_INTRO if redact else FULL_INTRO)
        plain = str(default_name(self.db_path, self.for_force, False))
        redacted = str(default_name(self.db_path, self.for_force, True))
        if self.path.text() in (plain, redacted):
            self.path.setText(redacted if redact else plain)

    @property
    def running(self) -> bool:
        return self.thread is not None

    def chosen_options(self) -> ExportOptions:
        return ExportOptions(
            redact=self.redact.isChecked() and not self.for_force,
            for_force=self.for_force,
            recipient=self.recipient.text().strip(),
            user=self.options.user,
        )

    def start(self) -> None:
        """Write the workbook on a worker thread."""
        if self.running:
            return
        text = self.path.text().strip()
        if not text:
            self._finish("failed", "Choose where to write the workbook.")
            return
        out = Path(text).expanduser()
        self.outcome = ""
        self.export_button.setEnabled(False)
        self.close_button.setText("Cancel")
        self.bar.show()
        self.stage.setText("Starting…")
        self.worker = ExportWorker(self.db_path, out, self.chosen_options())
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        # Bound slots of this dialog, never lambdas: they run in the UI thread.
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.cancelled.connect(self._cancelled)
        self.worker.failed.connect(self._failed)
        # Direct: quit from the worker's thread, so a UI thread blocked in wait() is released.
        self.worker.finished.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.thread.finished.connect(self._thread_done)
        self.thread.start()

    def cancel(self) -> None:
        """Ask the running export to stop at the next sheet; the earlier file stays."""
        if self.worker is not None:
            self.worker.cancel_requested.set()
            self.stage.setText("Cancelling…")
            self.close_button.setEnabled(False)

    @Slot(str)
    def _progressed(self, sheet: str) -> None:
        self.stage.setText(f"Writing the sheet {sheet}…")

    @Slot(str)
    def _succeeded(self, path: str) -> None:
        self._finish("exported", f"Written: {path}")
        if self.status_bar is not None:
            self.status_bar.showMessage(f"Exported {Path(path).name}", 10_000)

    @Slot()
    def _cancelled(self) -> None:
        self._finish("cancelled", "Cancelled: no workbook was written; an earlier one is intact.")

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._finish("failed", f"Not exported: {message}")

    def _finish(self, outcome: str, message: str) -> None:
        self.outcome = outcome
        self.stage.setText(message)
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
        self.export_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.close_button.setText("Close")

    def reject(self) -> None:
        """Close, or while exporting, cancel (the dialog stays until the export has stopped)."""
        if self.running:
            self.cancel()
            return
        super().reject()

    def wait_idle(self, milliseconds: int = 60_000) -> None:
        """Cancel and wait for a running export (before the main window closes)."""
        if self.worker is not None:
            self.worker.cancel_requested.set()
        if self.thread is not None:
            self.thread.wait(milliseconds)
