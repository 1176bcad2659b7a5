"""The append-only audit log: every change is written here in the same transaction."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from db import bulk


def append(db: Database, row: dict[str, Any]) -> None:
    """Append one audit row (callers hold the transaction of the change it records)."""
    db["audit_log"].insert(row)


def append_all(db: Database, rows: list[dict[str, Any]]) -> None:
    """Append many audit rows at once (inside the caller's transaction)."""
    bulk.insert_rows(db, "audit_log", rows)


def for_case(db: Database, case_id: str) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM audit_log WHERE case_id = ? ORDER BY at, rowid", [case_id]))


def all_rows(db: Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM audit_log ORDER BY at, rowid"))
