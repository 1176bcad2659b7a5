"""The grading panel (right): every applicable criterion, the overall grade and the referral."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from auditor.allocation.whose import Whose, whose_grading
from auditor.errors import FILE_FAILURES, Refused
from auditor.framework import Criterion
from auditor.grading.rules import STATUS_LABELS, Assessment
from auditor.grading.undo import EditHistory
from auditor.inspection import Assessor, Inspection
from auditor.records import Case
from ui.common.a11y import announce, describe, explain, plain
from ui.common.framework_words import in_words
from ui.common.save_retry import PendingSaves
from ui.common.scale_words import keys_text
from ui.common.wrapped_label import WrappedLabel
from ui.grading.boxes import (
    CriterionCard,
    DomainSection,
    GradingKeys,
    OverallBox,
    PlainGroupBox,
)
from ui.grading.cards import (
    CriteriaPage,
    Pages,
    case_attributes,
    domain_labels,
    none_apply,
    problems_of,
    suggested_overall,
)
from ui.grading.citing import Citing
from ui.grading.editing import GradingEdits
from ui.grading.held import HeldBanner, confirm_take_over
from ui.grading.never_sideways import NeverSideways
from ui.grading.read_only import ReadableHolder, show_read_only
from ui.grading.widgets import ChoiceBox, GradeButtons, NoteEdit

#: How long "3 is not a key on this scale" stays above the criteria (ms).
KEY_HINT_MS = 4000


class GradingPanel(GradingEdits, QWidget):
    """Grades one case for the current user; every change is committed at once."""

    changed = Signal(str)  # case id
    #: A citation was activated: open its document at the passage (an ``auditor`` Passage).
    passage_requested = Signal(object)
    failed = Signal(str)  # message for the user (an edit the rules refused)

    def __init__(self, inspection: Inspection, user: Assessor, parent: QWidget | None = None):
        super().__init__(parent)
        self.inspection = inspection
        self.framework = inspection.framework
        self.user = user
        self.history = EditHistory(inspection.grading, user, citations=inspection.citations)
        self.case: Case | None = None
        self.whose = Whose(None, "")
        self.read_only = False  # the case shown is someone else's, or the file is viewed
        self.read_only_shown: tuple[object, bool] | None = None  # see show_read_only
        self._busy = False
        self.citing = Citing(self)
        # Edits the storage failed to save (disk full, file locked), saved again in order.
        self.pending = PendingSaves(self)
        self.pending.saved.connect(self._saved_again)

        self.status = WrappedLabel()
        self.status.setObjectName("gradingStatus")
        explain(self.status, "Grading status")
        self.key_hint = QLabel()
        self.key_hint.setObjectName("keyHint")
        self.key_hint.setWordWrap(True)
        explain(self.key_hint, "What the key pressed does on this scale")
        self.key_hint.hide()
        self._hint_timer = QTimer(self, singleShot=True, interval=KEY_HINT_MS)
        self._hint_timer.timeout.connect(self.key_hint.hide)
        self.criteria_box = QVBoxLayout()
        self.criteria_box.setContentsMargins(2, 2, 2, 2)
        holder = ReadableHolder()
        holder.setLayout(self.criteria_box)
        # One page of cards per set of criteria (a case type and what its attributes choose),
        # made the first time a case of that set is shown; the shown page is swapped whole.
        self.none_apply = QLabel(wordWrap=True)
        self.none_apply.setObjectName("noneApply")
        self.none_apply.hide()
        self.criteria_box.addWidget(self.none_apply)
        self.pages = Pages(self)

        overall = self.overall_box = OverallBox(self)
        self.suggestion = QLabel()
        self.overall_buttons = GradeButtons(
            [(g.code, g.label) for g in self.framework.grades], "Overall grade"
        )
        self.overall_buttons.chosen.connect(self._overall_chosen)
        self.override_reason = QLineEdit(placeholderText="Why the overall grade differs")
        describe(
            self.override_reason,
            "Reason for overriding the suggested grade",
            "Required when the overall grade differs from the one suggested by the criteria",
        )
        self.override_reason.editingFinished.connect(self._override_edited)
        overall_layout = QVBoxLayout(overall)
        overall_layout.addWidget(self.suggestion)
        overall_layout.addWidget(self.overall_buttons)
        overall_layout.addWidget(self.override_reason)

        words = self.framework.words
        referral = self.referral_box = PlainGroupBox(words.referral)
        self.refer = QCheckBox(f"Refer back to {words.inspected_body}")
        describe(
            self.refer,
            f"Refer back to {words.inspected_body}",
            "Flags the case for referral back; a reason and a note are then required (Ctrl+R)",
        )
        self.refer.clicked.connect(self._refer_toggled)
        self.reason = ChoiceBox()
        describe(
            self.reason,
            "Referral reason",
            f"Why the case is referred back to {words.inspected_body}",
        )
        self.reason.addItem("Choose a reason…", "")
        for item in self.framework.referral_reasons:
            self.reason.addItem(item.label, item.code)
        self.reason.chosen.connect(self._referral_edited)
        self.referral_note = NoteEdit(lambda _t: self._referral_edited(), "Referral note")
        self.referral_note.setPlaceholderText(f"What {words.inspected_body} must act on")
        referral_layout = QVBoxLayout(referral)
        referral_layout.addWidget(self.refer)
        referral_layout.addWidget(self.reason)
        referral_layout.addWidget(self.referral_note)
        self.criteria_box.addWidget(overall)
        self.criteria_box.addWidget(referral)
        self.criteria_box.addStretch(1)

        scroll = self.scroll = NeverSideways()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the criteria take focus, not the frame
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.held = HeldBanner(self.take_over)
        layout.addWidget(self.status)
        layout.addWidget(self.key_hint)
        layout.addWidget(self.held)
        layout.addWidget(scroll, 1)
        self.setEnabled(False)

    # --- showing ---------------------------------------------------------------------------

    def show_case(self, case: Case) -> None:
        self.flush()
        if self.case is None or self.case.id != case.id:  # a new case is read from the top
            QTimer.singleShot(0, lambda: self.scroll.verticalScrollBar().setValue(0))
        self.case = case
        self.setEnabled(True)
        whose = self.whose = whose_grading(self.inspection, self.user, case.id)
        # Read only when viewing a file another copy holds, or someone else's grading.
        self.read_only = not whose.editable or self.inspection.read_only
        if whose.editable:
            self.held.hide()
        else:
            self.held.show_held(whose.held_by, whose.not_takeable)
        applicable = self.applicable()
        self.pages.show(case.case_type, applicable)
        self.none_apply.setVisible(not applicable)
        if not applicable:
            self.none_apply.setText(none_apply(self.framework, case))
        self.refresh(whose.assessment)
        show_read_only(self, self.read_only)

    @property
    def page(self) -> CriteriaPage | None:
        """The page of cards shown (None before the first case)."""
        return self.pages.shown

    @property
    def cards(self) -> dict[str, CriterionCard]:
        """The shown page's cards by criterion id (the criteria that apply to the case)."""
        return self.page.cards if self.page is not None else {}

    @property
    def sections(self) -> dict[str, DomainSection]:
        """The shown page's sections by domain id ("" when the framework has no domains)."""
        return self.page.sections if self.page is not None else {}

    def take_over(self) -> None:
        """Take over this case, once the user confirms: allocated to them, the grading copied
        into theirs."""
        case = self.case
        if case is None or not confirm_take_over(self, case.reference, self.whose.held_by):
            return
        try:
            result = self.inspection.allocations.take_over(self.user, case.id)
        except (Refused, *FILE_FAILURES) as exc:  # said in words, never a traceback
            self.failed.emit(f"Not taken over: {exc}")
            return
        self.show_case(case)
        self.changed.emit(case.id)
        self.failed.emit(
            f"{case.reference} is taken over: its grading is now yours ({result.words()})"
        )

    def applicable(self) -> list[Criterion]:
        """The criteria that apply to the case shown (its type and attributes)."""
        if self.case is None:
            return []
        return self.framework.criteria_for(self.case.case_type, case_attributes(self.case))

    def refresh(self, assessment: Assessment | None, graded: str | None = None) -> None:
        """Show the case's grading; ``graded``: only that criterion's grade changed, so only
        its card is refreshed (its note, citations and sub-prompts are as shown), with the
        suggestion, the domains' ratings and the status."""
        assert self.case is not None
        applicable = self.applicable()
        cited = (
            self.inspection.citations.by_criterion(self.case.id, assessment.assessor_id)
            if assessment and graded is None
            else {}
        )
        store = self.inspection.prompts
        for criterion in applicable:
            card = self.cards[criterion.id]
            if graded is not None:
                if criterion.id == graded:
                    code = assessment.grade_of(graded) if assessment else None
                    card.buttons.set_value(code)
                    words = f"{self._grade_words(code)}. {card.question.text()}"
                    card.setAccessibleDescription(words)
                continue
            card.show_assessment(assessment, cited.get(criterion.id))
            if criterion.prompts:
                case_id, who = self.case.id, assessment.assessor_id if assessment else ""
                card.prompts.set_ticks(store.ticks(case_id, who, criterion.id) if who else "")
                if criterion.prompts_feed != "checklist":  # the ticks suggest its answer
                    code = store.suggestion(case_id, who, criterion.id) if who else None
                    card.prompts.show_suggestion(self.framework.grade_label(code))
            grade = assessment.grade_of(criterion.id) if assessment else None
            # A screen reader says the criterion's grade with it (docs/accessibility.md).
            card.setAccessibleDescription(f"{self._grade_words(grade)}. {card.question.text()}")
        grades = {c.id: assessment.grade_of(c.id) for c in applicable} if assessment else {}
        suggested = suggested_overall(self.framework, self.case, grades)
        for domain_id, label in domain_labels(self.framework, self.case, grades).items():
            self.sections[domain_id].show_rating(label)
        source = "domains" if self.framework.overall_from == "domains" else "criteria"
        self.suggestion.setText(
            f"Suggested from the {source}: {self.framework.grade_label(suggested)}"
            if suggested
            else f"Suggested from the {source}: grade the criteria first"
        )
        overall = assessment.overall_grade if assessment else None
        self.overall_box.setAccessibleDescription(
            f"{self._grade_words(overall)}. {self.suggestion.text()}. "
            f"Keys record the overall grade: {keys_text(self.framework, answers=False)}"
        )
        self.overall_buttons.set_value(overall)
        self.override_reason.setText(assessment.override_reason if assessment else "")
        self.override_reason.setVisible(bool(overall and suggested and overall != suggested))
        referral = assessment.referral if assessment else None
        self.refer.setChecked(referral is not None)
        self.reason.setEnabled(referral is not None and not self.read_only)
        self.referral_note.setEnabled(referral is not None)
        self.reason.setCurrentIndex(
            max(0, self.reason.findData(referral.reason if referral else ""))
        )
        self.referral_note.set_saved_text(referral.note if referral else "")
        problems = problems_of(self.framework, self.case, assessment)
        status = STATUS_LABELS[assessment.status] if assessment else STATUS_LABELS["not_started"]
        status = in_words(status, self.framework.words)  # "Sent to the probation region"
        self.status.setText(
            f"<b>{status}</b>"
            + (
                ""
                if not problems
                else f" · {len(problems)} to do: "
                + "; ".join(problems[:3])
                + ("…" if len(problems) > 3 else "")
            )
        )

    def _grade_words(self, code: str | None) -> str:
        return self.framework.grade_label(code) if code else "Not graded"

    def status_words(self) -> str:
        """The grading status as it is read ("Not started · 8 to do: …")."""
        return plain(self.status.text())

    def flush(self) -> None:
        """Commit any note still being typed (before leaving the case or closing)."""
        if self.case is None:
            return
        for card in self.cards.values():
            card.note.flush()
        self.reason.flush()
        self.referral_note.flush()
        if self.override_reason.isModified():
            self._override_edited()

    # --- keyboard --------------------------------------------------------------------------

    def visible_cards(self) -> list[CriterionCard]:
        return [self.cards[c.id] for c in self.applicable()]

    def hint_key(self, text: str) -> None:
        """Say briefly, above the criteria, that a key records nothing on this scale."""
        self.key_hint.setText(text)
        self.key_hint.show()
        self._hint_timer.start()
        announce(self.key_hint, text)

    def held_elsewhere(self) -> bool:
        """Whether the case shown is someone else's to grade; says so in the status bar."""
        if self.case is None or self.whose.editable:
            return False
        self.failed.emit(
            f"{self.case.reference}: {self.whose.held_by}; it is shown read only "
            "(Take over this case to change it)"
        )
        return True

    def focus_first_criterion(self) -> None:
        if self.held_elsewhere():
            return
        cards = self.visible_cards()
        if cards:
            cards[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.scroll.ensureWidgetVisible(cards[0])

    def grade_by_key(self, box: GradingKeys, code: str | None) -> None:
        """Grade the focused criterion (or overall) and move focus to the next box."""
        if self.case is None or self._busy or self.citing.refused_here():
            return
        self._busy = True  # a second key press arriving mid-commit cannot grade twice
        try:
            if isinstance(box, CriterionCard):
                self.grade_criterion(box.criterion.id, code)
                cards = self.visible_cards()
                position = cards.index(box)
                following = cards[position + 1] if position + 1 < len(cards) else self.overall_box
                following.setFocus(Qt.FocusReason.TabFocusReason)
                self.scroll.ensureWidgetVisible(following)
                title = "the overall grade" if following is self.overall_box else None
                announce(
                    following,
                    f"{box.criterion.title}: {self._grade_words(code)}; "
                    f"next: {title or following.criterion.title}",  # type: ignore[union-attr]
                )
            else:
                self._overall_chosen(code)
                announce(self.overall_box, f"Overall grade: {self._grade_words(code)}")
        finally:
            self._busy = False

    def start_referral(self) -> None:
        """Ctrl+R: flag the case and put the cursor on the reason."""
        if self.case is None or self.held_elsewhere():
            return
        if not self.refer.isChecked():
            self.refer.setChecked(True)
            self._refer_toggled(True)
        self.reason.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.scroll.ensureWidgetVisible(self.referral_box)

    # --- evidence ----------------------------------------------------------------------------
