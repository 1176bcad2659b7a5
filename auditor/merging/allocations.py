"""Merging allocations: which assessor each case is given to, one value per case.

A case's allocation is won as any other field (``context``): the package's is applied when
the package had seen this file's last allocation row of the case; ignored when this file had
seen the package's; when each side allocated it unseen by the other, the later of the
changes each had not seen wins. Whichever wins, every change of the case the package holds and
this file lacks is listed with every change here the package lacks as concurrent, when the two
gave the case to different people (a file's last row being known to the other side does not
mean its earlier ones are: a log also holds rows it received). After the package's rows are
in the log, a combination row ("kept by the merge") is written where replaying the log would
end on another value than the table's, so ``check`` finds them in agreement.
Merging the same package again changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from auditor.allocation.rules import FIELD, TABLE
from auditor.audit.log import COMBINATION
from auditor.audit.rebuild import rebuild_allocations
from auditor.merging.context import MergeContext
from auditor.merging.kept import KEPT
from auditor.merging.outcome import ADDED, UNCHANGED, UPDATED
from auditor.records import Assessor
from db import allocations as allocation_rows
from db import audit as audit_rows


@dataclass
class _History:
    """One file's allocation rows of one case, in the file's order."""

    rows: list[dict[str, Any]]

    @property
    def last(self) -> dict[str, Any] | None:
        return self.rows[-1] if self.rows else None

    def unseen_latest(self, other_ids: set[str]) -> dict[str, Any] | None:
        """The latest by time (then id) of the changes here ``other_ids`` lacks."""
        unseen = [r for r in self.rows if r["kind"] == "alteration" and r["id"] not in other_ids]
        return max(unseen, key=lambda r: (r["at"], r["id"]), default=None)


def _by_case(rows: list[dict[str, Any]], case_of: Callable[[str], str]) -> dict[str, _History]:
    """Each case's allocation rows, by the case's id here (``case_of`` maps a row's id)."""
    found: dict[str, _History] = {}
    for row in rows:
        if row["field"] != FIELD:
            continue
        case_id = case_of(row["record_id"])
        found.setdefault(case_id, _History([])).rows.append(row)
    return found


def merge_allocations(ctx: MergeContext) -> list[tuple[str, str]]:
    """Apply the package's allocations this file should take; the pairs of audit ids of
    concurrent allocations to different people (to list once the package's rows are in)."""
    if not allocation_rows.has_table(ctx.package.db):
        return []  # a package from before allocations
    package_aliases = audit_rows.id_aliases(ctx.package.db).get("cases", {})
    target_aliases = audit_rows.id_aliases(ctx.db).get("cases", {})

    def package_case(record_id: str) -> str:
        here = package_aliases.get(record_id, record_id)
        return ctx.cases.get(here, here)

    theirs = _by_case(allocation_rows.allocation_audit_rows(ctx.package.db), package_case)
    ours = _by_case(
        allocation_rows.allocation_audit_rows(ctx.db), lambda r: target_aliases.get(r, r)
    )
    current = allocation_rows.allocation_map(ctx.db)
    current_rows = {r["case_id"]: r for r in allocation_rows.allocation_rows(ctx.db)}
    package_rows = {r["case_id"]: r for r in allocation_rows.allocation_rows(ctx.package.db)}
    to_target = {ctx.cases.get(c, c): row for c, row in package_rows.items()}
    pairs: list[tuple[str, str]] = []
    writes: list[dict[str, Any]] = []
    clears: list[str] = []
    for case_id, history in sorted(theirs.items()):
        last = history.last
        assert last is not None
        mine = ours.get(case_id, _History([]))
        # Pairs whatever the winner: a side's last row being known to the other does not
        # mean every earlier change of it is (a file's log also holds rows it received).
        pairs += _concurrent(ctx, history, mine)
        if last["id"] in ctx.target.ids:
            continue  # nothing new
        if mine.last is None or mine.last["id"] in ctx.package.ids:
            wins = True  # the package had seen this file's last allocation: it follows it
        else:
            theirs_latest = history.unseen_latest(ctx.target.ids)
            ours_latest = mine.unseen_latest(ctx.package.ids)
            wins = _key(theirs_latest) > _key(ours_latest)
        if not wins:
            ctx.tally.add(UNCHANGED, TABLE)
            continue
        row = to_target.get(case_id)
        if row is None:
            if case_id in current:
                clears.append(case_id)
                ctx.tally.add(UPDATED, TABLE)
            continue
        mapped = {
            **row,
            "case_id": case_id,
            "assessor_id": ctx.assessors.get(row["assessor_id"], row["assessor_id"]),
            "allocated_by": ctx.assessors.get(row["allocated_by"], row["allocated_by"]),
        }
        held = current_rows.get(case_id)
        if held is not None and all(held[c] == mapped[c] for c in allocation_rows.COLUMNS):
            ctx.tally.add(UNCHANGED, TABLE)
            continue  # the same allocation, by the same person at the same time: in every order
        ctx.tally.add(UPDATED if case_id in current else ADDED, TABLE)
        writes.append(mapped)
    allocation_rows.set_allocations(ctx.db, writes)
    allocation_rows.clear_allocations(ctx.db, clears)
    return pairs


def _concurrent(ctx: MergeContext, theirs: _History, ours: _History) -> list[tuple[str, str]]:
    """Every package change of the case this file lacks with every change here the package
    lacks that gave the case to someone else: changes neither had seen."""
    new = [r for r in theirs.rows if r["kind"] == "alteration" and r["id"] not in ctx.target.ids]
    here = [r for r in ours.rows if r["kind"] == "alteration" and r["id"] not in ctx.package.ids]
    return [
        (min(a["id"], b["id"]), max(a["id"], b["id"]))
        for a in new
        for b in here
        if _value(ctx, a) != b["new_value"]
    ]


def _key(row: dict[str, Any] | None) -> tuple[str, str]:
    return ("", "") if row is None else (row["at"], row["id"])


def _value(ctx: MergeContext, row: dict[str, Any]) -> str | None:
    new = row["new_value"]
    return None if new is None else ctx.assessors.get(new, new)


def record_allocations_kept(ctx: MergeContext, actor: Assessor | None) -> None:
    """Write a combination row for each case whose allocation the log would replay wrongly
    (call once the package's audit rows and the merge's aliases are in the log)."""
    if not allocation_rows.has_table(ctx.db):
        return
    logged = rebuild_allocations(
        allocation_rows.allocation_audit_rows(ctx.db), audit_rows.id_aliases(ctx.db)
    )
    stored = allocation_rows.allocation_map(ctx.db)
    written = [
        ctx.inspection.audit_row(
            actor,
            COMBINATION,
            case_id,
            TABLE,
            case_id,
            FIELD,
            old=logged.get(case_id),
            new=stored.get(case_id),
            detail=KEPT,
        )
        for case_id in sorted(set(logged) | set(stored))
        if logged.get(case_id) != stored.get(case_id)
    ]
    if written:
        ctx.inspection.audit_many(written)
