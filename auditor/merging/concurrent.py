"""Concurrent changes: one field changed in two files, neither having seen the other's change.

A merge compares the package's audit rows this file lacks with this file's rows the package
lacks. The package's author had not seen any of the latter (a file holds every row it has
seen), and this file had not seen any of the former, so every such pair about the same field
of the same record is concurrent. Pairs with equal new values agree; the others are kept
in ``concurrent_changes`` for the lead, and packages carry them, so whichever file first
holds both changes finds the pair, and the lead's file lists it, in whatever order packages
are merged. Which value stands is the merge's fixed rule (``MergeContext.package_wins``, and
a supervisor's decision is never overridden); the list says what was set aside.

Records are matched across files as the merge matches them: cases by reference, assessments
by case and assessor, a criterion grade by its assessment and criterion, a referral by its
assessment, a review by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from db import audit as audit_rows
from db import concurrent as pair_rows
from db.database import Database

#: (table, the record it belongs to here, field): one field of one record, across files.
Place = tuple[str, str, str]
#: Fields worked out from others (an assessment's status follows its grades and decisions,
#: whose concurrent changes are listed), and a record's first row: never listed.
DERIVED = {("assessments", "status"), ("assessments", "assessor")}


def compared(row: Mapping[str, Any]) -> bool:
    """Whether an audit row is a change of a field that concurrent changes are listed for."""
    table, name = row["record_table"], row["field"]
    return (
        row.get("kind", "alteration") == "alteration"
        and table in pair_rows.FIELD_TABLES
        and bool(row["record_id"])
        and bool(name)
        and (table, name) not in DERIVED
    )


@dataclass
class Places:
    """Where a file's records sit: the lookups that place an audit row on a field."""

    grades: dict[str, tuple[str, str]]
    referrals: dict[str, str]
    reviews: dict[str, str]
    assessments_by_key: dict[tuple[str, str], str]
    aliases: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def read(cls, db: Database) -> Places:
        return cls(
            pair_rows.grade_places(db),
            pair_rows.referral_places(db),
            pair_rows.review_places(db),
            pair_rows.assessment_keys(db),
            audit_rows.id_aliases(db),
        )


@dataclass
class IdMap:
    """How one side's ids become the target's: identity for the target, the merge's maps for
    the package."""

    cases: Mapping[str, str]
    assessments: Mapping[str, str]
    assessors: Mapping[str, str]

    def case(self, case_id: str) -> str:
        return self.cases.get(case_id, case_id)

    def assessment(self, assessment_id: str) -> str:
        return self.assessments.get(assessment_id, assessment_id)

    def assessor(self, assessor_id: str) -> str:
        return self.assessors.get(assessor_id, assessor_id)


IDENTITY = IdMap({}, {}, {})


def place_of(row: Mapping[str, Any], places: Places, ids: IdMap) -> Place | None:
    """The field of the record (as the target knows it) that an audit row changed, from the
    ``places`` of the file the row is in and ``ids``, that file's ids to the target's."""
    table, record, name = row["record_table"], row["record_id"], row["field"]
    here = places.aliases.get(table, {}).get(record, record)
    if table == "cases":
        return (table, ids.case(here), name)
    if table == "allocations":  # the record is the case: its id, as cases are matched
        case = places.aliases.get("cases", {}).get(record, record)
        return (table, ids.case(case), name)
    if table == "assessments":
        return (table, ids.assessment(here), name)
    if table == "reviews":
        return (table, here, name)
    owner: str | None = None
    if table == "criterion_grades" and here in places.grades:
        owner = places.grades[here][0]
    elif table == "referrals" and here in places.referrals:
        owner = places.referrals[here]
    elif row.get("case_id") and row.get("actor_id"):
        # a record no longer in the file (withdrawn): its author's assessment of the case
        case = places.aliases.get("cases", {}).get(row["case_id"], row["case_id"])
        actor = places.aliases.get("assessors", {}).get(row["actor_id"], row["actor_id"])
        owner = places.assessments_by_key.get((case, actor))
    if owner is None:
        return None
    return (table, ids.assessment(owner), name)


def find_pairs(
    package_db: Database,
    package_ids: set[str],
    target_db: Database,
    target_places: Places,
    package_ids_map: IdMap,
    new_rows: Iterable[Mapping[str, Any]],
) -> set[tuple[str, str]]:
    """Pairs (package row, target row) that changed one field to different values unseen by
    each other: ``new_rows`` are the package's rows the target lacks, ``target_places`` the
    target's records as they were before the merge."""
    package_places = Places.read(package_db)
    theirs: dict[Place, list[Mapping[str, Any]]] = {}
    for row in new_rows:
        place = place_of(row, package_places, package_ids_map) if compared(row) else None
        if place is not None:
            theirs.setdefault(place, []).append(row)
    if not theirs:
        return set()
    case_aliases = package_places.aliases.get("cases", {})
    cases = {
        package_ids_map.case(case_aliases.get(row["case_id"], row["case_id"]))
        for rows in theirs.values()
        for row in rows
    }
    aliases = target_places.aliases.get("cases", {})
    cases |= {old for old, new in aliases.items() if new in cases}
    found: set[tuple[str, str]] = set()
    for row in audit_rows.audit_rows_for_cases(target_db, pair_rows.FIELD_TABLES, cases):
        if row["id"] in package_ids or not compared(row):
            continue
        place = place_of(row, target_places, IDENTITY)
        for other in theirs.get(place, ()) if place else ():
            if other["new_value"] != row["new_value"]:
                found.add((min(other["id"], row["id"]), max(other["id"], row["id"])))
    return found


def carry_pairs(package_db: Database, target_db: Database) -> list[tuple[str, str]]:
    """The package's listed pairs this file lacks (both rows are here after the merge)."""
    return pair_rows.insert_pairs(target_db, pair_rows.pairs(package_db))
