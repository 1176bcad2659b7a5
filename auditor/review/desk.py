"""Supervisor review: the queue of flagged cases, decisions on them, questions, quality assurance.

A supervisor decides each flagged case: **confirm** the referral, **do not refer** (with a
reason), or **return** it to its inspector with a question. Quality assurance records agreement
or disagreement with any graded case's overall grade; a disagreement is a question too. The
inspector answers a question and so resubmits the case (a returned referral goes back into
the queue). Only supervisors decide, and never on a case they graded or flagged themselves.
Every decision is one transaction with its review row, its audit rows and the new status.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditor.audit.markers import reads, writes
from auditor.errors import ReviewError
from auditor.grading.desk import load_assessment, refresh_status
from auditor.grading.rules import (
    AWAITING_REVIEW,
    CONFIRMED,
    DECISION_AGREE,
    DECISION_CONFIRM,
    DECISION_DISAGREE,
    DECISION_LABELS,
    DECISION_NOT_REFER,
    DECISION_RETURN,
    DECISION_UNDONE,
    DONE_STATUSES,
    FLAGGED,
    NOT_REFERRED_STATE,
    QA_REVIEW,
    QUESTION_DECISIONS,
    REFERRAL_REVIEW,
    Assessment,
    Review,
    completion_problems,
)
from auditor.people import require_supervisor
from auditor.records import Assessor
from auditor.review.items import Question, QueueItem, review_from_row
from auditor.review.referrals import check_transition, move_referral
from auditor.review.undo import undoable, undone_note
from db import grading as grading_rows
from db import review as review_rows

if TYPE_CHECKING:
    from auditor.inspection import Inspection

__all__ = ["Question", "QueueItem", "ReviewDesk", "ReviewError"]


class ReviewDesk:
    """A supervisor's decisions on the cases of one inspection, and inspectors' answers."""

    def __init__(self, inspection: Inspection) -> None:
        self.inspection = inspection
        self.db = inspection.db
        self.framework = inspection.framework

    # --- reading -----------------------------------------------------------------------------

    @reads
    def queue(self) -> list[QueueItem]:
        """Flagged cases awaiting a decision (graded complete, no question open), oldest first."""
        people = {a.id: a for a in self.inspection.assessors()}
        items = []
        for row in review_rows.review_queue(self.db, FLAGGED, AWAITING_REVIEW):
            assessment_row = grading_rows.assessment_by_id(self.db, row["assessment_id"])
            assert assessment_row is not None
            assessment = load_assessment(self.db, assessment_row)
            assert assessment.referral is not None
            items.append(
                QueueItem(
                    referral=assessment.referral,
                    assessment=assessment,
                    case=self.inspection.case(row["case_id"]),
                    inspector=people[row["assessor_id"]],
                )
            )
        return items

    @reads
    def questions(self, inspector_id: str | None = None) -> list[Question]:
        """Questions waiting for an answer, oldest first: an inspector's own, or everyone's."""
        return [
            Question(
                review=review_from_row(row),
                case_id=row["case_id"],
                reference=row["reference"],
                case_type=row["case_type"],
                inspector_id=row["assessor_id"],
                inspector_name=row["assessor_name"],
                reviewer_name=row["reviewer_name"],
            )
            for row in review_rows.open_questions(self.db, QUESTION_DECISIONS, inspector_id)
        ]

    @reads
    def reviews(self, assessment_id: str) -> list[Review]:
        """Every review of an assessment, oldest first (decisions, QA, questions, answers)."""
        return [
            review_from_row(r) for r in review_rows.reviews_for_assessment(self.db, assessment_id)
        ]

    # --- checks ------------------------------------------------------------------------------

    def _assessment(self, assessment_id: str) -> Assessment:
        row = grading_rows.assessment_by_id(self.db, assessment_id)
        if row is None:
            raise ReviewError(f"no assessment with id {assessment_id}")
        return load_assessment(self.db, row)

    def _reference(self, assessment: Assessment) -> str:
        return self.inspection.case(assessment.case_id).reference

    def _inspector_name(self, assessment: Assessment) -> str:
        found = [a.name for a in self.inspection.assessors() if a.id == assessment.assessor_id]
        return found[0] if found else "its inspector"

    def _check_reviewer(self, reviewer: Assessor, assessment: Assessment, action: str) -> None:
        require_supervisor(reviewer, action)
        flagger = assessment.referral.flagged_by if assessment.referral else None
        if reviewer.id in (assessment.assessor_id, flagger):
            raise ReviewError(
                f"{reviewer.name} graded or flagged {self._reference(assessment)}, so cannot "
                f"{action} on it: another supervisor must."
            )
        question = assessment.open_question
        if question is not None:
            raise ReviewError(
                f"{self._reference(assessment)} is waiting for "
                f"{self._inspector_name(assessment)}'s answer to a question; "
                "it can be decided once they answer."
            )

    def _decidable(self, reviewer: Assessor, assessment_id: str, action: str) -> Assessment:
        """The assessment of a flagged, complete case that ``reviewer`` may decide."""
        assessment = self._assessment(assessment_id)
        self._check_reviewer(reviewer, assessment, action)
        reference = self._reference(assessment)
        if assessment.referral is None:
            raise ReviewError(f"{reference} is not flagged for referral back.")
        if assessment.referral.state != FLAGGED:
            check_transition(reference, assessment.referral.state, CONFIRMED)
        case = self.inspection.case(assessment.case_id)
        problems = completion_problems(self.framework, case.case_type, assessment, case.attributes)
        if problems:
            raise ReviewError(
                f"{reference} is not graded completely yet ({'; '.join(problems)}), "
                "so its referral cannot be decided."
            )
        return assessment

    # --- writing -----------------------------------------------------------------------------

    def _add_review(
        self,
        reviewer: Assessor,
        assessment: Assessment,
        kind: str,
        decision: str,
        note: str,
        overall_grade: str | None = None,
    ) -> str:
        review_id = self.inspection.new_id()
        review_rows.insert_review(
            self.db,
            {
                "id": review_id,
                "assessment_id": assessment.id,
                "reviewer_id": reviewer.id,
                "kind": kind,
                "decision": decision,
                "note": note,
                "created_at": self.inspection.clock(),
                "overall_grade": overall_grade,
                "answer": "",
                "answered_by": None,
                "answered_at": None,
            },
        )
        changes = {"decision": (None, decision), "note": ("", note)}
        if overall_grade is not None:
            changes["overall_grade"] = (None, overall_grade)
        self.inspection.audit_many(
            [
                self.inspection.audit_row(
                    reviewer,
                    "alteration",
                    assessment.case_id,
                    "reviews",
                    review_id,
                    field,
                    old=old,
                    new=new,
                    detail=DECISION_LABELS[decision],
                )
                for field, (old, new) in changes.items()
                if old != new
            ]
        )
        return review_id

    def _close_question(
        self, actor: Assessor, assessment: Assessment, review_id: str, answer: str, detail: str
    ) -> None:
        """Record the answer that closes a question (an inspector's, or a withdrawal), with
        its ledger row; inside the caller's transaction."""
        review_rows.update_review(
            self.db,
            review_id,
            {"answer": answer, "answered_by": actor.id, "answered_at": self.inspection.clock()},
        )
        self.inspection.audit(
            actor,
            "alteration",
            case_id=assessment.case_id,
            table="reviews",
            record_id=review_id,
            field="answer",
            old="",
            new=answer,
            detail=detail,
        )

    def _referral_row(self, assessment: Assessment) -> dict[str, object]:
        row = grading_rows.referral_for_assessment(self.db, assessment.id)
        assert row is not None
        return row

    @writes
    def confirm_referral(
        self, assessment_id: str, reviewer: Assessor, note: str = ""
    ) -> Assessment:
        """Confirm a flagged case's referral back to the force (a note is optional)."""
        with self.db.atomic():
            assessment = self._decidable(reviewer, assessment_id, "confirm a referral")
            self._add_review(reviewer, assessment, REFERRAL_REVIEW, DECISION_CONFIRM, note.strip())
            return move_referral(
                self.inspection, reviewer, self._referral_row(assessment), CONFIRMED
            )

    @writes
    def do_not_refer(self, assessment_id: str, reviewer: Assessor, reason: str) -> Assessment:
        """Overturn a flag: the case is not referred back, for the ``reason`` given."""
        reason = reason.strip()
        with self.db.atomic():
            assessment = self._decidable(reviewer, assessment_id, "decide not to refer a case")
            if not reason:
                raise ReviewError(
                    f"Say why {self._reference(assessment)} is not to be referred back."
                )
            self._add_review(reviewer, assessment, REFERRAL_REVIEW, DECISION_NOT_REFER, reason)
            return move_referral(
                self.inspection,
                reviewer,
                self._referral_row(assessment),
                NOT_REFERRED_STATE,
                detail=reason,
            )

    @writes
    def return_to_inspector(
        self, assessment_id: str, reviewer: Assessor, question: str
    ) -> Assessment:
        """Send a flagged case back to its inspector with a question; it leaves the queue."""
        question = question.strip()
        with self.db.atomic():
            assessment = self._decidable(reviewer, assessment_id, "return a case to its inspector")
            if not question:
                raise ReviewError(
                    f"Write the question for {self._inspector_name(assessment)} to answer."
                )
            self._add_review(reviewer, assessment, REFERRAL_REVIEW, DECISION_RETURN, question)
            return refresh_status(self.inspection, assessment.id, reviewer)

    @writes
    def quality_assure(
        self, assessment_id: str, reviewer: Assessor, agree: bool, note: str = ""
    ) -> Assessment:
        """Agree or disagree with a graded case's overall grade; disagreeing (note required)
        returns the case to its inspector, with the note as the question."""
        note = note.strip()
        with self.db.atomic():
            assessment = self._assessment(assessment_id)
            self._check_reviewer(reviewer, assessment, "quality-assure a grading")
            reference = self._reference(assessment)
            if assessment.status not in DONE_STATUSES or assessment.overall_grade is None:
                raise ReviewError(f"{reference} is not graded completely yet; nothing to assure.")
            if not agree and not note:
                raise ReviewError(
                    f"Say why you disagree with the overall grade of {reference}; "
                    f"{self._inspector_name(assessment)} will be asked to answer it."
                )
            decision = DECISION_AGREE if agree else DECISION_DISAGREE
            self._add_review(
                reviewer, assessment, QA_REVIEW, decision, note, assessment.overall_grade
            )
            return refresh_status(self.inspection, assessment.id, reviewer)

    @writes
    def answer(self, assessment_id: str, inspector: Assessor, answer: str) -> Assessment:
        """The inspector answers the open question on their case, and so resubmits it.

        The case must be graded completely first; a returned referral goes back into the
        review queue (in its place by the day it was first flagged).
        """
        answer = answer.strip()
        with self.db.atomic():
            assessment = self._assessment(assessment_id)
            reference = self._reference(assessment)
            if inspector.id != assessment.assessor_id:
                raise ReviewError(
                    f"Only {self._inspector_name(assessment)}, who graded {reference}, can "
                    "answer the question about it."
                )
            question = assessment.open_question
            if question is None:
                raise ReviewError(f"No question about {reference} is waiting for an answer.")
            if not answer:
                raise ReviewError("Write an answer to the supervisor's question.")
            case = self.inspection.case(assessment.case_id)
            problems = completion_problems(
                self.framework, case.case_type, assessment, case.attributes
            )
            if problems:
                raise ReviewError(
                    f"{reference} cannot be resubmitted until it is graded completely "
                    f"({'; '.join(problems)})."
                )
            self._close_question(
                inspector, assessment, question.id, answer, "answered and resubmitted"
            )
            return refresh_status(self.inspection, assessment.id, inspector)

    @writes
    def undo_decision(self, assessment_id: str, reviewer: Assessor) -> Assessment:
        """Take back the latest decision on a flagged case (by the supervisor who made it,
        until the referral is sent or the question answered): the case is back in the queue."""
        with self.db.atomic():
            assessment = self._assessment(assessment_id)
            reference = self._reference(assessment)
            verdict = undoable(assessment, reviewer.id)
            if not verdict.allowed or verdict.review is None:
                raise ReviewError(f"{reference}: the decision cannot be undone: {verdict.problem}.")
            review = verdict.review
            require_supervisor(reviewer, "undo a decision")
            self._add_review(
                reviewer, assessment, REFERRAL_REVIEW, DECISION_UNDONE, undone_note(review)
            )
            if review.decision == DECISION_RETURN:  # the question is withdrawn, not answered
                withdrawn = f"(withdrawn by {reviewer.name}: the decision was undone)"
                self._close_question(
                    reviewer, assessment, review.id, withdrawn, "question withdrawn"
                )
                return refresh_status(self.inspection, assessment.id, reviewer)
            return move_referral(
                self.inspection,
                reviewer,
                self._referral_row(assessment),
                FLAGGED,
                detail=undone_note(review),
                check=False,  # back to the queue: the one move the lifecycle does not list
            )
