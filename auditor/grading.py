"""Grading rules: the suggested overall grade and a case's status, from its grades."""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.framework import Framework

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETE = "complete"
AWAITING_REVIEW = "awaiting_review"
STATUS_LABELS = {
    NOT_STARTED: "Not started",
    IN_PROGRESS: "In progress",
    COMPLETE: "Complete",
    AWAITING_REVIEW: "Awaiting review",
}


@dataclass(frozen=True)
class CriterionGrade:
    """An inspector's grade of one criterion, with the evidence note."""

    criterion_id: str
    grade: str | None
    note: str = ""


@dataclass(frozen=True)
class Referral:
    """A case flagged for referral back to the force."""

    id: str
    reason: str
    note: str
    state: str
    flagged_at: str


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

    def grade_of(self, criterion_id: str) -> str | None:
        found = self.grades.get(criterion_id)
        return found.grade if found else None

    def note_of(self, criterion_id: str) -> str:
        found = self.grades.get(criterion_id)
        return found.note if found else ""


def suggest_overall(framework: Framework, grades: list[str | None]) -> str | None:
    """The overall grade the framework's rule suggests from criterion grades (None if none)."""
    ranks = sorted(
        g.rank for code in grades if (g := framework.grade(code)) and g in framework.grades
    )
    if not ranks:
        return None
    rank = ranks[-1] if framework.overall_suggestion == "worst" else ranks[len(ranks) // 2]
    return framework.grades[rank].code


def completion_problems(
    framework: Framework, case_type: str, assessment: Assessment | None
) -> list[str]:
    """What still stands between this assessment and 'complete', in words for the inspector."""
    problems = []
    for criterion in framework.criteria_for(case_type):
        if assessment is None or assessment.grade_of(criterion.id) is None:
            problems.append(f"{criterion.title}: not graded")
    if assessment is None or assessment.overall_grade is None:
        problems.append("Overall grade: not recorded")
    else:
        suggested = suggest_overall(
            framework,
            [assessment.grade_of(c.id) for c in framework.criteria_for(case_type)],
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


def derive_status(framework: Framework, case_type: str, assessment: Assessment | None) -> str:
    """not started -> in progress -> complete -> awaiting supervisor review when flagged."""
    if assessment is None:
        return NOT_STARTED
    anything = (
        assessment.overall_grade is not None
        or assessment.referral is not None
        or any(g.grade is not None or g.note for g in assessment.grades.values())
    )
    if not anything:
        return NOT_STARTED
    if completion_problems(framework, case_type, assessment):
        return IN_PROGRESS
    return AWAITING_REVIEW if assessment.referral is not None else COMPLETE
