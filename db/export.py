"""Rows for the exported workbook's Cases and Chronology sheets, read in bulk.

The *exported assessment* of a case is the one its Cases row carries: of the case's
assessments, those with an overall grade first, then the most recently updated (ties broken by
the lower id). So a graded case exports its reported grading, and a case only started exports
the work in progress rather than nothing.
"""

from __future__ import annotations

from db.database import Database
from db.reports import chosen_assessment

_EXPORTED = chosen_assessment("exported", graded_only=False)


def case_rows(db: Database) -> list[tuple]:
    """One tuple per case (in no set order).

    Columns: case id, reference, case_type, borough, bcu, team, date_opened, summary, assessor
    name, overall grade, override reason, referral reason, referral note (these five None
    when the case has no assessment or no referral), the force's own audit grade (None when
    none was given).
    """
    sql = f"""
        {_EXPORTED}
        SELECT c.id, c.reference, c.case_type, c.borough, c.bcu, c.team, c.date_opened,
               c.summary, p.name, a.overall_grade, a.override_reason, f.reason, f.note,
               g.grade
        FROM cases c
        LEFT JOIN exported e ON e.case_id = c.id
        LEFT JOIN assessments a ON a.id = e.id
        LEFT JOIN assessors p ON p.id = a.assessor_id
        LEFT JOIN referrals f ON f.assessment_id = a.id
        LEFT JOIN force_grades g ON g.case_id = c.id
    """
    return db.execute(sql).fetchall()


def criterion_grades(db: Database) -> list[tuple[str, str, str | None, str]]:
    """(case id, criterion id, grade, note) of every criterion row of exported assessments."""
    sql = f"""
        {_EXPORTED}
        SELECT e.case_id, g.criterion_id, g.grade, g.note
        FROM exported e
        JOIN criterion_grades g ON g.assessment_id = e.id
    """
    return db.execute(sql).fetchall()


def criterion_prompts(db: Database) -> list[tuple[str, str, str]]:
    """(case id, criterion id, sub-prompt ticks) of the exported assessments' criterion rows
    with any tick."""
    sql = f"""
        {_EXPORTED}
        SELECT e.case_id, g.criterion_id, g.prompts
        FROM exported e
        JOIN criterion_grades g ON g.assessment_id = e.id
        WHERE g.prompts != ''
    """
    return db.execute(sql).fetchall()


def chronology_rows(db: Database) -> list[tuple[str, str, str, str]]:
    """(case id, occurred_at, event_type, detail) of every event, in time order within a case."""
    sql = """
        SELECT case_id, occurred_at, event_type, detail FROM chronology
        ORDER BY case_id, occurred_at, event_type, detail
    """
    return db.execute(sql).fetchall()
