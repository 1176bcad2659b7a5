"""Agreement between first and second gradings; disagreements and the lead's agreed grades."""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditor.audit.log import ALTERATION
from auditor.audit.markers import reads, writes
from auditor.merging.concurrent_list import ConcurrentChange, concurrent_changes
from auditor.merging.conflicts import find_conflicts
from auditor.moderation.agreement import agreement
from auditor.moderation.records import (
    CONFLICT,
    MODERATION,
    AgreementRow,
    Disagreement,
    ModerationError,
    Reconciled,
    SampledCase,
    require_lead,
)
from auditor.moderation.sample_desk import SampleDesk
from db import moderation as rows
from db.concurrent import TABLE as CONCURRENT_TABLE
from db.concurrent import pair_id

if TYPE_CHECKING:
    from auditor.records import Assessor


class ReconcileDesk(SampleDesk):
    """Agreement figures over the double-graded sample; disagreements; reconciling them."""

    # --- agreement -----------------------------------------------------------------------------

    def _criterion_pairs(self, cases: list[SampledCase]) -> dict[str, list[tuple[str, str]]]:
        """Criterion id -> (first grade, second grade) of every case, both on the scale."""
        scale = {g.code for g in self.framework.grades}
        pairs: dict[str, list[tuple[str, str]]] = {}
        for a, b in self._criterion_grades(cases).values():
            for criterion_id in sorted(set(a) & set(b)):
                if a[criterion_id] in scale and b[criterion_id] in scale:
                    pairs.setdefault(criterion_id, []).append((a[criterion_id], b[criterion_id]))
        return pairs

    def _criterion_grades(
        self, cases: list[SampledCase]
    ) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
        """Case id -> (first grading's criterion grades, second's), read in one go."""
        wanted = [i for c in cases for i in (c.first_assessment_id, c.second_assessment_id) if i]
        grades: dict[str, dict[str, str]] = {}
        for assessment_id, criterion_id, grade in rows.criterion_grade_rows(self.db, wanted):
            grades.setdefault(assessment_id, {})[criterion_id] = grade
        return {
            c.case_id: (
                grades.get(c.first_assessment_id or "", {}),
                grades.get(c.second_assessment_id or "", {}),
            )
            for c in cases
        }

    @reads
    def agreement_table(self) -> list[AgreementRow]:
        """Agreement on the overall grade, then on each criterion (framework order).

        Pairs are the sampled cases whose second grading is finished; a criterion pair needs
        both grades on the scale (Not applicable and blank are left out).
        """
        categories = [g.code for g in self.framework.grades]
        cases = [c for c in self.sample() if c.double_graded]
        overall = [(c.first_grade, c.second_grade) for c in cases]
        table = [AgreementRow("overall", "Overall grade", agreement(overall, categories))]  # type: ignore[arg-type]
        pairs = self._criterion_pairs(cases)
        for criterion in self.framework.criteria:
            table.append(
                AgreementRow(
                    criterion.id,
                    criterion.title,
                    agreement(pairs.get(criterion.id, []), categories),
                )
            )
        return table

    # --- disagreements and reconciled grades ---------------------------------------------------

    @reads
    def reconciliations(self) -> dict[str, Reconciled]:
        """Case id -> the grade the lead agreed."""
        return {
            case_id: Reconciled(
                r["overall_grade"], r["note"], r["reconciled_by_name"], r["reconciled_at"]
            )
            for case_id, r in rows.reconciliations(self.db).items()
        }

    @reads
    def disagreements(self) -> list[Disagreement]:
        """Moderation cases graded differently overall (second grading finished), then merge
        conflicts on cases outside the sample; each with the lead's agreed grade, if any."""
        agreed = self.reconciliations()
        cases = [c for c in self.sample() if c.double_graded]
        differing = [c for c in cases if c.first_grade != c.second_grade]
        by_criterion = self._differing_criteria(differing)
        found = [
            Disagreement(
                c.case_id,
                c.reference,
                MODERATION,
                ((c.first_name, c.first_grade), (c.second_name, c.second_grade)),  # type: ignore[arg-type]
                by_criterion.get(c.case_id, 0),
                agreed.get(c.case_id),
            )
            for c in differing
        ]
        sampled = {c.case_id for c in self.sample()}
        for conflict in find_conflicts(self.inspection):
            if conflict.case_id in sampled:
                continue
            found.append(
                Disagreement(
                    conflict.case_id,
                    conflict.reference,
                    CONFLICT,
                    conflict.grades,
                    0,
                    agreed.get(conflict.case_id),
                )
            )
        return found

    def _differing_criteria(self, cases: list[SampledCase]) -> dict[str, int]:
        """Case id -> how many criteria both graded (Not applicable included) differently."""
        return {
            case_id: sum(1 for k in set(a) & set(b) if a[k] != b[k])
            for case_id, (a, b) in self._criterion_grades(cases).items()
        }

    @writes
    def reconcile(self, actor: Assessor | None, case_id: str, grade: str, note: str) -> None:
        """Record the grade the lead agreed for a disagreement or conflict, with a note.

        It then counts in the reports as the case's grade. Recording another grade later
        replaces it (both are in the audit log).
        """
        lead = require_lead(actor, "record an agreed grade")
        note = note.strip()
        if self.framework.grade(grade) is None or grade == self.framework.not_applicable.code:
            scale = ", ".join(g.label for g in self.framework.grades)
            raise ModerationError(f"The agreed grade must be one of: {scale}.")
        if not note:
            raise ModerationError("Say why this grade was agreed: a note is required.")
        with self.db.atomic():
            if case_id not in {d.case_id for d in self.disagreements()}:
                raise ModerationError(
                    "That case has no disagreement to reconcile: it needs two different overall "
                    "grades (a moderation case once its second grading is finished)."
                )
            before = rows.reconciliation(self.db, case_id)
            now = self.inspection.clock()
            if before is None:
                record_id = self.inspection.new_id()
                rows.insert_reconciliation(
                    self.db,
                    {
                        "id": record_id,
                        "case_id": case_id,
                        "overall_grade": grade,
                        "note": note,
                        "reconciled_by": lead.id,
                        "reconciled_at": now,
                    },
                )
                old = {"overall_grade": None, "note": None}
            else:
                record_id = before["id"]
                if before["overall_grade"] == grade and before["note"] == note:
                    return
                rows.update_reconciliation(
                    self.db,
                    record_id,
                    {
                        "overall_grade": grade,
                        "note": note,
                        "reconciled_by": lead.id,
                        "reconciled_at": now,
                    },
                )
                old = before
            self.inspection.audit_many(
                [
                    self.inspection.audit_row(
                        lead,
                        ALTERATION,
                        case_id,
                        "reconciliations",
                        record_id,
                        field,
                        old=old[field],
                        new=value,
                        detail="agreed grade recorded",
                    )
                    for field, value in (("overall_grade", grade), ("note", note))
                    if old[field] != value
                ]
            )

    # --- concurrent changes ----------------------------------------------------------------------

    @reads
    def concurrent_changes(self, *, unresolved_only: bool = False) -> list[ConcurrentChange]:
        """Fields changed in two files with neither having seen the other (see merging)."""
        return concurrent_changes(self.inspection, unresolved_only=unresolved_only)

    @writes
    def resolve_concurrent(
        self, actor: Assessor | None, change: ConcurrentChange, note: str
    ) -> None:
        """The lead settles a concurrent change: the value the file holds stands (change it
        first, in the case, if the other one is right), with a note on why."""
        lead = require_lead(actor, "resolve a change made in two places at once")
        note = note.strip()
        if not note:
            raise ModerationError("Say why this value stands: a note is required.")
        with self.db.atomic():
            self.inspection.audit_many(
                [
                    self.inspection.audit_row(
                        lead,
                        ALTERATION,
                        change.case_id,
                        CONCURRENT_TABLE,
                        pair_id(first, second),
                        "resolved",
                        old=None,
                        new=change.now,
                        detail=note,
                    )
                    for first, second in change.pairs
                ]
            )
