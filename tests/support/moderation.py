"""Helpers for the moderation tests: a fixed clock, graded cases, snapshots of the file."""

from __future__ import annotations

from typing import Any

from auditor.grading.rules import Assessment
from auditor.inspection import Assessor, Inspection
from auditor.records import Case

GOOD, RI, INADEQUATE, NA = "good", "requires_improvement", "inadequate", "not_applicable"
REASON = "child_at_risk"


def add_case(insp: Inspection, reference: str, case_type: str = "CUSTODY") -> Case:
    return insp.add_case(
        None, reference=reference, case_type=case_type, summary="Invented case for a test."
    )


def grade_fully(
    insp: Inspection,
    case: Case,
    who: Assessor,
    grade: str = GOOD,
    overall: str | None = None,
    criteria: dict[str, str] | None = None,
) -> Assessment:
    """Grade every criterion (``grade`` unless ``criteria`` says otherwise) and overall."""
    criteria = criteria or {}
    for criterion in insp.framework.criteria_for(case.case_type):
        insp.grading.set_grade(case.id, who, criterion.id, criteria.get(criterion.id, grade))
    overall = overall or grade
    reason = None if overall == grade else "Invented reason for the override."
    return insp.grading.set_overall(case.id, who, overall, reason)


def flag(insp: Inspection, case: Case, who: Assessor) -> Assessment:
    return insp.grading.set_referral(case.id, who, REASON, "Invented: child left at risk.")


def audit(insp: Inspection, **where: Any) -> list[dict[str, Any]]:
    """Audit rows matching column = value, in order of writing."""
    clause = " AND ".join(f"[{k}] IS ?" for k in where) or "1"
    sql = f"SELECT * FROM audit_log WHERE {clause} ORDER BY rowid"
    return list(insp.db.query(sql, list(where.values())))


TABLES = (
    "assessments",
    "criterion_grades",
    "referrals",
    "moderation_cases",
    "reconciliations",
    "force_grades",
    "audit_log",
)


def snapshot(insp: Inspection) -> dict[str, list[tuple]]:
    """Every row of the tables moderation may change, to show a refusal wrote nothing."""
    return {t: insp.db.execute(f"SELECT * FROM [{t}] ORDER BY rowid").fetchall() for t in TABLES}
