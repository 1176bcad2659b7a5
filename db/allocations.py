"""Rows of allocations: which assessor each case is given to (one row per allocated case)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from db.cases import SHOWN_ASSESSMENT
from db.database import Database

TABLE = "allocations"
COLUMNS = ("case_id", "assessor_id", "allocated_by", "allocated_at")
#: Parameters per statement stay well under SQLite's limit.
_CHUNK = 500


def has_table(db: Database) -> bool:
    """Whether the file has allocations (a package from before schema 7 has not)."""
    return db[TABLE].exists()


def allocation_map(db: Database) -> dict[str, str]:
    """Case id -> assessor id, for every allocated case."""
    if not has_table(db):
        return {}
    return {r[0]: r[1] for r in db.execute(f"SELECT case_id, assessor_id FROM {TABLE}")}


def allocations_of(db: Database, case_ids: Sequence[str]) -> dict[str, str]:
    """Case id -> assessor id, for those of ``case_ids`` that are allocated."""
    found: dict[str, str] = {}
    wanted = list(dict.fromkeys(case_ids))
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT case_id, assessor_id FROM {TABLE} WHERE case_id IN ({marks})"
        found.update({r[0]: r[1] for r in db.execute(sql, chunk)})
    return found


def allocation_rows(db: Database) -> list[dict[str, Any]]:
    """Every allocation row, by case id."""
    if not has_table(db):
        return []
    return list(db.query(f"SELECT * FROM {TABLE} ORDER BY case_id"))


def set_allocations(db: Database, rows: Iterable[dict[str, Any]]) -> None:
    """Insert or replace allocation rows (set-based); call inside the change's transaction."""
    names = ", ".join(COLUMNS)
    marks = ", ".join("?" * len(COLUMNS))
    db.conn.executemany(
        f"INSERT OR REPLACE INTO {TABLE} ({names}) VALUES ({marks})",
        ([row[c] for c in COLUMNS] for row in rows),
    )


def clear_allocations(db: Database, case_ids: Iterable[str]) -> None:
    """Remove the allocations of ``case_ids`` (set-based)."""
    db.conn.executemany(f"DELETE FROM {TABLE} WHERE case_id = ?", ([c] for c in case_ids))


def cases_for_allocation(db: Database, case_type: str | None = None) -> list[tuple[str, str, str]]:
    """(case id, reference, case type) of every case (of one type), in reference order."""
    sql = "SELECT id, reference, case_type FROM cases"
    params: list[str] = []
    if case_type is not None:
        sql += " WHERE case_type = ?"
        params.append(case_type)
    return [(r[0], r[1], r[2]) for r in db.execute(sql + " ORDER BY reference", params)]


def case_ids_by_references(db: Database, references: Sequence[str]) -> dict[str, str]:
    """Reference -> case id, for those of ``references`` that name a case."""
    found: dict[str, str] = {}
    wanted = list(dict.fromkeys(references))
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT reference, id FROM cases WHERE reference IN ({marks})"
        found.update({r[0]: r[1] for r in db.execute(sql, chunk)})
    return found


def case_types_of(db: Database, case_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Case id -> (reference, case type), for those of ``case_ids`` that exist."""
    found: dict[str, tuple[str, str]] = {}
    wanted = list(dict.fromkeys(case_ids))
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT id, reference, case_type FROM cases WHERE id IN ({marks})"
        found.update({r[0]: (r[1], r[2]) for r in db.execute(sql, chunk)})
    return found


def allocation_audit_rows(db: Database, case_ids: Iterable[str] | None = None) -> list[dict]:
    """Audit rows about allocations (of ``case_ids``, or all), in the order written."""
    sql = "SELECT rowid AS position, * FROM audit_log WHERE record_table = ? AND field != 'id'"
    if case_ids is None:
        return list(db.query(sql + " ORDER BY rowid", [TABLE]))
    found: list[dict[str, Any]] = []
    wanted = sorted(set(case_ids))
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        found += list(db.query(f"{sql} AND record_id IN ({marks})", [TABLE, *chunk]))
    return sorted(found, key=lambda r: r["position"])


def shown_assessment_id(db: Database, case_id: str) -> str | None:
    """The assessment of a case that counts (see ``db.cases.SHOWN_ASSESSMENT``), or None."""
    sql = SHOWN_ASSESSMENT.format(case="?")
    row = db.execute(sql, [case_id]).fetchone()
    return None if row is None else row[0]
