"""Drawing the moderation sample and assigning each case its second, blind inspector."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor.audit.log import ALTERATION
from auditor.audit.markers import reads, writes
from auditor.moderation.records import DrawResult, ModerationError, SampledCase, require_lead
from auditor.moderation.sampling import Candidate, SampleError, draw
from auditor.people import INSPECTOR
from db import moderation as rows

if TYPE_CHECKING:
    from auditor.framework import Framework
    from auditor.inspection import Inspection
    from auditor.records import Assessor


class SampleDesk:
    """The sample: drawn by the lead from a seed, each case given a second inspector."""

    inspection: Inspection
    db: Any
    framework: Framework

    # --- the sample ----------------------------------------------------------------------------

    def _candidates(self) -> tuple[list[Candidate], set[str]]:
        found = rows.candidate_rows(self.db)
        candidates = [
            Candidate(
                r["case_id"], r["reference"], r["case_type"], r["assessor_id"], bool(r["flagged"])
            )
            for r in found
        ]
        return candidates, {r["case_id"] for r in found if r["sampled"]}

    @reads
    def preview(self, percent: float, seed: int) -> list[Any]:
        """The cases a draw with ``percent`` and ``seed`` picks (in the sample or not)."""
        candidates, _ = self._candidates()
        try:
            return draw(candidates, percent, seed)
        except SampleError as exc:
            raise ModerationError(f"Cannot draw the sample: {exc}.") from None

    @writes
    def draw(self, actor: Assessor | None, percent: float, seed: int) -> DrawResult:
        """Add to the sample the cases a draw picks: every flagged case and ``percent`` of the
        others by case type and first inspector. Cases already sampled stay as they are."""
        lead = require_lead(actor, "draw the moderation sample")
        with self.db.atomic():
            candidates, sampled = self._candidates()
            try:
                picks = draw(candidates, percent, seed)
            except SampleError as exc:
                raise ModerationError(f"Cannot draw the sample: {exc}.") from None
            new = [p for p in picks if p.case_id not in sampled]
            now = self.inspection.clock()
            records = [
                {
                    "id": self.inspection.new_id(),
                    "case_id": p.case_id,
                    "first_assessor_id": p.assessor_id,
                    "reason": p.reason,
                    "percent": float(percent),
                    "seed": int(seed),
                    "drawn_by": lead.id,
                    "drawn_at": now,
                    "second_assessor_id": None,
                    "assigned_at": None,
                }
                for p in new
            ]
            rows.insert_sampled(self.db, records)
            self.inspection.audit_many(
                [
                    self.inspection.audit_row(
                        lead,
                        ALTERATION,
                        r["case_id"],
                        "moderation_cases",
                        r["id"],
                        "reason",
                        new=r["reason"],
                        detail=f"drawn for moderation ({percent:g}%, seed {seed})",
                    )
                    for r in records
                ]
            )
        referral = sum(1 for p in new if p.reason == "referral")
        return DrawResult(referral, len(new) - referral, len(picks) - len(new))

    @reads
    def sample(self) -> list[SampledCase]:
        """The moderation sample in reference order, with both gradings."""
        return [SampledCase.from_row(r) for r in rows.sample_rows(self.db)]

    @reads
    def progress(self) -> tuple[int, int, int]:
        """(cases sampled, assigned a second inspector, second grading finished)."""
        cases = self.sample()
        return (
            len(cases),
            sum(1 for c in cases if c.second_id),
            sum(1 for c in cases if c.second_done),
        )

    @reads
    def eligible_second(self, case_id: str) -> list[Assessor]:
        """Who may grade a sampled case second: anyone who has not graded it, by name."""
        graded = rows.assessor_ids_of_case(self.db, case_id)
        row = rows.sampled_row(self.db, case_id)
        if row and row["second_assessor_id"]:
            graded.discard(row["second_assessor_id"])
        people = [a for a in self.inspection.assessors() if a.id not in graded]
        return sorted(people, key=lambda a: (a.name.casefold(), a.id))

    @writes
    def assign(self, actor: Assessor | None, case_id: str, second_id: str | None) -> None:
        """Assign the second inspector of a sampled case (None removes the assignment).

        Refused when that person has graded the case already (they would not be blind), or
        when the current second inspector has started grading it.
        """
        lead = require_lead(actor, "assign second inspectors")
        with self.db.atomic():
            self._assign(lead, case_id, second_id)

    def _assign(self, lead: Assessor, case_id: str, second_id: str | None) -> bool:
        row = rows.sampled_row(self.db, case_id)
        if row is None:
            raise ModerationError("That case is not in the moderation sample.")
        current = row["second_assessor_id"]
        if current == second_id:
            return False
        graded = rows.assessor_ids_of_case(self.db, case_id)
        reference = self.inspection.case(case_id).reference
        if current is not None and current in graded:
            raise ModerationError(
                f"{reference}: {self._name(current)} has started the second grading; "
                "it cannot be given to someone else."
            )
        if second_id is not None:
            if second_id == row["first_assessor_id"]:
                raise ModerationError(
                    f"{reference}: {self._name(second_id)} graded the case first; "
                    "choose someone else to grade it blind."
                )
            if second_id in graded:
                raise ModerationError(
                    f"{reference}: {self._name(second_id)} has already graded the case, "
                    "so cannot grade it blind."
                )
            if second_id not in {a.id for a in self.inspection.assessors()}:
                raise ModerationError(f"{reference}: no such assessor.")
        at = self.inspection.clock() if second_id else None
        rows.set_second(self.db, row["id"], second_id, at)
        self.inspection.audit(
            lead,
            ALTERATION,
            case_id=case_id,
            table="moderation_cases",
            record_id=row["id"],
            field="second_assessor_id",
            old=current,
            new=second_id,
            detail="second inspector assigned" if second_id else "second inspector removed",
        )
        return True

    @writes
    def assign_evenly(self, actor: Assessor | None) -> int:
        """Give every unassigned sampled case a second inspector: the inspector (role) with the
        fewest assignments who has not graded it, ties by name. Returns how many."""
        lead = require_lead(actor, "assign second inspectors")
        inspectors = sorted(
            (a for a in self.inspection.assessors() if a.role == INSPECTOR),
            key=lambda a: (a.name.casefold(), a.id),
        )
        done = 0
        with self.db.atomic():
            cases = self.sample()
            load = {a.id: 0 for a in inspectors}
            for c in cases:
                if c.second_id in load:
                    load[c.second_id] += 1
            for c in cases:
                if c.second_id:
                    continue
                graded = rows.assessor_ids_of_case(self.db, c.case_id)
                free = [a for a in inspectors if a.id not in graded]
                if not free:
                    continue
                chosen = min(free, key=lambda a: load[a.id])
                if self._assign(lead, c.case_id, chosen.id):
                    load[chosen.id] += 1
                    done += 1
        return done

    def _name(self, assessor_id: str) -> str:
        for a in self.inspection.assessors():
            if a.id == assessor_id:
                return a.name
        return "an unknown assessor"
