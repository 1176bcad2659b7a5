"""Review → Referrals (F6): every referral back with its state and age; the later steps."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from auditor.errors import FILE_FAILURES, Refused
from auditor.grading.rules import CONFIRMED, FLAGGED, RESPONDED, SENT
from auditor.people import is_supervisor
from auditor.review.referrals import STATES, ReferralRow, state_label
from auditor.review.undo import undoable
from ui.common.a11y import describe
from ui.common.flow_layout import FlowLayout
from ui.common.framework_words import in_words
from ui.common.widgets import (
    MessageLine,
    after_change,
    banner,
    compact,
    date_edit,
    day,
    from_qdate,
    labelled,
    make_table,
    select_near,
    size_within_screen,
    to_qdate,
)
from ui.common.workspace import Workspace
from ui.review.models import ReferralModel, age_text, overdue_text

SUPERVISORS_ONLY = (
    "You are signed in as {name}, an {role}: you can follow every referral here, but only a "
    "supervisor records that one was sent, the force's response or its closing."
)
PAGE_NONE, PAGE_SEND, PAGE_RESPONSE, PAGE_CLOSE = range(4)


def _button(text: str, description: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    describe(button, text.replace("&", ""), description)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


def _row(page: QWidget, *fields: tuple[str, QWidget]) -> None:
    """Lay a step's labelled fields out in one line (dates stay narrow, text stretches)."""
    layout = QHBoxLayout(page)
    for text, field in fields:
        layout.addWidget(QLabel(text, buddy=field))
        layout.addWidget(field, 1 if isinstance(field, QLineEdit) else 0)


