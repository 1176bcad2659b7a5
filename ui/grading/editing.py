"""The grading panel's edits, as a mixin of ``GradingPanel``: grades, notes, the overall grade,
its override reason and the referral, each saved at once (kept and saved again when the storage
fails), and undo/redo of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QCheckBox, QLineEdit

from auditor.errors import FILE_FAILURES, Refused
from auditor.evidence.citations import Citation
from auditor.evidence.passage import Passage
from auditor.grading.rules import Assessment
from auditor.grading.undo import EditHistory
from auditor.inspection import Assessor, Inspection
from auditor.records import Case
from ui.common.save_retry import REFUSED, PendingSaves
from ui.grading.boxes import CriterionCard
from ui.grading.widgets import ChoiceBox, GradeButtons, NoteEdit


class GradingEdits:
    """Saving, retrying, undoing and redoing the grading panel's edits."""

    if TYPE_CHECKING:
        inspection: Inspection
        user: Assessor
        history: EditHistory
        case: Case | None
        cards: dict[str, CriterionCard]
        pending: PendingSaves
        overall_buttons: GradeButtons
        override_reason: QLineEdit
        refer: QCheckBox
        reason: ChoiceBox
        referral_note: NoteEdit
        changed: SignalInstance
        failed: SignalInstance

        def flush(self) -> None: ...
        def refresh(self, assessment: Assessment | None, graded: str | None = None) -> None: ...
        def held_elsewhere(self) -> bool: ...

    def undo(self) -> str | None:
        """Undo the last grading edit; returns the case it touched."""
        return self._history_step(self.history.undo)

    def redo(self) -> str | None:
        return self._history_step(self.history.redo)

    def _history_step(self, step: Callable[[], object]) -> str | None:
        self.flush()
        try:
            edit = step()
        except (Refused, *FILE_FAILURES) as exc:  # shown to the user, never a traceback
            self.failed.emit(f"Not saved: {exc}")
            return None
        if edit is None:
            return None
        case_id = edit.case_id  # type: ignore[attr-defined]
        if self.case is not None and self.case.id == case_id:
            self.refresh(self.inspection.grading.assessment(case_id, self.user.id))
        self.changed.emit(case_id)
        return case_id

    # --- editing ---------------------------------------------------------------------------

    def _apply(self, edit: Callable[[], Assessment | None], graded: str | None = None) -> None:
        """Save an edit; when the storage fails it stays on screen and is saved later.
        ``graded``: the edit changes only that criterion's grade (only its card is shown
        afresh)."""
        assert self.case is not None
        if self.held_elsewhere():  # someone else's grading: never a silent second one
            return
        case_id = self.case.id
        if len(self.pending) and not self.pending.retry():
            self.pending.add(case_id, edit, None)  # in order, after the edits still waiting
            return
        try:
            assessment = edit()
        except REFUSED as exc:  # the rules said no: said once, not retried
            self.failed.emit(f"Not saved: {exc}")
            return
        except (Refused, *FILE_FAILURES) as exc:  # disk full, file locked: kept and tried again
            self.pending.add(case_id, edit, exc)
            return
        self.refresh(assessment, graded)
        self.changed.emit(case_id)

    def _saved_again(self, case_ids: list[str]) -> None:
        """Waiting edits are saved: show the file's state of the case on screen."""
        for case_id in case_ids:
            self.changed.emit(case_id)
        if self.case is not None and self.case.id in case_ids:
            self.flush()  # anything typed since is saved first, so refreshing loses nothing
            self.refresh(self.inspection.grading.assessment(self.case.id, self.user.id))

    def grade_criterion(self, criterion_id: str, code: str | None) -> None:
        case = self.case
        assert case is not None
        self.cards[criterion_id].buttons.set_value(code)  # shown at once, even if not saved
        self._apply(lambda: self.history.set_grade(case.id, criterion_id, code), criterion_id)

    def note_criterion(self, criterion_id: str, text: str) -> None:
        case = self.case
        assert case is not None
        self._apply(lambda: self.history.set_note(case.id, criterion_id, text))

    def _overall_chosen(self, code: str | None) -> None:
        case = self.case
        assert case is not None
        self.overall_buttons.set_value(code)  # shown at once, even if not saved
        self._apply(lambda: self.history.set_overall(case.id, code))
        if self.override_reason.isVisible() and not self.override_reason.text().strip():
            # An override must say why: take the inspector straight there.
            self.override_reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _override_edited(self) -> None:
        case = self.case
        if case is None:
            return
        self.override_reason.setModified(False)
        assessment = self.inspection.grading.assessment(case.id, self.user.id)
        grade = assessment.overall_grade if assessment else None
        reason = self.override_reason.text()
        self._apply(lambda: self.history.set_overall(case.id, grade, reason))

    def _refer_toggled(self, checked: bool) -> None:
        case = self.case
        assert case is not None
        if checked:
            self._referral_edited()
        else:
            self._apply(lambda: self.history.set_referral(case.id, None))

    def _referral_edited(self) -> None:
        case = self.case
        if case is None or not self.refer.isChecked():
            return
        reason = self.reason.currentData() or ""
        note = self.referral_note.toPlainText()
        self._apply(lambda: self.history.set_referral(case.id, (reason, note)))

    # --- sub-prompts -------------------------------------------------------------------------

    def tick_prompt(self, criterion_id: str, index: int, ticked: bool) -> None:
        """A sub-prompt ticked (yes) or cleared (no) on the case shown, stored at once."""
        case = self.case
        if case is None:
            return

        def tick() -> Assessment | None:
            self.inspection.prompts.set_prompt(self.user, case.id, criterion_id, index, ticked)
            return self.inspection.grading.assessment(case.id, self.user.id)

        self._apply(tick)

    # --- citations (the panel's CitingDesk) -------------------------------------------------

    def cite(self, passage: Passage | None) -> Citation | None:
        """Cite ``passage`` for the focused criterion (the one last focused here), undoable;
        a message says why not (nothing selected, no criterion focused, read only)."""
        return self.citing.cite(passage)

    def remove_citation(self, citation: Citation) -> None:
        """Take a citation back (Delete on it, or Remove), undoable."""
        self.citing.remove(citation)

    def cite_label(self) -> str:
        """What the reader's context menu says: "Cite for <criterion> (Ctrl+Shift+C)"."""
        return self.citing.menu_label()
