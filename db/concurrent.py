"""SQL for concurrent changes: pairs of audit rows that changed one field unseen by each other.

The pairs table holds audit ids only; what each change was (field, values, who, when) is
read from the audit log, and the lead's resolution of a pair is an audit row about it
(``record_table`` "concurrent_changes", ``record_id`` "<first id>/<second id>").
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from db.audit import present_ids
from db.database import Database

TABLE = "concurrent_changes"
#: Tables whose fields a merge compares change by change, as the audit log names them.
FIELD_TABLES = ("cases", "assessments", "criterion_grades", "referrals", "reviews")


def has_table(db: Database) -> bool:
    """Whether the file has the pairs table (a package from before schema 6 has not)."""
    return db[TABLE].exists()


def pair_id(first_id: str, second_id: str) -> str:
    return f"{first_id}/{second_id}"


def pairs(db: Database) -> list[tuple[str, str]]:
    if not has_table(db):
        return []
    sql = f"SELECT first_id, second_id FROM {TABLE} ORDER BY first_id, second_id"
    return [(r[0], r[1]) for r in db.execute(sql).fetchall()]


def insert_pairs(db: Database, found: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Add pairs of audit ids whose rows are both here; returns those that were new here,
    each as (earlier id, later id)."""
    wanted = sorted({(min(a, b), max(a, b)) for a, b in found if a != b})
    if not wanted:
        return []
    have = set(pairs(db))
    present = present_ids(db, "audit_log", {i for pair in wanted for i in pair})
    new = [p for p in wanted if p not in have and p[0] in present and p[1] in present]
    db.conn.executemany(f"INSERT INTO {TABLE} (first_id, second_id) VALUES (?, ?)", new)
    return new


def grade_places(db: Database) -> dict[str, tuple[str, str]]:
    """Criterion grade id -> (assessment id, criterion id)."""
    sql = "SELECT id, assessment_id, criterion_id FROM criterion_grades"
    return {r[0]: (r[1], r[2]) for r in db.execute(sql).fetchall()}


def referral_places(db: Database) -> dict[str, str]:
    """Referral id -> assessment id."""
    return {r[0]: r[1] for r in db.execute("SELECT id, assessment_id FROM referrals").fetchall()}


def review_places(db: Database) -> dict[str, str]:
    """Review id -> assessment id."""
    return {r[0]: r[1] for r in db.execute("SELECT id, assessment_id FROM reviews").fetchall()}


def assessment_keys(db: Database) -> dict[tuple[str, str], str]:
    """(case id, assessor id) -> assessment id."""
    sql = "SELECT case_id, assessor_id, id FROM assessments"
    return {(r[0], r[1]): r[2] for r in db.execute(sql).fetchall()}


def listed(db: Database) -> list[dict[str, Any]]:
    """Every pair with both audit rows (``a_*``, ``b_*``: at, actor name, role, field, old and
    new value, record table and id, case id and reference) and its resolution row, if any
    (``resolved_at``, ``resolved_by``, ``resolution``); ordered by reference, then time."""
    sql = f"""
        SELECT p.first_id, p.second_id,
               a.at AS a_at, pa.name AS a_name, pa.role AS a_role, a.field AS a_field,
               a.old_value AS a_old, a.new_value AS a_new, a.record_table AS a_table,
               a.record_id AS a_record, a.case_id AS a_case, a.actor_id AS a_actor,
               b.at AS b_at, pb.name AS b_name, pb.role AS b_role, b.field AS b_field,
               b.old_value AS b_old, b.new_value AS b_new, b.record_table AS b_table,
               b.record_id AS b_record, b.case_id AS b_case, b.actor_id AS b_actor,
               coalesce(c.reference, '') AS reference, c.id AS case_id,
               r.at AS resolved_at, pr.name AS resolved_by, r.detail AS resolution
        FROM {TABLE} p
        JOIN audit_log a ON a.id = p.first_id
        JOIN audit_log b ON b.id = p.second_id
        LEFT JOIN assessors pa ON pa.id = a.actor_id
        LEFT JOIN assessors pb ON pb.id = b.actor_id
        LEFT JOIN cases c ON c.id = coalesce(b.case_id, a.case_id)
        LEFT JOIN audit_log r ON r.id = (
            SELECT x.id FROM audit_log x WHERE x.record_table = '{TABLE}'
            AND x.record_id = p.first_id || '/' || p.second_id ORDER BY x.at DESC, x.id DESC
            LIMIT 1)
        LEFT JOIN assessors pr ON pr.id = r.actor_id
        ORDER BY reference, p.second_id, p.first_id
    """
    if not has_table(db):
        return []
    return list(db.query(sql))


def assessor_of_assessment(db: Database, assessment_id: str) -> str:
    """The name of the assessor whose assessment this is ("" when unknown)."""
    row = db.execute(
        "SELECT p.name FROM assessments a JOIN assessors p ON p.id = a.assessor_id WHERE a.id = ?",
        [assessment_id],
    ).fetchone()
    return row[0] if row else ""


_COLUMNS = {
    "cases": {"reference", "case_type", "borough", "bcu", "team", "date_opened", "summary"},
    "assessments": {"overall_grade", "override_reason", "status"},
    "criterion_grades": {"grade", "note", "prompts"},
    "referrals": {"reason", "note", "state", "force_reference", "response_action"},
    "reviews": {"decision", "note", "overall_grade", "answer"},
}


def value_at(db: Database, table: str, owner: str, field: str) -> tuple[bool, str | None]:
    """(found, value) of a field where ``auditor.merging.concurrent.place_of`` puts it: a
    case's or assessment's column by its id; a criterion grade's or referral's by the id of
    the assessment it belongs to; a review's by its id."""
    criterion, _, column = field.rpartition(".")
    if table == "referrals" and column == "flag":
        row = db.execute("SELECT 1 FROM referrals WHERE assessment_id = ?", [owner]).fetchone()
        return (True, "flagged" if row else None)
    if table == "cases" and field.startswith("attributes."):  # one attribute of the JSON
        row = db.execute("SELECT attributes FROM cases WHERE id = ?", [owner]).fetchone()
        if row is None:
            return (False, None)
        value = json.loads(row[0] or "{}").get(field.removeprefix("attributes."))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return (True, None if value is None else str(value))
    if column not in _COLUMNS.get(table, set()):
        return (False, None)
    if table == "criterion_grades":
        sql = (
            f"SELECT [{column}] FROM criterion_grades WHERE assessment_id = ? AND criterion_id = ?"
        )
        row = db.execute(sql, [owner, criterion]).fetchone()
    elif table == "referrals":
        row = db.execute(
            f"SELECT [{column}] FROM referrals WHERE assessment_id = ?", [owner]
        ).fetchone()
    else:
        row = db.execute(f"SELECT [{column}] FROM [{table}] WHERE id = ?", [owner]).fetchone()
    return (row is not None, row[0] if row else None)
