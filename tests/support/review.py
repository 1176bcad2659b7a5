"""Helpers for the review tests: a fixed clock, graded and flagged cases, audit rows."""

from __future__ import annotations

from typing import Any

from auditor.grading.rules import Assessment
from auditor.inspection import Assessor, Inspection
from auditor.records import Case

REASON = "child_at_risk"
OTHER_REASON = "procedures_not_followed"
GOOD, RI, INADEQUATE = "good", "requires_improvement", "inadequate"


def add_case(insp: Inspection, reference: str, case_type: str = "CUSTODY") -> Case:
    return insp.add_case(
        None, reference=reference, case_type=case_type, summary="Invented case for a test."
    )


def grade_fully(insp: Inspection, case: Case, who: Assessor, grade: str = GOOD) -> Assessment:
    """Grade every criterion of the case and its overall grade (the suggestion)."""
    for criterion in insp.framework.criteria_for(case.case_type):
        insp.grading.set_grade(case.id, who, criterion.id, grade)
    return insp.grading.set_overall(case.id, who, grade)


def flagged_case(
    insp: Inspection, reference: str, who: Assessor, case_type: str = "CUSTODY"
) -> Assessment:
    """A case graded completely by ``who`` and flagged for referral back."""
    case = add_case(insp, reference, case_type)
    grade_fully(insp, case, who, INADEQUATE)
    return insp.grading.set_referral(
        case.id, who, REASON, "Invented: child left at risk overnight."
    )


def audit(insp: Inspection, **where: Any) -> list[dict[str, Any]]:
    """Audit rows matching column = value, in order of writing."""
    clause = " AND ".join(f"[{k}] IS ?" for k in where) or "1"
    sql = f"SELECT * FROM audit_log WHERE {clause} ORDER BY rowid"
    return list(insp.db.query(sql, list(where.values())))


def snapshot(insp: Inspection) -> dict[str, list[tuple]]:
    """Every row of the tables a review may change, to show a refusal wrote nothing."""
    tables = ("assessments", "criterion_grades", "referrals", "reviews", "settings", "audit_log")
    return {t: insp.db.execute(f"SELECT * FROM [{t}] ORDER BY rowid").fetchall() for t in tables}
