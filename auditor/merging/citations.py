"""Merging citations: the passages cited behind criteria's grades.

A citation belongs to its grading: it goes to the assessment the package's assessment was
matched to (by id, else by case and assessor), and cites the document the package's document
was matched to (by id, else the same file of the same case). It is added once, by id; a
citation never changes afterwards except for being taken back (``removed``) or restored, and
that flag is won by causality, as every other field (``context``): the package's value is taken
when it had seen this file's last change of the flag, ignored when this file had seen the
package's. When each side changed it unseen by the other, the removal wins: a citation taken
back on either side is never brought back by a laptop that had not seen it taken back (a
restore made after seeing the removal is a later change, and is merged as one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditor.audit.log import COMBINATION
from auditor.merging.context import MergeContext
from auditor.merging.kept import KEPT
from auditor.merging.outcome import ADDED, UNCHANGED, UPDATED
from auditor.records import Assessor
from db import audit as audit_rows
from db import evidence as rows
from db import evidence_merge as merge_rows
from db.merge import all_rows

TABLE = "citations"


@dataclass(frozen=True)
class _Last:
    """A file's last ledger row setting one citation's ``removed``."""

    id: str
    field: str
    value: str | None


def _last_rows(db: Any) -> dict[str, _Last]:
    last: dict[str, _Last] = {}
    for row in merge_rows.removal_rows(db):  # in the file's order: the last one stays
        last[row["record_id"]] = _Last(row["id"], row["field"], row["new_value"])
    return last


def merge_citations(ctx: MergeContext) -> None:
    """Add the package's citations this file lacks; settle each one's ``removed`` flag."""
    if not rows.has_tables(ctx.package.db) or not rows.has_tables(ctx.db):
        return  # a package (or a file) from before citations
    package_rows = rows.citation_rows(ctx.package.db)
    if not package_rows:
        return
    here = {r["id"]: r for r in rows.citation_rows(ctx.db)}
    theirs_last = _last_rows(ctx.package.db)
    ours_last = _last_rows(ctx.db)
    new: list[dict[str, Any]] = []
    for row in package_rows:
        current = here.get(row["id"])
        if current is None:
            new.append(
                {
                    **row,
                    "assessment_id": ctx.assessments[row["assessment_id"]],
                    "document_id": ctx.documents.get(row["document_id"], row["document_id"]),
                    "cited_by": ctx.assessors.get(row["cited_by"], row["cited_by"]),
                }
            )
            continue
        removed = _removed(ctx, row, current, theirs_last.get(row["id"]), ours_last.get(row["id"]))
        if removed == bool(current["removed"]):
            ctx.tally.add(UNCHANGED, TABLE)
            continue
        rows.set_removed(ctx.db, current["id"], removed)
        ctx.tally.add(UPDATED, TABLE)
    rows.insert_citations(ctx.db, new)
    ctx.tally.add(ADDED, TABLE, len(new))


def _removed(
    ctx: MergeContext,
    theirs: dict[str, Any],
    ours: dict[str, Any],
    their_last: _Last | None,
    our_last: _Last | None,
) -> bool:
    """Whether a citation both files hold is taken back after the merge."""
    if bool(theirs["removed"]) == bool(ours["removed"]):
        return bool(ours["removed"])
    if their_last is None or their_last.id in ctx.target.ids:
        return bool(ours["removed"])  # nothing new in the package
    if our_last is None or our_last.id in ctx.package.ids:
        return bool(theirs["removed"])  # the package had seen this file's last change
    return True  # changed on both sides unseen by the other: the removal wins


def record_citations_kept(ctx: MergeContext, actor: Assessor | None) -> None:
    """Write a combination row ("kept by the merge") for each citation whose last ledger row
    about ``removed`` says otherwise than the table (a removal kept over a restore that had
    not seen it), so the ledger ends on the value held and later merges follow it. Call once
    the package's audit rows are in the log."""
    if not rows.has_tables(ctx.db):
        return
    last = _last_rows(ctx.db)
    written = []
    for citation in rows.citation_rows(ctx.db):
        row = last.get(citation["id"])
        stored = str(int(bool(citation["removed"])))
        logged = row.value if row is not None else "0"
        if logged == stored:
            continue
        found = rows.citation(ctx.db, citation["id"])
        assert found is not None
        field = row.field if row is not None else f"{citation['criterion_id']}.removed"
        written.append(
            ctx.inspection.audit_row(
                actor,
                COMBINATION,
                found["case_id"],
                TABLE,
                citation["id"],
                field,
                old=logged,
                new=stored,
                detail=KEPT,
            )
        )
    if written:
        ctx.inspection.audit_many(written)


def citation_discrepancies(package_db: Any, present: set[str]) -> list[str]:
    """The package's citations new here that its own ledger does not back, in words: one
    with no row citing it by the person whose grading it belongs to, or taken back (or not)
    otherwise than its last row says. A signed inspection refuses such a package."""
    if not rows.has_tables(package_db):
        return []
    cited: dict[str, str | None] = {}
    removed: dict[str, str | None] = {}
    for row in merge_rows.citation_ledger(package_db):
        if row["kind"] == "alteration" and row["field"].endswith(".citation"):
            cited.setdefault(row["record_id"], row["actor_id"])
        elif row["field"].endswith(".removed"):
            removed[row["record_id"]] = row["new_value"]
    graders = {r["id"]: r["assessor_id"] for r in all_rows(package_db, "assessments")}
    people = audit_rows.id_aliases(package_db).get("assessors", {})  # rows keep other ids
    found = []
    for citation in rows.citation_rows(package_db):
        if citation["id"] in present:
            continue
        grader = graders.get(citation["assessment_id"])
        by = cited.get(citation["id"])
        if citation["id"] not in cited or people.get(by or "", by) != grader:
            found.append(f"citation {citation['id']}: no ledger row of its grader citing it")
        elif removed.get(citation["id"], "0") != str(int(bool(citation["removed"]))):
            found.append(
                f"citation {citation['id']}: taken back = {citation['removed']}, not what its "
                "last ledger row says"
            )
    return found
