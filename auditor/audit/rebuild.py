"""Rebuilding graded data from the audit log alone, and where the tables differ from it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from db import allocations as allocation_rows
from db import audit as audit_rows
from db.database import Database


class HasFile(Protocol):
    """An open inspection or package: anything with its database."""

    db: Database


REBUILT_FIELDS: dict[str, dict[str, str | None]] = {
    "assessments": {"overall_grade": None, "override_reason": "", "status": "not_started"},
    "criterion_grades": {"grade": None, "note": "", "prompts": ""},
    "referrals": {
        "reason": "",
        "note": "",
        "state": "flagged",
        "sent_at": None,
        "force_reference": "",
        "response_at": None,
        "response_action": "",
        "closed_at": None,
    },
    "reviews": {"decision": None, "note": "", "overall_grade": None, "answer": ""},
}
Values = dict[tuple[str, str], dict[str, str | None]]


def rebuild_from_log(
    rows: Iterable[dict[str, Any]], aliases: dict[str, dict[str, str]] | None = None
) -> Values:
    """Current values of graded data, replayed from audit rows alone (in order of writing).

    Returns (table, record id) -> field -> value (text, as the log stores it). A referral's
    ``flag`` row creates it ("flagged") or removes it (None: withdrawn); every other record
    starts from ``REBUILT_FIELDS``' defaults when first mentioned. ``aliases`` (table ->
    {id in another file: id here}, from the merges' combination rows) put the rows of a
    record matched under another id on the record here.
    """
    values: Values = {}
    aliases = aliases or {}
    for row in rows:
        table = row["record_table"]
        defaults = REBUILT_FIELDS.get(table)
        if defaults is None or (row["kind"] == "combination" and row["field"] == "id"):
            continue
        record_id = aliases.get(table, {}).get(row["record_id"], row["record_id"])
        key = (table, record_id)
        field = row["field"].rsplit(".", 1)[-1]  # criterion grades: "<criterion>.grade"
        if table == "referrals" and field == "flag":
            if row["new_value"] is None:
                values.pop(key, None)
            else:
                values[key] = dict(defaults)
            continue
        record = values.setdefault(key, dict(defaults))
        if field in defaults:
            record[field] = row["new_value"]
    return values


def values_in_tables(inspection: HasFile, records: set[tuple[str, str]] | None = None) -> Values:
    """The same values as ``rebuild_from_log`` returns, read from the tables themselves (of
    every record, or of ``records``: (table, id) pairs)."""
    fields = {table: tuple(defaults) for table, defaults in REBUILT_FIELDS.items()}
    ids = None
    if records is not None:
        ids = {table: {i for t, i in records if t == table} for table in fields}
    return {
        key: {c: None if v is None else str(v) for c, v in row.items()}
        for key, row in audit_rows.current_values(inspection.db, fields, ids).items()
    }


def audit_discrepancies(inspection: HasFile) -> list[str]:
    """Where the tables differ from what the audit log says (empty when they agree)."""
    logged = rebuild_from_log(
        audit_rows.audit_rows_for_tables(inspection.db, tuple(REBUILT_FIELDS)),
        audit_rows.id_aliases(inspection.db),
    )
    stored = values_in_tables(inspection)
    problems = allocation_discrepancies(inspection)
    for key in sorted(set(logged) | set(stored)):
        table, record_id = key
        if key not in logged:
            problems.append(f"{table} {record_id}: in the table but never logged")
        elif key not in stored:
            problems.append(f"{table} {record_id}: logged but not in the table")
        else:
            for field, value in stored[key].items():
                if logged[key][field] != value:
                    problems.append(
                        f"{table} {record_id}.{field}: table {value!r}, log {logged[key][field]!r}"
                    )
    return problems


def rebuild_allocations(
    rows: Iterable[dict[str, Any]], aliases: dict[str, dict[str, str]] | None = None
) -> dict[str, str]:
    """Case id -> assessor id of every allocated case, replayed from allocation rows alone (in
    order of writing; a row with no new value clears it). Ids another file gave a case or a
    person (``aliases``, from the merges' combination rows) are put on the ones here."""
    aliases = aliases or {}
    cases, people = aliases.get("cases", {}), aliases.get("assessors", {})
    held: dict[str, str] = {}
    for row in rows:
        if row["record_table"] != allocation_rows.TABLE or row["field"] != "assessor_id":
            continue
        case_id = cases.get(row["record_id"], row["record_id"])
        new = row["new_value"]
        if new is None:
            held.pop(case_id, None)
        else:
            held[case_id] = people.get(new, new)
    return held


def allocation_discrepancies(inspection: HasFile) -> list[str]:
    """Where the allocations table differs from what the ledger says (empty when they agree)."""
    db = inspection.db
    if not allocation_rows.has_table(db):
        return []
    logged = rebuild_allocations(
        allocation_rows.allocation_audit_rows(db), audit_rows.id_aliases(db)
    )
    stored = allocation_rows.allocation_map(db)
    problems = []
    for case_id in sorted(set(logged) | set(stored)):
        if case_id not in logged:
            problems.append(f"allocations {case_id}: in the table but never logged")
        elif case_id not in stored:
            problems.append(f"allocations {case_id}: logged but not in the table")
        elif logged[case_id] != stored[case_id]:
            problems.append(
                f"allocations {case_id}.assessor_id: table {stored[case_id]!r}, "
                f"log {logged[case_id]!r}"
            )
    return problems
