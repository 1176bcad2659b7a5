"""File → Export workbook… and Export for the force…: write the workbook off the UI thread.

The worker opens its own connection to the inspection file. Cancel makes the next progress
call raise; the export then stops and any earlier workbook under the chosen name stays intact
(the core writes beside it and renames only once complete). Errors are shown in words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.exporting.export import ExportError, ExportOptions, export_workbook
from auditor.inspection import Inspection
from ui.common.a11y import describe
from ui.common.background import Progress
from ui.common.task_dialog import TaskDialog, file_row
from ui.common.widgets import size_within_screen


def export_error(exc: Exception) -> str:
    if isinstance(exc, ExportError):
        return str(exc)
    return f"The workbook could not be written: {exc}"


FULL_INTRO = "Every sheet: tables, cases, criteria, chronology, referrals and the audit trail."
REDACTED_INTRO = (
    "For sharing beyond the inspection team: no names, dates of birth or notes, case "
    "references replaced by hashes, counts below 5 shown as <5, no audit trail."
)


def default_name(db_path: Path, for_force: bool, redact: bool, body: str = "the force") -> Path:
    """The workbook's file name beside the inspection ("north-for-the-force.xlsx")."""
    named = "-for-" + re.sub(r"[^a-z0-9]+", "-", body.casefold()).strip("-")
    suffix = named if for_force else "-redacted" if redact else ""
    return db_path.with_name(f"{db_path.stem}{suffix}.xlsx")


class ExportDialog(TaskDialog):
    """Choose the workbook's name, redaction and recipient; export with progress and Cancel."""

    failed_prefix = "Not exported: "
    cancelled_message = "Cancelled: no workbook was written; an earlier one is intact."

    def __init__(
        self,
        inspection: Inspection,
        options: ExportOptions,
        say: Callable[[str, int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        body = self.body = inspection.framework.words.inspected_body
        what = f"{body}'s workbook" if options.for_force else "the workbook"
        super().__init__(
            parent,
            action="&Export",
            action_help=f"Writes {what}",
            ready="Press Export to write the workbook; the export is logged.",
        )
        self.for_force = options.for_force
        self.options = options
        self.db_path = Path(inspection.path)
        self.say = say  # the main window's status line
        self.setWindowTitle(f"Export for {body}" if self.for_force else "Export workbook")

        self.intro = QLabel(
            f"The published tables and the cases referred back to {body} (confirmed by a "
            "supervisor), each with its reason and notes. Nothing else leaves the inspection."
            if self.for_force
            else FULL_INTRO
        )
        self.intro.setWordWrap(True)
        self.path = QLineEdit(str(default_name(self.db_path, self.for_force, False, body)))
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

        form = QFormLayout()
        form.addRow("&File:", file_row(self.path, browse))
        form.addRow("", self.redact)
        form.addRow("Reci&pient:", self.recipient)

        self.export_button = self.action_button
        self.export_button.clicked.connect(self.start)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.stage)
        layout.addWidget(self.bar)
        layout.addStretch(1)
        layout.addLayout(self.button_row())
        size_within_screen(self, 680, 230)

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.path.text(), "Excel workbooks (*.xlsx)"
        )
        if path:
            self.path.setText(path if path.lower().endswith(".xlsx") else f"{path}.xlsx")

    def _redact_toggled(self, redact: bool) -> None:
        """Say what the workbook holds; suggest a name that says redacted, unless typed."""
        self.intro.setText(REDACTED_INTRO if redact else FULL_INTRO)
        plain = str(default_name(self.db_path, self.for_force, False, self.body))
        redacted = str(default_name(self.db_path, self.for_force, True, self.body))
        if self.path.text() in (plain, redacted):
            self.path.setText(redacted if redact else plain)

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
            self.finish("failed", "Choose where to write the workbook.")
            return
        out = Path(text).expanduser()
        db_path, options = self.db_path, self.chosen_options()

        def work(progress: Progress) -> str:
            # SQLite connections cannot cross threads: the work opens its own.
            with Inspection.open(db_path) as inspection:  # its own connection, this thread
                export_workbook(
                    inspection, out, options, lambda sheet: progress(f"Writing the sheet {sheet}…")
                )
            return str(out)

        self.run_task(work, export_error)

    def task_succeeded(self, path: str) -> None:
        self.finish("exported", f"Written: {path}")
        if self.say is not None:
            self.say(f"Exported {Path(path).name}", 10_000)