class ReferralsDialog(QDialog):
    """The referrals listing with its filters, the selected referral, and its next step."""

    def __init__(self, workspace: Workspace, today: Callable[[], date] = date.today) -> None:
        super().__init__(workspace.widget)
        self.workspace = workspace
        self.today = today
        self.referrals = workspace.inspection.referrals
        self.framework = workspace.inspection.framework
        self.setWindowTitle(self.said("Referrals back to the force"))
        describe(self, "Referrals", "Every referral back with its state and age")
        user = workspace.user
        self.is_supervisor = is_supervisor(user)

        self.state_filter = QComboBox()
        describe(self.state_filter, "Filter by state", "Shows only referrals in this state")
        self.state_filter.addItem("Every state", None)
        for state in STATES:
            self.state_filter.addItem(self.said(state_label(state)), state)
        self.type_filter = QComboBox()
        describe(self.type_filter, "Filter by case type", "Shows only referrals of this case type")
        self.type_filter.addItem("All case types", None)
        for case_type in self.framework.case_types:
            self.type_filter.addItem(case_type.label, case_type.code)
        self.overdue_only = QCheckBox("O&verdue only")
        describe(
            self.overdue_only,
            "Show only overdue referrals",
            self.said(
                "When ticked, only referrals whose response from the force is overdue are listed"
            ),
        )
        for combo in (self.state_filter, self.type_filter):
            compact(combo)
            combo.currentIndexChanged.connect(self.reload)
        self.overdue_only.toggled.connect(self.reload)
        self.threshold = QSpinBox()
        self.threshold.setRange(1, 3650)
        self.threshold.setSuffix(" days")
        describe(
            self.threshold,
            "Response overdue after",
            self.said("Days after a referral is sent before a response from the force is overdue"),
        )
        self.threshold_button = _button(
            "Set", "Save the number of days before a response is overdue", self.set_threshold
        )
        self.threshold.setValue(self.referrals.settings.referral_response_days())
        self.threshold.setEnabled(self.is_supervisor)
        self.threshold_button.setEnabled(self.is_supervisor)

        self.model = ReferralModel(self.framework, self)
        self.table = make_table(
            self.model,
            "Referrals",
            "Every referral back, oldest flag first, with its state, age and any overdue response",
            (100, 140, 170, 190, 110, 190, 160, 120),
        )
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.count = QLabel()
        self.count.setAccessibleName("Referrals listed")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAccessibleName("Selected referral")
        self.step_box = QGroupBox("Next step")
        self.steps = QStackedWidget()
        self._build_steps()
        box_layout = QVBoxLayout(self.step_box)
        box_layout.addWidget(self.steps)
        self.step_box.setEnabled(self.is_supervisor)
        self.message = MessageLine("Referral message")

        filters = FlowLayout()  # wraps in a narrow window
        filters.addWidget(labelled("&State:", self.state_filter))
        filters.addWidget(labelled("Case &type:", self.type_filter))
        filters.addWidget(self.overdue_only)
        filters.addWidget(
            labelled("Response overdue &after:", self.threshold, self.threshold_button)
        )
        layout = QVBoxLayout(self)
        if not self.is_supervisor:
            layout.addWidget(
                banner(
                    self.said(SUPERVISORS_ONLY.format(name=user.name, role=user.role)),
                    "Supervisors only",
                )
            )
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.details)
        layout.addWidget(self.step_box)
        layout.addWidget(self.message)
        size_within_screen(self, 1240, 720)

    def said(self, text: str) -> str:
        """``text`` in the framework's words ("the force" → "the probation region")."""
        return in_words(text, self.framework.words)

    def _build_steps(self) -> None:
        nothing = QWidget()
        self.nothing_label = QLabel()
        self.nothing_label.setWordWrap(True)
        QVBoxLayout(nothing).addWidget(self.nothing_label)

        send = QWidget()
        said = self.said
        self.sent_on = date_edit("Date sent", said("The day the referral was sent to the force"))
        self.force_reference = QLineEdit(placeholderText="e.g. MPS/CP/2018/0412")
        describe(
            self.force_reference, said("Force's reference"), said("The force's reference for it")
        )
        self.send_button = _button(
            "&Mark sent", said("Record that the referral was sent to the force"), self.mark_sent
        )
        _row(
            send, ("Date sent:", self.sent_on), (said("Force's &reference:"), self.force_reference)
        )
        send.layout().addWidget(self.send_button)
        self.undo_button = _button(
            "&Undo confirmation",
            "Take back your confirmation: the case returns to the review queue (only its maker, "
            "and only until it is sent)",
            self.undo_confirmation,
        )
        send.layout().addWidget(self.undo_button)

        response = QWidget()
        self.responded_on = date_edit("Date of the response", said("The day the force responded"))
        self.action_taken = QLineEdit(placeholderText=said("What the force did"))
        describe(self.action_taken, "Action taken", said("What action the force took in response"))
        self.response_button = _button(
            "Record &response",
            said("Record the force's response and its date"),
            self.record_response,
        )
        _row(response, ("Response on:", self.responded_on), ("Action &taken:", self.action_taken))
        response.layout().addWidget(self.response_button)

        closing = QWidget()
        self.closed_on = date_edit("Date closed", "The day the referral is closed")
        self.close_button = _button(
            "&Close referral", "Close the referral: nothing more is expected", self.close_referral
        )
        _row(closing, ("Date closed:", self.closed_on))
        closing.layout().addWidget(self.close_button)
        closing.layout().addStretch(1)
        for page in (nothing, send, response, closing):
            self.steps.addWidget(page)

    # --- contents --------------------------------------------------------------------------

    def reload(self) -> None:
        """List the referrals afresh with the filters, keeping the same one selected."""
        chosen = self.current_row()
        try:
            rows = self.referrals.listing(
                self.today(),
                state=self.state_filter.currentData(),
                overdue=True if self.overdue_only.isChecked() else None,
                case_type=self.type_filter.currentData(),
                viewer_id=self.workspace.user.id,
            )
        except (Refused, *FILE_FAILURES) as exc:  # said in words, never a traceback
            self.message.refuse(str(exc))
            rows = []
        place = self.table.currentIndex().row()
        self.model.reload(rows)
        late = sum(1 for r in rows if r.overdue)
        self.count.setText(
            f"{len(rows)} referral{'s' if len(rows) != 1 else ''} listed"
            + (self.said(f", {late} with the force's response overdue") if late else "")
        )
        if chosen is not None:
            for position, row in enumerate(rows):
                if row.referral_id == chosen.referral_id:
                    self.table.selectRow(position)
        select_near(self.table, place)
        self._show(self.current_row())

    def current_row(self) -> ReferralRow | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def select_reference(self, reference: str) -> None:
        for position, row in enumerate(self.model.items):
            if row.reference == reference:
                self.table.selectRow(position)
                return

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.item(current.row()))

    def _show(self, row: ReferralRow | None) -> None:
        if row is None:
            self.details.setText("<i>No referral chosen.</i>")
            self.steps.setCurrentIndex(PAGE_NONE)
            self.nothing_label.setText("Choose a referral in the list.")
            return
        facts = [
            f"<b>{escape(row.reference)}</b> · {escape(self.said(row.state_label))} · "
            f"{age_text(row)}",
            f"flagged {day(row.flagged_at)} by {escape(row.inspector_name)}",
        ]
        if row.confirmed_by:
            facts.append(f"confirmed {day(row.confirmed_at)} by {escape(row.confirmed_by)}")
        if row.sent_at:
            facts.append(
                f"sent {day(row.sent_at)} ({self.said('the force')}'s reference "
                f"{escape(row.force_reference)})"
            )
        if row.response_at:
            facts.append(f"response {day(row.response_at)}: {escape(row.response_action)}")
        if row.closed_at:
            facts.append(f"closed {day(row.closed_at)}")
        if row.overdue:
            facts.append(f"<b>{overdue_text(row)}</b>")
        # What the table's narrow columns cut short, whole (a laptop's width).
        model = self.model
        whole = [model.display(row, model.COL_CASE_TYPE), model.display(row, model.COL_REASON)]
        self.details.setText(" · ".join(facts) + "<br>" + " · ".join(escape(w) for w in whole if w))
        today = to_qdate(self.today())
        page = {CONFIRMED: PAGE_SEND, SENT: PAGE_RESPONSE, RESPONDED: PAGE_CLOSE}.get(
            row.state, PAGE_NONE
        )
        self.steps.setCurrentIndex(page)
        if page == PAGE_SEND:  # the confirmation's maker may take it back until it is sent
            assessment = self.workspace.inspection.grading.assessment_by_id(row.assessment_id)
            self.undo_button.setVisible(
                assessment is not None and undoable(assessment, self.workspace.user.id).allowed
            )
        for edit in (self.sent_on, self.responded_on, self.closed_on):
            edit.setDate(today)
        if page == PAGE_NONE:
            self.nothing_label.setText(
                "A supervisor decides a flagged case in Review → Review queue (F5)."
                if row.state == FLAGGED
                else f"Nothing follows: the referral is {self.said(row.state_label).lower()}."
            )

    # --- steps -----------------------------------------------------------------------------

    def _step(self, step: Callable[[ReferralRow], object], done: str) -> None:
        row = self.current_row()
        if row is None:
            self.message.refuse("Choose a referral in the list first.")
            return
        try:
            step(row)
        except (Refused, *FILE_FAILURES) as exc:  # said in words, never a traceback
            self.message.refuse(str(exc))
            return
        self.message.done(done.format(reference=row.reference))
        after_change(self.workspace, row.case_id)
        self.reload()

    def undo_confirmation(self) -> None:
        user = self.workspace.user
        self._step(
            lambda row: self.workspace.inspection.review.undo_decision(row.assessment_id, user),
            "The confirmation of {reference} is undone: it is back in the review queue.",
        )

    def mark_sent(self) -> None:
        user = self.workspace.user
        self._step(
            lambda row: self.referrals.mark_sent(
                row.referral_id,
                user,
                from_qdate(self.sent_on.date()),
                self.force_reference.text(),
            ),
            self.said("The referral of {reference} is recorded as sent to the force."),
        )
        if not self.message.refused:
            self.force_reference.clear()

    def record_response(self) -> None:
        user = self.workspace.user
        self._step(
            lambda row: self.referrals.record_response(
                row.referral_id,
                user,
                from_qdate(self.responded_on.date()),
                self.action_taken.text(),
            ),
            self.said("The force's response to the referral of {reference} is recorded."),
        )
        if not self.message.refused:
            self.action_taken.clear()

    def close_referral(self) -> None:
        user = self.workspace.user
        self._step(
            lambda row: self.referrals.close(
                row.referral_id, user, from_qdate(self.closed_on.date())
            ),
            "The referral of {reference} is closed.",
        )

    def set_threshold(self) -> None:
        days = self.threshold.value()
        try:
            self.referrals.settings.set_referral_response_days(self.workspace.user, days)
        except (Refused, *FILE_FAILURES) as exc:  # said in words, never a traceback
            self.message.refuse(str(exc))
            return
        self.message.done(
            self.said(f"A response from the force is now overdue {days} days after sending.")
        )
        self.reload()
