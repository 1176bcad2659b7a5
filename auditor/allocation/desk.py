"""The allocation desk: the lead gives cases to inspectors, by hand, by selection or balanced
by case type, and can reallocate or clear; an inspector may take over a case.

Every change is one transaction with one ledger row per case changed (record table
"allocations", the case id as record id, field "assessor_id", the old and new assessor ids,
the change in words); many cases are written set-based, so 10,000 cases are one statement
each for the table and the ledger.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditor.allocation.rules import FIELD, TABLE, balanced_plan, change_words
from auditor.allocation.take_over import take_over
from auditor.audit.markers import reads, writes
from auditor.errors import Refused
from auditor.people import require_supervisor
from auditor.records import Assessor
from db import allocations as allocation_rows

if TYPE_CHECKING:
    from auditor.inspection import Inspection


class AllocationError(Refused):
    """An allocation that cannot be made: an unknown case or person, or not a supervisor's."""


@dataclass(frozen=True)
class AllocationChange:
    """One case's allocation changed: from whom to whom (None: not allocated)."""

    case_id: str
    reference: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class AllocationResult:
    """What an allocation did: the cases changed, and how many were already so."""

    changes: tuple[AllocationChange, ...]
    unchanged: int
    names: dict[str, str]

    def words(self) -> str:
        """In words: "allocated 3 case(s): 2 to Sam Shared, 1 to Ann Inspector; 1 unchanged"."""
        given: dict[str, int] = {}
        cleared = 0
        for change in self.changes:
            if change.new is None:
                cleared += 1
            else:
                name = self.names.get(change.new, change.new)
                given[name] = given.get(name, 0) + 1
        parts = []
        if given:
            each = ", ".join(f"{n} to {name}" for name, n in given.items())
            parts.append(f"allocated {sum(given.values())} case(s): {each}")
        if cleared:
            parts.append(f"cleared the allocation of {cleared} case(s)")
        if not parts:
            parts.append("nothing changed")
        if self.unchanged:
            parts.append(f"{self.unchanged} case(s) already so")
        return "; ".join(parts)


