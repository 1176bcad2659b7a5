"""An import's gradings, in bulk: the grading desk's edits replayed in memory, then written
with one statement per kind of row (``db.grading_bulk``) inside the import's transaction.

For each Cases row that grades, the edits the grading desk would make one by one
(``auditor.grading.desk``: each criterion's grade, then each note, then the overall grade and
override reason, then the referral back) are applied to a working copy of the assessment, read
from the file with the others of its chunk of ``FLUSH_EVERY`` rows. Each edit that changes
something gives the audit rows the desk gives, in its order, with its refusals (a referral a
supervisor has decided cannot be changed), and the status is derived after it as
``refresh_status`` derives it, so every change of status the desk would log (not started ->
in progress -> complete…) is logged here too. Ids are drawn in the desk's order; the clock is
read once per row of the file (the desk reads it at every edit). A chunk's rows are written
when it ends, and before anyone new is added to the roster, so the audit log's order (and a
signed inspection's chain) is the desk's. ``tests/core/importing/test_import_bulk_grading.py``
compares the files the two leave.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from auditor.errors import GradingError, Where
from auditor.grading.desk import REFERRAL_FIELD
from auditor.grading.rules import (
    DONE_STATUSES,
    FLAGGED,
    IN_PROGRESS,
    NOT_STARTED,
    RETURNED,
    derive_status,
)
from auditor.importing.layout import CASES
from auditor.importing.problems import ImportRefused, Problems, cell
from auditor.importing.staged import StagedRows
from auditor.importing.working import FrameworkView, Working, read_assessments
from auditor.records import Assessor, Case

if TYPE_CHECKING:
    from auditor.importing.validate import GradingRecord, Plan
    from auditor.importing.writing import Assessors, Progress
    from auditor.inspection import Inspection

GRADINGS_PER_REPORT = 200
#: Gradings replayed between two writes of their rows (bounds the memory of a large import).
FLUSH_EVERY = 2000


def write_gradings(
    inspection: Inspection,
    plan: Plan,
    by_reference: dict[str, Case],
    people: Assessors,
    user: Assessor,
    report: Progress,
) -> int:
    """Import ``plan``'s gradings; how many cases' gradings changed anything.

    Blank cells change nothing, and a row that changes nothing writes nothing. Refusals are
    collected for every row, then raised together (``ImportRefused``, naming each cell) inside
    the transaction, so nothing is written.
    """
    # The case type as the file gives it (the case's own, or what the import just set).
    types = {record.reference.casefold(): record.case_type for record in plan.cases}
    desk = _Desk(inspection)
    refused = Problems()
    changed = 0
    report("Importing gradings", len(plan.gradings))
    for start in range(0, len(plan.gradings), FLUSH_EVERY):
        chunk = plan.gradings[start : start + FLUSH_EVERY]
        desk.read({by_reference[grading.reference.casefold()].id for grading in chunk})
        for done, grading in enumerate(chunk, start=start + 1):
            if done % GRADINGS_PER_REPORT == 0:
                report("Importing gradings", done)
            if grading.assessor and not people.knows(grading.assessor):
                desk.flush()  # adding a person writes audit rows: the ones before go first
            assessor = people.named(grading.assessor) if grading.assessor else user
            folded = grading.reference.casefold()
            case = by_reference[folded]
            try:
                changed += desk.apply(case.id, types[folded], assessor, grading, case.attributes)
            except GradingError as exc:  # e.g. a referral a supervisor has already decided
                column = "Referred back" if exc.where.field == REFERRAL_FIELD else "Assessor"
                refused.add(
                    cell(CASES, grading.row, column),
                    f"{grading.reference} graded by {assessor.name}: {exc}",
                )
        desk.flush()
    if refused:
        raise ImportRefused(refused)  # inside the transaction: everything is rolled back
    return changed


class _Desk(StagedRows):
    """The grading desk's edits (``auditor.grading.desk.Grading``) on working copies; the rows
    they write are kept until ``flush`` (``StagedRows``)."""

    def __init__(self, inspection: Inspection) -> None:
        super().__init__(inspection)
        self.framework = framework = inspection.framework
        self.rules = FrameworkView(framework)
        #: The working copies of the assessments of the gradings being replayed.
        self.assessments: dict[tuple[str, str], Working] = {}
        self.criteria = {c.id: c for c in framework.criteria}
        self.conditional = any(c.conditions for c in framework.criteria)
        self.applying: dict[str, tuple[str, ...]] = {
            t.code: tuple(c.id for c in framework.criteria_for(t.code))
            for t in framework.case_types
        }
        self.grade_codes = {g.code for g in framework.grades}
        self.answer_codes = {g.code for g in framework.answers}  # a criterion's scale
        self.reasons = {r.code for r in framework.referral_reasons}
        self.attributes: Mapping[str, Any] | None = None  # the case's, of the row applied

    def read(self, case_ids: set[str]) -> None:
        """Work on the assessments of the cases ``case_ids`` as the file holds them now (call
        after ``flush``: the working copies before are let go)."""
        self.assessments = read_assessments(self.inspection.db, case_ids)

    # --- one Cases row -----------------------------------------------------------------

    def apply(
        self,
        case_id: str,
        case_type: str,
        actor: Assessor,
        grading: GradingRecord,
        attributes: Mapping[str, Any] | None = None,
    ) -> bool:
        """Set what the row grades, as the grading desk would edit it; True when
        anything changed (the assessment is new, or any edit changed it). ``attributes``
        are the case's (as the import leaves them): a criterion applying by one is graded
        only where it applies."""
        self.now = self.inspection.clock()
        self.attributes = attributes
        key = (case_id, actor.id)
        started = key not in self.assessments
        edits = 0
        for criterion_id, code in grading.grades.items():
            self._check_grade(code, criterion=True)
            edits += self._criterion_change(case_id, case_type, actor, criterion_id, "grade", code)
        for criterion_id, note in grading.notes.items():
            edits += self._criterion_change(case_id, case_type, actor, criterion_id, "note", note)
        for criterion_id, ticks in grading.prompts.items():
            edits += self._criterion_change(
                case_id, case_type, actor, criterion_id, "prompts", ticks
            )
        if grading.overall:
            edits += self._set_overall(
                case_id, case_type, actor, grading.overall, grading.override_reason or None
            )
        if grading.referral:
            edits += self._set_referral(case_id, case_type, actor, *grading.referral)
        return started or edits > 0

    # --- the desk's edits ----------------------------------------------------------------

    def _check_grade(self, code: str | None, *, criterion: bool) -> None:
        if code is None:
            return
        if criterion and (code in self.answer_codes or code == self.framework.not_applicable.code):
            return
        if not criterion and code in self.grade_codes:
            return
        if criterion:  # the criteria's answers (their own scale in format 2), then N/A
            allowed = [g.code for g in self.framework.answers]
            allowed.append(self.framework.not_applicable.code)
        else:
            allowed = [g.code for g in self.framework.grades]
        raise GradingError(f"{code!r} is not a grade here (one of: {', '.join(allowed)})")

    def _ensure(self, case_id: str, actor: Assessor) -> Working:
        key = (case_id, actor.id)
        working = self.assessments.get(key)
        if working is not None:
            return working
        row = {
            "id": self.new_id(),
            "case_id": case_id,
            "assessor_id": actor.id,
            "overall_grade": None,
            "override_reason": "",
            "status": NOT_STARTED,
            "started_at": self.now,
            "updated_at": self.now,
            "completed_at": None,
        }
        working = self.assessments[key] = Working(row)
        self.new["assessments"][row["id"]] = row
        self._audit(
            actor, case_id, "assessments", row["id"], "assessor", None, actor.name,
            "assessment started",
        )  # fmt: skip
        return working

    def _criterion_change(
        self,
        case_id: str,
        case_type: str,
        actor: Assessor,
        criterion_id: str,
        field: str,
        value: Any,
    ) -> int:
        criterion = self.criteria.get(criterion_id)
        if criterion is None:
            raise GradingError(f"{criterion_id!r} is not a criterion of this framework")
        if not criterion.applies(case_type, self.attributes):
            if case_type in criterion.applies_to:  # a condition on the case's attributes
                met = self.framework.conditions_text(criterion)
                raise GradingError(f"{criterion.title!r} applies only when {met}")
            raise GradingError(
                f"{criterion.title!r} does not apply to "
                f"{self.framework.case_type_label(case_type)!r} cases"
            )
        working = self._ensure(case_id, actor)
        existing = working.grades.get(criterion_id)
        old = existing[field] if existing else (None if field == "grade" else "")
        if old == value:
            return 0
        if existing is None:
            record = {
                "id": self.new_id(),
                "assessment_id": working.row["id"],
                "criterion_id": criterion_id,
                "grade": None,
                "note": "",
                "prompts": "",
                "graded_by": actor.id,
                "graded_at": self.now,
            }
            working.grades[criterion_id] = record
            self.new["criterion_grades"][record["id"]] = record
        else:
            record = existing
            record["graded_by"] = actor.id
            record["graded_at"] = self.now
            self._touched("criterion_grades", record)
        record[field] = value
        self._audit(
            actor, case_id, "criterion_grades", record["id"], f"{criterion_id}.{field}", old, value
        )
        self._finish(case_id, case_type, actor, working)
        return 1

    def _set_overall(
        self,
        case_id: str,
        case_type: str,
        actor: Assessor,
        grade: str | None,
        override_reason: str | None,
    ) -> int:
        self._check_grade(grade, criterion=False)
        working = self._ensure(case_id, actor)
        row = working.row
        values: dict[str, Any] = {}
        if row["overall_grade"] != grade:
            values["overall_grade"] = grade
        if override_reason is not None and row["override_reason"] != override_reason:
            values["override_reason"] = override_reason
        if not values:
            return 0
        for key, new in values.items():
            self._audit(actor, case_id, "assessments", row["id"], key, row[key], new)
            row[key] = new
        self._touched("assessments", row)
        self._finish(case_id, case_type, actor, working)
        return 1

    def _set_referral(
        self, case_id: str, case_type: str, actor: Assessor, reason: str, note: str
    ) -> int:
        if reason and reason not in self.reasons:
            allowed = ", ".join(r.code for r in self.framework.referral_reasons)
            raise GradingError(
                f"{reason!r} is not a referral reason (one of: {allowed})",
                where=Where(case=case_id, field=REFERRAL_FIELD),
            )
        working = self._ensure(case_id, actor)
        existing = working.referral
        if existing is None:
            referral = {
                "id": self.new_id(),
                "assessment_id": working.row["id"],
                "reason": reason,
                "note": note,
                "state": FLAGGED,
                "flagged_by": actor.id,
                "flagged_at": self.now,
            }
            working.referral = referral
            self.new["referrals"][referral["id"]] = referral
            self._audit(actor, case_id, "referrals", referral["id"], "flag", None, FLAGGED)
            changes = {"reason": ("", reason), "note": ("", note)}
        else:
            referral = existing
            changes = {
                k: (existing[k], v)
                for k, v in (("reason", reason), ("note", note))
                if existing[k] != v
            }
            if not changes:
                return 0  # the same flag again: nothing to write
            if existing["state"] != FLAGGED:
                raise GradingError(
                    "a referral a supervisor has decided cannot be changed "
                    f"(it is {existing['state'].replace('_', ' ')})",
                    where=Where(case=case_id, field=REFERRAL_FIELD),
                )
            for key, (_old, new) in changes.items():
                referral[key] = new
            self._touched("referrals", referral)
        for key, (old, new) in changes.items():
            if old != new:
                self._audit(actor, case_id, "referrals", referral["id"], key, old, new)
        self._finish(case_id, case_type, actor, working)
        return 1

    def _finish(self, case_id: str, case_type: str, actor: Assessor, working: Working) -> None:
        """``refresh_status``: derive the status, touch the assessment, log a change."""
        row = working.row
        status = self._status(case_type, working)
        row["updated_at"] = self.now
        if status != row["status"]:
            was = row["status"]
            if status not in DONE_STATUSES:
                row["completed_at"] = None
            elif was not in DONE_STATUSES:
                row["completed_at"] = self.now
            row["status"] = status
            self._audit(actor, case_id, "assessments", row["id"], "status", was, status)
        self._touched("assessments", row)

    def _status(self, case_type: str, working: Working) -> str:
        """``derive_status`` of the working copy.

        The first three answers are ``derive_status``'s own first steps, taken here without
        building the assessment (most edits of an import leave a case in progress): nothing
        recorded is not started; an open question is returned; an applicable criterion not
        graded, or no overall grade, is a problem of ``completion_problems``, so in progress.
        ``tests/core/importing/test_import_bulk_grading.py`` checks this against
        ``derive_status`` on random assessments.
        """
        row, grades = working.row, working.grades
        if not (
            row["overall_grade"] is not None
            or working.referral is not None
            or any(g["grade"] is not None or g["note"] for g in grades.values())
        ):
            return NOT_STARTED
        if working.questioned:
            return RETURNED
        if row["overall_grade"] is None:
            return IN_PROGRESS
        applying = self.applying.get(case_type, ())
        if self.conditional and self.attributes is not None:  # by the case's attributes too
            applying = tuple(c.id for c in self.framework.criteria_for(case_type, self.attributes))
        for criterion_id in applying:
            graded = grades.get(criterion_id)
            if graded is None or graded["grade"] is None:
                return IN_PROGRESS
        return derive_status(
            self.rules,  # type: ignore[arg-type]
            case_type,
            working.assessment(),
            self.attributes,
        )

    # --- the rows kept until written ---------------------------------------------------------
