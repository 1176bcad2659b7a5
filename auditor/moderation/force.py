"""The force's own audit: its grade of each case, compared with the inspectorate's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from auditor.audit.log import ALTERATION
from auditor.audit.markers import reads, writes
from auditor.moderation.agreement import agreement_of_matrix, confusion_matrix
from auditor.moderation.records import ForceComparison, ModerationError
from db import moderation as rows
from db import reports as report_rows

if TYPE_CHECKING:
    from auditor.framework import Framework
    from auditor.inspection import Inspection
    from auditor.records import Assessor


class ForceAudit:
    """The force's grades (imported with the sample) and the comparison with them."""

    inspection: Inspection
    db: Any
    framework: Framework

    # --- the force's own audit -----------------------------------------------------------------

    @reads
    def force_grades(self) -> dict[str, str]:
        """Case id -> the grade the force's own audit team gave it."""
        return rows.force_grades(self.db)

    @writes
    def set_force_grades(self, actor: Assessor | None, grades: Mapping[str, str]) -> int:
        """Record the force's grades (case id -> grade code), one audit row per change.

        Anyone importing the force's sample may record them (they are the force's data, not a
        judgement). Returns how many changed.
        """
        allowed = {g.code for g in self.framework.grades}
        for grade in grades.values():
            if grade not in allowed:
                raise ModerationError(
                    f"{grade!r} is not a grade {self.framework.words.inspected_body}'s audit "
                    "can give "
                    f"(one of: {', '.join(g.label for g in self.framework.grades)})"
                )
        with self.db.atomic():
            before = rows.force_grades(self.db)
            changed = {k: v for k, v in grades.items() if before.get(k) != v}
            if not changed:
                return 0
            now = self.inspection.clock()
            rows.upsert_force_grades(
                self.db, [{"case_id": k, "grade": v, "updated_at": now} for k, v in changed.items()]
            )
            self.inspection.audit_many(
                [
                    self.inspection.audit_row(
                        actor,
                        ALTERATION,
                        case_id,
                        "force_grades",
                        case_id,
                        "grade",
                        old=before.get(case_id),
                        new=grade,
                        detail=f"{self.framework.words.inspected_body}'s own audit grade",
                    )
                    for case_id, grade in changed.items()
                ]
            )
        return len(changed)

    @reads
    def force_comparison(self) -> ForceComparison:
        """The inspectorate's reported grade (the lead's agreed grade where recorded) against
        the force's grade, over the cases that have both."""
        categories = tuple(g.code for g in self.framework.grades)
        force = rows.force_grades(self.db)
        reported = {r[0]: r[8] for r in report_rows.reported_case_rows(self.db)}
        pairs = [(reported[k], v) for k, v in force.items() if reported.get(k) is not None]
        matrix = confusion_matrix(pairs, categories)
        return ForceComparison(
            categories,
            matrix,
            agreement_of_matrix(matrix),
            len(force),
            len(force) - len(pairs),
        )
