"""The assessments an import's gradings change, as working copies in memory: read for a
chunk of cases at once, changed by the replayed edits (``auditor.importing.gradings``), and
read back as the grading desk reads them (``Working.assessment``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from auditor.framework import Criterion, Framework, Grade
from auditor.grading.rules import Assessment, CriterionGrade, Referral, Review
from db import grading_bulk

if TYPE_CHECKING:
    from db.database import Database


class Working:
    """One assessment as the import changes it: its row, grades, referral, open question."""

    __slots__ = ("grades", "questioned", "referral", "reviews", "row")

    def __init__(
        self,
        row: dict[str, Any],
        grades: dict[str, dict[str, Any]] | None = None,
        referral: dict[str, Any] | None = None,
        reviews: tuple[Review, ...] = (),
    ) -> None:
        self.row = row
        self.grades = grades if grades is not None else {}
        self.referral = referral
        self.reviews = reviews
        #: A supervisor's question waits for the inspector (reviews do not change here).
        self.questioned = any(review.is_open for review in reviews)

    def assessment(self) -> Assessment:
        """As ``auditor.grading.desk.load_assessment`` reads it from the rows."""
        row, ref = self.row, self.referral
        referral = None
        if ref is not None:
            fields = {k: ref[k] for k in Referral.__dataclass_fields__ if k in ref}
            referral = Referral(**fields)  # a new one: the table's defaults, as the dataclass's
        return Assessment(
            id=row["id"],
            case_id=row["case_id"],
            assessor_id=row["assessor_id"],
            overall_grade=row["overall_grade"],
            override_reason=row["override_reason"],
            status=row["status"],
            updated_at=row["updated_at"],
            grades={
                cid: CriterionGrade(cid, g["grade"], g["note"]) for cid, g in self.grades.items()
            },
            referral=referral,
            reviews=self.reviews,
        )


def read_assessments(db: Database, case_ids: set[str]) -> dict[tuple[str, str], Working]:
    """The assessments of the cases ``case_ids`` in the file, by (case, assessor)."""
    rows = grading_bulk.assessments_of_cases(db, case_ids) if case_ids else []
    if not rows:
        return {}
    ids = [row["id"] for row in rows]
    grades: dict[str, dict[str, dict[str, Any]]] = {}
    for grade in grading_bulk.criterion_grades_of(db, ids):
        grades.setdefault(grade["assessment_id"], {})[grade["criterion_id"]] = grade
    referrals = {r["assessment_id"]: r for r in grading_bulk.referrals_of(db, ids)}
    reviews: dict[str, list[Review]] = {}
    for review in grading_bulk.reviews_of(db, ids):
        reviews.setdefault(review["assessment_id"], []).append(
            Review(**{k: review[k] for k in Review.__dataclass_fields__})
        )
    return {
        (row["case_id"], row["assessor_id"]): Working(
            row,
            grades.get(row["id"], {}),
            referrals.get(row["id"]),
            tuple(reviews.get(row["id"], ())),
        )
        for row in rows
    }


class FrameworkView:
    """The framework, with what ``derive_status`` asks of it at every complete-looking edit
    looked up in dicts (the framework is frozen: the answers never change).

    It answers as the framework does: ``grade`` finds ratings, answers and Not applicable,
    ``answer`` only the criteria's answers and Not applicable (the suggestion rules read both
    scales, ``auditor.grading.rules.rate``); ``criteria_for`` with a case's attributes asks
    the framework (the criteria that apply by type alone are kept per type)."""

    def __init__(self, framework: Framework) -> None:
        self._framework = framework
        self._grades: dict[str, Grade] = {}
        for grade in (*framework.grades, *framework.answer_scale, framework.not_applicable):
            self._grades.setdefault(grade.code, grade)
        self._answers = {g.code: g for g in (*framework.answers, framework.not_applicable)}
        self._criteria = {t.code: framework.criteria_for(t.code) for t in framework.case_types}
        self._conditional = any(c.conditions for c in framework.criteria)
        self.grades = framework.grades
        self.answers = framework.answers
        self.not_applicable = framework.not_applicable
        self.overall_suggestion = framework.overall_suggestion
        self.overall_from = framework.overall_from

    def __getattr__(self, name: str) -> Any:
        return getattr(self._framework, name)

    def criteria_for(
        self, case_type: str, attributes: Mapping[str, Any] | None = None
    ) -> list[Criterion]:
        if attributes is not None and self._conditional:
            return self._framework.criteria_for(case_type, attributes)
        found = self._criteria.get(case_type)
        return self._framework.criteria_for(case_type) if found is None else found

    def grade(self, code: str | None) -> Grade | None:
        return None if code is None else self._grades.get(code)

    def answer(self, code: str | None) -> Grade | None:
        return None if code is None else self._answers.get(code)
