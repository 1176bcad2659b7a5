"""Grading writes: each edit is one transaction with its audit-log rows and the new status."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from auditor.audit.markers import reads, writes
from auditor.errors import GradingError, Where
from auditor.framework import Framework
from auditor.grading.rules import (
    DONE_STATUSES,
    FLAGGED,
    Assessment,
    CriterionGrade,
    Referral,
    Review,
    derive_status,
)
from db import grading as rows
from db import review as review_rows
from db.database import Database

if TYPE_CHECKING:
    from auditor.inspection import Assessor, Inspection
    from auditor.records import Case


def load_assessment(db: Database, row: dict[str, Any]) -> Assessment:
    """An ``Assessment`` from its row, with its grades, referral and reviews."""
    grades = {
        cid: CriterionGrade(cid, g["grade"], g["note"])
        for cid, g in rows.criterion_grades(db, row["id"]).items()
    }
    ref = rows.referral_for_assessment(db, row["id"])
    referral = (
        Referral(**{k: ref[k] for k in Referral.__dataclass_fields__}) if ref is not None else None
    )
    reviews = tuple(
        Review(**{k: r[k] for k in Review.__dataclass_fields__})
        for r in review_rows.reviews_for_assessment(db, row["id"])
    )
    return Assessment(
        id=row["id"],
        case_id=row["case_id"],
        assessor_id=row["assessor_id"],
        overall_grade=row["overall_grade"],
        override_reason=row["override_reason"],
        status=row["status"],
        updated_at=row["updated_at"],
        grades=grades,
        referral=referral,
        reviews=reviews,
    )


def refresh_status(inspection: Inspection, assessment_id: str, actor: Assessor) -> Assessment:
    """Recompute an assessment's status and touch it, auditing a change of status.

    Call inside the transaction of the change that may have moved the status; ``actor`` is
    whoever made that change (the inspector, or a supervisor deciding a review).
    """
    db = inspection.db
    row = rows.assessment_by_id(db, assessment_id)
    if row is None:
        raise GradingError(f"no assessment with id {assessment_id}")
    current = load_assessment(db, row)
    case = inspection.case(current.case_id)
    status = derive_status(inspection.framework, case.case_type, current, case_attributes(case))
    now = inspection.clock()
    values: dict[str, Any] = {"updated_at": now}
    if status != current.status:
        values["status"] = status
        was_done = current.status in DONE_STATUSES
        if status not in DONE_STATUSES:
            values["completed_at"] = None
        elif not was_done:
            values["completed_at"] = now
        inspection.audit(
            actor,
            "alteration",
            case_id=current.case_id,
            table="assessments",
            record_id=assessment_id,
            field="status",
            old=current.status,
            new=status,
        )
    rows.update_assessment(db, assessment_id, values)
    return load_assessment(db, {**row, **values})


def allowed_codes(framework: Framework, *, criterion: bool) -> list[str]:
    """The codes a criterion's grade (answers, then Not applicable) or an overall grade (the
    ratings) may take, in scale order."""
    if criterion:
        return [g.code for g in framework.answers] + [framework.not_applicable.code]
    return [g.code for g in framework.grades]


def case_attributes(case: Case) -> Mapping[str, Any]:
    """The case's attributes (``applies_when`` reads them; empty where none is recorded)."""
    return case.attributes


#: ``Where.field`` of a refusal about the case's referral back (the flag, reason or note).
REFERRAL_FIELD = "referral"


