"""Rows of supervisors' reviews, the review queue and the referrals view."""

from __future__ import annotations

from typing import Any

from db.database import Database

# --- reviews ---------------------------------------------------------------------------------


def insert_review(db: Database, row: dict[str, Any]) -> None:
    db["reviews"].insert(row)


def update_review(db: Database, review_id: str, values: dict[str, Any]) -> None:
    db["reviews"].update(review_id, values)


def get_review(db: Database, review_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM reviews WHERE id = ?", [review_id]))
    return rows[0] if rows else None


def reviews_for_assessment(db: Database, assessment_id: str) -> list[dict[str, Any]]:
    """Every review of one assessment, oldest first."""
    return list(
        db.query(
            "SELECT * FROM reviews WHERE assessment_id = ? ORDER BY created_at, rowid",
            [assessment_id],
        )
    )


def open_questions(
    db: Database, decisions: tuple[str, ...], assessor_id: str | None = None
) -> list[dict[str, Any]]:
    """Unanswered reviews with one of ``decisions``, with the case and the people named.

    Columns: the review's, then ``case_id``, ``reference``, ``case_type``, ``assessor_id``,
    ``assessor_name``, ``reviewer_name``. With ``assessor_id``, only that assessor's cases.
    """
    marks = ",".join("?" * len(decisions))
    where = "" if assessor_id is None else "AND a.assessor_id = ?"
    params: list[Any] = [*decisions] + ([] if assessor_id is None else [assessor_id])
    return list(
        db.query(
            f"""
            SELECT rv.*, a.case_id, c.reference, c.case_type, a.assessor_id,
                   p.name AS assessor_name, s.name AS reviewer_name
            FROM reviews rv
            JOIN assessments a ON a.id = rv.assessment_id
            JOIN cases c ON c.id = a.case_id
            JOIN assessors p ON p.id = a.assessor_id
            JOIN assessors s ON s.id = rv.reviewer_id
            WHERE rv.decision IN ({marks}) AND rv.answered_at IS NULL {where}
            ORDER BY rv.created_at, rv.rowid
            """,
            params,
        )
    )


# --- referrals ---------------------------------------------------------------------------------

_REFERRAL_SELECT = """
    SELECT r.*, a.case_id, a.assessor_id, a.status AS assessment_status,
           a.overall_grade, c.reference, c.case_type, p.name AS assessor_name,
           p.role AS assessor_role,
           f.name AS flagged_by_name,
           cv.created_at AS confirmed_at, cp.name AS confirmed_by_name,
           cp.role AS confirmed_by_role
    FROM referrals r
    JOIN assessments a ON a.id = r.assessment_id
    JOIN cases c ON c.id = a.case_id
    JOIN assessors p ON p.id = a.assessor_id
    JOIN assessors f ON f.id = r.flagged_by
    LEFT JOIN reviews cv ON cv.id = (
        SELECT v.id FROM reviews v
        WHERE v.assessment_id = r.assessment_id AND v.decision = 'confirmed'
        ORDER BY v.created_at DESC, v.rowid DESC LIMIT 1
    )
    LEFT JOIN assessors cp ON cp.id = cv.reviewer_id
"""


def get_referral(db: Database, referral_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM referrals WHERE id = ?", [referral_id]))
    return rows[0] if rows else None


def review_queue(db: Database, state: str, status: str) -> list[dict[str, Any]]:
    """Referrals in ``state`` whose assessment has ``status``, oldest flag first.

    Columns: the referral's, then ``case_id``, ``assessor_id``, ``assessment_status``,
    ``overall_grade``, ``reference``, ``case_type``, ``assessor_name``, ``flagged_by_name``,
    and the latest confirmation: ``confirmed_at``, ``confirmed_by_name``, ``confirmed_by_role``
    (None when the referral was never confirmed).
    """
    return list(
        db.query(
            f"{_REFERRAL_SELECT} WHERE r.state = ? AND a.status = ? ORDER BY r.flagged_at, r.rowid",
            [state, status],
        )
    )


def referral_rows(
    db: Database, state: str | None = None, case_type: str | None = None
) -> list[dict[str, Any]]:
    """Every referral (optionally of one state and case type), oldest flag first.

    Columns as ``review_queue``.
    """
    clauses, params = [], []
    if state is not None:
        clauses.append("r.state = ?")
        params.append(state)
    if case_type is not None:
        clauses.append("c.case_type = ?")
        params.append(case_type)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return list(db.query(f"{_REFERRAL_SELECT} {where} ORDER BY r.flagged_at, r.rowid", params))
