"""File → Export package…: this laptop's work written to one package file for the lead."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from auditor.inspection import Inspection
from auditor.merging.manifest import PACKAGE_SUFFIX, Manifest, PackageError
from auditor.merging.package import write_package
from ui.common.a11y import describe
from ui.common.background import Progress
from ui.common.task_dialog import TaskDialog, file_row
from ui.common.widgets import size_within_screen
from ui.common.workspace import Workspace


def default_package_name(db_path: Path, user_name: str) -> Path:
    who = "-".join(user_name.lower().split()) or "package"
    return db_path.with_name(f"{db_path.stem}-{who}{PACKAGE_SUFFIX}")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def package_error(exc: Exception) -> str:
    if isinstance(exc, PackageError):
        return str(exc)
    return f"The package could not be written: {exc}"


class PackageDialog(TaskDialog):
    """Choose the package's file, whose work and the recipient; write it off the UI thread."""

    failed_prefix = "Not written: "

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(
            workspace.widget,
            action="&Write",
            action_help="Writes the package",
            ready="Press Write.",
        )
        self.workspace = workspace
        self.db_path = Path(workspace.inspection.path)
        self.setWindowTitle("Export package")
        intro = QLabel(
            "One file holding this laptop's cases, documents, chronologies, assessments, "
            "notes, referrals, reviews and audit log, for the lead inspector to merge. "
            "Writing it is logged as a disclosure."
        )
        intro.setWordWrap(True)
        self.path = QLineEdit(str(default_package_name(self.db_path, workspace.user.name)))
        describe(self.path, "Package file", "Where the package is written")
        browse = QPushButton("&Browse…")
        describe(browse, "Choose the file", "Opens a file chooser for the package's name")
        browse.clicked.connect(self._choose)
        self.assessor = QLineEdit(placeholderText="Everyone with an assessment in this file")
        describe(self.assessor, "Whose work", "The inspector whose work the package holds")
        self.recipient = QLineEdit(placeholderText="Who receives the package (logged)")
        describe(self.recipient, "Recipient", "Recorded in the audit log as the recipient")
        form = QFormLayout()
        form.addRow("&File:", file_row(self.path, browse))
        form.addRow("W&hose work:", self.assessor)
        form.addRow("Reci&pient:", self.recipient)
        self.write_button = self.action_button
        self.write_button.clicked.connect(self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addStretch(1)
        layout.addLayout(self.button_row())
        size_within_screen(self, 680, 240)

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.path.text(), f"Audit packages (*{PACKAGE_SUFFIX})"
        )
        if path:
            self.path.setText(path)

    def start(self) -> None:
        """Write the package on a worker thread (one copy: it cannot be cancelled half way)."""
        if self.running:
            return
        text = self.path.text().strip()
        if not text:
            self.finish("failed", "Choose where to write the package.")
            return
        out = Path(text).expanduser()
        db_path, user = self.db_path, self.workspace.user
        assessor, recipient = self.assessor.text().strip(), self.recipient.text().strip()
        self.workspace.flush_edits()  # the package's audit log has every edit and opening

        def work(progress: Progress) -> tuple[str, Manifest]:
            progress("Writing the package…")
            with Inspection.open(db_path) as inspection:  # its own connection, this thread
                actor = inspection.assessor(user.name, user.role)
                manifest = write_package(
                    inspection, out, assessor=assessor or None, actor=actor, recipient=recipient
                )
            return str(out), manifest

        self.run_task(work, package_error, cancellable=False)

    def task_succeeded(self, result: tuple[str, Manifest]) -> None:
        path, manifest = result
        cases = manifest.counts.get("cases", 0)
        assessments = manifest.counts.get("assessments", 0)
        self.finish(
            "written",
            f"Written: {path}\n{_count(cases, 'case')}, {_count(assessments, 'assessment')}; "
            f"work of {manifest.assessor}.",
        )
        self.workspace.status(f"Package written: {Path(path).name}", 10_000)
