"""SQL for packages and merging: reading a package's rows, writing them into an inspection.

Every function takes an open ``Database``; writers run inside the caller's transaction (a merge
of one package is one transaction, see ``auditor.merging``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from db.database import Database

#: Tables whose rows change after they are written, with the column that dates a row when
#: the audit log says nothing about it (see ``record_versions``).
ROW_DATES = {
    "cases": "updated_at",
    "assessments": "updated_at",
    "criterion_grades": "graded_at",
    "referrals": "flagged_at",
    "reviews": "coalesce(answered_at, created_at)",
}

#: Document columns without the content (read one document at a time when copied).
DOCUMENT_COLUMNS = (
    "id",
    "case_id",
    "title",
    "filename",
    "media_type",
    "size",
    "sha256",
    "added_at",
)


def vacuum_into(db: Database, target: Path) -> None:
    """Write a consistent, compacted copy of ``db`` to the new file ``target``."""
    db.execute("VACUUM INTO ?", [str(target)])


def all_rows(db: Database, table: str) -> list[dict[str, Any]]:
    """Every row of ``table`` (documents without their content), in id order."""
    columns = ", ".join(DOCUMENT_COLUMNS) if table == "documents" else "*"
    return list(db.query(f"SELECT {columns} FROM [{table}] ORDER BY id"))


def assessor_names_with_assessments(db: Database) -> list[str]:
    """Names of the assessors who have assessed at least one case, alphabetically."""
    sql = (
        "SELECT DISTINCT p.name FROM assessors p JOIN assessments a ON a.assessor_id = p.id "
        "ORDER BY p.name"
    )
    return [r[0] for r in db.execute(sql).fetchall()]


def record_versions(db: Database) -> dict[tuple[str, ...], tuple[int, str]]:
    """The last audit row written in this file about each record, and each field, as
    (its place in the file, ``"<at>|<audit id>"``).

    Keys are (table, record id) and (table, record id, field); a criterion grade's field
    "<criterion>.grade" is keyed "grade". "Last" is by the file's own order of writing, not by
    time: a laptop's clock may be wrong, but a row written after another in one file was
    written by someone who held the other.
    """
    marks = ",".join("?" * len(ROW_DATES))
    # SQLite takes the bare columns of a max() aggregate from the row holding the maximum
    sql = (
        "SELECT record_table, record_id, field, max(rowid), at || '|' || id FROM audit_log "
        "WHERE (kind = 'alteration' OR (kind = 'combination' AND field != 'id')) "
        f"AND record_table IN ({marks}) AND record_id != '' "
        "GROUP BY record_table, record_id, field"
    )
    versions: dict[tuple[str, ...], tuple[int, str]] = {}
    for table, record_id, field, position, version in db.execute(sql, list(ROW_DATES)):
        for key in ((table, record_id), (table, record_id, field.rsplit(".", 1)[-1])):
            if key not in versions or position > versions[key][0]:
                versions[key] = (position, version)
    return versions


def field_versions(
    db: Database, table: str, record_ids: Sequence[str], field: str | None = None
) -> list[str]:
    """``"<at>|<audit id>"`` of every change of ``field`` (any field when None) of any of
    ``record_ids`` (a criterion grade's "<criterion>.<field>" included)."""
    ids = sorted(set(record_ids))
    marks = ",".join("?" * len(ids))
    sql = (
        "SELECT at || '|' || id FROM audit_log WHERE kind = 'alteration' AND record_table = ? "
        f"AND record_id IN ({marks})"
    )
    params: list[str] = [table, *ids]
    if field is not None:
        sql += " AND (field = ? OR field LIKE ?)"
        params += [field, f"%.{field}"]
    return [r[0] for r in db.execute(sql, params).fetchall()]


def merged_ids(db: Database) -> list[tuple[str, str, str]]:
    """(table, package id, id here) of every record a merge matched to another id."""
    sql = (
        "SELECT record_table, old_value, new_value FROM audit_log "
        "WHERE kind = 'combination' AND field = 'id' AND old_value IS NOT NULL"
    )
    return [tuple(r) for r in db.execute(sql).fetchall()]  # type: ignore[misc]


def row_dates(db: Database, table: str) -> dict[str, str]:
    """Record id -> the date column of ``ROW_DATES`` (the fallback version of a record)."""
    sql = f"SELECT id, {ROW_DATES[table]} FROM [{table}]"
    return {r[0]: r[1] or "" for r in db.execute(sql).fetchall()}


def audit_ids(db: Database) -> set[str]:
    return {r[0] for r in db.execute("SELECT id FROM audit_log").fetchall()}


def audit_rows_ordered(db: Database) -> list[dict[str, Any]]:
    """Every audit row, in the order it was written in that file: each author's signed rows
    then stay in the order of their chain."""
    return list(db.query("SELECT * FROM audit_log ORDER BY rowid"))


def insert_audit_rows(db: Database, rows: Sequence[dict[str, Any]]) -> None:
    """Append audit rows, skipping any id already present (the log is never rewritten)."""
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    db.conn.executemany(
        f"INSERT OR IGNORE INTO audit_log ({names}) VALUES ({marks})",
        ([row[c] for c in columns] for row in rows),
    )


def alias_recorded(db: Database, table: str, source_id: str, target_id: str) -> bool:
    """Whether a merge already logged that ``source_id`` of ``table`` is ``target_id`` here."""
    row = db.execute(
        "SELECT 1 FROM audit_log WHERE kind = 'combination' AND record_table = ? "
        "AND field = 'id' AND old_value = ? AND new_value = ? LIMIT 1",
        [table, source_id, target_id],
    ).fetchone()
    return row is not None


def insert_row(db: Database, table: str, row: dict[str, Any]) -> None:
    db[table].insert(row)


def update_row(db: Database, table: str, record_id: str, values: dict[str, Any]) -> None:
    db[table].update(record_id, values)


def delete_row(db: Database, table: str, record_id: str) -> None:
    """Delete a referral or criterion grade replaced by a newer one (never an audit row)."""
    if table not in ("referrals", "criterion_grades"):
        raise ValueError(f"a merge never deletes from {table}")
    db.execute(f"DELETE FROM [{table}] WHERE id = ?", [record_id])


def copy_document(src: Database, dst: Database, document_id: str, case_id: str) -> None:
    """Copy one document (with its content) from a package, under the target's case id."""
    row = next(iter(src.query("SELECT * FROM documents WHERE id = ?", [document_id])))
    dst["documents"].insert({**row, "case_id": case_id})


def case_ids_by_reference(db: Database) -> dict[str, str]:
    return {r[0]: r[1] for r in db.execute("SELECT reference, id FROM cases").fetchall()}


def conflict_rows(
    db: Database, case_ids: Iterable[str] | None = None, *, unresolved_only: bool = False
) -> list[dict[str, Any]]:
    """Assessments of cases graded with different overall grades by different assessors.

    One row per such assessment: ``case_id``, ``reference``, ``assessment_id``,
    ``assessor_id``, ``assessor_name``, ``assessor_role``, ``overall_grade``, ``updated_at``;
    ordered by reference, then assessor name. With ``case_ids``, only those cases. Cases in
    the moderation sample are left out (their second grading is meant to differ at times);
    with ``unresolved_only``, so are cases whose grade the lead has agreed since the last change
    to any of their overall grades.
    """
    params: list[Any] = []
    only = "AND a.case_id NOT IN (SELECT case_id FROM moderation_cases)"
    if unresolved_only:  # agreed, and no overall grade of the case changed since
        only += """ AND a.case_id NOT IN (
            SELECT r.case_id FROM reconciliations r WHERE NOT EXISTS (
                SELECT 1 FROM audit_log l JOIN assessments x ON x.id = l.record_id
                WHERE l.at > r.reconciled_at AND l.record_table = 'assessments'
                AND l.field = 'overall_grade' AND x.case_id = r.case_id))"""
    if case_ids is not None:
        ids = sorted(set(case_ids))
        if not ids:
            return []
        only += f" AND a.case_id IN ({','.join('?' * len(ids))})"
        params = ids
    sql = f"""
        WITH disputed AS (
            SELECT a.case_id FROM assessments a
            WHERE a.overall_grade IS NOT NULL {only}
            GROUP BY a.case_id HAVING count(DISTINCT a.overall_grade) > 1
        )
        SELECT a.case_id, c.reference, a.id AS assessment_id, a.assessor_id,
               p.name AS assessor_name, p.role AS assessor_role, a.overall_grade, a.updated_at
        FROM assessments a
        JOIN disputed d ON d.case_id = a.case_id
        JOIN cases c ON c.id = a.case_id
        JOIN assessors p ON p.id = a.assessor_id
        WHERE a.overall_grade IS NOT NULL
        ORDER BY c.reference, p.name, a.id
    """
    return list(db.query(sql, params))


def reference_of_assessment(db: Database, assessment_id: str) -> str:
    """The case reference an assessment grades ("" when unknown)."""
    row = db.execute(
        "SELECT c.reference FROM assessments a JOIN cases c ON c.id = a.case_id WHERE a.id = ?",
        [assessment_id],
    ).fetchone()
    return row[0] if row else ""


def name_of(db: Database, assessor_id: str | None) -> str:
    """An assessor's name ("" when unknown)."""
    row = db.execute("SELECT name FROM assessors WHERE id = ?", [assessor_id]).fetchone()
    return row[0] if row else ""
