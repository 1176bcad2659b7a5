"""Undo and redo of grading edits; an undo is itself an edit, committed and audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.evidence.citations import Citation, Citations
    from auditor.grading.desk import Grading
    from auditor.grading.rules import Assessment
    from auditor.inspection import Assessor

GRADE = "grade"
NOTE = "note"
OVERALL = "overall"
REFERRAL = "referral"
CITATION = "citation"


@dataclass(frozen=True)
class Edit:
    """One grading change: what it touched, the value before and after.

    Values: a grade code or None; a note; (overall grade, override reason); for a referral
    None when not flagged, else (reason, note); for a citation (its id, whether it stands).
    """

    case_id: str
    kind: str
    old: object
    new: object
    criterion_id: str = ""


class EditHistory:
    """Makes grading edits for one user and remembers them for undo and redo."""

    def __init__(
        self,
        grading: Grading,
        actor: Assessor,
        limit: int = 500,
        citations: Citations | None = None,
    ) -> None:
        self.grading = grading
        self.citations = citations
        self.actor = actor
        self.limit = limit
        self._undo: list[Edit] = []
        self._redo: list[Edit] = []

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def _current(self, case_id: str) -> Assessment | None:
        return self.grading.assessment(case_id, self.actor.id)

    def _record(self, edit: Edit) -> None:
        if edit.old == edit.new:
            return
        self._undo.append(edit)
        del self._undo[: -self.limit]
        self._redo.clear()

    def set_grade(self, case_id: str, criterion_id: str, grade: str | None) -> Assessment:
        old, _note = self.grading.criterion_value(case_id, self.actor.id, criterion_id)
        result = self.grading.set_grade(case_id, self.actor, criterion_id, grade)
        self._record(Edit(case_id, GRADE, old, grade, criterion_id))
        return result

    def set_note(self, case_id: str, criterion_id: str, note: str) -> Assessment:
        _grade, old = self.grading.criterion_value(case_id, self.actor.id, criterion_id)
        result = self.grading.set_note(case_id, self.actor, criterion_id, note)
        self._record(Edit(case_id, NOTE, old, note, criterion_id))
        return result

    def set_overall(
        self, case_id: str, grade: str | None, override_reason: str | None = None
    ) -> Assessment:
        before = self._current(case_id)
        old = (before.overall_grade, before.override_reason) if before else (None, "")
        result = self.grading.set_overall(case_id, self.actor, grade, override_reason)
        new = (result.overall_grade, result.override_reason)
        self._record(Edit(case_id, OVERALL, old, new))
        return result

    def set_referral(self, case_id: str, value: tuple[str, str] | None) -> Assessment | None:
        """Flag with (reason, note), or withdraw the flag with None."""
        before = self._current(case_id)
        old = (before.referral.reason, before.referral.note) if before and before.referral else None
        result = self._apply_referral(case_id, value)
        self._record(Edit(case_id, REFERRAL, old, value))
        return result

    def cite(
        self,
        case_id: str,
        criterion_id: str,
        document_id: str,
        *,
        quote: str = "",
        page: int | None = None,
        start: int | None = None,
        region: tuple[float, float, float, float] | None = None,
    ) -> Citation:
        """Cite a passage for a criterion (undone by taking the citation back)."""
        assert self.citations is not None, "made without the inspection's citations"
        citation = self.citations.cite(
            self.actor,
            case_id,
            criterion_id,
            document_id,
            quote=quote,
            page=page,
            start=start,
            region=region,
        )
        self._record(
            Edit(case_id, CITATION, (citation.id, False), (citation.id, True), criterion_id)
        )
        return citation

    def remove_citation(self, case_id: str, criterion_id: str, citation_id: str) -> None:
        """Take a citation back (undone by restoring it)."""
        assert self.citations is not None, "made without the inspection's citations"
        self.citations.remove(self.actor, citation_id)
        self._record(
            Edit(case_id, CITATION, (citation_id, True), (citation_id, False), criterion_id)
        )

    def _apply_citation(self, value: object) -> None:
        assert self.citations is not None, "made without the inspection's citations"
        citation_id, standing = value  # type: ignore[misc]
        if standing:
            self.citations.restore(self.actor, citation_id)
        else:
            self.citations.remove(self.actor, citation_id)

    def _apply_referral(self, case_id: str, value: object) -> Assessment | None:
        if value is None:
            return self.grading.withdraw_referral(case_id, self.actor)
        reason, note = value  # type: ignore[misc]
        return self.grading.set_referral(case_id, self.actor, reason, note)

    def _apply(self, edit: Edit, value: object) -> Assessment | None:
        if edit.kind == GRADE:
            return self.grading.set_grade(edit.case_id, self.actor, edit.criterion_id, value)  # type: ignore[arg-type]
        if edit.kind == NOTE:
            return self.grading.set_note(edit.case_id, self.actor, edit.criterion_id, value)  # type: ignore[arg-type]
        if edit.kind == OVERALL:
            grade, reason = value  # type: ignore[misc]
            return self.grading.set_overall(edit.case_id, self.actor, grade, reason)
        if edit.kind == CITATION:
            self._apply_citation(value)
            return None
        return self._apply_referral(edit.case_id, value)

    def undo(self) -> Edit | None:
        """Put back the value before the last edit; returns the edit undone (None if none)."""
        return self._replay(self._undo, self._redo, forward=False)

    def redo(self) -> Edit | None:
        """Apply again the last edit undone; returns it (None if none)."""
        return self._replay(self._redo, self._undo, forward=True)

    def _replay(self, source: list[Edit], target: list[Edit], *, forward: bool) -> Edit | None:
        """Apply the top edit of ``source`` (its new or old value), then move it to ``target``.

        The edit moves only once it is committed, so a failed save can be retried.
        """
        if not source:
            return None
        edit = source[-1]
        self._apply(edit, edit.new if forward else edit.old)
        target.append(source.pop())
        return edit
