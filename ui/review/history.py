"""Review → Case history (F7): everything recorded about the current case, in order."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from auditor.moderation import visible_entries
from ui.common.a11y import describe
from ui.common.widgets import make_table, size_within_screen
from ui.common.workspace import Workspace
from ui.review.models import AuditModel


class HistoryDialog(QDialog):
    """The audit entries of one case: when, who, what (follows the case on screen)."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.widget)
        self.workspace = workspace
        self.log = workspace.inspection.log
        self.case_id: str | None = None
        self.setWindowTitle("Case history")
        describe(self, "Case history", "Everything recorded about the case, in order")
        self.title = QLabel()
        self.title.setAccessibleName("Case")
        self.model = AuditModel(workspace.inspection.framework, self)
        self.table = make_table(
            self.model,
            "History of the case",
            "Every grade, note, flag, decision, referral step and consultation, oldest first",
            (150, 220, 0, 110),
        )
        self.table.hideColumn(AuditModel.COL_CASE)  # one case: its reference is the title
        self.refresh_button = QPushButton("&Refresh")
        describe(self.refresh_button, "Refresh", "Show the history of the case now selected")
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.follow_window)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        size_within_screen(self, 1100, 560)
        # Stepping through cases (Ctrl+PgDown) while the history is open shows each one's.
        workspace.case_selected.connect(self._case_selected)

    def _case_selected(self, _case_id: str) -> None:
        if self.isVisible():
            self.follow_window()

    def follow_window(self) -> None:
        """Show the history of the case selected in the main workspace."""
        self.show_case(self.workspace.current_case_id())

    def show_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        if case_id is None:
            self.title.setText("<b>No case is selected.</b> Choose one in the case list.")
            self.model.reload([])
            return
        case = self.workspace.inspection.case(case_id)
        # Blind moderation: a second grader does not see the first grading until theirs is done.
        entries, hidden = visible_entries(
            self.workspace.inspection, self.workspace.user.id, self.log.history(case_id)
        )
        self.model.reload(entries)
        self.title.setText(
            f"<b>{case.reference}</b> · {len(entries)} entr{'ies' if len(entries) != 1 else 'y'}"
            ", oldest first"
            + (
                f" · {hidden} entr{'ies' if hidden != 1 else 'y'} about others' grading hidden "
                "until your second (blind) grading of this case is complete"
                if hidden
                else ""
            )
        )
        self.setWindowTitle(f"Case history — {case.reference}")
        if entries:
            self.table.scrollToBottom()
