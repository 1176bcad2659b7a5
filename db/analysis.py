"""Rows for the analysis of an inspection as tables (``auditor.analysis``), each read in bulk.

Every function is one query whatever the number of cases, returning plain tuples in a stated
column order (the core turns them into DataFrames). The *reported assessment* is the reports'
(``db.reports.chosen_assessment``): the same rule, so the analysis and the report agree.
"""

from __future__ import annotations

from db.database import Database
from db.reports import chosen_assessment

_REPORTED = chosen_assessment("reported", graded_only=True)

#: Columns of :func:`reported_assessments`, in order.
ASSESSMENT_COLUMNS = (
    "case_id",
    "assessment_id",
    "assessor",
    "assessor_role",
    "assessor_grade",
    "agreed_grade",
    "override_reason",
    "status",
    "started_at",
    "updated_at",
    "completed_at",
)


def reported_assessments(db: Database) -> list[tuple]:
    """One tuple per graded case: its reported assessment (see ``ASSESSMENT_COLUMNS``).

    ``assessor_grade`` is the assessment's own overall grade, ``agreed_grade`` the lead's
    agreed grade after moderation (None when none is recorded).
    """
    sql = f"""
        {_REPORTED}
        SELECT r.case_id, r.id, p.name, p.role, a.overall_grade, k.overall_grade,
               a.override_reason, a.status, a.started_at, a.updated_at, a.completed_at
        FROM reported r
        JOIN assessments a ON a.id = r.id
        LEFT JOIN assessors p ON p.id = a.assessor_id
        LEFT JOIN reconciliations k ON k.case_id = r.case_id
        ORDER BY r.case_id
    """
    return db.execute(sql).fetchall()


#: Columns of :func:`referral_rows`, in order.
REFERRAL_COLUMNS = (
    "referral_id",
    "case_id",
    "assessment_id",
    "reported",
    "reason",
    "state",
    "flagged_by",
    "flagged_at",
    "sent_at",
    "response_at",
    "closed_at",
)


def referral_rows(db: Database) -> list[tuple]:
    """Every referral flag of every assessment (see ``REFERRAL_COLUMNS``); ``reported`` is 1
    when it belongs to the case's reported assessment (the one the report counts)."""
    sql = f"""
        {_REPORTED}
        SELECT f.id, a.case_id, f.assessment_id, r.id IS NOT NULL, f.reason, f.state,
               p.name, f.flagged_at, f.sent_at, f.response_at, f.closed_at
        FROM referrals f
        JOIN assessments a ON a.id = f.assessment_id
        LEFT JOIN reported r ON r.id = f.assessment_id
        LEFT JOIN assessors p ON p.id = f.flagged_by
        ORDER BY f.flagged_at, f.id
    """
    return db.execute(sql).fetchall()


#: Columns of :func:`review_rows`, in order.
REVIEW_COLUMNS = (
    "review_id",
    "case_id",
    "assessment_id",
    "reviewer",
    "kind",
    "decision",
    "overall_grade",
    "created_at",
    "answered_at",
)


def review_rows(db: Database) -> list[tuple]:
    """Every supervisor's review (referral decisions, quality assurance), oldest first."""
    sql = """
        SELECT v.id, a.case_id, v.assessment_id, p.name, v.kind, v.decision, v.overall_grade,
               v.created_at, v.answered_at
        FROM reviews v
        JOIN assessments a ON a.id = v.assessment_id
        LEFT JOIN assessors p ON p.id = v.reviewer_id
        ORDER BY v.created_at, v.id
    """
    return db.execute(sql).fetchall()


#: Columns of :func:`chronology_rows`, in order.
EVENT_COLUMNS = ("event_id", "case_id", "occurred_at", "event_type", "detail")


def chronology_rows(db: Database) -> list[tuple]:
    """Every chronology event of every case, by case and time."""
    sql = """
        SELECT id, case_id, occurred_at, event_type, detail
        FROM chronology
        ORDER BY case_id, occurred_at, id
    """
    return db.execute(sql).fetchall()
