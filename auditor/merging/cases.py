"""Merging people and case files: assessors, cases, chronology events and documents.

Assessors are matched by id, else by name and role; cases by reference, else by id (a case
renamed on one side). A case's details are won field by field, and its attributes
(framework format 2) attribute by attribute, each by the side that changed it last
(``MergeContext.package_wins``; the audit rows "attributes.<id>"). A record new to the
inspection keeps the package's id. Chronology events and documents never change once
written: one already present (by id, or the same event or file of the same case) is left as
it is. A document merged in is indexed for search once its merge is committed
(``merge_package``).
"""

from __future__ import annotations

from typing import Any

from auditor.merging.context import MergeContext
from auditor.merging.outcome import ADDED, UNCHANGED, UPDATED
from auditor.records import attribute_text, attributes_from_json, attributes_json
from db import bulk, meta
from db import merge as merge_rows
from db.database import Database

CASE_FIELDS = ("case_type", "borough", "bcu", "team", "date_opened", "summary")


def merge_assessors(ctx: MergeContext) -> None:
    target = merge_rows.all_rows(ctx.db, "assessors")
    by_id = {r["id"] for r in target}
    by_name: dict[tuple[str, str], str] = {}
    for row in target:  # id order: the earliest added of two namesakes is the one kept
        by_name.setdefault((row["name"], row["role"]), row["id"])
    for row in merge_rows.all_rows(ctx.package.db, "assessors"):
        if row["id"] in by_id:
            ctx.assessors[row["id"]] = row["id"]
            ctx.tally.add(UNCHANGED, "assessors")
            continue
        match = by_name.get((row["name"], row["role"]))
        if match is not None:
            ctx.assessors[row["id"]] = match
            ctx.alias("assessors", row["id"], match, "matched by name and role")
            ctx.tally.add(UNCHANGED, "assessors")
            continue
        merge_rows.insert_row(ctx.db, "assessors", row)
        by_id.add(row["id"])
        by_name[(row["name"], row["role"])] = row["id"]
        ctx.assessors[row["id"]] = row["id"]
        ctx.tally.add(ADDED, "assessors")


def copy_roster(package: Database, target: Database) -> None:
    """A new file from a signed package starts with its roster: people and their keys (so the
    person merging can sign in to it, and the package's rows verify against it)."""
    for row in merge_rows.all_rows(package, "assessors"):
        merge_rows.insert_row(target, "assessors", row)
    for key in meta.person_keys(package):
        meta.insert_person_key(target, key)


def merge_person_keys(ctx: MergeContext) -> None:
    """Keys on the package's roster this file lacks (a laptop starting from the lead's
    package; in a signed inspection, only keys a supervisor's verified row added)."""
    present = {k["fingerprint"] for k in meta.person_keys(ctx.db)}
    for row in meta.person_keys(ctx.package.db):
        if row["fingerprint"] not in present and row["person_id"] in ctx.assessors:
            row = {**row, "person_id": ctx.assessors[row["person_id"]]}
            meta.insert_person_key(ctx.db, row)
            ctx.tally.add(ADDED, "person_keys")


def merge_cases(ctx: MergeContext) -> None:
    target = {r["id"]: r for r in merge_rows.all_rows(ctx.db, "cases")}
    by_reference = {r["reference"]: r["id"] for r in target.values()}
    for row in merge_rows.all_rows(ctx.package.db, "cases"):
        target_id = by_reference.get(row["reference"])
        fields: tuple[str, ...] = CASE_FIELDS
        if target_id is None and row["id"] in target:
            target_id, fields = row["id"], ("reference", *CASE_FIELDS)  # renamed on one side
        if target_id is None:
            merge_rows.insert_row(ctx.db, "cases", row)
            target[row["id"]] = row
            by_reference[row["reference"]] = row["id"]
            ctx.cases[row["id"]] = row["id"]
            ctx.tally.add(ADDED, "cases")
            continue
        ctx.cases[row["id"]] = target_id
        ctx.alias("cases", row["id"], target_id, f"case {row['reference']} matched by reference")
        current = target[target_id]
        changes = ctx.reconcile(  # field by field: a field the package did not change stays
            "cases",
            row,
            current,
            (),
            by_field={name: () for name in fields},
            latest=("updated_at",),
            earliest=("created_at",),
        )
        if "reference" in changes:
            by_reference.pop(current["reference"], None)
            by_reference[changes["reference"]] = target_id
        attributes = _merged_attributes(ctx, row, current)
        if attributes is not None:
            changes["attributes"] = attributes
        _apply(ctx, "cases", target_id, changes, core=(*fields, "attributes"))
        target[target_id] = {**current, **changes}


