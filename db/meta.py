"""Rows of the inspection, its framework snapshot and its assessors."""

from __future__ import annotations

from typing import Any

from db.database import Database


def get_inspection(db: Database) -> dict[str, Any] | None:
    """The inspection row (there is one per file), or None in an empty file."""
    rows = list(db.query("SELECT * FROM inspection LIMIT 1"))
    return rows[0] if rows else None


def insert_inspection(db: Database, row: dict[str, Any]) -> None:
    db["inspection"].insert(row)


def get_framework_row(db: Database) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM framework ORDER BY added_at LIMIT 1"))
    return rows[0] if rows else None


def insert_framework(db: Database, row: dict[str, Any]) -> None:
    db["framework"].insert(row)


def list_assessors(db: Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM assessors ORDER BY name, id"))


def find_assessor(db: Database, name: str, role: str) -> dict[str, Any] | None:
    rows = list(
        db.query("SELECT * FROM assessors WHERE name = ? AND role = ? LIMIT 1", [name, role])
    )
    return rows[0] if rows else None


def insert_assessor(db: Database, row: dict[str, Any]) -> None:
    db["assessors"].insert(row)


def update_assessor(db: Database, person_id: str, values: dict[str, Any]) -> None:
    db["assessors"].update(person_id, values)


def set_lead(db: Database, lead_id: str) -> None:
    db.execute("UPDATE inspection SET lead_id = ?", [lead_id])


def person_keys(db: Database) -> list[dict[str, Any]]:
    """Every key on the roster, retired ones too (a signature made before still verifies)."""
    return list(db.query("SELECT * FROM person_keys ORDER BY added_at, fingerprint"))


def insert_person_key(db: Database, row: dict[str, Any]) -> None:
    db["person_keys"].insert(row)


def retire_person_key(db: Database, fingerprint: str, by: str, at: str) -> None:
    db["person_keys"].update(fingerprint, {"retired_by": by, "retired_at": at})


def table_counts(db: Database) -> dict[str, int]:
    """Row counts of the tables a user cares about, for ``check`` and the status bar."""
    tables = [
        "cases",
        "documents",
        "chronology",
        "assessors",
        "assessments",
        "criterion_grades",
        "referrals",
        "reviews",
        "audit_log",
    ]
    return {t: db.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}


def case_count(db: Database) -> int:
    """How many cases the inspection holds (quick: no row is read)."""
    return int(db.execute("SELECT count(*) FROM cases").fetchone()[0])


def first_case_id(db: Database) -> str | None:
    """The id of the case whose reference sorts first (as text), if any."""
    row = db.execute("SELECT id FROM cases ORDER BY reference LIMIT 1").fetchone()
    return None if row is None else str(row[0])


def has_case(db: Database, case_id: str) -> bool:
    return db.execute("SELECT 1 FROM cases WHERE id = ?", [case_id]).fetchone() is not None


def set_inspection_name(db: Database, inspection_id: str, name: str) -> None:
    """Rename the inspection (its one row)."""
    db.execute("UPDATE inspection SET name = ? WHERE id = ?", [name, inspection_id])
