"""What a signed inspection accepts from a package, checked before anything is merged.

A row is accepted only if its author is on the lead's roster with the key that signed it, its
hash, signature and chain verify, and the author's role in the lead's roster allows it (an
inspector's row cannot decide a review, move a referral past "flagged", change the roster or
the settings); nobody decides on a case they graded or flagged, compared by person. The
package's tables must agree with its own ledger (content edited with SQL and its checksum
recomputed does not). Anything else refuses the whole package with one line naming it, the
row and what failed.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from auditor.audit.ledger import row_hash, signature_holds
from auditor.audit.rebuild import audit_discrepancies
from auditor.merging.citations import citation_discrepancies
from auditor.merging.manifest import PackageError
from auditor.people.keys import verify
from auditor.people.roles import SUPERVISOR
from db import audit as audit_rows
from db import merge as merge_rows
from db import meta
from db.evidence import citation_rows as citation_rows_here

if TYPE_CHECKING:
    from auditor.inspection import Inspection
    from auditor.merging.package import Package

#: Said after every refusal: the package is refused whole.
NOT_MERGED = "; the package is not merged"
#: Referral states only a supervisor moves a referral into.
SUPERVISORS_STATES = {"confirmed", "not_referred", "sent", "responded", "closed"}
#: Tables only a supervisor's rows may change.
SUPERVISORS_TABLES = {
    "inspection",  # its name: a supervisor renames it
    "assessors",
    "person_keys",
    "settings",
    "reconciliations",
    "ledger",
    "concurrent_changes",
}


def _what_it_does(row: dict[str, Any]) -> str | None:
    """What a row does that needs a supervisor (None when anyone on the roster may)."""
    table, field, new = row.get("record_table"), row.get("field"), row.get("new_value")
    if table in SUPERVISORS_TABLES:
        return f"change {table}"
    if table == "allocations" and row.get("kind") == "alteration" and new != row.get("author_id"):
        return "allocate a case to someone else (only taking it over oneself)"
    if table == "reviews" and field in ("decision", "note", "overall_grade"):
        return "record a supervisor's decision"
    if table == "referrals" and field == "state" and new in SUPERVISORS_STATES:
        return f"move a referral to {new.replace('_', ' ')}"
    return None


def verify_package(inspection: Inspection, package: Package) -> None:
    """Refuse (``PackageError``) a package this signed inspection cannot take whole."""
    if not inspection.signed:
        return
    theirs = package.inspection
    name = package.path
    if theirs.get("id") != inspection.inspection_id:
        raise PackageError(
            f"{name}: a package of another inspection ({theirs.get('name')!r}), not of "
            f"{inspection.name!r}{NOT_MERGED}"
        )
    if not theirs.get("lead_id"):
        raise PackageError(f"{name}: an unsigned package, refused by a signed inspection")
    keys = {k["fingerprint"]: k for k in meta.person_keys(inspection.db)}
    roster = {p.id: p for p in inspection.assessors()}
    maker = keys.get(package.manifest.signed_by)
    try:
        signature = base64.b64decode(package.manifest.signature, validate=True)
    except ValueError:
        signature = b""
    if maker is None or not verify(
        base64.b64decode(maker["public_key"]), signature, package.manifest.signed_part()
    ):
        raise PackageError(f"{name}: not signed by its maker with a key on this roster{NOT_MERGED}")
    present = merge_rows.audit_ids(inspection.db)
    last: dict[str, str] = {}
    decided_by_author = _subjects(package)
    for row in audit_rows.in_order(package.db):
        if row["id"] in present:
            continue
        where = f"{name}: audit row {row['position']} ({row['kind']} of {row['record_table']}."
        where += f"{row['field']}, {row['at']})"
        if not row.get("signature"):
            raise PackageError(f"{where}: not signed{NOT_MERGED}")
        author = str(row.get("author_id") or "")
        key = keys.get(str(row.get("key_fingerprint") or ""))
        if key is None or key["person_id"] != author or author not in roster:
            raise PackageError(f"{where}: signed by a key not on this roster{NOT_MERGED}")
        if row_hash(row, inspection.inspection_id) != row.get("row_hash"):
            raise PackageError(f"{where}: altered after it was signed{NOT_MERGED}")
        if not signature_holds(row, base64.b64decode(key["public_key"])):
            raise PackageError(f"{where}: its signature is not valid{NOT_MERGED}")
        if author not in last:
            last[author] = audit_rows.last_hash_of(inspection.db, author)
        if row.get("prev_hash") != last[author]:
            raise PackageError(
                f"{where}: does not follow {roster[author].name}'s last row here (out of order, "
                f"or an earlier package of theirs is not merged yet){NOT_MERGED}"
            )
        last[author] = str(row["row_hash"])
        person = roster[author]
        needs = _what_it_does(row)
        if needs and person.role != SUPERVISOR:
            raise PackageError(
                f"{where}: {person.name} is {person.role} on this roster and cannot {needs}"
                f"{NOT_MERGED}"
            )
        if needs and author in decided_by_author.get(str(row.get("record_id")), set()):
            raise PackageError(
                f"{where}: {person.name} decided on a case they graded or flagged{NOT_MERGED}"
            )
    differences = audit_discrepancies(package) or citation_discrepancies(
        package.db, {r["id"] for r in citation_rows_here(inspection.db)}
    )
    if differences:
        raise PackageError(
            f"{name}: its tables differ from its signed ledger ({differences[0]}){NOT_MERGED}"
        )


def _subjects(package: Package) -> dict[str, set[str]]:
    """Review id -> the people who graded or flagged the case it decides (by person id)."""
    subjects: dict[str, set[str]] = {}
    assessments = {r["id"]: r for r in merge_rows.all_rows(package.db, "assessments")}
    flags = {r["assessment_id"]: r for r in merge_rows.all_rows(package.db, "referrals")}
    for review in merge_rows.all_rows(package.db, "reviews"):
        assessment = assessments.get(review["assessment_id"], {})
        flag = flags.get(review["assessment_id"], {})
        subjects[review["id"]] = {
            str(p) for p in (assessment.get("assessor_id"), flag.get("flagged_by")) if p
        }
    return subjects
