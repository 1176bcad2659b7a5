"""Rows for the published tables: every case with its reported assessment, read in bulk.

The *reported assessment* of a case is the most recently updated of its assessments that has
an overall grade (ties on ``updated_at`` broken by the lower id, as in the case list), leaving
aside the second, blind grading of a moderation case (``moderation_cases.second_assessor_id``)
while another graded assessment exists: moderation checks the first grading, it does not
replace it. A case none of whose assessments has an overall grade has no reported assessment.
The *reported grade* is the lead's agreed grade (``reconciliations``) when one is recorded,
else the reported assessment's overall grade. Each function is a single query whatever the
number of cases, so reports stay fast at 100,000 cases.
"""

from __future__ import annotations

from collections.abc import Iterable

from db.database import Database


def chosen_assessment(name: str, *, graded_only: bool) -> str:
    """A ``WITH name(id, case_id, overall_grade)`` clause: one assessment per case.

    The most recently updated (ties to the lower id); assessments with an overall grade come
    first, and with ``graded_only`` they are the only ones considered. A moderation case's
    second (blind) grading comes after every other assessment of the case. The reports use
    the graded-only choice (the *reported* assessment); the export's Cases sheet falls back to
    work in progress.
    """
    where = "WHERE a.overall_grade IS NOT NULL" if graded_only else ""
    return f"""
    WITH {name} AS (
        SELECT id, case_id, overall_grade
        FROM (
            SELECT a.id, a.case_id, a.overall_grade,
                   row_number() OVER (
                       PARTITION BY a.case_id
                       ORDER BY a.overall_grade IS NULL, m.id IS NOT NULL,
                                a.updated_at DESC, a.id
                   ) AS position
            FROM assessments a
            LEFT JOIN moderation_cases m
                   ON m.case_id = a.case_id AND m.second_assessor_id = a.assessor_id
            {where}
        )
        WHERE position = 1
    )
"""


# The reported assessment of each case: rank 1 within the case's graded assessments.
_REPORTED = chosen_assessment("reported", graded_only=True)


def reported_case_rows(db: Database) -> list[tuple]:
    """One tuple per case, in reference order.

    Columns: case id, reference, case_type, borough, bcu, team, date_opened, reported
    assessment id (None when not yet graded), reported grade (the lead's agreed grade when
    recorded, else the assessment's overall grade; None when not yet graded), state of the
    reported assessment's referral (None when it is not flagged).
    """
    sql = f"""
        {_REPORTED}
        SELECT c.id, c.reference, c.case_type, c.borough, c.bcu, c.team, c.date_opened,
               r.id, CASE WHEN r.id IS NULL THEN NULL
                          ELSE coalesce(k.overall_grade, r.overall_grade) END,
               f.state
        FROM cases c
        LEFT JOIN reported r ON r.case_id = c.id
        LEFT JOIN reconciliations k ON k.case_id = c.id
        LEFT JOIN referrals f ON f.assessment_id = r.id
        ORDER BY c.reference
    """
    return db.execute(sql).fetchall()


def reported_criterion_grades(db: Database) -> list[tuple[str, str, str]]:
    """(case id, criterion id, grade code) of every graded criterion of reported assessments."""
    sql = f"""
        {_REPORTED}
        SELECT r.case_id, g.criterion_id, g.grade
        FROM reported r
        JOIN criterion_grades g ON g.assessment_id = r.id
        WHERE g.grade IS NOT NULL
    """
    return db.execute(sql).fetchall()


def chronology_events(db: Database, event_types: Iterable[str]) -> list[tuple[str, str, str]]:
    """(case id, occurred_at, event_type) of every event of these types, in no set order."""
    kinds = sorted(set(event_types))
    if not kinds:
        return []
    marks = ",".join("?" * len(kinds))
    sql = f"SELECT case_id, occurred_at, event_type FROM chronology WHERE event_type IN ({marks})"
    return db.execute(sql, kinds).fetchall()
