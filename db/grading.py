"""Rows of assessments, criterion grades, referrals and reviews."""

from __future__ import annotations

from typing import Any

from db.bulk import insert_row, update_row
from db.database import Database


def get_assessment(db: Database, case_id: str, assessor_id: str) -> dict[str, Any] | None:
    rows = list(
        db.query(
            "SELECT * FROM assessments WHERE case_id = ? AND assessor_id = ?",
            [case_id, assessor_id],
        )
    )
    return rows[0] if rows else None


def assessment_by_id(db: Database, assessment_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM assessments WHERE id = ?", [assessment_id]))
    return rows[0] if rows else None


def assessments_for_case(db: Database, case_id: str) -> list[dict[str, Any]]:
    return list(
        db.query("SELECT * FROM assessments WHERE case_id = ? ORDER BY started_at", [case_id])
    )


def insert_assessment(db: Database, row: dict[str, Any]) -> None:
    insert_row(db, "assessments", row)


def update_assessment(db: Database, assessment_id: str, values: dict[str, Any]) -> None:
    update_row(db, "assessments", assessment_id, values)


def criterion_grades(db: Database, assessment_id: str) -> dict[str, dict[str, Any]]:
    """Criterion id -> grade row for one assessment."""
    return {
        row["criterion_id"]: row
        for row in db.query(
            "SELECT * FROM criterion_grades WHERE assessment_id = ?", [assessment_id]
        )
    }


def criterion_grade_of(
    db: Database, case_id: str, assessor_id: str, criterion_id: str
) -> dict[str, Any] | None:
    """One assessor's grade row of one criterion of a case (None when there is none)."""
    rows = list(
        db.query(
            "SELECT g.* FROM criterion_grades g JOIN assessments a ON a.id = g.assessment_id "
            "WHERE a.case_id = ? AND a.assessor_id = ? AND g.criterion_id = ?",
            [case_id, assessor_id, criterion_id],
        )
    )
    return rows[0] if rows else None


def upsert_criterion_grade(db: Database, row: dict[str, Any]) -> None:
    existing = db.execute(
        "SELECT id FROM criterion_grades WHERE assessment_id = ? AND criterion_id = ?",
        [row["assessment_id"], row["criterion_id"]],
    ).fetchone()
    if existing is None:
        insert_row(db, "criterion_grades", row)
    else:
        values = {k: v for k, v in row.items() if k not in ("id", "assessment_id", "criterion_id")}
        update_row(db, "criterion_grades", existing[0], values)


def referral_for_assessment(db: Database, assessment_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM referrals WHERE assessment_id = ?", [assessment_id]))
    return rows[0] if rows else None


def insert_referral(db: Database, row: dict[str, Any]) -> None:
    insert_row(db, "referrals", row)


def update_referral(db: Database, referral_id: str, values: dict[str, Any]) -> None:
    update_row(db, "referrals", referral_id, values)


def delete_referral(db: Database, referral_id: str) -> None:
    db["referrals"].delete(referral_id)


def progress_counts(
    db: Database, assessor_id: str | None, done: tuple[str, ...]
) -> tuple[int, int, int]:
    """(cases, cases whose grading is done (status in ``done``), cases flagged)."""
    total = db.execute("SELECT count(*) FROM cases").fetchone()[0]
    where = "" if assessor_id is None else "WHERE a.assessor_id = ?"
    mine = [] if assessor_id is None else [assessor_id]
    marks = ",".join("?" * len(done))
    graded = db.execute(
        f"SELECT count(DISTINCT a.case_id) FROM assessments a {where} "
        f"{'AND' if where else 'WHERE'} a.status IN ({marks})",
        [*mine, *done],
    ).fetchone()[0]
    flagged = db.execute(
        f"SELECT count(DISTINCT a.case_id) FROM referrals r "
        f"JOIN assessments a ON a.id = r.assessment_id {where}",
        mine,
    ).fetchone()[0]
    return total, graded, flagged
