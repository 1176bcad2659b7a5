"""Review → Review queue (F5): a supervisor decides each flagged case, oldest first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from auditor.errors import FILE_FAILURES, Refused
from auditor.people import is_supervisor
from auditor.review.desk import QueueItem
from ui.common.a11y import describe
from ui.common.framework_words import in_words
from ui.common.widgets import (
    MessageLine,
    after_change,
    banner,
    make_table,
    named,
    select_near,
    size_within_screen,
)
from ui.common.workspace import Workspace
from ui.review.details import case_heading, grades_html, referral_html, reviews_html
from ui.review.evidence import HOW_TO_OPEN, CitationLinks, cited
from ui.review.models import QueueModel

SUPERVISORS_ONLY = (
    "The review queue is for supervisors. You are signed in as {name}, an {role}: you can "
    "read the queue, but only a supervisor can confirm, overturn or return a referral."
)


class QueueDialog(QDialog):
    """The flagged cases awaiting a decision, the selected one's grading, and the decisions."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.widget)
        self.workspace = workspace
        self.desk = workspace.inspection.review
        self.framework = workspace.inspection.framework
        self.setWindowTitle("Review queue")
        describe(self, "Review queue", "Flagged cases awaiting a supervisor's decision")
        user = workspace.user
        self.is_supervisor = is_supervisor(user)

        self.model = QueueModel(self.framework, self)
        self.table = make_table(
            self.model,
            "Flagged cases awaiting review",
            "Oldest first; the selected case's grading is shown beside the list",
            (100, 150, 200, 175, 90),
        )
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.count = QLabel()
        self.count.setAccessibleName("Cases in the queue")

        self.details = QTextBrowser()
        describe(
            self.details,
            "Case under review",
            "The reason and note for referral, every criterion's grade, note and cited "
            f"passages, and earlier questions and answers. {HOW_TO_OPEN}",
        )
        self.citation_links = CitationLinks(self.details, workspace)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(
            "Note for the record: the reason when not referring, the question when returning"
        )
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(self.fontMetrics().height() * 5)
        describe(
            self.text,
            "Decision note, reason or question",
            "Optional when confirming; the reason when not referring; the question for the "
            "inspector when returning the case",
        )
        self.confirm_button = self._button(
            "&Confirm referral",
            in_words("Confirm the referral back to the force", self.framework.words),
            self.confirm,
        )
        self.not_refer_button = self._button(
            "Do &not refer", "The case is not referred back; the reason is required", self.not_refer
        )
        self.return_button = self._button(
            "&Return to inspector",
            "Send the case back to its inspector with the question written above",
            self.return_to_inspector,
        )
        self.open_button = self._button(
            "&Open case", "Show the selected case in the main window", self.open_selected
        )
        for button in (self.confirm_button, self.not_refer_button, self.return_button):
            button.setEnabled(self.is_supervisor)
        self.message = MessageLine("Review message")
        self.undo_button = self._button(
            "&Undo decision",
            in_words(
                "Take back the decision just made: the case returns to the queue (until the "
                "referral is sent to the force or the question answered)",
                self.framework.words,
            ),
            self.undo_last,
        )
        self.undo_button.hide()
        self.decided: QueueItem | None = None  # the last case decided here, while undoable

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details, 1)
        right_layout.addWidget(QLabel("Note, reason or &question:", buddy=self.text))
        right_layout.addWidget(self.text)
        buttons = QHBoxLayout()
        for button in (self.confirm_button, self.not_refer_button, self.return_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        right_layout.addLayout(buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([650, 530])

        layout = QVBoxLayout(self)
        self.banner: QLabel | None = None
        if not self.is_supervisor:
            self.banner = banner(
                SUPERVISORS_ONLY.format(name=user.name, role=user.role), "Supervisors only"
            )
            layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)
        said = QHBoxLayout()
        said.addWidget(self.message, 1)
        said.addWidget(self.undo_button)
        layout.addLayout(said)
        size_within_screen(self, 1200, 700)

    def _button(self, text: str, description: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        describe(button, text.replace("&", ""), description)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # --- contents --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the queue afresh, keeping the same case selected while it is still queued."""
        chosen = self.current_item()
        place = self.table.currentIndex().row()
        self.model.reload(self.desk.queue())
        count = self.model.rowCount()
        self.count.setText(
            f"{count} case{'s' if count != 1 else ''} awaiting review"
            if count
            else "No flagged cases are awaiting review."
        )
        if chosen is not None:
            for row, item in enumerate(self.model.items):
                if item.referral.id == chosen.referral.id:
                    self.table.selectRow(row)
                    break
        select_near(self.table, place)
        self._show(self.current_item())

    def current_item(self) -> QueueItem | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def select_reference(self, reference: str) -> None:
        for row, item in enumerate(self.model.items):
            if item.case.reference == reference:
                self.table.selectRow(row)
                return

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.item(current.row()))

    def _show(self, item: QueueItem | None) -> None:
        self.open_button.setEnabled(item is not None)
        if item is None:
            self.details.setHtml("<p><i>Choose a case in the queue.</i></p>")
            return
        names = {a.id: named(a) for a in self.workspace.inspection.assessors()}
        own = self.workspace.user.id in (item.inspector.id, item.referral.flagged_by)
        warning = (
            "<p><b>You graded or flagged this case, so another supervisor must decide it.</b></p>"
            if own and self.is_supervisor
            else ""
        )
        self.details.setHtml(
            case_heading(self.framework, item.case, named(item.inspector))
            + warning
            + referral_html(self.framework, item.reason, item.note, item.flagged_at)
            + grades_html(
                self.framework, item.case, item.assessment, cited(self.workspace, item.assessment)
            )
            + "<h4>Earlier questions and answers</h4>"
            + reviews_html(item.exchanges, names)
        )

    # --- decisions -------------------------------------------------------------------------

    def _decide(self, decision: Callable[[QueueItem, str], object], done: str) -> None:
        item = self.current_item()
        if item is None:
            self.message.refuse("Choose a case in the queue first.")
            return
        self.workspace.flush_edits()
        try:
            decision(item, self.text.toPlainText())
        except (Refused, *FILE_FAILURES) as exc:  # said in words, never a traceback
            self.message.refuse(str(exc))
            self.text.setFocus(Qt.FocusReason.OtherFocusReason)  # where the missing words go
            return
        self.message.done(done.format(reference=item.case.reference) + " (Undo takes it back.)")
        self.text.clear()
        self.decided = item
        self.undo_button.show()
        after_change(self.workspace, item.case.id)
        self.reload()

    def undo_last(self) -> None:
        """Undo the decision just made; the case is back in the queue, selected."""
        item, self.decided = self.decided, None
        self.undo_button.hide()
        if item is None:
            return
        try:
            self.desk.undo_decision(item.assessment.id, self.workspace.user)
        except (Refused, *FILE_FAILURES) as exc:  # said in words, never a traceback
            self.message.refuse(str(exc))
            return
        self.message.done(
            f"The decision on {item.case.reference} is undone: it is back in the queue."
        )
        after_change(self.workspace, item.case.id)
        self.reload()
        self.select_reference(item.case.reference)

    def confirm(self) -> None:
        user = self.workspace.user
        self._decide(
            lambda item, text: self.desk.confirm_referral(item.assessment.id, user, text),
            in_words(
                "Referral of {reference} confirmed; send it to the force from Review → Referrals.",
                self.framework.words,
            ),
        )

    def not_refer(self) -> None:
        user = self.workspace.user
        self._decide(
            lambda item, text: self.desk.do_not_refer(item.assessment.id, user, text),
            "{reference} will not be referred back.",
        )

    def return_to_inspector(self) -> None:
        user = self.workspace.user
        self._decide(
            lambda item, text: self.desk.return_to_inspector(item.assessment.id, user, text),
            "{reference} returned to its inspector with your question.",
        )

    def open_selected(self) -> None:
        item = self.current_item()
        if item is not None:
            self.workspace.open_case(item.case.id)