class Grading:
    """Reads and writes assessments of one inspection."""

    def __init__(self, inspection: Inspection) -> None:
        self.inspection = inspection
        self.db = inspection.db
        self.framework = inspection.framework

    # --- reading ---------------------------------------------------------------------------

    @reads
    def assessment(self, case_id: str, assessor_id: str) -> Assessment | None:
        """One assessor's assessment of a case (None before their first edit)."""
        row = rows.get_assessment(self.db, case_id, assessor_id)
        return None if row is None else self._load(row)

    @reads
    def criterion_value(
        self, case_id: str, assessor_id: str, criterion_id: str
    ) -> tuple[str | None, str]:
        """One assessor's grade and note of one criterion of a case ((None, "") before any):
        what an edit of it changes from, in one query."""
        row = rows.criterion_grade_of(self.db, case_id, assessor_id, criterion_id)
        return (row["grade"], row["note"]) if row else (None, "")

    @reads
    def assessment_by_id(self, assessment_id: str) -> Assessment | None:
        row = rows.assessment_by_id(self.db, assessment_id)
        return None if row is None else self._load(row)

    @reads
    def assessments(self, case_id: str) -> list[Assessment]:
        """Every assessor's assessment of a case, first started first."""
        return [self._load(row) for row in rows.assessments_for_case(self.db, case_id)]

    def _load(self, row: dict[str, Any]) -> Assessment:
        return load_assessment(self.db, row)

    @reads
    def progress(self, assessor_id: str | None = None) -> tuple[int, int, int]:
        """(cases, graded, flagged)."""
        return rows.progress_counts(self.db, assessor_id, DONE_STATUSES)

    # --- writing ---------------------------------------------------------------------------

    def _check_grade(self, code: str | None, *, criterion: bool) -> None:
        """A criterion's grade is an answer of the criteria's scale or Not applicable; an
        overall grade a rating (the same scale in format 1, apart with ``[[answers]]``)."""
        if code is None:
            return
        allowed = allowed_codes(self.framework, criterion=criterion)
        if code not in allowed:
            what = "an answer" if criterion and self.framework.separate_answers else "a grade"
            raise GradingError(f"{code!r} is not {what} here (one of: {', '.join(allowed)})")

    @writes
    def started(self, case_id: str, actor: Assessor) -> dict[str, Any]:
        """``actor``'s assessment of the case, started (and logged) if there is none; call
        inside the transaction of the edit that needs it (a citation)."""
        return self._ensure(case_id, actor)

    def _ensure(self, case_id: str, actor: Assessor) -> dict[str, Any]:
        row = rows.get_assessment(self.db, case_id, actor.id)
        if row is not None:
            return row
        now = self.inspection.clock()
        row = {
            "id": self.inspection.new_id(),
            "case_id": case_id,
            "assessor_id": actor.id,
            "overall_grade": None,
            "override_reason": "",
            "status": "not_started",
            "started_at": now,
            "updated_at": now,
            "completed_at": None,
        }
        rows.insert_assessment(self.db, row)
        self.inspection.audit(
            actor,
            "alteration",
            case_id=case_id,
            table="assessments",
            record_id=row["id"],
            field="assessor",
            new=actor.name,
            detail="assessment started",
        )
        return row

    def _finish(self, case_id: str, actor: Assessor, assessment_id: str) -> Assessment:
        """Recompute status and touch the assessment; inside the edit's transaction."""
        return refresh_status(self.inspection, assessment_id, actor)

    def _criterion_change(
        self, case_id: str, actor: Assessor, criterion_id: str, field: str, value: Any
    ) -> Assessment:
        criterion = self.framework.criterion(criterion_id)
        if criterion is None:
            raise GradingError(f"{criterion_id!r} is not a criterion of this framework")
        case = self.inspection.case(case_id)
        case_type = case.case_type
        if case_type not in criterion.applies_to:
            raise GradingError(
                f"{criterion.title!r} does not apply to "
                f"{self.framework.case_type_label(case_type)!r} cases"
            )
        if not criterion.applies(case_type, case_attributes(case)):
            unmet = self.framework.conditions_text(criterion)
            raise GradingError(
                f"{criterion.title!r} does not apply to {case.reference} (it applies when {unmet})"
            )
        with self.db.atomic():
            assessment = self._ensure(case_id, actor)
            existing = rows.criterion_grades(self.db, assessment["id"]).get(criterion_id)
            old = existing[field] if existing else (None if field == "grade" else "")
            if old == value:
                return self._load(assessment)
            record = {
                "id": existing["id"] if existing else self.inspection.new_id(),
                "assessment_id": assessment["id"],
                "criterion_id": criterion_id,
                "grade": existing["grade"] if existing else None,
                "note": existing["note"] if existing else "",
                "graded_by": actor.id,
                "graded_at": self.inspection.clock(),
            }
            record[field] = value
            rows.upsert_criterion_grade(self.db, record)
            self.inspection.audit(
                actor,
                "alteration",
                case_id=case_id,
                table="criterion_grades",
                record_id=record["id"],
                field=f"{criterion_id}.{field}",
                old=old,
                new=value,
            )
            return self._finish(case_id, actor, assessment["id"])

    @writes
    def set_grade(
        self, case_id: str, actor: Assessor, criterion_id: str, grade: str | None
    ) -> Assessment:
        """Grade one criterion (None clears it)."""
        self._check_grade(grade, criterion=True)
        return self._criterion_change(case_id, actor, criterion_id, "grade", grade)

    @writes
    def set_note(self, case_id: str, actor: Assessor, criterion_id: str, note: str) -> Assessment:
        """Write the evidence note of one criterion."""
        return self._criterion_change(case_id, actor, criterion_id, "note", note)

    @writes
    def set_overall(
        self, case_id: str, actor: Assessor, grade: str | None, override_reason: str | None = None
    ) -> Assessment:
        """Record the overall grade, and why when it differs from the suggestion."""
        self._check_grade(grade, criterion=False)
        with self.db.atomic():
            assessment = self._ensure(case_id, actor)
            values: dict[str, Any] = {}
            if assessment["overall_grade"] != grade:
                values["overall_grade"] = grade
            if override_reason is not None and assessment["override_reason"] != override_reason:
                values["override_reason"] = override_reason
            if not values:
                return self._load(assessment)
            rows.update_assessment(self.db, assessment["id"], values)
            for key, new in values.items():
                self.inspection.audit(
                    actor,
                    "alteration",
                    case_id=case_id,
                    table="assessments",
                    record_id=assessment["id"],
                    field=key,
                    old=assessment[key],
                    new=new,
                )
            return self._finish(case_id, actor, assessment["id"])

    @writes
    def set_referral(self, case_id: str, actor: Assessor, reason: str, note: str) -> Assessment:
        """Flag the case for referral back (or change the reason and note of the flag)."""
        if reason and reason not in {r.code for r in self.framework.referral_reasons}:
            allowed = ", ".join(r.code for r in self.framework.referral_reasons)
            raise GradingError(
                f"{reason!r} is not a referral reason (one of: {allowed})",
                where=Where(case=case_id, field=REFERRAL_FIELD),
            )
        with self.db.atomic():
            assessment = self._ensure(case_id, actor)
            existing = rows.referral_for_assessment(self.db, assessment["id"])
            if existing is None:
                referral_id = self.inspection.new_id()
                rows.insert_referral(
                    self.db,
                    {
                        "id": referral_id,
                        "assessment_id": assessment["id"],
                        "reason": reason,
                        "note": note,
                        "state": "flagged",
                        "flagged_by": actor.id,
                        "flagged_at": self.inspection.clock(),
                    },
                )
                self.inspection.audit(
                    actor,
                    "alteration",
                    case_id=case_id,
                    table="referrals",
                    record_id=referral_id,
                    field="flag",
                    old=None,
                    new="flagged",
                )
                changes = {"reason": ("", reason), "note": ("", note)}
            else:
                referral_id = existing["id"]
                changes = {
                    k: (existing[k], v)
                    for k, v in (("reason", reason), ("note", note))
                    if existing[k] != v
                }
                if not changes:
                    return self._load(assessment)  # the same flag again: nothing to write
                if existing["state"] != FLAGGED:
                    raise GradingError(
                        "a referral a supervisor has decided cannot be changed "
                        f"(it is {existing['state'].replace('_', ' ')})",
                        where=Where(case=case_id, field=REFERRAL_FIELD),
                    )
                rows.update_referral(self.db, referral_id, {k: v for k, (_, v) in changes.items()})
            for key, (old, new) in changes.items():
                if old != new:
                    self.inspection.audit(
                        actor,
                        "alteration",
                        case_id=case_id,
                        table="referrals",
                        record_id=referral_id,
                        field=key,
                        old=old,
                        new=new,
                    )
            return self._finish(case_id, actor, assessment["id"])

    @writes
    def withdraw_referral(self, case_id: str, actor: Assessor) -> Assessment | None:
        """Remove the referral flag (only while it awaits review)."""
        with self.db.atomic():
            row = rows.get_assessment(self.db, case_id, actor.id)
            if row is None:
                return None
            existing = rows.referral_for_assessment(self.db, row["id"])
            if existing is None:
                return self._load(row)
            if existing["state"] != FLAGGED:
                raise GradingError(
                    "a referral a supervisor has decided cannot be withdrawn",
                    where=Where(case=case_id, field=REFERRAL_FIELD),
                )
            rows.delete_referral(self.db, existing["id"])
            self.inspection.audit(
                actor,
                "alteration",
                case_id=case_id,
                table="referrals",
                record_id=existing["id"],
                field="flag",
                old="flagged",
                new=None,
                detail=f"withdrawn ({existing['reason']})",
            )
            return self._finish(case_id, actor, row["id"])
