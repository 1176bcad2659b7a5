"""Verifying the signed ledger offline: every chain, every signature, and the tables against
the ledger (``case-auditor check`` exits 1 naming the first problem)."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

from auditor.audit.ledger import ADOPTED, history_digest, row_hash, signature_holds
from auditor.audit.rebuild import HasFile, audit_discrepancies
from db import audit as audit_rows
from db import meta
from db.database import Database

#: How many problems a report lists (the first is what ``check`` names).
SHOWN = 20


def adoption_detail(count: int, digest: str) -> str:
    """The detail of the row adopting the unsigned history when an inspection is signed."""
    return f"adopted {count} audit row(s) written before signing; sha256 {digest}"


@dataclass
class LedgerReport:
    """What verifying the ledger found."""

    signed: bool
    rows: int = 0
    signed_rows: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if not self.signed and self.ok:
            return "ledger: unsigned inspection (no lead's key; nothing is signed)"
        if self.ok:
            return f"ledger: {self.rows} rows, all signatures valid"
        more = len(self.problems) - 1
        also = f" (and {more} more problem(s))" if more else ""
        return f"ledger: {self.problems[0]}{also}"


def _describe(row: dict[str, Any], names: dict[str, str]) -> str:
    who = names.get(row.get("author_id") or row.get("actor_id") or "", "nobody known")
    what = row["kind"]
    if row.get("record_table"):
        what += f" of {row['record_table']}.{row['field']}" if row.get("field") else ""
    return f"audit row {row['position']} ({what} by {who}, {row['at']})"


def verify_ledger(inspection: HasFile) -> LedgerReport:
    """Check every row's chain and signature, the adoption of earlier rows, and the tables
    (of an open inspection, or any holder of an inspection file's database)."""
    db: Database = inspection.db
    info = meta.get_inspection(db) or {}
    report = LedgerReport(signed=bool(info.get("lead_id")))
    rows = audit_rows.in_order(db)
    report.rows = len(rows)
    if not report.signed:  # nothing is signed, but the tables must still agree with the log
        return _with_tables(report, inspection)
    inspection_id = str(info["id"])
    people = meta.list_assessors(db)
    names = {p["id"]: p["name"] for p in people}
    keys = {k["fingerprint"]: k for k in meta.person_keys(db)}
    last: dict[str, str] = {}
    before: list[dict[str, Any]] = []
    started = False
    for row in rows:
        if not row.get("signature"):
            if started:
                report.problems.append(
                    f"{_describe(row, names)}: not signed, in a signed inspection"
                )
            else:
                before.append(row)
            continue
        report.signed_rows += 1
        where = _describe(row, names)
        author = str(row.get("author_id") or "")
        key = keys.get(str(row.get("key_fingerprint") or ""))
        if key is None:
            report.problems.append(f"{where}: signed with a key that is not on the roster")
        elif key["person_id"] != author:
            report.problems.append(f"{where}: signed with another person's key")
        elif row_hash(row, inspection_id) != row.get("row_hash"):
            report.problems.append(f"{where}: altered after it was signed (its hash differs)")
        elif not signature_holds(row, base64.b64decode(key["public_key"])):
            report.problems.append(f"{where}: its signature is not valid (forged or altered)")
        if row.get("prev_hash") != last.get(author, ""):
            report.problems.append(
                f"{where}: out of order, or an earlier row by {names.get(author, author)} "
                "is missing"
            )
        last[author] = str(row.get("row_hash") or "")
        if not started:
            started = True
            expected = adoption_detail(*history_digest(before, inspection_id))
            adopted = row.get("record_table") == ADOPTED and row.get("detail") == expected
            if before and not adopted:
                report.problems.append(
                    f"{where}: the {len(before)} unsigned row(s) before it were changed, or "
                    "were never adopted when the inspection was signed"
                )
    report.problems.extend(_roster_problems(db, people, rows))
    return _with_tables(report, inspection)


def _with_tables(report: LedgerReport, inspection: HasFile) -> LedgerReport:
    """The report, with where the tables differ from the ledger (the first ``SHOWN`` problems)."""
    report.problems.extend(
        f"the tables differ from the ledger: {p}" for p in audit_discrepancies(inspection)
    )
    del report.problems[SHOWN:]
    return report


ADDED_AS = "assessor added as "


def _roster_problems(
    db: Database, people: list[dict[str, Any]], rows: list[dict[str, Any]]
) -> list[str]:
    """Where the roster's tables differ from what the ledger says of roles and keys."""
    roles: dict[str, str] = {}
    holders: dict[str, str] = {}
    retired: set[str] = set()
    for row in rows:
        table, field, new = row.get("record_table"), row.get("field"), row.get("new_value")
        if table == "assessors" and field == "role" and new:
            roles[row["record_id"]] = new
        elif table == "assessors" and field == "name" and str(row["detail"]).startswith(ADDED_AS):
            roles.setdefault(row["record_id"], str(row["detail"])[len(ADDED_AS) :])
        elif table == "person_keys" and field == "person_id" and new:
            holders[row["record_id"]] = new
        elif table == "person_keys" and field == "retired_at" and new:
            retired.add(row["record_id"])
    problems = []
    for person in people:
        logged = roles.get(person["id"])
        if logged is None:
            problems.append(f"{person['name']} is on the roster but was never added in the ledger")
        elif logged != person["role"]:
            problems.append(
                f"{person['name']}'s role is {person['role']} in the roster but {logged} in the "
                "ledger (changed outside the workstation)"
            )
    for key in meta.person_keys(db):
        fingerprint = key["fingerprint"]
        if holders.get(fingerprint) != key["person_id"]:
            problems.append(f"the key {fingerprint[:16]} is on the roster but not in the ledger")
        elif (key["retired_at"] is not None) != (fingerprint in retired):
            problems.append(f"the key {fingerprint[:16]}'s retirement differs from the ledger")
    return problems
