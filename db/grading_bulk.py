"""Assessments, criterion grades and referrals of many cases at once: read in chunks, written
with one prepared statement per kind of change (an import's gradings), inside the caller's
transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from db import bulk
from db.database import Database

CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on variables

#: The columns an import changes in each table's existing rows (the rest stay as they are).
ASSESSMENT_CHANGES = ("overall_grade", "override_reason", "status", "updated_at", "completed_at")
GRADE_CHANGES = ("grade", "note", "prompts", "graded_by", "graded_at")
REFERRAL_CHANGES = ("reason", "note")


def _rows_where_in(db: Database, sql: str, column: str, ids: Iterable[str]) -> list[dict[str, Any]]:
    """``sql`` (a SELECT with no WHERE) for the rows whose ``column`` is one of ``ids``, in
    the order they were written (rowid)."""
    wanted = sorted(set(ids))
    found: list[tuple[int, dict[str, Any]]] = []
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        query = f"{sql} WHERE {column} IN ({marks})"
        found.extend((row.pop("rowid_"), row) for row in db.query(query, chunk))
    return [row for _rowid, row in sorted(found, key=lambda pair: pair[0])]


def assessments_of_cases(db: Database, case_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Every assessment of the cases ``case_ids`` (any assessor)."""
    return _rows_where_in(db, "SELECT rowid AS rowid_, * FROM assessments", "case_id", case_ids)


def criterion_grades_of(db: Database, assessment_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Every criterion grade of the assessments ``assessment_ids``."""
    return _rows_where_in(
        db, "SELECT rowid AS rowid_, * FROM criterion_grades", "assessment_id", assessment_ids
    )


def referrals_of(db: Database, assessment_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The referral (at most one) of each of the assessments ``assessment_ids`` that has one."""
    return _rows_where_in(
        db, "SELECT rowid AS rowid_, * FROM referrals", "assessment_id", assessment_ids
    )


def reviews_of(db: Database, assessment_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Every review of the assessments ``assessment_ids``, oldest first (as
    ``db.review.reviews_for_assessment`` orders one assessment's)."""
    rows = _rows_where_in(
        db, "SELECT rowid AS rowid_, * FROM reviews", "assessment_id", assessment_ids
    )
    return sorted(rows, key=lambda row: row["created_at"])  # stable: rowid breaks ties


def insert_assessments(db: Database, rows: Sequence[dict[str, Any]]) -> None:
    bulk.insert_rows(db, "assessments", rows)


def insert_criterion_grades(db: Database, rows: Sequence[dict[str, Any]]) -> None:
    bulk.insert_rows(db, "criterion_grades", rows)


def insert_referrals(db: Database, rows: Sequence[dict[str, Any]]) -> None:
    bulk.insert_rows(db, "referrals", rows)


def update_assessments(db: Database, rows: Iterable[dict[str, Any]]) -> None:
    """Write ``ASSESSMENT_CHANGES`` of each row (by its id)."""
    bulk.update_rows(db, "assessments", ASSESSMENT_CHANGES, rows)


def update_criterion_grades(db: Database, rows: Iterable[dict[str, Any]]) -> None:
    """Write ``GRADE_CHANGES`` of each row (by its id)."""
    bulk.update_rows(db, "criterion_grades", GRADE_CHANGES, rows)


def update_referrals(db: Database, rows: Iterable[dict[str, Any]]) -> None:
    """Write ``REFERRAL_CHANGES`` of each row (by its id)."""
    bulk.update_rows(db, "referrals", REFERRAL_CHANGES, rows)
