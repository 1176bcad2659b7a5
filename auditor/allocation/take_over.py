"""Taking over a case: the actor's own assessment receives a copy of the grading that counts,
as ordinary grading edits (each audited, the status derived as for any edit), so nothing is
lost and the actor's grading becomes the reported one (it is the most recently updated)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from auditor.errors import Refused
from auditor.grading.rules import AWAITING_REVIEW, FLAGGED, REFERRAL_STATE_LABELS
from auditor.records import Assessor
from db import allocations as allocation_rows
from db import grading as grading_rows

if TYPE_CHECKING:
    from auditor.inspection import Inspection


class TakeOverRefused(Refused):
    """A take-over that is not allowed: the case is under review or decided, or is one's own."""


def take_over(inspection: Inspection, actor: Assessor, case_id: str) -> str:
    """Copy the grading that counts into ``actor``'s assessment; the name of whom the case is
    taken from. Call inside the take-over's transaction (the allocation is the caller's)."""
    case = inspection.case(case_id)
    names = {p.id: p.name for p in inspection.assessors()}
    assessments = grading_rows.assessments_for_case(inspection.db, case_id)
    for row in assessments:
        referral = grading_rows.referral_for_assessment(inspection.db, row["id"])
        if referral is not None and referral["state"] != FLAGGED:
            state = REFERRAL_STATE_LABELS.get(referral["state"], referral["state"]).lower()
            raise TakeOverRefused(
                f"{case.reference}: its referral has been decided ({state}); a decided case "
                "cannot be taken over"
            )
        if row["status"] == AWAITING_REVIEW:
            raise TakeOverRefused(
                f"{case.reference}: it is awaiting a supervisor's review; it cannot be taken "
                "over until the review is decided"
            )
    held = allocation_rows.allocations_of(inspection.db, [case_id]).get(case_id)
    shown_id = allocation_rows.shown_assessment_id(inspection.db, case_id)
    shown = next((a for a in assessments if a["id"] == shown_id), None)
    if shown is not None and shown["assessor_id"] == actor.id:
        raise TakeOverRefused(
            f"{case.reference}: the grading that counts is {actor.name}'s own; there is "
            "nothing to take over"
        )
    if shown is None and held in (None, actor.id):
        raise TakeOverRefused(
            f"{case.reference}: nobody else has graded it or holds it; there is nothing to "
            "take over"
        )
    if shown is not None:
        _copy(inspection, actor, case_id, shown)
    source = shown["assessor_id"] if shown is not None and held in (None, actor.id) else held
    return names.get(str(source), "someone not on the roster")


def _copy(inspection: Inspection, actor: Assessor, case_id: str, source: dict[str, Any]) -> None:
    """Copy ``source``'s grades, notes, overall grade and flag as ``actor``'s own edits."""
    grading = inspection.grading
    db = inspection.db
    theirs = grading_rows.criterion_grades(db, source["id"])
    mine_row = grading_rows.get_assessment(db, case_id, actor.id)
    mine = grading_rows.criterion_grades(db, mine_row["id"]) if mine_row else {}
    for criterion_id, row in sorted(theirs.items()):
        own = mine.get(criterion_id, {})
        if row["grade"] != own.get("grade"):
            grading.set_grade(case_id, actor, criterion_id, row["grade"])
        if row["note"] != own.get("note", ""):
            grading.set_note(case_id, actor, criterion_id, row["note"])
    if source["overall_grade"] is not None or source["override_reason"]:
        grading.set_overall(case_id, actor, source["overall_grade"], source["override_reason"])
    referral = grading_rows.referral_for_assessment(db, source["id"])
    if referral is not None:
        grading.set_referral(case_id, actor, referral["reason"], referral["note"])
