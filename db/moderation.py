"""Rows of moderation: the sample and its second inspectors, agreed grades, the force's grades.

``moderation_cases`` holds one row per sampled case: who graded it first, why it was drawn
(``referral`` or ``stratified``), the draw's percentage and seed, and the second inspector
assigned to grade it blind. ``reconciliations`` holds the grade the lead agreed for a case
graded differently by two people; ``force_grades`` the grade the force's own audit gave.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from db import bulk
from db.database import Database
from db.reports import chosen_assessment

_FIRST = chosen_assessment("first", graded_only=True)


def candidate_rows(db: Database) -> list[dict[str, Any]]:
    """Every case with a graded assessment that counts (its first grading), for drawing.

    Keys: ``case_id``, ``reference``, ``case_type``, ``assessor_id``, ``overall_grade``,
    ``flagged`` (1 when that assessment has a referral, in any state), ``sampled`` (1 when the
    case is already in the moderation sample).
    """
    sql = f"""
        {_FIRST}
        SELECT c.id AS case_id, c.reference, c.case_type, a.assessor_id, a.overall_grade,
               f.id IS NOT NULL AS flagged, m.id IS NOT NULL AS sampled
        FROM first r
        JOIN cases c ON c.id = r.case_id
        JOIN assessments a ON a.id = r.id
        LEFT JOIN referrals f ON f.assessment_id = a.id
        LEFT JOIN moderation_cases m ON m.case_id = c.id
        ORDER BY c.reference
    """
    return list(db.query(sql))


def insert_sampled(db: Database, rows: list[dict[str, Any]]) -> None:
    bulk.insert_rows(db, "moderation_cases", rows)


def sampled_row(db: Database, case_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM moderation_cases WHERE case_id = ?", [case_id]))
    return rows[0] if rows else None


def set_second(db: Database, row_id: str, assessor_id: str | None, at: str | None) -> None:
    db.execute(
        "UPDATE moderation_cases SET second_assessor_id = ?, assigned_at = ? WHERE id = ?",
        [assessor_id, at, row_id],
    )


def sample_rows(db: Database) -> list[dict[str, Any]]:
    """The sample with both gradings, in reference order.

    Keys: the ``moderation_cases`` columns, ``reference``, ``case_type``, ``first_name``,
    ``second_name``, ``first_assessment_id``, ``first_grade``, ``first_status``,
    ``second_assessment_id``, ``second_grade``, ``second_status`` (None when not started).
    """
    sql = """
        SELECT m.*, c.reference, c.case_type,
               p1.name AS first_name, p2.name AS second_name,
               a1.id AS first_assessment_id, a1.overall_grade AS first_grade,
               a1.status AS first_status,
               a2.id AS second_assessment_id, a2.overall_grade AS second_grade,
               a2.status AS second_status
        FROM moderation_cases m
        JOIN cases c ON c.id = m.case_id
        JOIN assessors p1 ON p1.id = m.first_assessor_id
        LEFT JOIN assessors p2 ON p2.id = m.second_assessor_id
        LEFT JOIN assessments a1
               ON a1.case_id = m.case_id AND a1.assessor_id = m.first_assessor_id
        LEFT JOIN assessments a2
               ON a2.case_id = m.case_id AND a2.assessor_id = m.second_assessor_id
        ORDER BY c.reference
    """
    return list(db.query(sql))


def criterion_grade_rows(db: Database, assessment_ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """(assessment id, criterion id, grade) of every graded criterion of these assessments."""
    ids = sorted(set(assessment_ids))
    found: list[tuple[str, str, str]] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = (
            "SELECT assessment_id, criterion_id, grade FROM criterion_grades "
            f"WHERE grade IS NOT NULL AND assessment_id IN ({marks})"
        )
        found += [tuple(r) for r in db.execute(sql, chunk).fetchall()]  # type: ignore[misc]
    return found


def blind_case_ids(db: Database, viewer_id: str, done_statuses: Iterable[str]) -> set[str]:
    """Cases ``viewer_id`` moderates whose own assessment is not yet in a done status."""
    done = sorted(set(done_statuses))
    marks = ",".join("?" * len(done)) or "''"
    sql = f"""
        SELECT m.case_id FROM moderation_cases m
        LEFT JOIN assessments a
               ON a.case_id = m.case_id AND a.assessor_id = m.second_assessor_id
        WHERE m.second_assessor_id = ? AND (a.id IS NULL OR a.status NOT IN ({marks}))
    """
    return {r[0] for r in db.execute(sql, [viewer_id, *done]).fetchall()}


def assessor_ids_of_case(db: Database, case_id: str) -> set[str]:
    sql = "SELECT assessor_id FROM assessments WHERE case_id = ?"
    return {r[0] for r in db.execute(sql, [case_id]).fetchall()}


# --- reconciled grades ----------------------------------------------------------------------


def reconciliation(db: Database, case_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM reconciliations WHERE case_id = ?", [case_id]))
    return rows[0] if rows else None


def reconciliations(db: Database) -> dict[str, dict[str, Any]]:
    """Case id -> its reconciliation row, with ``reconciled_by_name``."""
    sql = """
        SELECT k.*, p.name AS reconciled_by_name FROM reconciliations k
        JOIN assessors p ON p.id = k.reconciled_by
    """
    return {r["case_id"]: r for r in db.query(sql)}


def insert_reconciliation(db: Database, row: dict[str, Any]) -> None:
    db["reconciliations"].insert(row)


def update_reconciliation(db: Database, row_id: str, values: dict[str, Any]) -> None:
    db["reconciliations"].update(row_id, values)


# --- the force's grades ---------------------------------------------------------------------


def force_grades(db: Database) -> dict[str, str]:
    """Case id -> the grade the force's own audit gave it."""
    return {r[0]: r[1] for r in db.execute("SELECT case_id, grade FROM force_grades").fetchall()}


def upsert_force_grades(db: Database, rows: list[dict[str, Any]]) -> None:
    """Insert or replace (case_id, grade, updated_at) rows."""
    db.conn.executemany(
        "INSERT INTO force_grades (case_id, grade, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT(case_id) DO UPDATE SET grade = excluded.grade, "
        "updated_at = excluded.updated_at",
        [(r["case_id"], r["grade"], r["updated_at"]) for r in rows],
    )
