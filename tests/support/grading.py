"""Constants and helpers for the grading tests."""

from __future__ import annotations

from typing import Any

from auditor.inspection import Assessor, Inspection
from auditor.records import Case
from tests.support.grades import CUSTODY_CRITERIA, GOOD


def audit(insp: Inspection, **where: Any) -> list[dict[str, Any]]:
    """Audit rows matching column = value, in order of writing."""
    clause = " AND ".join(f"[{k}] IS ?" for k in where) or "1"
    return list(
        insp.db.query(
            f"SELECT * FROM audit_log WHERE {clause} ORDER BY rowid", list(where.values())
        )
    )


def counts(insp: Inspection) -> tuple[int, ...]:
    tables = ("audit_log", "assessments", "criterion_grades", "referrals")
    return tuple(insp.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def grade_all(insp: Inspection, case: Case, actor: Assessor, grades: dict[str, str]) -> None:
    for criterion_id in CUSTODY_CRITERIA:
        insp.grading.set_grade(case.id, actor, criterion_id, grades.get(criterion_id, GOOD))
