"""What the review views show: a flagged case in the queue, a question for an inspector."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditor.grading.rules import (
    DECISION_LABELS,
    Assessment,
    CriterionGrade,
    Referral,
    Review,
)
from auditor.records import Assessor, Case


@dataclass(frozen=True)
class QueueItem:
    """A flagged case awaiting a supervisor's decision, with what the decision needs."""

    referral: Referral
    assessment: Assessment
    case: Case
    inspector: Assessor

    @property
    def reason(self) -> str:
        return self.referral.reason

    @property
    def note(self) -> str:
        return self.referral.note

    @property
    def flagged_at(self) -> str:
        return self.referral.flagged_at

    @property
    def grades(self) -> dict[str, CriterionGrade]:
        return self.assessment.grades

    @property
    def exchanges(self) -> tuple[Review, ...]:
        """Earlier questions to the inspector about this case, with their answers."""
        return tuple(r for r in self.assessment.reviews if r.is_question)


@dataclass(frozen=True)
class Question:
    """A supervisor's question (a return or a QA disagreement) waiting for an inspector."""

    review: Review
    case_id: str
    reference: str
    case_type: str
    inspector_id: str
    inspector_name: str
    reviewer_name: str

    @property
    def assessment_id(self) -> str:
        return self.review.assessment_id

    @property
    def text(self) -> str:
        return self.review.note

    @property
    def asked_at(self) -> str:
        return self.review.created_at

    @property
    def label(self) -> str:
        return DECISION_LABELS[self.review.decision]


def review_from_row(row: dict[str, Any]) -> Review:
    """A ``Review`` from a row of the reviews table (extra columns are ignored)."""
    return Review(**{k: row[k] for k in Review.__dataclass_fields__})
