"""Sub-prompt ticks (framework format 2): each criterion's prompts answered yes or no.

A criterion's ticks are stored on its criterion grade row (``criterion_grades.prompts``), one
character per prompt in the framework's order: "y" ticked yes, "n" no, "-" not answered; ""
when none is answered. Ticking writes the row and its audit row ("<criterion>.prompts", the
ticks before and after) in one transaction, as the grading desk writes a grade, and the
assessment's status is derived again. With ``prompts_feed = "all"`` or ``"any"`` the ticks
suggest the criterion's answer (``suggested_answer``); a checklist's only show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor.audit.markers import reads, writes
from auditor.errors import GradingError
from auditor.framework import Criterion, Framework
from auditor.grading.desk import refresh_status
from db import grading as rows

if TYPE_CHECKING:
    from auditor.inspection import Assessor, Inspection

YES, NO, UNANSWERED = "y", "n", "-"
#: What ``set_prompt`` takes as an answer, and what it stores.
ANSWERS: dict[Any, str] = {
    YES: YES,
    NO: NO,
    UNANSWERED: UNANSWERED,
    True: YES,
    False: NO,
    None: UNANSWERED,
    "yes": YES,
    "no": NO,
}


def padded(ticks: str, count: int) -> str:
    """Stored ticks as one character per prompt (the missing ones not answered)."""
    return (ticks + UNANSWERED * count)[:count]


def stored(ticks: str) -> str:
    """Ticks as stored: "" when none is answered."""
    return "" if set(ticks) <= {UNANSWERED} else ticks


def suggested_answer(framework: Framework, criterion: Criterion, ticks: str) -> str | None:
    """The answer code the ticks suggest for a criterion whose prompts feed its grade.

    "all": every prompt ticked yes suggests the first answer of the scale, any no the last;
    "any": any prompt ticked yes suggests the first answer, every one no the last. None for a
    checklist, a criterion without prompts, or while the ticks decide nothing yet.
    """
    count = len(criterion.prompts)
    if not count or criterion.prompts_feed not in ("all", "any"):
        return None
    ticks = padded(ticks, count)
    best, worst = framework.answers[0].code, framework.answers[-1].code
    if criterion.prompts_feed == "all":
        if NO in ticks:
            return worst
        return best if ticks == YES * count else None
    if YES in ticks:
        return best
    return worst if ticks == NO * count else None


class PromptTicks:
    """Reads and writes the sub-prompt ticks of one inspection's gradings."""

    def __init__(self, inspection: Inspection) -> None:
        self.inspection = inspection
        self.db = inspection.db
        self.framework = inspection.framework

    @reads
    def ticks(self, case_id: str, assessor_id: str, criterion_id: str) -> str:
        """One assessor's ticks of a criterion's prompts, one character each ("y", "n", "-")."""
        criterion = self._criterion(criterion_id)
        assessment = rows.get_assessment(self.db, case_id, assessor_id)
        if assessment is None:
            return padded("", len(criterion.prompts))
        row = rows.criterion_grades(self.db, assessment["id"]).get(criterion_id)
        return padded(row["prompts"] if row else "", len(criterion.prompts))

    @reads
    def suggestion(self, case_id: str, assessor_id: str, criterion_id: str) -> str | None:
        """The answer the assessor's ticks suggest for the criterion (``suggested_answer``)."""
        criterion = self._criterion(criterion_id)
        ticks = self.ticks(case_id, assessor_id, criterion_id)
        return suggested_answer(self.framework, criterion, ticks)

    @writes
    def set_prompt(
        self, user: Assessor, case_id: str, criterion_id: str, index: int, answer: Any
    ) -> str:
        """Tick prompt ``index`` (0-based) of a criterion "y", "n" or "-" (not answered), with
        its audit row, in one transaction; the criterion's ticks after it."""
        criterion = self._criterion(criterion_id)
        count = len(criterion.prompts)
        if not count:
            raise GradingError(f"{criterion.title!r} has no sub-prompts to tick")
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < count:
            raise GradingError(
                f"{criterion.title!r} has {count} sub-prompts (0 to {count - 1}), not {index!r}"
            )
        tick = ANSWERS.get(answer.casefold() if isinstance(answer, str) else answer)
        if tick is None:
            raise GradingError(f"{answer!r} is not a tick (one of: y, n, - for not answered)")
        case = self.inspection.case(case_id)
        if not criterion.applies(case.case_type, case.attributes):
            raise GradingError(f"{criterion.title!r} does not apply to case {case.reference}")
        with self.db.atomic():
            assessment = self.inspection.grading.started(case_id, user)
            existing = rows.criterion_grades(self.db, assessment["id"]).get(criterion_id)
            old = existing["prompts"] if existing else ""
            ticks = padded(old, count)
            new = stored(ticks[:index] + tick + ticks[index + 1 :])
            if new == old:
                return padded(new, count)
            record = {
                "id": existing["id"] if existing else self.inspection.new_id(),
                "assessment_id": assessment["id"],
                "criterion_id": criterion_id,
                "grade": existing["grade"] if existing else None,
                "note": existing["note"] if existing else "",
                "prompts": new,
                "graded_by": user.id,
                "graded_at": self.inspection.clock(),
            }
            rows.upsert_criterion_grade(self.db, record)
            self.inspection.audit(
                user,
                "alteration",
                case_id=case_id,
                table="criterion_grades",
                record_id=record["id"],
                field=f"{criterion_id}.prompts",
                old=old,
                new=new,
            )
            refresh_status(self.inspection, assessment["id"], user)
        return padded(new, count)

    def _criterion(self, criterion_id: str) -> Criterion:
        criterion = self.framework.criterion(criterion_id)
        if criterion is None:
            raise GradingError(f"{criterion_id!r} is not a criterion of this framework")
        return criterion
