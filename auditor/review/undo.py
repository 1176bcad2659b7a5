"""Which referral decision may be undone, and by whom (pure rules over an assessment).

A supervisor's decision on a flagged case (confirm, not refer, return with a question) can be
taken back by the supervisor who made it, until the referral is sent to the force, or the
question is answered: the case goes back to the review queue, and both the decision and its
undoing stay in the history and the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.grading.rules import (
    CONFIRMED,
    DECISION_CONFIRM,
    DECISION_LABELS,
    DECISION_NOT_REFER,
    DECISION_RETURN,
    DECISION_UNDONE,
    NOT_REFERRED_STATE,
    REFERRAL_REVIEW,
    REFERRAL_STATE_LABELS,
    Assessment,
    Review,
)

UNDOABLE = (DECISION_CONFIRM, DECISION_NOT_REFER, DECISION_RETURN)
#: The referral state each undoable decision leaves (a return leaves the flag as it was).
STATE_AFTER = {DECISION_CONFIRM: CONFIRMED, DECISION_NOT_REFER: NOT_REFERRED_STATE}


@dataclass(frozen=True)
class Undoable:
    """The latest decision on a case, and why it cannot be undone ('' when it can)."""

    review: Review | None
    problem: str

    @property
    def allowed(self) -> bool:
        return self.review is not None and not self.problem


def last_decision(assessment: Assessment) -> Review | None:
    """The latest referral decision on the assessment (an undoing counts as one)."""
    decisions = [r for r in assessment.reviews if r.kind == REFERRAL_REVIEW]
    return max(decisions, key=lambda r: r.created_at, default=None)


def undoable(assessment: Assessment, reviewer_id: str, reviewer_name: str = "") -> Undoable:
    """Whether ``reviewer_id`` may undo the latest decision on ``assessment``, and if not why."""
    review = last_decision(assessment)
    referral = assessment.referral
    if review is None or referral is None or review.decision not in UNDOABLE:
        return Undoable(None, "no decision on this case is waiting to be undone")
    label = DECISION_LABELS[review.decision].lower()
    if review.reviewer_id != reviewer_id:
        return Undoable(review, f"only the supervisor who decided ({label}) can undo it")
    if review.decision == DECISION_RETURN:
        if not review.is_open:
            return Undoable(review, "the inspector has answered the question; decide again")
    elif referral.state != STATE_AFTER[review.decision]:
        state = REFERRAL_STATE_LABELS.get(referral.state, referral.state).lower()
        return Undoable(review, f"the referral is {state} now, so the decision stands")
    return Undoable(review, "")


def undone_note(review: Review) -> str:
    """The note of the review that undoes ``review``."""
    return f"Undid: {DECISION_LABELS[review.decision]}"


__all__ = ["DECISION_UNDONE", "Undoable", "last_decision", "undoable", "undone_note"]
