"""Grading rules: a case's status from its grades (the suggested overall grade it checks
against is ``auditor.grading.suggestion``'s, re-exported here)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from auditor.framework import Framework, Words
from auditor.grading.suggestion import domain_ratings as domain_ratings
from auditor.grading.suggestion import rate as rate
from auditor.grading.suggestion import suggest_for_case
from auditor.grading.suggestion import suggest_overall as suggest_overall
from auditor.grading.suggestion import yes_share as yes_share

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
RETURNED = "returned"
COMPLETE = "complete"
AWAITING_REVIEW = "awaiting_review"
NOT_REFERRED = "not_referred"
REFERRAL_CONFIRMED = "referral_confirmed"
REFERRAL_SENT = "referral_sent"
FORCE_RESPONDED = "force_responded"
REFERRAL_CLOSED = "referral_closed"
#: Every status, in the order of a case's lifecycle (the case list sorts by this order).
STATUS_LABELS = {
    NOT_STARTED: "Not started",
    IN_PROGRESS: "In progress",
    RETURNED: "Returned",
    COMPLETE: "Complete",
    AWAITING_REVIEW: "Awaiting review",
    NOT_REFERRED: "Not referred",
    REFERRAL_CONFIRMED: "Referral confirmed",
    REFERRAL_SENT: "Sent to force",
    FORCE_RESPONDED: "Force responded",
    REFERRAL_CLOSED: "Referral closed",
}
#: Statuses of a case whose grading is done (nothing waits for its inspector).
DONE_STATUSES = (
    COMPLETE,
    AWAITING_REVIEW,
    NOT_REFERRED,
    REFERRAL_CONFIRMED,
    REFERRAL_SENT,
    FORCE_RESPONDED,
    REFERRAL_CLOSED,
)

# States of a referral back to the force, in lifecycle order.
FLAGGED = "flagged"
CONFIRMED = "confirmed"
NOT_REFERRED_STATE = "not_referred"
SENT = "sent"
RESPONDED = "responded"
CLOSED = "closed"
REFERRAL_STATE_LABELS = {
    FLAGGED: "Flagged",
    CONFIRMED: "Confirmed",
    SENT: "Sent to force",
    RESPONDED: "Force responded",
    CLOSED: "Closed",
    NOT_REFERRED_STATE: "Not referred",
}
_STATUS_OF_REFERRAL = {
    FLAGGED: AWAITING_REVIEW,
    CONFIRMED: REFERRAL_CONFIRMED,
    SENT: REFERRAL_SENT,
    RESPONDED: FORCE_RESPONDED,
    CLOSED: REFERRAL_CLOSED,
    NOT_REFERRED_STATE: NOT_REFERRED,
}

# Kinds and decisions of a supervisor's review.
REFERRAL_REVIEW = "referral"
QA_REVIEW = "qa"
DECISION_CONFIRM = "confirmed"
DECISION_NOT_REFER = "not_referred"
DECISION_RETURN = "returned"
DECISION_AGREE = "agree"
DECISION_DISAGREE = "disagree"
#: A review that takes back the decision before it (by the supervisor who made it).
DECISION_UNDONE = "undone"
#: Decisions that send a case back to its inspector with a question to answer.
QUESTION_DECISIONS = (DECISION_RETURN, DECISION_DISAGREE)
DECISION_LABELS = {
    DECISION_CONFIRM: "Referral confirmed",
    DECISION_NOT_REFER: "Not referred",
    DECISION_RETURN: "Returned with a question",
    DECISION_AGREE: "Agrees with the overall grade",
    DECISION_DISAGREE: "Disagrees with the overall grade",
    DECISION_UNDONE: "Decision undone",
}


ARTICLES = ("the ", "a ", "an ")


def body_noun(words: Words) -> str:
    """The inspected body without its article, as written: "force", "probation region"."""
    text = words.inspected_body.strip()
    for article in ARTICLES:
        if text.casefold().startswith(article):
            return text[len(article) :]
    return text


def body_heading(words: Words) -> str:
    """The inspected body as a heading's first word: "Force", "Probation region"."""
    noun = body_noun(words)
    return noun[:1].upper() + noun[1:]


def status_labels(words: Words) -> dict[str, str]:
    """``STATUS_LABELS`` naming the inspected body in the framework's words ("Sent to
    service", "Service responded"); the same as ``STATUS_LABELS`` in the police wording."""
    return {**STATUS_LABELS, **_body_labels(words, REFERRAL_SENT, FORCE_RESPONDED)}


def referral_state_labels(words: Words) -> dict[str, str]:
    """``REFERRAL_STATE_LABELS`` naming the inspected body in the framework's words."""
    return {**REFERRAL_STATE_LABELS, **_body_labels(words, SENT, RESPONDED)}


