"""The append-only audit log: every change is written here in the same transaction."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def append(db: Database, row: dict[str, Any]) -> None:
    """Append one audit row (callers hold the transaction of the change it records)."""
    db["audit_log"].insert(row)


def for_case(db: Database, case_id: str) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM audit_log WHERE case_id = ? ORDER BY at, rowid", [case_id]))


def all_rows(db: Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM audit_log ORDER BY at, rowid"))