class Allocations:
    """Who each case is allocated to; allocating, balancing, clearing and taking over."""

    def __init__(self, inspection: Inspection) -> None:
        self.inspection = inspection
        self.db = inspection.db

    # --- reading ---------------------------------------------------------------------------

    @reads
    def allocations(self) -> dict[str, str]:
        """Case id -> assessor id of every allocated case."""
        return allocation_rows.allocation_map(self.db)

    @reads
    def allocated_to(self, case_id: str) -> Assessor | None:
        """The assessor a case is allocated to (None when it is not allocated)."""
        held = allocation_rows.allocations_of(self.db, [case_id]).get(case_id)
        if held is None:
            return None
        return next((p for p in self.inspection.assessors() if p.id == held), None)

    @reads
    def case_ids(self, references: Sequence[str]) -> list[str]:
        """The ids of the cases ``references`` name, in order; refuses an unknown one."""
        found = allocation_rows.case_ids_by_references(self.db, references)
        missing = [r for r in references if r not in found]
        if missing:
            more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
            raise AllocationError(
                f"{self.inspection.path}: no case with reference {missing[0]!r}{more}"
            )
        return [found[r] for r in references]

    # --- writing ---------------------------------------------------------------------------

    @writes
    def allocate(
        self, actor: Assessor, case_ids: Sequence[str], assessor_id: str
    ) -> AllocationResult:
        """Allocate one case or many to one assessor (reallocating those held by another)."""
        require_supervisor(actor, "allocate cases")
        self._person(assessor_id)
        return self._apply(actor, {case_id: assessor_id for case_id in case_ids})

    @writes
    def balance(
        self,
        actor: Assessor,
        assessor_ids: Sequence[str],
        *,
        case_ids: Sequence[str] | None = None,
        case_type: str | None = None,
        reallocate: bool = False,
    ) -> AllocationResult:
        """Allocate ``case_ids`` (or every case, or every case of ``case_type``) over
        ``assessor_ids``, each case type spread evenly; cases already allocated keep their
        assessor unless ``reallocate`` (see ``rules.balanced_plan``)."""
        require_supervisor(actor, "allocate cases")
        if not assessor_ids:
            raise AllocationError("balancing needs at least one person to allocate to")
        for person in assessor_ids:
            self._person(person)
        if case_type is not None and self.inspection.framework.case_type(case_type) is None:
            codes = ", ".join(t.code for t in self.inspection.framework.case_types)
            raise AllocationError(f"{case_type!r} is not a case type here (one of: {codes})")
        cases = [(c, t) for c, _ref, t in allocation_rows.cases_for_allocation(self.db, case_type)]
        if case_ids is not None:
            wanted = set(case_ids)
            cases = [pair for pair in cases if pair[0] in wanted]
        current = allocation_rows.allocations_of(self.db, [c for c, _ in cases])
        plan = balanced_plan(cases, current, assessor_ids, reallocate=reallocate)
        return self._apply(actor, plan)

    @writes
    def clear(self, actor: Assessor, case_ids: Sequence[str]) -> AllocationResult:
        """Clear the allocation of ``case_ids`` (those not allocated are left as they are)."""
        require_supervisor(actor, "clear allocations")
        return self._apply(actor, {case_id: None for case_id in case_ids})

    @writes
    def take_over(self, actor: Assessor, case_id: str) -> AllocationResult:
        """Take over a case another inspector graded or holds: it is allocated to ``actor``
        and their grading (a copy of the other's, as ordinary audited edits) becomes the
        reported one. See ``auditor.allocation.take_over``."""
        with self.db.atomic():
            previous = take_over(self.inspection, actor, case_id)
            return self._apply(actor, {case_id: actor.id}, detail=f"taken over from {previous}")

    # --- the one write ---------------------------------------------------------------------

    def _person(self, assessor_id: str) -> Assessor:
        for person in self.inspection.assessors():
            if person.id == assessor_id:
                return person
        raise AllocationError(f"{self.inspection.path}: nobody with id {assessor_id} is here")

    def _apply(
        self, actor: Assessor, plan: dict[str, str | None], detail: str = ""
    ) -> AllocationResult:
        """Write ``plan`` (case id -> assessor id, None to clear) and a ledger row per case
        changed, in one transaction."""
        names = {p.id: p.name for p in self.inspection.assessors()}
        with self.db.atomic():
            cases = allocation_rows.case_types_of(self.db, list(plan))
            unknown = [c for c in plan if c not in cases]
            if unknown:
                raise AllocationError(f"{self.inspection.path}: no case with id {unknown[0]}")
            current = allocation_rows.allocations_of(self.db, list(plan))
            changes = [
                AllocationChange(case_id, cases[case_id][0], current.get(case_id), new)
                for case_id, new in plan.items()
                if current.get(case_id) != new
            ]
            now = self.inspection.clock()
            allocation_rows.set_allocations(
                self.db,
                (
                    {
                        "case_id": c.case_id,
                        "assessor_id": c.new,
                        "allocated_by": actor.id,
                        "allocated_at": now,
                    }
                    for c in changes
                    if c.new is not None
                ),
            )
            allocation_rows.clear_allocations(
                self.db, [c.case_id for c in changes if c.new is None]
            )
            if changes:
                self.inspection.audit_many(
                    [
                        self.inspection.audit_row(
                            actor,
                            "alteration",
                            c.case_id,
                            TABLE,
                            c.case_id,
                            FIELD,
                            old=c.old,
                            new=c.new,
                            detail=detail or change_words(c.old, c.new, names),
                        )
                        for c in changes
                    ]
                )
        return AllocationResult(tuple(changes), len(plan) - len(changes), names)
