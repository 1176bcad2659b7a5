"""File → Export package…: this laptop's work written to one package file for the lead."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.inspection import Inspection
from auditor.merging import PACKAGE_SUFFIX, Manifest, PackageError, write_package
from ui.a11y import describe
from ui.background import BackgroundRunner, Progress

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def default_package_name(db_path: Path, user_name: str) -> Path:
    who = "-".join(user_name.lower().split()) or "package"
    return db_path.with_name(f"{db_path.stem}-{who}{PACKAGE_SUFFIX}")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def package_error(exc: Exception) -> str:
    if isinstance(exc, PackageError):
        return str(exc)
    return f"The package could not be written: {exc}"


class PackageDialog(QDialog):
    """Choose the package's file, whose work and the recipient; write it off the UI thread."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.db_path = Path(window.inspection.path)
        self.outcome = ""  # "written" or "failed" once finished
        self.setWindowTitle("Export package")
        intro = QLabel(
            "One file holding this laptop's cases, documents, chronologies, assessments, "
            "notes, referrals, reviews and audit log, for the lead inspector to merge. "
            "Writing it is logged as a disclosure."
        )
        intro.setWordWrap(True)
        self.path = QLineEdit(str(default_package_name(self.db_path, window.user.name)))
        describe(self.path, "Package file", "Where the package is written")
        browse = QPushButton("&Browse…")
        describe(browse, "Choose the file", "Opens a file chooser for the package's name")
        browse.clicked.connect(self._choose)
        self.assessor = QLineEdit(placeholderText="Everyone with an assessment in this file")
        describe(self.assessor, "Whose work", "The inspector whose work the package holds")
        self.recipient = QLineEdit(placeholderText="Who receives the package (logged)")
        describe(self.recipient, "Recipient", "Recorded in the audit log as the recipient")
        row = QWidget()
        path_row = QHBoxLayout(row)
        path_row.setContentsMargins(0, 0, 0, 0)
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("&File:", row)
        form.addRow("&Whose work:", self.assessor)
        form.addRow("Reci&pient:", self.recipient)

        self.stage = QLabel("Press Write to write the package.")
        self.stage.setWordWrap(True)
        describe(self.stage, "Package state", "What is being done, or the outcome")
        self.bar = QProgressBar()
        describe(self.bar, "Package progress", "Busy while the package is written")
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.hide()
        self.write_button = QPushButton("&Write")
        describe(self.write_button, "Write", "Writes the package")
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(self.start)
        self.close_button = QPushButton("Close")
        describe(self.close_button, "Close", "Closes this dialog")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.resize(680, 240)

        self.runner = BackgroundRunner(self)
        self.runner.progressed.connect(self.stage.setText)
        self.runner.succeeded.connect(self._written)
        self.runner.failed.connect(self._failed)
        self.runner.idle.connect(self._idle)

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.path.text(), f"Audit packages (*{PACKAGE_SUFFIX})"
        )
        if path:
            self.path.setText(path)

    @property
    def running(self) -> bool:
        return self.runner.running

    def start(self) -> None:
        """Write the package on a worker thread (it cannot be cancelled: it is one copy)."""
        if self.running:
            return
        text = self.path.text().strip()
        if not text:
            self._finish("failed", "Choose where to write the package.")
            return
        out = Path(text).expanduser()
        db_path, user = self.db_path, self.window.user
        assessor, recipient = self.assessor.text().strip(), self.recipient.text().strip()
        self.window.grading.flush()

        def work(progress: Progress) -> tuple[str, Manifest]:
            progress("Writing the package…")
            with Inspection.open(db_path) as inspection:  # its own connection, this thread
                actor = inspection.assessor(user.name, user.role)
                manifest = write_package(
                    inspection, out, assessor=assessor or None, actor=actor, recipient=recipient
                )
            return str(out), manifest

        self.outcome = ""
        self.write_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.bar.show()
        self.runner.start(work, package_error)

    @Slot(object)
    def _written(self, result: tuple[str, Manifest]) -> None:
        path, manifest = result
        cases = manifest.counts.get("cases", 0)
        assessments = manifest.counts.get("assessments", 0)
        self._finish(
            "written",
            f"Written: {path}\n{_count(cases, 'case')}, {_count(assessments, 'assessment')}; "
            f"work of {manifest.assessor}.",
        )
        self.window.statusBar().showMessage(f"Package written: {Path(path).name}", 10_000)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._finish("failed", f"Not written: {message}")

    def _finish(self, outcome: str, message: str) -> None:
        self.outcome = outcome
        self.stage.setText(message)
        self.bar.hide()

    @Slot()
    def _idle(self) -> None:
        self.write_button.setEnabled(True)
        self.close_button.setEnabled(True)

    def reject(self) -> None:
        if not self.running:
            super().reject()

    def wait_idle(self, milliseconds: int = 60_000) -> None:
        self.runner.wait_idle(milliseconds)
