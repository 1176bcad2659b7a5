"""Review → Audit log (F8): the log filtered by user, case reference, kind and dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from auditor.audit.log import KIND_LABELS
from auditor.errors import FILE_FAILURES, Refused
from auditor.moderation import visible_entries
from ui.common.a11y import describe
from ui.common.widgets import MessageLine, date_edit, from_qdate, make_table, size_within_screen
from ui.common.workspace import Workspace
from ui.review.models import AuditModel

#: At most this many entries are listed at once; narrower filters show the rest.
MOST = 20_000


class LogDialog(QDialog):
    """The audit log, oldest first, with filters: user, case, kind, from and to."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.widget)
        self.workspace = workspace
        self.log = workspace.inspection.log
        self.setWindowTitle("Audit log")
        describe(self, "Audit log", "Every alteration, consultation, disclosure and combination")

        self.user_filter = QComboBox()
        describe(self.user_filter, "Filter by user", "Shows only entries made by this user")
        self.case_filter = QLineEdit(placeholderText="Case reference, e.g. NM-18-0003")
        self.case_filter.setClearButtonEnabled(True)
        describe(
            self.case_filter,
            "Filter by case reference",
            "Shows only entries about the case with this reference (press Enter)",
        )
        self.kind_filter = QComboBox()
        describe(self.kind_filter, "Filter by kind", "Shows only entries of this kind")
        self.kind_filter.addItem("Every kind", None)
        for kind, label in KIND_LABELS.items():
            self.kind_filter.addItem(label, kind)
        self.use_since = QCheckBox("&From")
        describe(
            self.use_since, "Use a first day", "When ticked, entries before the day are hidden"
        )
        self.since = date_edit("First day", "The first day shown (UTC, included)")
        self.use_until = QCheckBox("&To")
        describe(self.use_until, "Use a last day", "When ticked, later entries are hidden")
        self.until = date_edit("Last day", "The last day shown (UTC, included)")
        self.apply_button = QPushButton("&Show")
        describe(self.apply_button, "Show entries", "List the entries matching the filters")
        self.apply_button.setAutoDefault(False)
        self.apply_button.clicked.connect(self.reload)
        for combo in (self.user_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self.reload)
        for box in (self.use_since, self.use_until):
            box.toggled.connect(self.reload)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self._date_changed)
        self.case_filter.returnPressed.connect(self.reload)

        self.model = AuditModel(workspace.inspection.framework, self)
        self.table = make_table(
            self.model,
            "Audit log entries",
            "The entries matching the filters, oldest first: when, who, case, kind and what",
            (150, 220, 100, 110),
        )
        self.count = QLabel()
        self.count.setAccessibleName("Entries listed")
        self.message = MessageLine("Audit log message")

        filters = QGridLayout()
        filters.addWidget(QLabel("&User:", buddy=self.user_filter), 0, 0)
        filters.addWidget(self.user_filter, 0, 1)
        filters.addWidget(QLabel("&Case:", buddy=self.case_filter), 0, 2)
        filters.addWidget(self.case_filter, 0, 3)
        filters.addWidget(QLabel("&Kind:", buddy=self.kind_filter), 0, 4)
        filters.addWidget(self.kind_filter, 0, 5)
        dates = QHBoxLayout()
        dates.addWidget(self.use_since)
        dates.addWidget(self.since)
        dates.addWidget(self.use_until)
        dates.addWidget(self.until)
        dates.addStretch(1)
        dates.addWidget(self.apply_button)
        filters.addLayout(dates, 1, 0, 1, 6)
        filters.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.message)
        size_within_screen(self, 1200, 640)

    def refresh_users(self) -> None:
        """List the inspection's users in the user filter (keeping the one chosen)."""
        chosen = self.user_filter.currentData()
        self.user_filter.blockSignals(True)
        self.user_filter.clear()
        self.user_filter.addItem("Every user", None)
        for assessor in self.workspace.inspection.assessors():
            self.user_filter.addItem(f"{assessor.name} ({assessor.role})", assessor.id)
        self.user_filter.setCurrentIndex(max(0, self.user_filter.findData(chosen)))
        self.user_filter.blockSignals(False)

    def _date_changed(self) -> None:
        if self.use_since.isChecked() or self.use_until.isChecked():
            self.reload()

    def reload(self) -> None:
        """List the entries matching the filters (a case reference must name a case)."""
        case_id = None
        reference = self.case_filter.text().strip()
        if reference:
            case = self.workspace.inspection.case_by_reference(reference)
            if case is None:
                self.message.refuse(f"No case has the reference {reference!r}.")
                self.model.reload([])
                self.count.setText("No entries listed.")
                return
            case_id = case.id
        since: date | None = from_qdate(self.since.date()) if self.use_since.isChecked() else None
        until: date | None = from_qdate(self.until.date()) if self.use_until.isChecked() else None
        if since and until and until < since:
            self.message.refuse("The last day is before the first day.")
            return
        try:
            entries = self.log.entries(
                user_id=self.user_filter.currentData(),
                case_id=case_id,
                kind=self.kind_filter.currentData(),
                since=since,
                until=until,
                limit=MOST + 1,
            )
        except (Refused, *FILE_FAILURES) as exc:  # said in words, never a traceback
            self.message.refuse(str(exc))
            return
        self.message.clear_message()
        more = len(entries) > MOST
        # Blind moderation: a second grader does not see the first grading until theirs is done.
        shown, hidden = visible_entries(
            self.workspace.inspection, self.workspace.user.id, entries[:MOST]
        )
        self.model.reload(shown)
        self.count.setText(
            f"{len(shown):,} entr{'ies' if len(shown) != 1 else 'y'} listed"
            + (f" (the first {MOST:,}; narrow the filters to see the rest)" if more else "")
            + (
                f"; {hidden:,} about cases you grade second, blind, hidden until your "
                "grading of each is complete"
                if hidden
                else ""
            )
        )