def _merged_attributes(
    ctx: MergeContext, package_row: dict[str, Any], target_row: dict[str, Any]
) -> str | None:
    """The case's attributes after the merge (stored JSON), or None when they stay as here:
    each attribute the two sides hold differently is won by the side that changed it last."""
    theirs = attributes_from_json(package_row.get("attributes"))
    ours = attributes_from_json(target_row.get("attributes"))
    merged = dict(ours)
    for key in sorted(set(theirs) | set(ours)):
        if theirs.get(key) == ours.get(key):
            continue
        package = {"id": package_row["id"], key: attribute_text(theirs.get(key))}
        target = {"id": target_row["id"], key: attribute_text(ours.get(key))}
        # the audit rows' field is "attributes.<id>": its versions are keyed by the id
        if ctx.package_wins("cases", package, target, (key,), key):
            if key in theirs:
                merged[key] = theirs[key]
            else:
                merged.pop(key, None)
    stored = attributes_json(merged)
    return None if stored == attributes_json(ours) else stored


def _apply(
    ctx: MergeContext, table: str, target_id: str, changes: dict[str, Any], core: tuple[str, ...]
) -> None:
    """Write ``changes``; a change of dates alone is counted as unchanged (it shows nowhere)."""
    if changes:
        merge_rows.update_row(ctx.db, table, target_id, changes)
    ctx.tally.add(UPDATED if set(changes) & set(core) else UNCHANGED, table)


def merge_chronology(ctx: MergeContext) -> None:
    present = {r["id"] for r in merge_rows.all_rows(ctx.db, "chronology")}
    keys = {
        (r["case_id"], r["occurred_at"], r["event_type"], r["detail"])
        for r in merge_rows.all_rows(ctx.db, "chronology")
    }
    new = []
    for row in merge_rows.all_rows(ctx.package.db, "chronology"):
        mapped = {**row, "case_id": ctx.cases[row["case_id"]]}
        key = (mapped["case_id"], row["occurred_at"], row["event_type"], row["detail"])
        if row["id"] in present or key in keys:
            ctx.tally.add(UNCHANGED, "chronology")
            continue
        new.append(mapped)
        present.add(row["id"])
        keys.add(key)
    bulk.insert_rows(ctx.db, "chronology", new)
    ctx.tally.add(ADDED, "chronology", len(new))


def merge_documents(ctx: MergeContext) -> None:
    target = merge_rows.all_rows(ctx.db, "documents")
    present = {r["id"] for r in target}
    keys = {(r["case_id"], r["filename"], r["sha256"]): r["id"] for r in target}
    for row in merge_rows.all_rows(ctx.package.db, "documents"):
        case_id = ctx.cases[row["case_id"]]
        key = (case_id, row["filename"], row["sha256"])
        if row["id"] in present or key in keys:
            # the same document (a citation of it cites the one here)
            ctx.documents[row["id"]] = row["id"] if row["id"] in present else keys[key]
            ctx.tally.add(UNCHANGED, "documents")
            continue
        merge_rows.copy_document(ctx.package.db, ctx.db, row["id"], case_id)
        present.add(row["id"])
        keys[key] = row["id"]
        ctx.documents[row["id"]] = row["id"]
        ctx.tally.add(ADDED, "documents")