def _body_labels(words: Words, sent: str, responded: str) -> dict[str, str]:
    return {sent: f"Sent to {body_noun(words)}", responded: f"{body_heading(words)} responded"}


def is_done(status: str) -> bool:
    """Whether a case with this status needs nothing more from its inspector."""
    return status in DONE_STATUSES


@dataclass(frozen=True)
class CriterionGrade:
    """An inspector's grade of one criterion, with the evidence note."""

    criterion_id: str
    grade: str | None
    note: str = ""


@dataclass(frozen=True)
class Referral:
    """A case flagged for referral back to the force, and how far it has gone."""

    id: str
    reason: str
    note: str
    state: str
    flagged_at: str
    flagged_by: str = ""
    sent_at: str | None = None
    force_reference: str = ""
    response_at: str | None = None
    response_action: str = ""
    closed_at: str | None = None


@dataclass(frozen=True)
class Review:
    """A supervisor's decision on an assessment, with the inspector's answer to a question."""

    id: str
    assessment_id: str
    reviewer_id: str
    kind: str
    decision: str
    note: str
    created_at: str
    overall_grade: str | None = None
    answer: str = ""
    answered_by: str | None = None
    answered_at: str | None = None

    @property
    def is_question(self) -> bool:
        """A return or a disagreement: the inspector is asked to answer and resubmit."""
        return self.decision in QUESTION_DECISIONS

    @property
    def is_open(self) -> bool:
        """A question still waiting for the inspector's answer."""
        return self.is_question and self.answered_at is None


@dataclass(frozen=True)
class Assessment:
    """One assessor's grading of one case."""

    id: str
    case_id: str
    assessor_id: str
    overall_grade: str | None
    override_reason: str
    status: str
    updated_at: str
    grades: dict[str, CriterionGrade] = field(default_factory=dict)
    referral: Referral | None = None
    reviews: tuple[Review, ...] = ()

    @property
    def open_question(self) -> Review | None:
        """The supervisor's question waiting for this assessment's inspector, if any."""
        return next((r for r in reversed(self.reviews) if r.is_open), None)

    def grade_of(self, criterion_id: str) -> str | None:
        found = self.grades.get(criterion_id)
        return found.grade if found else None

    def note_of(self, criterion_id: str) -> str:
        found = self.grades.get(criterion_id)
        return found.note if found else ""


def completion_problems(
    framework: Framework,
    case_type: str,
    assessment: Assessment | None,
    attributes: Mapping[str, Any] | None = None,
) -> list[str]:
    """What still stands between this assessment and 'complete', in words for the inspector
    (``attributes``: the case's, choosing the criteria that apply by ``applies_when``)."""
    problems = []
    applying = framework.criteria_for(case_type, attributes)
    for criterion in applying:
        if assessment is None or assessment.grade_of(criterion.id) is None:
            problems.append(f"{criterion.title}: {not_done_text(framework)}")
    if assessment is None or assessment.overall_grade is None:
        problems.append("Overall grade: not recorded")
    else:
        suggested = suggest_for_case(
            framework,
            case_type,
            {c.id: assessment.grade_of(c.id) for c in applying},
            attributes,
        )
        if (
            suggested is not None
            and assessment.overall_grade != suggested
            and not assessment.override_reason.strip()
        ):
            problems.append(
                "Overall grade: differs from the suggested "
                f"{framework.grade_label(suggested)}; say why"
            )
    if assessment is not None and assessment.referral is not None:
        if not assessment.referral.reason:
            problems.append("Referral back: choose a reason")
        if not assessment.referral.note.strip():
            problems.append("Referral back: write a note")
    return problems


def not_done_text(framework: Framework) -> str:
    """A criterion with no grade: "not answered" where criteria have their own answer scale."""
    return "not answered" if framework.separate_answers else "not graded"


def derive_status(
    framework: Framework,
    case_type: str,
    assessment: Assessment | None,
    attributes: Mapping[str, Any] | None = None,
) -> str:
    """A case's place in its lifecycle, from its grades, referral and reviews.

    not started -> in progress -> complete, or awaiting review when flagged -> not referred,
    or referral confirmed -> sent to force -> force responded -> referral closed. A question
    from a supervisor (a return, or a disagreement in quality assurance) makes it "returned"
    until its inspector answers.
    """
    if assessment is None:
        return NOT_STARTED
    anything = (
        assessment.overall_grade is not None
        or assessment.referral is not None
        or any(g.grade is not None or g.note for g in assessment.grades.values())
    )
    if not anything:
        return NOT_STARTED
    if assessment.open_question is not None:
        return RETURNED
    if completion_problems(framework, case_type, assessment, attributes):
        return IN_PROGRESS
    if assessment.referral is None:
        return COMPLETE
    return _STATUS_OF_REFERRAL.get(assessment.referral.state, AWAITING_REVIEW)
