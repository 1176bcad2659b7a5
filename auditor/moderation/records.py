"""Plain records of moderation: sampled cases, agreement rows, disagreements, the force's audit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditor.errors import Refused
from auditor.grading.rules import DONE_STATUSES
from auditor.moderation.agreement import Agreement
from auditor.people import is_supervisor
from auditor.records import Assessor

MODERATION, CONFLICT = "moderation", "conflict"
KIND_LABELS = {MODERATION: "Moderation", CONFLICT: "Merge conflict"}


class ModerationError(Refused):
    """A moderation step that is not allowed or not possible, described for the user."""


def require_lead(actor: Assessor | None, action: str) -> Assessor:
    """Refuse ``action`` to anyone but a supervisor (the lead)."""
    if not is_supervisor(actor):
        who = "nobody is signed in" if actor is None else f"{actor.name} is an {actor.role}"
        raise ModerationError(f"Only a supervisor (the lead) can {action}; {who}.")
    return actor


@dataclass(frozen=True)
class SampledCase:
    """A case in the moderation sample, with its first and second gradings."""

    case_id: str
    reference: str
    case_type: str
    reason: str  # "referral" or "stratified"
    percent: float
    seed: int
    drawn_at: str
    first_id: str
    first_name: str
    first_grade: str | None
    first_assessment_id: str | None
    second_id: str | None
    second_name: str
    second_grade: str | None
    second_status: str | None  # None: not started
    second_assessment_id: str | None

    @property
    def second_done(self) -> bool:
        return self.second_status in DONE_STATUSES

    @property
    def double_graded(self) -> bool:
        """Both gradings have an overall grade and the second is finished."""
        return self.second_done and self.first_grade is not None and self.second_grade is not None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> SampledCase:
        return cls(
            case_id=row["case_id"],
            reference=row["reference"],
            case_type=row["case_type"],
            reason=row["reason"],
            percent=row["percent"],
            seed=row["seed"],
            drawn_at=row["drawn_at"],
            first_id=row["first_assessor_id"],
            first_name=row["first_name"],
            first_grade=row["first_grade"],
            first_assessment_id=row["first_assessment_id"],
            second_id=row["second_assessor_id"],
            second_name=row["second_name"] or "",
            second_grade=row["second_grade"],
            second_status=row["second_status"],
            second_assessment_id=row["second_assessment_id"],
        )


@dataclass(frozen=True)
class DrawResult:
    """What a draw added to the sample (cases already in it stay as they are)."""

    referral: int
    stratified: int
    already: int

    @property
    def added(self) -> int:
        return self.referral + self.stratified

    def describe(self) -> str:
        if not self.added:
            return f"Nothing added: the {self.already} cases drawn are already in the sample."
        text = (
            f"Added {self.added} case{'s' if self.added != 1 else ''} to the sample: "
            f"{self.referral} flagged for referral back, {self.stratified} drawn by stratum"
        )
        return text + (f" ({self.already} already in it)." if self.already else ".")


@dataclass(frozen=True)
class AgreementRow:
    """Agreement on the overall grade or one criterion."""

    key: str  # "overall" or a criterion id
    title: str
    agreement: Agreement


@dataclass(frozen=True)
class Reconciled:
    """The grade the lead agreed for a case graded differently by two people."""

    grade: str
    note: str
    by: str
    at: str


@dataclass(frozen=True)
class Disagreement:
    """A case two people graded differently overall, for the lead to reconcile."""

    case_id: str
    reference: str
    kind: str  # MODERATION or CONFLICT
    grades: tuple[tuple[str, str], ...]  # (assessor name, overall grade code), first grader first
    criteria_differing: int
    reconciled: Reconciled | None


@dataclass(frozen=True)
class ForceComparison:
    """The reported grade against the force's own audit: a confusion matrix and agreement."""

    categories: tuple[str, ...]  # grade codes, scale order
    matrix: list[list[int]]  # row = inspectorate's reported grade, column = the force's
    agreement: Agreement
    force_graded: int  # cases with a force grade
    not_graded: int  # of those, cases the inspectorate has not graded yet
